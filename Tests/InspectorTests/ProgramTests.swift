import Foundation
import Inspector
import TerminalUI
import Testing

/// A terminal that feeds a script of keys and records every frame drawn.
/// `waitFor` steps hold the next key until a frame shows the text, sleeping
/// on the program's waker: only an effect's answer can wake it, so a program
/// that did not wake when an effect finished would never get there.
final class ScriptedTerminal: Terminal, @unchecked Sendable {
    enum Step { case key(Key), resize(Int, Int), waitFor(String) }
    var script: [Step]
    var frames: [Buffer] = []
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

    @Test func theLoopEndsWhenInputEnds() throws {
        let t = ScriptedTerminal(width: 80, height: 24, [.waitFor("item 1 of 4")])
        let p = try #require(Self.program(t))
        #expect(p.run(startAt: 0) == nil)
        #expect(!p.state.quitting && t.inputClosed && t.timedOutWaitingFor == nil)
    }
}
