import Inspector
import Review
import SceneData
import Testing

/// A decision made before the dataset's negative changed is not a current decision.
@Suite struct StaleDecisionTests {
    static let hash: @Sendable (Negative, Item) -> String = { ContentHash.of($0, in: $1) }

    /// Item 0 fully decided, but n1's decision was made on other content.
    static func store() throws -> MemoryStore {
        let store = MemoryStore()
        let item = Fixture.items[0]
        try store.record(NegativeKey(itemID: item.id, negativeID: "n1"), verdict: .reject, contentHash: "fnv1a64:old", note: nil, tags: nil)
        let n2 = try #require(item.negative("n2"))
        try store.record(NegativeKey(itemID: item.id, negativeID: "n2"), verdict: .accept, contentHash: hash(n2, item), note: nil, tags: nil)
        return store
    }

    @Test func resumeStopsAtTheStaleDecisionAndShowsItAsStale() throws {
        let store = try Self.store()
        let (s, _) = Fixture.app(index: nil, store: store, hash: Self.hash)
        #expect(s.nav.index == 0 && s.negative?.id == "n1")
        #expect(s.screen.contains("decision: reject (stale: the negative changed since)"))
        #expect(s.undecided("n1") && !s.undecided("n2"))
    }

    @Test func decidingAgainReplacesTheStaleDecision() throws {
        let store = try Self.store()
        var (s, r) = Fixture.app(index: 0, store: store, hash: Self.hash)
        #expect(s.negative?.id == "n1")
        s.press("x", r)
        let d = try #require(try store.decisions(itemID: "clevr-0")["n1"])
        #expect(!ContentHash.isStale(d, negative: try #require(Fixture.items[0].negative("n1")), in: Fixture.items[0]))
        // n2 is decided on current content, so the next undecided is in the next item.
        #expect(s.nav.index == 1)
        s.press("p", r)
        #expect(!s.screen.contains("stale"))
    }
}
