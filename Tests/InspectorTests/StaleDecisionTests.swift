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

@Suite struct RecordedHashTests {
    /// The decision carries the item shown, so the hash recorded is that
    /// negative's whatever the runner's cache of 16 items holds after a search
    /// walked all 24, and the decision is not stale when the item is shown again.
    @Test func aDecisionAfterALongSearchRecordsTheNegativesHash() throws {
        let items = (0..<24).map(Fixture.item)
        let store = MemoryStore()
        let source = InMemorySource(items: items, images: Dictionary(uniqueKeysWithValues: (0..<24).map { ("img\($0).png", [UInt8(1)]) }))
        let r = EffectRunner(services: .init(source: source, store: store, decode: Fixture.decode, contentHash: Fixture.realHash))
        var s = AppState(width: 160, height: 48, datasetName: "many", annotator: store.annotator, imageMode: .truecolor)
        s.nav.itemCount = items.count; s.nav.fullyIndexed = true; s.nav.indexFraction = 1
        Headless.settle(&s, InspectorApp.start(&s, at: 0), runner: r)
        s.press("/no such words<Enter>", r)
        #expect(s.flash?.text == "no item matches \"no such words\"" && s.nav.index == 0)
        s.press("a", r)
        let key = NegativeKey(itemID: "clevr-0", negativeID: "n1")
        #expect(store.current[key]?.contentHash == ContentHash.of(items[0].negatives[0], in: items[0]))
        s.press(":24<Enter>:1<Enter>", r)
        #expect(s.nav.index == 0 && s.review.itemID == "clevr-0" && s.review.staleDecisions.isEmpty)
        #expect(s.review.verdicts["n1"] == .accept)
    }
}
