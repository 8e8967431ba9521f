import Analysis
import Foundation
import SceneData
import Testing
@testable import Review

/// Two negatives of one item sharing an id: a decision keyed by that id cannot
/// say which negative it judged, so nothing built on it may leave the tool.
@Suite struct DuplicateNegativeIDTests {
    /// Item `dup` whose second negative reuses the id `n1` (the first's text equals the chosen text).
    func duplicated() -> Item {
        var item = makeItem("dup")
        item.negatives[0].rationale = item.chosen
        item.negatives[1].id = "n1"
        return item
    }

    func setUp() throws -> (dir: URL, items: ArrayReviewItemSource, store: SQLiteReviewStore) {
        let dir = try makeTempDir()
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("images"), withIntermediateDirectories: true)
        try Data(TinyImages.png).write(to: dir.appendingPathComponent("images/a.png"))
        let items = ArrayReviewItemSource([duplicated(), makeItem("ok")], directory: dir.path)
        let store = try SQLiteReviewStore(path: dir.appendingPathComponent("s.sqlite").path, annotator: "ana")
        return (dir, items, store)
    }

    @Test func exportSkipsNegativesWithASharedIDAndCountsThem() throws {
        let (dir, items, store) = try setUp(); defer { try? FileManager.default.removeItem(at: dir) }
        let dup = duplicated()
        // Accepts as a store made before the inspector refused them would hold (one per content).
        try store.record(key("dup", "n1"), verdict: .accept, contentHash: ContentHash.of(dup.negatives[0], in: dup), note: nil, tags: nil)
        let bo = try SQLiteReviewStore(path: store.path, annotator: "bo")
        try bo.record(key("dup", "n1"), verdict: .accept, contentHash: ContentHash.of(dup.negatives[1], in: dup), note: nil, tags: nil)
        try decide(store, makeItem("ok"), "n1", .accept)
        let out = dir.appendingPathComponent("pairs.jsonl").path
        let summary = try Exporter.export(items: items, store: store, to: out, options: ExportOptions(format: .pairs))
        let lines = try readLines(out)
        #expect(lines.map { "\($0["id"] ?? "")/\($0["negative_id"] ?? "")" } == ["ok/n1"])
        #expect(summary.written == 1 && summary.duplicateNegativeID == 2)
        #expect(summary.line(format: .pairs, out: out, minConfidence: nil).contains("2 with a duplicate negative id"))
    }

    @Test func decisionsExportMarksDecisionsOnASharedIDAmbiguous() throws {
        let (dir, items, store) = try setUp(); defer { try? FileManager.default.removeItem(at: dir) }
        let dup = duplicated()
        try decide(store, dup, "n1", .accept)
        try decide(store, makeItem("ok"), "n2", .reject)
        let out = dir.appendingPathComponent("audit.jsonl").path
        let summary = try Exporter.export(items: items, store: store, to: out, options: ExportOptions(format: .decisions))
        let lines = try readLines(out)
        #expect(lines.map { $0["ambiguous"] as? Bool } == [true, false])
        // Which operator the decision judged is unknown: none is claimed.
        #expect(lines.first?["operator"] is NSNull)
        #expect(lines.last?["operator"] as? String == "replace")
        #expect(summary.ambiguousDecisions == 1)
        #expect(summary.line(format: .decisions, out: out, minConfidence: nil).contains("1 ambiguous"))
    }

    @Test func lintFindingsNameTheNegativeByPosition() throws {
        var item = duplicated()
        item.negatives[1].op = nil
        item.negatives[1].operatorName = "twist"
        let findings = Linter().lint(item, imageSize: nil)
        let identical = try #require(findings.first { $0.name == "identical" })
        let mismatch = try #require(findings.first { $0.name == "operator-mismatch" })
        #expect(identical.negativeIndex == 0 && mismatch.negativeIndex == 1)
        #expect(mismatch.negative(in: item)?.operatorName == "twist")
        #expect(LintRun.textLine(mismatch, file: "d.jsonl", idRepeats: true) .contains("dup/n1 (negatives[1]): operator-mismatch"))
        #expect(LintRun.jsonLine(mismatch, file: "d.jsonl", operator: "twist").contains("\"negative_index\":1"))
        // stats counts each under its own operator, not under the first negative's.
        let counts = LintCounts.count(items: ArrayReviewItemSource([item], directory: "/"), positioned: { i in
            Linter().lint(i, imageSize: nil).filter { $0.severity != .info }.map { ($0.name, $0.negativeIndex) }
        })
        #expect(counts.count("operator-mismatch", operator: "twist") == 1)
        #expect(counts.count("operator-mismatch", operator: "swap") == 0)
        #expect(counts.count("identical", operator: "swap") == 1)
    }
}

/// `stats` neither credits a decision on a shared id to the first negative
/// with that id nor drops it silently: it lists it as ambiguous.
@Suite struct DuplicateNegativeIDStatsTests {
    @Test func decisionsOnASharedIDAreListedNotCounted() throws {
        var dup = makeItem("dup")
        dup.negatives[1].id = "n1"
        let d = Decision(key: key("dup", "n1"), annotator: "ana", verdict: .accept, time: Date(timeIntervalSince1970: 0),
                         contentHash: ContentHash.of(dup.negatives[0], in: dup))
        let r = ReviewStats.compute(items: ArrayReviewItemSource([dup], directory: "/"), decisions: ["dup": [d]])
        #expect(r.overall.negatives == 2 && r.overall.decided == 0)
        #expect(r.byOperator["swap"]?.verdicts.accepted == 0)
        #expect(r.ambiguous.map(\.annotator) == ["ana"])
        #expect(r.orphaned.isEmpty && r.stale.isEmpty)
        let text = r.text(dataset: "d", store: "s")
        #expect(text.contains("1 ambiguous (not counted)"))
        #expect(text.contains("  dup / n1: ana accept"))
        #expect(r.json(dataset: "d", store: "s").contains("\"ambiguous\":[{"))
    }
}
