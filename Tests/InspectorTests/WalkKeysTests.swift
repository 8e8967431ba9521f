import Foundation
@testable import Inspector
import Review
import SceneData
import StoreTestSupport
import TerminalUI
import Testing

/// A long walk never holds the keyboard (issue 17, deliverable 3), through
/// the run loop on a terminal double: while a `/` search walks items that do
/// not come (a source held shut), `?` opens the help in a frame drawn before
/// the walk has ended, and ONE Esc cancels the walk.
@Suite struct WalkKeysTests {
    /// The fixture's items; once `closed`, any item not read before waits until it opens.
    final class HeldSource: ItemSource, @unchecked Sendable {
        let inner = InMemorySource(items: Fixture.items, images: Dictionary(uniqueKeysWithValues: (0..<4).map { ("img\($0).png", [UInt8(1)]) }))
        private let lock = NSCondition()
        private var isClosed = false
        private var read: Set<Int> = []
        private var waiting = 0
        var closed: Bool {
            get { lock.withLock { isClosed } }
            set { lock.withLock { isClosed = newValue; lock.broadcast() } }
        }
        /// How many loads are waiting for the source to open.
        var held: Int { lock.withLock { waiting } }
        var count: Int { inner.count }
        var isFullyIndexed: Bool { true }
        var byteSize: Int64 { 0 }
        func load(_ index: Int) -> LoadedItem {
            lock.withLock {
                if !read.contains(index) {
                    waiting += 1
                    while isClosed { lock.wait() }
                    waiting -= 1
                }
                read.insert(index)
            }
            return inner.load(index)
        }
        func index(ofID id: String) -> Int? { inner.index(ofID: id) }
        func imageBytes(for source: ImageSource) throws -> [UInt8] { try inner.imageBytes(for: source) }
        func indexAll(progress: @escaping @Sendable (Int, Double, Bool) -> Void) { inner.indexAll(progress: progress) }
        func negativeCount(ofItem index: Int) -> Int? { inner.negativeCount(ofItem: index) }
        func hasItem(_ index: Int) -> Bool { inner.hasItem(index) }
    }

    @Test func aKeyDuringAWalkIsDrawnBeforeItEndsAndOneEscCancelsIt() throws {
        let source = HeldSource()
        var helpWhileHeld = false
        var cancelledWhileHeld = false
        let t = ScriptedTerminal(width: 160, height: 48, [])
        t.script = [
            .waitFor("reviewed 0 of "), .run { source.closed = true },
            .key(.char("/"))] + "nowhere".map { .key(.char($0)) } + [.key(.enter),
            .waitFor("searching"),
            .key(.char("?")), .waitFor("Keys ("),
            .run { helpWhileHeld = source.held > 0 && source.closed },
            .key(.char("?")), .key(.escape), .waitFor("cancelled"),
            .run { cancelledWhileHeld = source.held > 0; source.closed = false },
            .key(.char("q")),
        ]
        var s = AppState(width: 160, height: 48, datasetName: "fixture", annotator: "tester", imageMode: .truecolor)
        s.nav.itemCount = Fixture.items.count
        let runner = EffectRunner(services: .init(source: source, store: MemoryStore(annotator: "tester"),
                                                  decode: Fixture.decode, contentHash: Fixture.realHash))
        let p = try #require(Program(state: s, runner: runner, terminal: t))
        p.frameWait = 0.05
        _ = p.run(startAt: 0)
        source.closed = false
        #expect(t.timedOutWaitingFor == nil, "waited for \(t.timedOutWaitingFor ?? "")")
        #expect(helpWhileHeld, "the help was drawn while the walk was still waiting for an item")
        #expect(cancelledWhileHeld, "one Esc cancelled the walk while it was still waiting")
        // The walk's progress was on screen before the help, and the help frame itself came before the walk ended.
        let walking = t.frames.firstIndex { $0.plainText.contains("searching") }
        let help = t.frames.firstIndex { $0.plainText.contains("Keys (") }
        #expect(walking != nil && help != nil)
        if let walking, let help { #expect(walking < help) }
        #expect(p.state.lookup.search == nil || !p.state.phase.holdsKeys, "nothing left holding the keys")
    }
}
