import Foundation
import Testing
import SceneData
@testable import Review

/// An accepted negative whose text is the chosen text (lint `identical`, an
/// error) must not reach training unless asked for.
@Suite struct FlaggedExportTests {
    func identicalItem() -> Item {
        let chosen = Rationale(steps: ["The man kneels next to the motorcycle.", "He looks at the engine."], answer: "inspecting it")
        let copy = Negative(id: "same", op: .swap, operatorName: "swap", edits: [],
                            rationale: Rationale(steps: ["the man kneels next to the motorcycle", "He looks at the engine!"],
                                                 answer: "inspecting it"))
        var item = makeItem("i0")
        item.negatives.append(copy)
        item.chosen = chosen
        return item
    }

    @Test func anAcceptedIdenticalPairIsLeftOutAndCounted() throws {
        let dir = try makeTempDir(); defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data.appendingPathComponent("images"), withIntermediateDirectories: true)
        try Data(TinyImages.png).write(to: data.appendingPathComponent("images/a.png"))
        let item = identicalItem()
        let items = ArrayReviewItemSource([item], directory: data.path)
        let store = try SQLiteReviewStore(path: dir.appendingPathComponent("s.sqlite").path, annotator: "ana")
        try decide(store, item, "n1", .accept)
        try decide(store, item, "same", .accept)
        let out = dir.appendingPathComponent("train.jsonl").path

        let summary = try Exporter.export(items: items, store: store, to: out, options: ExportOptions())
        #expect(try readLines(out).map { $0["negative_id"] as? String } == ["n1"])
        #expect(summary.flagged == ["identical": 1])
        #expect(summary.line(format: .trl, out: out, minConfidence: nil)
            .contains("1 accepted but flagged identical (error; --include-flagged exports them)"))

        var options = ExportOptions()
        options.includeFlagged = true
        let all = try Exporter.export(items: items, store: store, to: out, options: options)
        #expect(try readLines(out).map { $0["negative_id"] as? String } == ["n1", "same"])
        #expect(all.flagged.isEmpty)
    }
}
