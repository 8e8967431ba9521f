import CLITestSupport
import Foundation
import Testing

/// validate, lint, stats, export and render count the same dataset the same
/// way: every non-blank line is an item, an unreadable one is named by line.
@Suite struct ItemCountAgreementTests {
    /// Seven non-blank lines (and a blank one): line 4 is not JSON, line 6 names
    /// a missing image, the rest are good items on a 100x100 grey image.
    static func makeDataset() throws -> (dir: URL, path: String) {
        let dir = try makeTempDir()
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("images"), withIntermediateDirectories: true)
        let pgm = Data("P5\n100 100\n255\n".utf8) + Data(repeating: 128, count: 100 * 100)
        try pgm.write(to: dir.appendingPathComponent("images/scene.pgm"))
        func item(_ k: Int, image: String = "images/scene.pgm") -> String {
            """
            {"id": "item-\(k)", "image": "\(image)", "question": "Is the red cube left of the blue sphere (\(k))?", "answer": "yes", \
            "scene_graph": {"entities": [{"id": "o1", "name": "cube", "box": [10, 10, 20, 20]}, {"id": "o2", "name": "sphere", "box": [60, 10, 20, 20]}], \
            "attributes": [["o1", "red"], ["o2", "blue"]], "relations": [["o1", "left of", "o2"]]}, \
            "chosen": {"steps": ["The red cube is on the left.", "So yes."], "answer": "yes"}, \
            "negatives": [{"id": "n1", "operator": "swap", "edits": [{"op": "swap", "relation": ["o1", "left of", "o2"]}], \
            "rationale": {"steps": ["The blue sphere is on the left.", "So no."], "answer": "no"}}]}
            """
        }
        var lines = (1...7).map { k in k == 6 ? item(k, image: "images/missing.png") : item(k) }
        lines[3] = #"{"id": "item-4", "image": "images/scene.pgm", "question": oops}"#
        lines.insert("", at: 2)  // a blank line is no item, and shifts the broken one to file line 5
        let path = dir.appendingPathComponent("data.jsonl").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return (dir, path)
    }

    @Test func everyCommandCountsSevenItemsOneUnreadableOnLineFive() throws {
        let (dir, path) = try Self.makeDataset(); defer { try? FileManager.default.removeItem(at: dir) }
        let story = "7 items (1 unreadable: line 5)"

        let validate = try ScenelensCLI.run(["validate", path])
        #expect(validate.status == 1)
        #expect(validate.stdout.hasSuffix("\(path): \(story), 2 errors, 0 warnings\n"), "\(validate.stdout)")
        #expect(validate.stdout.contains("\(path):5:59: item-4: JSON syntax error"))
        #expect(validate.stdout.contains("\(path):7: item-6: image: image file not found"))

        let json = try ScenelensCLI.run(["validate", "--json", path])
        let summary = try #require(json.stdout.split(separator: "\n").last)
        #expect(summary.contains(#""items":7,"unreadable_items":1,"unreadable_lines":[5],"errors":2"#), "\(summary)")

        let lint = try ScenelensCLI.run(["lint", path])
        #expect(lint.status == 1)  // the unreadable line
        let lintLines = lint.stdout.split(separator: "\n").map(String.init)
        #expect(lintLines.last?.hasPrefix("\(story), 6 negatives: ") == true, "\(lint.stdout)")
        #expect(!lint.stdout.contains("read errors"))
        // The broken line is reported as validate reports it, id included.
        #expect(lint.stderr.contains("\(path):5:59: item-4: JSON syntax error"), "\(lint.stderr)")

        let stats = try ScenelensCLI.run(["stats", path, "--no-lint"])
        #expect(stats.status == 0)
        #expect(stats.stdout.split(separator: "\n").contains("Items      7 (1 unreadable: line 5)"), "\(stats.stdout)")
        #expect(stats.stdout.contains("Negatives  6: 0 decided, 6 undecided"))
        let statsJSON = try ScenelensCLI.run(["stats", path, "--no-lint", "--json"])
        #expect(statsJSON.stdout.contains(#""items":7,"unreadable_items":1,"unreadable_lines":[5]"#), "\(statsJSON.stdout)")

        let out = dir.appendingPathComponent("pairs.jsonl").path
        let export = try ScenelensCLI.run(["export", path, "--out", out])
        // Nothing to write is a failure: a training run on an empty file says nothing useful.
        #expect(export.status == 1)
        #expect(export.stderr.contains("skipped 6 undecided, 1 unreadable item (line 5)\n"), "\(export.stderr)")
        #expect(export.stderr.hasSuffix("no pair written: nothing is accepted and exportable (the counts above say why); \(out) holds no pairs\n"), "\(export.stderr)")

        // The inspector's header counts the same items and names the broken one.
        let render = try ScenelensCLI.run(["render", path, "--item", "3", "--plain", "--size", "120x30"])
        let header = render.stdout.split(separator: "\n").first.map(String.init) ?? ""
        #expect(header.contains("item 4 of 7 · id item-4 (unreadable line 5)"), "\(header)")
    }
}
