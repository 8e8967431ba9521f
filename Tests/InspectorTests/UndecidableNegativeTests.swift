import Foundation
import Testing
import Review
import SceneData
@testable import Inspector

/// Negatives that cannot be decided are refused like those with a shared
/// negative id: no rationale (an accepted pair would have an empty rejected
/// side), or an item id that another item also has (decisions keyed by it
/// would land on both items).
@Suite struct UndecidableNegativeTests {
    func app(_ items: [Item], store: MemoryStore, index: Int? = 0) -> (AppState, EffectRunner) {
        let source = InMemorySource(items: items, images: Dictionary(uniqueKeysWithValues: (0..<4).map { ("img\($0).png", [UInt8(1)]) }))
        let runner = EffectRunner(services: .init(source: source, store: store, decode: Fixture.decode, contentHash: { _, _ in "" }))
        var s = AppState(width: 160, height: 48, datasetName: "fixture", annotator: store.annotator, imageMode: .truecolor)
        s.nav.itemCount = items.count; s.nav.fullyIndexed = true; s.nav.indexFraction = 1
        Headless.settle(&s, InspectorApp.start(&s, at: index), runner: runner)
        return (s, runner)
    }

    /// The fixture with item 1's first negative stripped of its rationale.
    static let noRationale: [Item] = {
        var items = Fixture.items
        items[1].negatives[0].rationale = Rationale(steps: [])
        return items
    }()

    /// The fixture with item 2 carrying item 0's id.
    static let repeatedID: [Item] = {
        var items = Fixture.items
        items[2].id = "clevr-0"
        return items
    }()

    @Test func aNegativeWithoutRationaleIsRefusedAndSaysWhy() throws {
        let store = MemoryStore()
        var (s, r) = app(Self.noRationale, store: store, index: 1)
        #expect(s.screen.contains("cannot be decided"))
        s.press("a", r)
        #expect(store.current.isEmpty)
        #expect(s.flash?.text == "n1 of clevr-1 has no rationale, nothing to judge: fix the dataset (validate reports it); not saved")
        s.press("cmy note<Enter>", r)
        #expect(store.current.isEmpty)
        // The other negative of the item is decided as usual.
        s.press("]a", r)
        #expect(try store.decisions(itemID: "clevr-1")["n2"]?.verdict == .accept)
    }

    @Test func anOldDecisionOnANegativeWithoutRationaleIsNotShown() throws {
        let store = MemoryStore()
        try store.record(NegativeKey(itemID: "clevr-1", negativeID: "n1"), verdict: .accept, contentHash: "", note: nil, tags: nil)
        let (s, _) = app(Self.noRationale, store: store, index: 1)
        #expect(!s.screen.contains("decision: accept"))
        #expect(s.screen.contains("cannot be decided"))
    }

    @Test func resumeAndNextUndecidedPassOverANegativeWithoutRationale() throws {
        let store = MemoryStore()
        try store.record(NegativeKey(itemID: "clevr-0", negativeID: "n1"), verdict: .accept, contentHash: "", note: nil, tags: nil)
        try store.record(NegativeKey(itemID: "clevr-0", negativeID: "n2"), verdict: .accept, contentHash: "", note: nil, tags: nil)
        try store.record(NegativeKey(itemID: "clevr-1", negativeID: "n2"), verdict: .accept, contentHash: "", note: nil, tags: nil)
        // Item 1's only open negative has no rationale: nothing there is left to do.
        let (s, _) = app(Self.noRationale, store: store, index: nil)
        #expect(s.nav.index == 2)
    }

    @Test func anItemWhoseIDRepeatsIsRefusedAndSaysWhy() throws {
        let store = MemoryStore()
        var (s, r) = app(Self.repeatedID, store: store, index: 0)
        #expect(s.screen.contains("cannot be decided"))
        s.press("a", r)
        #expect(store.current.isEmpty)
        #expect(s.flash?.text == "clevr-0 is the id of items 1 and 3: fix the dataset (validate reports it); not saved")
        s.press("cmy note<Enter>", r)
        #expect(store.current.isEmpty)
        // Other items are decided as usual.
        s.press("na", r)
        #expect(try store.decisions(itemID: "clevr-1")["n1"]?.verdict == .accept)
    }

    @Test func aDecisionOnARepeatedItemIDShowsOnNeitherItem() throws {
        let store = MemoryStore()
        try store.record(NegativeKey(itemID: "clevr-0", negativeID: "n1"), verdict: .accept, contentHash: "", note: nil, tags: nil)
        for index in [0, 2] {
            let (s, _) = app(Self.repeatedID, store: store, index: index)
            #expect(s.nav.index == index)
            #expect(!s.screen.contains("decision: accept"))
            #expect(s.screen.contains("cannot be decided"))
        }
    }

    @Test func resumePassesOverItemsWhoseIDRepeats() throws {
        let (s, _) = app(Self.repeatedID, store: MemoryStore(), index: nil)
        #expect(s.nav.index == 1)
    }

    @Test func theRuleIsCheckedOnceWhereTheKeyIsPressedAndNothingIsSentToTheStore() throws {
        // The rule of what cannot be decided is applied by `update` alone: a
        // refused key produces no store effect at all (the runner records what it is sent).
        let store = MemoryStore()
        var (s, _) = app(Self.repeatedID, store: store, index: 0)
        let fx = InspectorApp.update(&s, .key(.char("a")))
        #expect(!fx.contains { if case .record = $0 { return true }; return false })
        #expect(s.phase == .idle && store.current.isEmpty)
        #expect(s.flash?.text == "clevr-0 is the id of items 1 and 3: fix the dataset (validate reports it); not saved")
        // A decidable negative's record carries the item shown, so the runner looks nothing up again.
        var (t, _) = app(Self.repeatedID, store: store, index: 1)
        let record = InspectorApp.update(&t, .key(.char("a")))
        #expect(record == [.record(NegativeKey(itemID: "clevr-1", negativeID: "n1"), .accept, item: Self.repeatedID[1], note: nil, tags: nil)])
    }

    /// A source whose ids are still being read until `idsRead` is set, as a
    /// large file's are for the first seconds.
    final class SlowIDs: ItemSource, @unchecked Sendable {
        let inner: InMemorySource
        var idsRead = false
        init(_ items: [Item]) { inner = InMemorySource(items: items, images: ["img0.png": [1], "img1.png": [1], "img2.png": [1], "img3.png": [1]]) }
        var count: Int { inner.count }
        var isFullyIndexed: Bool { true }
        var byteSize: Int64 { 0 }
        func load(_ index: Int) -> LoadedItem { inner.load(index) }
        func index(ofID id: String) -> Int? { inner.index(ofID: id) }
        func imageBytes(for source: ImageSource) throws -> [UInt8] { try inner.imageBytes(for: source) }
        func indexAll(progress: @escaping @Sendable (Int, Double, Bool) -> Void) { progress(count, 1, true) }
        func negativeCount(ofItem index: Int) -> Int? { inner.negativeCount(ofItem: index) }
        func hasItem(_ index: Int) -> Bool { index < count }
        func positions(sharingID id: String) -> [Int] { inner.positions(sharingID: id) }
        func knownPositions(sharingID id: String) -> [Int]? { idsRead ? positions(sharingID: id) : nil }
    }

    @Test func decisionsDoNotWaitForTheIdsOfALargeFileAndAreCheckedOnceTheyAreRead() throws {
        // On a 200k-item file reading every id took seconds, and the first
        // decision waited for it. It is taken at once now; once the ids are
        // known, a repeated one is shown and refused as usual.
        let store = MemoryStore()
        let source = SlowIDs(Self.repeatedID)
        let runner = EffectRunner(services: .init(source: source, store: store, decode: Fixture.decode, contentHash: { _, _ in "" }))
        var s = AppState(width: 160, height: 48, datasetName: "fixture", annotator: store.annotator, imageMode: .truecolor)
        s.nav.itemCount = source.count; s.nav.fullyIndexed = true; s.nav.indexFraction = 1
        Headless.settle(&s, InspectorApp.start(&s, at: 0), runner: runner)
        s.press("a", runner)
        #expect(try store.decisions(itemID: "clevr-0")["n1"]?.verdict == .accept)
        source.idsRead = true
        Headless.settle(&s, InspectorApp.update(&s, .idsKnown), runner: runner)
        #expect(s.screen.contains("cannot be decided"))
        s.press("x", runner)
        #expect(s.flash?.text.contains("clevr-0 is the id of items") == true, "\(s.flash?.text ?? "")")
        // Stats and export leave the early decision out, as they do any on a repeated id.
    }
}
