import Foundation
import Inspector
import Review
import SceneData
import Testing

/// The status bar counts what `scenelens stats` counts: current decisions on negatives that exist.
@Suite struct ReviewCountTests {
    /// One current accept, one stale reject, and two orphaned decisions.
    static func store() throws -> MemoryStore {
        let store = MemoryStore()
        let item0 = Fixture.items[0], item1 = Fixture.items[1]
        try store.record(NegativeKey(itemID: item0.id, negativeID: "n1"), verdict: .reject, contentHash: "fnv1a64:old", note: nil, tags: nil)
        let n1 = try #require(item1.negative("n1"))
        try store.record(NegativeKey(itemID: item1.id, negativeID: "n1"), verdict: .accept, contentHash: ContentHash.of(n1, in: item1), note: nil, tags: nil)
        try store.record(NegativeKey(itemID: item1.id, negativeID: "n9"), verdict: .accept, contentHash: "x", note: nil, tags: nil)
        try store.record(NegativeKey(itemID: "gone", negativeID: "n1"), verdict: .reject, contentHash: "x", note: nil, tags: nil)
        return store
    }

    @Test func staleAndOrphanedDecisionsAreNotReviewed() throws {
        let store = try Self.store()
        let (s, _) = Fixture.app(index: 0, store: store)
        #expect(s.screen.contains("decision: reject (stale: the negative changed since)"))
        #expect(s.review.summary == ReviewSummary(accepted: 1, rejected: 0, skipped: 0))
        #expect(s.screen.contains("reviewed 1 · accepted 1 · rejected 0 · skipped 0"))

        // The same numbers as `stats` for this annotator.
        var grouped: [String: [Decision]] = [:]
        for d in try store.currentDecisions().values { grouped[d.key.itemID, default: []].append(d) }
        let report = ReviewStats.compute(items: ArrayReviewItemSource(Fixture.items, directory: "/"), decisions: grouped)
        #expect(report.byAnnotator[store.annotator]?.verdicts == s.review.summary)
        #expect(report.stale.count == 1 && report.orphaned.count == 2)
    }

    @Test func decidingAStaleNegativeAgainCountsItOnce() throws {
        let store = try Self.store()
        var (s, r) = Fixture.app(index: 0, store: store)
        s.press("a", r)
        #expect(s.review.summary == ReviewSummary(accepted: 2, rejected: 0, skipped: 0))
        s.press("u", r)
        // Undo brings back the stale reject: not counted again.
        #expect(s.review.summary == ReviewSummary(accepted: 1, rejected: 0, skipped: 0))
    }

    /// A skip passes a negative over: listed as skipped, not counted as
    /// reviewed; the strip beside the negative's title shows each verdict.
    @Test func aSkipIsNotReviewedAndTheStripShowsEachVerdict() throws {
        var (s, r) = Fixture.app(index: 0)
        s.press("s", r)
        #expect(s.screen.contains("reviewed 0 of 8 · accepted 0 · rejected 0 · skipped 1") || s.screen.contains("reviewed 0 · accepted 0 · rejected 0 · skipped 1"))
        #expect(s.negative?.id == "n2")
        #expect(s.screen.contains("n1- n2·"), "n1 skipped, n2 undecided")
        s.press("x", r)
        s.press("p", r)
        #expect(s.screen.contains("n1- n2✗"))
        var (a, ra) = Fixture.app(index: 0, ascii: true)
        a.press("ax", ra)
        a.press("p", ra)
        #expect(a.screen.contains("n1+ n2x"))
    }
}
