import CLITestSupport
import Foundation
import SceneData
import Testing
@testable import Review

/// A dataset with every problem review must not export (a negative without
/// rationale, an item id on two lines, images that do not decode) beside good
/// items: `validate` names each problem, `export` skips each with its reason,
/// and `stats` counts the same negatives the same way.
@Suite struct GuardsAgreementCLITests {
    static func item(_ id: String, image: String = "images/scene.pgm", question: String? = nil, firstRationale: String? = nil) -> String {
        let rationale = firstRationale ?? #""rationale": {"steps": ["The blue sphere is on the left.", "So no."], "answer": "no"}"#
        return """
        {"id": "\(id)", "image": "\(image)", "question": "\(question ?? "Is the red cube left of the blue sphere (\(id))?")", "answer": "yes", \
        "scene_graph": {"entities": [{"id": "o1", "name": "cube", "box": [1, 1, 2, 2]}, {"id": "o2", "name": "sphere", "box": [5, 1, 2, 2]}], \
        "attributes": [["o1", "red"], ["o2", "blue"]], "relations": [["o1", "left of", "o2"]]}, \
        "chosen": {"steps": ["The red cube is on the left.", "So yes."], "answer": "yes"}, \
        "negatives": [{"id": "n1", "operator": "swap", "edits": [{"op": "swap", "relation": ["o1", "left of", "o2"]}]\(rationale.isEmpty ? "" : ", " + rationale)}, \
        {"id": "n2", "operator": "replace", "edits": [{"op": "replace", "from": "o2", "to": "ball"}], \
        "rationale": {"steps": ["The red cube is left of a ball.", "So no."], "answer": "no"}}]}
        """
    }

    static func makeDataset() throws -> (dir: URL, path: String) {
        let dir = try makeTempDir()
        let pgm = Array("P5\n10 10\n255\n".utf8) + [UInt8](repeating: 128, count: 100)
        try TinyImages.write(pgm, to: dir, "images/scene.pgm")
        try TinyImages.write(TinyImages.corruptCRC, to: dir, "images/crc.png")
        try TinyImages.write(TinyImages.text, to: dir, "images/notes.png")
        try TinyImages.write(TinyImages.huge, to: dir, "images/huge.png")
        let lines = [
            item("b-ok"),
            item("good-1"),
            item("b-norat", firstRationale: ""),
            item("crc", image: "images/crc.png"),
            item("notes", image: "images/notes.png"),
            item("huge", image: "images/huge.png"),
            item("b-ok", question: "Which object is on the left?"),
            item("good-2"),
        ]
        let path = dir.appendingPathComponent("data.jsonl").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return (dir, path)
    }

    /// What the QA pass did: `a` on every negative (one decision on b-ok's keys serves both lines), one `x`.
    static func decideEverything(_ path: String, store: String) throws {
        let data = try Dataset.open(path: path)
        data.indexAll()
        let qa = try SQLiteReviewStore(path: store, annotator: "qa")
        var done: Set<NegativeKey> = []
        for i in 0..<data.count {
            guard let item = data.item(at: i).item else { continue }
            for n in item.negatives where done.insert(key(item.id, n.id)).inserted {
                try decide(qa, item, n.id, item.id == "good-2" && n.id == "n2" ? .reject : .accept)
            }
        }
    }

    @Test func validateExportAndStatsTellTheSameStory() throws {
        let (dir, path) = try Self.makeDataset(); defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("data.review.sqlite").path
        try Self.decideEverything(path, store: store)

        let validate = try ScenelensCLI.run(["validate", path])
        #expect(validate.stdout.contains("\(path):3: b-norat: negatives[0].rationale: required field is missing"))
        #expect(validate.stdout.contains("\(path):7: b-ok: id: duplicate id 'b-ok': also on line 1"))
        var reasons: [String: String] = [:]
        for (line, id, file) in [(4, "crc", "crc.png"), (5, "notes", "notes.png"), (6, "huge", "huge.png")] {
            let prefix = "\(path):\(line): \(id): image: "
            let found = validate.stdout.split(separator: "\n").first { $0.hasPrefix(prefix) }
            let message = try #require(found.map { String($0.dropFirst(prefix.count)) }, "\(validate.stdout)")
            #expect(message.hasPrefix("image does not decode: "))
            reasons["images/" + file] = message
        }

        let out = dir.appendingPathComponent("train.jsonl").path
        let export = try ScenelensCLI.run(["export", path, "--out", out])
        #expect(export.status == 0)
        let summary = "wrote 4 pairs to \(out); skipped 1 not accepted, 4 with a repeated item id, 1 without a rationale, "
            + "6 with an unreadable image; unreadable images: "
            + ["images/crc.png", "images/notes.png", "images/huge.png"].map { "\($0) (\(reasons[$0] ?? "?"))" }.joined(separator: ", ")
        #expect(export.stderr == summary + "\n")
        let pairs = try readLines(out)
        #expect(pairs.map { "\($0["id"] ?? "")/\($0["negative_id"] ?? "")" } == ["good-1/n1", "good-1/n2", "b-norat/n2", "good-2/n1"])
        let plain = dir.appendingPathComponent("pairs.jsonl").path
        _ = try ScenelensCLI.run(["export", path, "--out", plain, "--format", "pairs"])
        #expect(try readLines(plain).allSatisfy { ($0["rejected"] as? String)?.isEmpty == false })

        // Decided in stats = written + not accepted + unreadable image in export; the rest cannot be decided.
        let stats = try ScenelensCLI.run(["stats", path, "--no-lint"])
        let text = stats.stdout
        #expect(text.contains("Negatives  16: 11 decided, 0 undecided, 5 cannot be decided (4 with a repeated item id, 1 without a rationale)"), "\(text)")
        #expect(text.contains("Decisions  11: 10 accept, 1 reject, 0 skip; 0 stale, 0 orphaned, 2 ambiguous, 1 without a rationale (not counted)"), "\(text)")
        #expect(text.contains("Repeated item ids (1): "))
        #expect(text.contains("  b-ok: line 1, line 7"))
        let json = try ScenelensCLI.run(["stats", path, "--no-lint", "--json"]).stdout
        #expect(json.contains(#""negatives":16,"decided":11,"undecided":0,"undecidable":5,"#), "\(json)")

        // The inspector shows neither b-ok as decided and says why nothing can be.
        let second = try ScenelensCLI.run(["render", path, "--item", "6", "--plain", "--size", "160x40", "--store", store, "--annotator", "qa"])
        #expect(!second.stdout.contains("decision: accept"))
        #expect(second.stdout.contains("cannot be decided"))
        let pressed = try ScenelensCLI.run(["render", path, "--item", "2", "--plain", "--size", "160x40", "--store", store,
                                            "--annotator", "qa", "--keys", "a"])
        #expect(pressed.stdout.contains("n1 of b-norat has no rationale, nothing to judge"), "\(pressed.stdout)")
    }
}
