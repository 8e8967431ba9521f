import Foundation
@testable import Inspector
import Review
import SceneData
import StoreTestSupport
import Testing

/// The decided negatives are read from the store once and then kept by the
/// inspector's own record and undo (issue 17): the last key on an item must
/// not re-read every decision, and what is kept must be what the store says.
@Suite struct DecidedKeysTests {
    /// A store that counts how often every decision key is read.
    final class CountingStore: DecisionStore, @unchecked Sendable {
        let inner: MemoryStore
        private let lock = NSLock()
        private var reads = 0
        var keyReads: Int { lock.withLock { reads } }
        init(_ inner: MemoryStore = MemoryStore()) { self.inner = inner }
        var annotator: String { inner.annotator }
        func record(_ key: NegativeKey, verdict: Verdict, contentHash: String, note: String?, tags: [String]?) throws -> Decision {
            try inner.record(key, verdict: verdict, contentHash: contentHash, note: note, tags: tags)
        }
        func setNote(_ key: NegativeKey, note: String?) throws -> Decision? { try inner.setNote(key, note: note) }
        func undoLast() throws -> UndoResult? { try inner.undoLast() }
        func decisions(itemID: String) throws -> [String: Decision] { try inner.decisions(itemID: itemID) }
        func decidedKeys() throws -> Set<NegativeKey> {
            lock.withLock { reads += 1 }
            return try inner.decidedKeys()
        }
        func summary() throws -> ReviewSummary { try inner.summary() }
        /// The status bar's one full count reads this, not the keys.
        func currentDecisions() throws -> [NegativeKey: Decision] { try inner.currentDecisions() }
    }

    static func app(_ store: DecisionStore, index: Int? = 0) -> (AppState, EffectRunner) {
        let r = Fixture.runner(store: store)
        var s = AppState(width: 160, height: 48, datasetName: "fixture", annotator: store.annotator, asciiOnly: false, imageMode: .truecolor)
        s.nav.itemCount = Fixture.items.count; s.nav.fullyIndexed = true; s.nav.indexFraction = 1
        Headless.settle(&s, InspectorApp.start(&s, at: index), runner: r)
        return (s, r)
    }

    /// Where resume would start: the first unfinished item as `runner` sees it.
    static func firstUnfinished(_ runner: EffectRunner) -> Int? {
        guard case .found(let i, _, _)? = runner.perform(.find(from: 0, forward: true, criterion: .unfinished, includeStart: true)) else { return -1 }
        return i
    }

    /// A source that remembers which items were read.
    final class WatchedSource: ItemSource, @unchecked Sendable {
        let inner = InMemorySource(items: Fixture.items, images: Dictionary(uniqueKeysWithValues: (0..<4).map { ("img\($0).png", [UInt8(1)]) }),
                                   identity: "fixture")
        private let lock = NSLock()
        private var read: [Int] = []
        /// Positions read, in order.
        var loaded: [Int] { lock.withLock { read } }
        var count: Int { inner.count }
        var isFullyIndexed: Bool { true }
        var byteSize: Int64 { 0 }
        var identity: String? { inner.identity }
        func load(_ index: Int) -> LoadedItem { lock.withLock { read.append(index) }; return inner.load(index) }
        func index(ofID id: String) -> Int? { inner.index(ofID: id) }
        func imageBytes(for source: ImageSource) throws -> [UInt8] { try inner.imageBytes(for: source) }
        func indexAll(progress: @escaping @Sendable (Int, Double, Bool) -> Void) { inner.indexAll(progress: progress) }
        func negativeCount(ofItem index: Int) -> Int? { inner.negativeCount(ofItem: index) }
        func hasItem(_ index: Int) -> Bool { inner.hasItem(index) }
        func positions(sharingID id: String) -> [Int] { inner.positions(sharingID: id) }
    }

    /// A session over the watched fixture, resumed (`index` nil) or on item `index`.
    static func session(_ store: MemoryStore, index: Int? = nil) -> (AppState, EffectRunner, WatchedSource) {
        let source = WatchedSource()
        let r = EffectRunner(services: .init(source: source, store: store, decode: Fixture.decode, contentHash: Fixture.realHash))
        var s = AppState(width: 160, height: 48, datasetName: "fixture", annotator: store.annotator, asciiOnly: false, imageMode: .truecolor)
        s.nav.itemCount = Fixture.items.count; s.nav.fullyIndexed = true; s.nav.indexFraction = 1
        Headless.settle(&s, InspectorApp.start(&s, at: index), runner: r)
        return (s, r, source)
    }

    /// Resuming starts at the store's mark, reading no item before it; the
    /// mark follows finished items, moves back with an undo, and an undo it
    /// cannot place sends the next resume back to the top, which still finds
    /// the right item.
    @Test func resumeStartsAtTheMarkAndUndoMovesItBack() throws {
        let store = MemoryStore()
        var (s, r, _) = Self.session(store)
        #expect(s.nav.index == 0)
        s.press("aa", r); s.press("aa", r)
        #expect(s.nav.index == 2)
        r.waitForStore()
        #expect(try store.resumeMark(dataset: "fixture") == ResumeMark(position: 2, itemID: "clevr-2"))

        let (next, _, seen) = Self.session(store)
        #expect(next.nav.index == 2)
        // The walk reads from the mark on (the status bar's count reads the decided items after the item is shown).
        #expect(seen.loaded.first == 2, "items before the mark are not walked: \(seen.loaded)")

        // Undo in the first session: item 1 is in its cache, so the mark moves back to it.
        s.press("u", r)
        r.waitForStore()
        #expect(try store.resumeMark(dataset: "fixture") == ResumeMark(position: 1, itemID: "clevr-1"))
        let (back, _, _) = Self.session(store)
        #expect(back.nav.index == 1 && back.negative?.id == "n2")

        // An undo in a fresh session, of an item it never read: the mark is unusable, the top is walked.
        s.press("a", r)
        r.waitForStore()
        var (other, ro, _) = Self.session(store, index: 3)
        other.press("u", ro)
        ro.waitForStore()
        #expect(try store.resumeMark(dataset: "fixture") == nil)
        let (top, _, walked) = Self.session(store)
        #expect(top.nav.index == 1 && top.negative?.id == "n2")
        #expect(walked.loaded.first == 0)
    }

    @Test func finishingItemsReadsTheDecidedKeysOnce() throws {
        let store = CountingStore()
        var (s, r) = Self.app(store)
        s.press("aa", r)
        #expect(s.nav.index == 1, "item 0 finished: on to the next unfinished item")
        s.press("aa", r)
        #expect(s.nav.index == 2)
        s.press("ax", r)
        #expect(s.nav.index == 3)
        r.waitForStore()
        #expect(store.keyReads <= 1, "read once (in the background), then kept; was one read per finished item")
    }

    /// After each record and undo the kept keys are the store's own (a full
    /// re-read), and the next unfinished item is the one a fresh session finds.
    @Test func keptKeysEqualTheStoreAfterRecordAndUndo() throws {
        let store = MemoryStore()
        var (s, r) = Self.app(store)
        // Read once now (the inspector does it in the background); from here on only record and undo change them.
        r.loadDecided()
        #expect(r.decided.isLoaded)
        for keys in ["a", "a", "u", "x", "a", "a", "u", "u", "u", "s"] {
            s.press(keys, r)
            let fresh = Fixture.runner(store: store)
            #expect(Self.firstUnfinished(r) == Self.firstUnfinished(fresh), "after \(keys)")
            let kept = Set(Fixture.items.flatMap { it in it.negatives.map { NegativeKey(itemID: it.id, negativeID: $0.id) } }
                .filter { r.decided.contains($0) })
            #expect(kept == (try store.decidedKeys()), "after \(keys)")
        }
    }

    /// Right after an undo takes back the last decision of item 0, resuming
    /// starts at item 0 again, in this session and in the next one.
    @Test func resumePositionRightAfterUndo() throws {
        let store = MemoryStore()
        var (s, r) = Self.app(store)
        s.press("aa", r)
        #expect(s.nav.index == 1)
        #expect(Self.firstUnfinished(r) == 1)
        s.press("u", r)
        #expect(Self.firstUnfinished(r) == 0)
        let (again, _) = Self.app(store, index: nil)
        #expect(again.nav.index == 0)
        #expect(again.negative?.id == "n2", "the negative whose decision was taken back")
    }
}
