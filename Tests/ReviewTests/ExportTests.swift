import Foundation
import Testing
import SceneData
@testable import Review

/// Reads a JSON Lines file into dictionaries.
func readLines(_ path: String) throws -> [[String: Any]] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    return try text.split(separator: "\n").map { line in
        try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }
}

/// The text of the single text part of a one-message conversation.
func messageText(_ v: Any?, role: String) throws -> String {
    let msgs = try #require(v as? [[String: Any]])
    #expect(msgs.count == 1)
    #expect(msgs.first?["role"] as? String == role)
    let parts = try #require(msgs.first?["content"] as? [[String: Any]])
    let texts = parts.filter { $0["type"] as? String == "text" }
    #expect(texts.count == 1)
    return try #require(texts.first?["text"] as? String)
}

@Suite struct ExportTests {
    let pngBytes = TinyImages.png
    let chosenText = "The man kneels next to the motorcycle.\nHe looks at the engine.\nAnswer: inspecting it"

    /// Dataset folder `data/` with two items (the second with an inline image), output folder `out/`.
    func setUp() throws -> (dir: URL, items: ArrayReviewItemSource, store: SQLiteReviewStore) {
        let dir = try makeTempDir()
        let data = dir.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data.appendingPathComponent("images"), withIntermediateDirectories: true)
        try Data(pngBytes).write(to: data.appendingPathComponent("images/a.png"))
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("out"), withIntermediateDirectories: true)
        let items = ArrayReviewItemSource([makeItem("i0"), nil, makeItem("i/1", image: .inline(pngBytes))], directory: data.path)
        let store = try SQLiteReviewStore(path: dir.appendingPathComponent("s.sqlite").path, annotator: "ana")
        return (dir, items, store)
    }

    @Test func trlLinesHaveTheVisionPreferenceLayoutFieldByField() throws {
        let (dir, items, store) = try setUp(); defer { try? FileManager.default.removeItem(at: dir) }
        let i0 = try #require(items.reviewItem(at: 0)), i1 = try #require(items.reviewItem(at: 2))
        try decide(store, i0, "n1", .accept)
        try decide(store, i0, "n2", .reject)
        try decide(store, i1, "n2", .accept)
        let out = dir.appendingPathComponent("out/train.jsonl").path
        let summary = try Exporter.export(items: items, store: store, to: out, options: ExportOptions())
        let lines = try readLines(out)
        #expect(lines.count == 2)
        let a = lines[0]
        #expect(Set(a.keys) == ["images", "prompt", "chosen", "rejected", "id", "negative_id", "operator"])
        #expect(a["images"] as? [String] == ["../data/images/a.png"])
        let prompt = try #require(a["prompt"] as? [[String: Any]])
        #expect(prompt.count == 1 && prompt[0]["role"] as? String == "user")
        let parts = try #require(prompt[0]["content"] as? [[String: Any]])
        #expect(parts.count == 2)
        #expect(parts[0].count == 1 && parts[0]["type"] as? String == "image")
        #expect(parts[1]["type"] as? String == "text")
        #expect(parts[1]["text"] as? String == i0.question)
        #expect(try messageText(a["chosen"], role: "assistant") == chosenText)
        #expect(try messageText(a["rejected"], role: "assistant") == "The motorcycle is next to the man.\nSo he rides it.\nAnswer: riding it")
        #expect(a["id"] as? String == "i0" && a["negative_id"] as? String == "n1" && a["operator"] as? String == "swap")
        // Inline image: written beside the export, referenced relative to it.
        let b = lines[1]
        #expect(b["id"] as? String == "i/1" && b["negative_id"] as? String == "n2")
        #expect(b["operator"] as? String == "replace") // the synonym is exported by its canonical name
        #expect(b["images"] as? [String] == ["train.images/2-i_1.png"])
        let written = try Data(contentsOf: dir.appendingPathComponent("out/train.images/2-i_1.png"))
        #expect([UInt8](written) == pngBytes)
        #expect(summary.written == 2 && summary.notAccepted == 1 && summary.undecided == 1)
        #expect(summary.unreadableItems == 1 && summary.imagesWritten == 1)
    }

    @Test func pairsLinesAreTheStandardTextLayout() throws {
        let (dir, items, store) = try setUp(); defer { try? FileManager.default.removeItem(at: dir) }
        let i0 = try #require(items.reviewItem(at: 0))
        try decide(store, i0, "n2", .accept)
        let out = dir.appendingPathComponent("out/pairs.jsonl").path
        try Exporter.export(items: items, store: store, to: out, options: ExportOptions(format: .pairs, absoluteImagePaths: true))
        let lines = try readLines(out)
        #expect(lines.count == 1)
        let p = lines[0]
        #expect(Set(p.keys) == ["prompt", "chosen", "rejected", "images", "id", "negative_id", "operator"])
        #expect(p["prompt"] as? String == i0.question)
        #expect(p["chosen"] as? String == chosenText)
        #expect(p["rejected"] as? String == "The man kneels next to a bicycle.\nAnswer: fixing a bicycle")
        #expect(p["images"] as? [String] == [dir.appendingPathComponent("data/images/a.png").standardizedFileURL.path])
        #expect(p["operator"] as? String == "replace")
    }

    @Test func includeGraphPutsSceneGraphTextBeforeTheQuestion() throws {
        let (dir, items, store) = try setUp(); defer { try? FileManager.default.removeItem(at: dir) }
        let i0 = try #require(items.reviewItem(at: 0))
        try decide(store, i0, "n1", .accept)
        let out = dir.appendingPathComponent("out/g.jsonl").path
        try Exporter.export(items: items, store: store, to: out, options: ExportOptions(format: .pairs, includeGraph: true))
        let p = try #require(try readLines(out).first)
        #expect(p["prompt"] as? String == """
            Scene graph:
            objects: o1 man [kneeling]; o2 motorcycle [red, shiny]
            relations: (o1, next to, o2)
            Question: \(i0.question)
            """)
    }

    @Test func decisionsFormatListsEveryDecisionWithStaleAndOrphanFlags() throws {
        let (dir, items, store) = try setUp(); defer { try? FileManager.default.removeItem(at: dir) }
        let i0 = try #require(items.reviewItem(at: 0))
        try decide(store, i0, "n1", .reject, note: "rides, \"not\" inspects\n", tags: ["not-hard", "mine"])
        var changed = i0
        changed.negatives[1].rationale.answer = "washing it"
        try decide(store, changed, "n2", .accept) // decided on other text: stale now
        try store.record(key("gone", "n1"), verdict: .skip, contentHash: "x", note: nil, tags: nil)
        let bo = try SQLiteReviewStore(path: store.path, annotator: "bo")
        try decide(bo, i0, "n1", .accept)
        let out = dir.appendingPathComponent("out/audit.jsonl").path
        let summary = try Exporter.export(items: items, store: store, to: out, options: ExportOptions(format: .decisions))
        let lines = try readLines(out)
        #expect(lines.count == 4 && summary.written == 4 && summary.orphaned == 1 && summary.staleDecisions == 1)
        #expect(lines.map { "\($0["id"] ?? "")/\($0["negative_id"] ?? "")/\($0["annotator"] ?? "")" }
                == ["gone/n1/ana", "i0/n1/ana", "i0/n1/bo", "i0/n2/ana"])
        let r = lines[1]
        #expect(Set(r.keys) == ["id", "negative_id", "annotator", "verdict", "note", "tags", "time", "content_hash", "stale", "orphaned", "ambiguous", "operator"])
        #expect(r["verdict"] as? String == "reject")
        #expect(r["note"] as? String == "rides, \"not\" inspects\n")
        #expect(r["tags"] as? [String] == ["not-hard", "mine"])
        #expect(r["content_hash"] as? String == ContentHash.of(i0.negatives[0], in: i0))
        #expect(r["stale"] as? Bool == false && r["orphaned"] as? Bool == false && r["operator"] as? String == "swap")
        let time = try #require(r["time"] as? String)
        #expect(time.count == 24 && time.hasSuffix("Z") && time.contains("T"))
        #expect(lines[0]["orphaned"] as? Bool == true && lines[0]["operator"] is NSNull && lines[0]["note"] is NSNull)
        #expect(lines[3]["stale"] as? Bool == true)
        // --annotator keeps one annotator's decisions only.
        try Exporter.export(items: items, store: store, to: out, options: ExportOptions(format: .decisions, annotator: "bo"))
        #expect(try readLines(out).map { $0["annotator"] as? String } == ["bo"])
    }

    @Test func resolutionCombinesAnnotatorsAndSkipsAbstain() throws {
        let (dir, items, store) = try setUp(); defer { try? FileManager.default.removeItem(at: dir) }
        let i0 = try #require(items.reviewItem(at: 0))
        let path = store.path
        let ana = store, bo = try SQLiteReviewStore(path: path, annotator: "bo"), cy = try SQLiteReviewStore(path: path, annotator: "cy")
        // n1: accept, accept, reject. n2: accept, skip.
        try decide(ana, i0, "n1", .accept); try decide(bo, i0, "n1", .accept); try decide(cy, i0, "n1", .reject)
        try decide(ana, i0, "n2", .accept); try decide(bo, i0, "n2", .skip)
        let out = dir.appendingPathComponent("out/r.jsonl").path
        func exported(_ o: ExportOptions) throws -> [String] {
            try Exporter.export(items: items, store: store, to: out, options: o)
            return try readLines(out).compactMap { $0["negative_id"] as? String }
        }
        #expect(try exported(ExportOptions(resolve: .majority)) == ["n1", "n2"])
        #expect(try exported(ExportOptions(resolve: .unanimous)) == ["n2"])
        #expect(try exported(ExportOptions(resolve: .any)) == ["n1", "n2"])
        #expect(try exported(ExportOptions(annotator: "cy", resolve: .any)) == [])
        #expect(try exported(ExportOptions(annotator: "bo")) == ["n1"])
        // A tie (one accept, one reject) is not a majority.
        try decide(bo, i0, "n1", .skip)
        #expect(try exported(ExportOptions(resolve: .majority)) == ["n2"])
    }

    @Test func minConfidenceDropsLowPairsAndKeepsPairsWithoutOne() throws {
        let (dir, items, store) = try setUp(); defer { try? FileManager.default.removeItem(at: dir) }
        var i0 = try #require(items.reviewItem(at: 0))
        i0.negatives[0].scores = nil // no confidence at all: kept
        let source = ArrayReviewItemSource([i0], directory: items.directory)
        try decide(store, i0, "n1", .accept)
        try decide(store, i0, "n2", .accept) // confidence 0.4
        let out = dir.appendingPathComponent("out/c.jsonl").path
        let s = try Exporter.export(items: source, store: store, to: out, options: ExportOptions(minConfidence: 0.5))
        #expect(try readLines(out).compactMap { $0["negative_id"] as? String } == ["n1"])
        #expect(s.belowConfidence == 1 && s.keptWithoutConfidence == 1)
        let s2 = try Exporter.export(items: source, store: store, to: out, options: ExportOptions(minConfidence: 0.4))
        #expect(s2.written == 2)
        #expect(s.line(format: .trl, out: "c.jsonl", minConfidence: 0.5)
                == "wrote 1 pair to c.jsonl; skipped 1 below confidence 0.5; kept 1 without a confidence")
    }

    @Test func staleDecisionsAreNotExported() throws {
        let (dir, items, store) = try setUp(); defer { try? FileManager.default.removeItem(at: dir) }
        let i0 = try #require(items.reviewItem(at: 0))
        try decide(store, i0, "n1", .accept)
        var changed = i0
        changed.negatives[0].rationale.steps = ["The man rides the motorcycle."]
        let out = dir.appendingPathComponent("out/s.jsonl").path
        let s = try Exporter.export(items: ArrayReviewItemSource([changed], directory: items.directory), store: store, to: out,
                                    options: ExportOptions())
        #expect(s.written == 0 && s.stale == 1 && s.undecided == 1)
        #expect(try readLines(out).isEmpty)
    }

    @Test func pairsWhoseImageFileIsMissingAreSkippedAndCounted() throws {
        let (dir, items, store) = try setUp(); defer { try? FileManager.default.removeItem(at: dir) }
        let lost = makeItem("lost", image: .path("images/none.png"))
        try decide(store, lost, "n1", .accept)
        try decide(store, lost, "n2", .accept)
        let out = dir.appendingPathComponent("out/m.jsonl").path
        let s = try Exporter.export(items: ArrayReviewItemSource([lost], directory: items.directory), store: store, to: out,
                                    options: ExportOptions())
        #expect(s.written == 0 && s.missingImage == 2)
        #expect(s.line(format: .trl, out: "m.jsonl", minConfidence: nil) == "wrote 0 pairs to m.jsonl; skipped 2 with a missing image file")
    }

    struct Cancelled: Error {}

    @Test func bothSidesEndWithAnAnswerLineOrNeitherDoes() throws {
        let (dir, _, store) = try setUp(); defer { try? FileManager.default.removeItem(at: dir) }
        // n1: a plain-string rationale (no answer); n2 has its own answer.
        let item = makeItem("plain", negatives: [
            Negative(id: "n1", op: .swap, operatorName: "swap", edits: [],
                     rationale: Rationale(steps: ["The motorcycle is next to the man."], answer: nil)),
            Negative(id: "n2", op: .replace, operatorName: "replace", edits: [],
                     rationale: Rationale(steps: ["The man kneels next to a bicycle."], answer: "fixing a bicycle")),
        ])
        try decide(store, item, "n1", .accept)
        try decide(store, item, "n2", .accept)
        let out = dir.appendingPathComponent("out/p.jsonl").path
        try Exporter.export(items: ArrayReviewItemSource([item], directory: dir.appendingPathComponent("data").path), store: store, to: out,
                            options: ExportOptions(format: .pairs))
        let lines = try readLines(out)
        let plain = try #require(lines.first { $0["negative_id"] as? String == "n1" })
        let chosenPlain = try #require(plain["chosen"] as? String), rejectedPlain = try #require(plain["rejected"] as? String)
        #expect(!chosenPlain.contains("Answer:") && !rejectedPlain.contains("Answer:"))
        #expect(chosenPlain == "The man kneels next to the motorcycle.\nHe looks at the engine.")
        let answered = try #require(lines.first { $0["negative_id"] as? String == "n2" })
        #expect((answered["chosen"] as? String)?.hasSuffix("\nAnswer: inspecting it") == true)
        #expect((answered["rejected"] as? String)?.hasSuffix("\nAnswer: fixing a bicycle") == true)
    }

    @Test func exportOntoADirectoryLeavesNothingBehind() throws {
        let (dir, items, store) = try setUp(); defer { try? FileManager.default.removeItem(at: dir) }
        // i/1 has an inline image, so a successful export would create taken.images/.
        try decide(store, try #require(items.reviewItem(at: 2)), "n1", .accept)
        let outDir = dir.appendingPathComponent("out")
        let taken = outDir.appendingPathComponent("taken.jsonl")
        try FileManager.default.createDirectory(at: taken, withIntermediateDirectories: false)
        #expect(throws: ReviewStoreError.self) {
            try Exporter.export(items: items, store: store, to: taken.path, options: ExportOptions())
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: outDir.path) == ["taken.jsonl"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: taken.path).isEmpty)
    }

    @Test func aFailedExportLeavesNoFileAndKeepsThePreviousOne() throws {
        let (dir, items, store) = try setUp(); defer { try? FileManager.default.removeItem(at: dir) }
        for it in [items.reviewItem(at: 0), items.reviewItem(at: 2)].compactMap({ $0 }) {
            try decide(store, it, "n1", .accept)
        }
        let outDir = dir.appendingPathComponent("out")
        let fresh = outDir.appendingPathComponent("new.jsonl").path
        #expect(throws: Cancelled.self) {
            try Exporter.export(items: items, store: store, to: fresh, options: ExportOptions()) { done, _ in
                if done == 2 { throw Cancelled() } // after the first item's lines were written
            }
        }
        #expect(!FileManager.default.fileExists(atPath: fresh))
        let old = outDir.appendingPathComponent("old.jsonl").path
        try Data("previous export\n".utf8).write(to: URL(fileURLWithPath: old))
        #expect(throws: Cancelled.self) {
            try Exporter.export(items: items, store: store, to: old, options: ExportOptions()) { done, _ in
                if done == 2 { throw Cancelled() }
            }
        }
        #expect(try String(contentsOfFile: old, encoding: .utf8) == "previous export\n")
        // No temporary files or image folders are left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: outDir.path) == ["old.jsonl"])
        // A writable path in a missing folder fails before anything is written.
        #expect(throws: ReviewStoreError.self) {
            try Exporter.export(items: items, store: store, to: dir.appendingPathComponent("nope/x.jsonl").path, options: ExportOptions())
        }
    }

    @Test func exportReadsARealDatasetFile() throws {
        let dir = try makeTempDir(); defer { try? FileManager.default.removeItem(at: dir) }
        let jsonl = dir.appendingPathComponent("d.jsonl")
        let line = #"{"id": "x1", "image": "img/x1.png", "question": "Is the cup red?", "answer": "yes", "#
            + #""scene_graph": {"entities": [{"id": "o1", "name": "cup"}], "attributes": [["o1", "red"]], "relations": []}, "#
            + #""chosen": {"steps": ["The cup is red."], "answer": "yes"}, "#
            + #""negatives": [{"id": "n1", "operator": "replace", "rationale": {"steps": ["The cup is blue."], "answer": "no"}}]}"#
        try Data((line + "\n\n{broken\n").utf8).write(to: jsonl)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("img"), withIntermediateDirectories: true)
        try Data(pngBytes).write(to: dir.appendingPathComponent("img/x1.png"))
        let data = try Dataset.open(path: jsonl.path)
        data.indexAll()
        let item = try #require(data.reviewItem(id: "x1"))
        let store = try SQLiteReviewStore(path: dir.appendingPathComponent("d.review.sqlite").path, annotator: "ana")
        try decide(store, item, "n1", .accept)
        let out = dir.appendingPathComponent("train.jsonl").path
        let s = try Exporter.export(items: data, store: store, to: out, options: ExportOptions())
        let l = try #require(try readLines(out).first)
        #expect(l["images"] as? [String] == ["img/x1.png"])
        #expect(try messageText(l["chosen"], role: "assistant") == "The cup is red.\nAnswer: yes")
        #expect(try messageText(l["rejected"], role: "assistant") == "The cup is blue.\nAnswer: no")
        #expect(s.written == 1 && s.unreadableItems == 1)
    }

    /// Issue 14: a pair whose image path leads out of the dataset's folder
    /// (climbing, absolute, a symbolic link pointing out) stops the export
    /// before the file is read, and nothing is written; `allowOutside` exports it.
    @Test(arguments: ["climbs", "absolute", "linked"])
    func imagePathsOutsideTheDatasetFolderAreRefusedUnlessAllowed(kind: String) throws {
        let (dir, items, store) = try setUp(); defer { try? FileManager.default.removeItem(at: dir) }
        try TinyImages.write(pngBytes, to: dir, "elsewhere/b.png")
        let outside = dir.appendingPathComponent("elsewhere/b.png").path
        try FileManager.default.createSymbolicLink(atPath: items.directory + "/link.png", withDestinationPath: outside)
        let written = kind == "climbs" ? "../elsewhere/b.png" : kind == "absolute" ? outside : "link.png"
        let item = makeItem("far", image: .path(written))
        try decide(store, item, "n1", .accept)
        let source = ArrayReviewItemSource([makeItem("i0"), item], directory: items.directory)
        try decide(store, try #require(source.reviewItem(at: 0)), "n1", .accept)
        let out = dir.appendingPathComponent("out/o.jsonl").path
        let refusal = try #require(throws: OutsideFolderRefusal.self) {
            try Exporter.export(items: source, store: store, to: out, options: ExportOptions())
        }
        #expect(refusal.itemID == "far" && refusal.written == written)
        #expect(refusal.real == FolderContainment.realPath(outside))
        let d = refusal.diagnostic(file: "data.jsonl")
        #expect(d.formatted.hasPrefix("data.jsonl:1: far: image: \(written) lies outside the dataset folder"), "\(d.formatted)")
        #expect(d.formatted.contains("--allow-outside"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("out").path).isEmpty)
        var allowed = ExportOptions()
        allowed.allowOutside = true
        let s = try Exporter.export(items: source, store: store, to: out, options: allowed)
        #expect(s.written == 2)
        #expect(try readLines(out).contains { ($0["images"] as? [String])?.first?.hasSuffix(kind == "linked" ? "link.png" : "elsewhere/b.png") == true })
    }
}
