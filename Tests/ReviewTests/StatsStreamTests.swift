import Foundation
import Testing
import SceneData
import Analysis
@testable import Review

/// `stats` joins the store's decisions (streamed in item-id order) with the
/// items (read in file order on every core): the report must be the one the
/// in-memory computation gives, whatever the order of the file.
@Suite struct StatsStreamTests {
    /// Items out of id order, a repeated id, an unreadable line, and decisions
    /// on ids before, between and after the items' (orphans), by three annotators.
    func scenario(settle: Bool) throws -> (items: ArrayReviewItemSource, store: SQLiteReviewStore, dir: URL) {
        let dir = try makeTempDir()
        let path = dir.appendingPathComponent("s.sqlite").path
        let ids = ["m", "b", "z", "b", "c9", "a1"]
        var items = ids.map { makeItem($0) }
        // One negative with the chosen text: the identical lint has something to count.
        items[2].negatives[1].rationale = items[2].chosen
        let ana = try SQLiteReviewStore(path: path, annotator: "ana")
        let bo = try SQLiteReviewStore(path: path, annotator: "bo")
        let cy = try SQLiteReviewStore(path: path, annotator: "cy")
        for (k, item) in items.enumerated() {
            try decide(ana, item, "n1", k % 2 == 0 ? .accept : .reject)
            if k % 3 != 1 { try decide(bo, item, "n1", k % 4 == 0 ? .accept : .reject) }
            if k == 2 { try decide(cy, item, "n2", .skip); try decide(bo, item, "n2", .accept) }
        }
        for orphan in ["0", "bb", "n", "zz"] { try ana.record(key(orphan, "n1"), verdict: .reject, contentHash: "x", note: nil, tags: nil) }
        try bo.record(key("m", "n7"), verdict: .accept, contentHash: "x", note: nil, tags: nil)
        if settle {
            let item = items[0]
            let hash = ContentHash.of(item.negatives[0], in: item)
            _ = try ana.settle(key("m", "n1"), verdict: .reject, contentHash: hash, note: nil, adjudicator: "lead")
        }
        var source: [Item?] = items
        source.insert(nil, at: 3)
        return (ArrayReviewItemSource(source, directory: dir.path), ana, dir)
    }

    func grouped(_ store: SQLiteReviewStore, annotator: String? = nil) throws -> [String: [Decision]] {
        var out: [String: [Decision]] = [:]
        try store.forEachDecision(annotator: annotator) { out[$0.key.itemID, default: []].append($0) }
        return out
    }

    @Test(arguments: [false, true])
    func streamedReportIsTheHeldOne(_ settle: Bool) throws {
        let (items, store, dir) = try scenario(settle: settle); defer { try? FileManager.default.removeItem(at: dir) }
        let settlements = try store.settlements()
        let streamed = try ReviewStats.compute(items: items, store: store, annotator: nil, settlements: settlements)
        let held = ReviewStats.compute(items: items, decisions: try grouped(store), settlements: settlements)
        #expect(streamed.json(dataset: "d", store: "s") == held.json(dataset: "d", store: "s"))
        #expect(streamed.text(dataset: "d", store: "s") == held.text(dataset: "d", store: "s"))
        #expect(streamed.orphaned.count == 5)
        #expect(streamed.ambiguous.count > 0)
        #expect(!streamed.pairs.isEmpty)
        #expect(streamed.finalAgreement == held.finalAgreement)
        for a in ["ana", "bo"] {
            let one = try ReviewStats.compute(items: items, store: store, annotator: a)
            let oneHeld = ReviewStats.compute(items: items, decisions: try grouped(store, annotator: a))
            #expect(one.json(dataset: "d", store: "s") == oneHeld.json(dataset: "d", store: "s"))
        }
    }

    @Test func lintsCountedInTheWalkAreLintCounts() throws {
        let (items, store, dir) = try scenario(settle: false); defer { try? FileManager.default.removeItem(at: dir) }
        let linter = Linter()
        let lint: @Sendable (Item) -> [(name: String, negativeIndex: Int?)] = { item in
            linter.lint(item, imageSize: nil).filter { $0.severity != .info }.map { ($0.name, $0.negativeID == nil ? nil : $0.negativeIndex) }
        }
        let r = try ReviewStats.compute(items: items, store: store, annotator: nil, lint: lint)
        let alone = LintCounts.count(items: items, positioned: lint)
        #expect(r.lints == alone)
        #expect(r.lints?.count("identical") == 1)
    }
}
