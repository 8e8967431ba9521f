import Foundation
import Inspector
import Review
import StoreTestSupport
import TerminalUI
import Testing

/// A terminal that feeds a script of keys and records every frame drawn.
/// `waitFor` steps hold the next key until a frame shows the text, sleeping
/// on the program's waker: only an effect's answer can wake it, so a program
/// that did not wake when an effect finished would never get there.
final class ScriptedTerminal: Terminal, @unchecked Sendable {
    /// `mark` notes how many frames were drawn so far (in `marks`); `run` does something between keys.
    enum Step { case key(Key), resize(Int, Int), waitFor(String), mark, run(() -> Void) }
    var script: [Step]
    var frames: [Buffer] = []
    var marks: [Int] = []
    var invalidations = 0
    var timedOutWaitingFor: String?
    private(set) var size: (width: Int, height: Int)
    private(set) var inputClosed = false
    var quitSignal: Int32? { nil }

    init(width: Int, height: Int, _ script: [Step]) { size = (width, height); self.script = script }

    var lastScreen: String { frames.last?.plainText ?? "" }

    func draw(_ buffer: Buffer) { frames.append(buffer) }
    func invalidate() { invalidations += 1 }

    func waitForEvents(waker: Waker) -> [InputEvent] {
        guard let step = script.first else { inputClosed = true; return [] }
        switch step {
        case .key(let k): script.removeFirst(); return [.key(k)]
        case .resize(let w, let h): script.removeFirst(); size = (w, h); return [.resize(width: w, height: h)]
        case .waitFor(let text):
            if lastScreen.contains(text) { script.removeFirst(); return [] }
            // No polling: asleep until the program's mailbox wakes us (or give up after 10 s).
            if !waker.wait(timeoutMs: 10_000) { timedOutWaitingFor = text; inputClosed = true }
            return []
        case .mark: script.removeFirst(); marks.append(frames.count); return []
        case .run(let body): script.removeFirst(); body(); return []
        }
    }
}

@Suite struct ProgramTests {
    static func program(_ t: ScriptedTerminal) -> Program? {
        var s = AppState(width: t.size.width, height: t.size.height, datasetName: "fixture", annotator: "tester",
                         imageMode: .truecolor)
        s.nav.itemCount = Fixture.items.count
        return Program(state: s, runner: Fixture.runner(), terminal: t)
    }

    @Test func aDecisionIsDrawnAsSavedWhenTheStoreAnswersWithoutAnotherKey() throws {
        let t = ScriptedTerminal(width: 160, height: 48, [
            .waitFor("item 1 of 4"), .waitFor("undecided"),
            .key(.char("a")), .waitFor("saved: accept n1"),
            .key(.char("q")),
        ])
        let p = try #require(Self.program(t))
        #expect(p.run(startAt: 0) == nil)
        #expect(t.timedOutWaitingFor == nil)
        #expect(p.state.quitting)
        #expect(p.state.review.verdicts["n1"] == .accept)
        // The first frame came before anything was loaded; the save was drawn with no key after it.
        #expect(t.frames.contains { $0.plainText.contains("saved: accept n1") })
    }

    @Test func keysMoveBetweenItemsAndTheRedrawKeyRepaints() throws {
        let t = ScriptedTerminal(width: 100, height: 30, [
            .waitFor("item 1 of 4"), .key(.char("n")), .waitFor("item 2 of 4"),
            .key(.ctrl("l")), .resize(160, 48), .waitFor("┌ Lints"),
            .key(.char("q")),
        ])
        let p = try #require(Self.program(t))
        _ = p.run(startAt: 0)
        #expect(t.timedOutWaitingFor == nil)
        #expect(t.invalidations == 1)
        #expect(p.state.nav.index == 1 && p.state.width == 160)
        #expect(t.frames.last?.area.width == 160)
    }

    /// One key, one frame: going back to an item shown a moment ago draws it
    /// once, with its decisions, lints and image, not once per answer. (The
    /// frame may wait as long as it takes here, so the count does not depend on
    /// how fast this machine answers; the real wait is short, see the next test.)
    @Test func aKeyToAnItemShownBeforeDrawsOneFrameWithEverythingOnIt() throws {
        let t = ScriptedTerminal(width: 160, height: 48, [
            .waitFor("reviewed 0 of "), .key(.char("n")), .waitFor("item 2 of 4"), .key(.char("p")), .waitFor("item 1 of 4"),
            .mark, .key(.char("n")), .waitFor("item 2 of 4"), .mark,
            .key(.char("p")), .waitFor("item 1 of 4"), .mark,
            .key(.char("q")),
        ])
        let p = try #require(Self.program(t))
        p.frameWait = 10
        _ = p.run(startAt: 0)
        #expect(t.timedOutWaitingFor == nil)
        #expect(t.marks.count == 3)
        guard t.marks.count == 3 else { return }
        #expect(t.marks[1] - t.marks[0] == 1, "frames for n: \(t.marks[1] - t.marks[0])")
        #expect(t.marks[2] - t.marks[1] == 1, "frames for p: \(t.marks[2] - t.marks[1])")
        let frame = t.frames[t.marks[1] - 1].plainText
        #expect(frame.contains("item 2 of 4") && frame.contains("undecided"))
        #expect(!frame.contains("loading"), "the one frame is the finished one")
        // Its image is drawn in it (the fixture's images decode to a solid picture, drawn with half blocks).
        #expect(frame.contains("▀") || frame.contains("▄") || frame.contains("█"))
    }

    /// A frame waits for answers only a moment: a save the store is slow to
    /// confirm shows "saving" first, then "saved" when it is durable.
    @Test func aSlowSaveIsShownAsSavingUntilTheStoreAnswers() throws {
        let store = GatedStore(MemoryStore(annotator: "tester"))
        let t = ScriptedTerminal(width: 160, height: 48, [
            .waitFor("reviewed 0 of "), .run { store.closed = true },
            .key(.char("a")), .waitFor("saving accept n1"), .run { store.closed = false },
            .waitFor("saved: accept n1"), .key(.char("q")),
        ])
        var s = AppState(width: 160, height: 48, datasetName: "fixture", annotator: "tester", imageMode: .truecolor)
        s.nav.itemCount = Fixture.items.count
        let p = try #require(Program(state: s, runner: Fixture.runner(store: store), terminal: t))
        p.frameWait = 0.05
        _ = p.run(startAt: 0)
        #expect(t.timedOutWaitingFor == nil)
        let saving = t.frames.firstIndex { $0.plainText.contains("saving accept n1") }
        let saved = t.frames.firstIndex { $0.plainText.contains("saved: accept n1") }
        #expect(saving != nil && saved != nil)
        if let saving, let saved { #expect(saving < saved, "saving is drawn before saved") }
        #expect(try store.inner.decisions(itemID: "clevr-0")["n1"]?.verdict == .accept)
    }

    @Test func theLoopEndsWhenInputEnds() throws {
        let t = ScriptedTerminal(width: 80, height: 24, [.waitFor("item 1 of 4")])
        let p = try #require(Self.program(t))
        #expect(p.run(startAt: 0) == nil)
        #expect(!p.state.quitting && t.inputClosed && t.timedOutWaitingFor == nil)
    }
}

/// A store whose writes wait while `closed` (a disk or server slow to confirm).
final class GatedStore: DecisionStore, @unchecked Sendable {
    let inner: MemoryStore
    private let lock = NSCondition()
    private var isClosed = false
    init(_ inner: MemoryStore) { self.inner = inner }
    var closed: Bool {
        get { lock.withLock { isClosed } }
        set { lock.withLock { isClosed = newValue; lock.broadcast() } }
    }
    private func pass() { lock.withLock { while isClosed { lock.wait() } } }
    var annotator: String { inner.annotator }
    func record(_ key: NegativeKey, verdict: Verdict, contentHash: String, note: String?, tags: [String]?) throws -> Decision {
        pass(); return try inner.record(key, verdict: verdict, contentHash: contentHash, note: note, tags: tags)
    }
    func setNote(_ key: NegativeKey, note: String?) throws -> Decision? { pass(); return try inner.setNote(key, note: note) }
    func setTags(_ key: NegativeKey, tags: [String]) throws -> Decision? { pass(); return try inner.setTags(key, tags: tags) }
    func undoLast() throws -> UndoResult? { pass(); return try inner.undoLast() }
    func decisions(itemID: String) throws -> [String: Decision] { try inner.decisions(itemID: itemID) }
    func decidedKeys() throws -> Set<NegativeKey> { try inner.decidedKeys() }
    func summary() throws -> ReviewSummary { try inner.summary() }
    func currentDecisions() throws -> [NegativeKey: Decision] { try inner.currentDecisions() }
}
