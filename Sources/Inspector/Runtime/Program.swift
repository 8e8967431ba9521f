import Dispatch
import TerminalUI

/// The inspector's run loop over any `Terminal`: draws a frame, sleeps until a
/// key arrives or an effect answers (the mailbox wakes it through a self-pipe,
/// never a polling timeout), feeds everything to `update`, and hands the
/// effects to the runner. The executable runs it on `NCursesTerminal`; tests on a double.
///
/// One key, one frame: a key's effects answer separately (item, image, lints,
/// decisions; a save), and drawing a frame for each made a key cost three or
/// four frames. So effects the runner can answer from its caches are answered
/// at once, on this thread, and a frame with answers still out waits for them,
/// up to `frameWait` after the change that made it necessary; only then is it
/// drawn, with whatever has come (a slow load still shows at once that it is loading).
public final class Program {
    public private(set) var state: AppState
    private let runner: EffectRunner
    private let terminal: Terminal
    private let waker: Waker
    private let mailbox: Mailbox
    /// The longest a frame waits for the answers of what changed it (seconds).
    public var frameWait: Double = Program.defaultFrameWait
    /// A 60 Hz frame: a wait this short is not seen, and a cached item's or a save's answers come well within it.
    public static let defaultFrameWait = 0.016

    /// A program for `state`; nil when no wake pipe can be made (no descriptors left).
    public init?(state: AppState, runner: EffectRunner, terminal: Terminal) {
        guard let waker = Waker() else { return nil }
        self.state = state; self.runner = runner; self.terminal = terminal
        self.waker = waker
        mailbox = Mailbox(waker: waker)
    }

    /// Runs until `q`, end of input or a quit signal, starting at item `index`
    /// (nil: where this annotator left off). Returns the signal that ended it, if one did.
    public func run(startAt index: Int?) -> Int32? {
        runner.startIndexing(to: mailbox)
        submit(InspectorApp.start(&state, at: index))
        var dirty = true
        // When the first change not yet drawn came (nil: the screen shows the state).
        var changedAt: UInt64?
        while !state.quitting {
            if let sig = terminal.quitSignal { return sig }
            if terminal.inputClosed { break }
            if dirty, awaitAnswers(changedSince: changedAt) { continue }
            changedAt = nil
            if dirty {
                // Pixels (sixel, kitty) go out right after the one refresh of this frame.
                let f = InspectorApp.frame(state)
                terminal.draw(f.buffer, pixels: f.pixels)
                dirty = false
            }
            let events = terminal.waitForEvents(waker: waker)
            // Emptied before the mailbox is: an answer posted after this wakes the next wait.
            waker.drain()
            var msgs: [Msg] = []
            for ev in events {
                switch ev {
                case .key(let k) where redraws(k):
                    terminal.invalidate(); dirty = true
                case .key(let k): msgs.append(.key(k))
                case .resize(let w, let h): msgs.append(.resize(width: w, height: h))
                case .mouse(let m): msgs.append(.mouse(m))
                }
            }
            msgs += mailbox.drain()
            apply(msgs)
            if dirty || !msgs.isEmpty {
                dirty = true
                if changedAt == nil { changedAt = DispatchTime.now().uptimeNanoseconds }
            }
        }
        return terminal.quitSignal
    }

    /// While the frame has waited less than `frameWait` since `since`: applies
    /// the answers already in, or, with answers still out, waits for the next
    /// one (or the end of that time) and applies what came; then returns true.
    /// False: draw now.
    private func awaitAnswers(changedSince since: UInt64?) -> Bool {
        guard let since else { return false }
        let left = Int64(frameWait * 1e9) - Int64(DispatchTime.now().uptimeNanoseconds - since)
        guard left > 0 else { return false }
        // Answers already in belong to this frame: a fast store (or cache)
        // answers before the loop gets here, and drawing without them drew the
        // same screen a second time a moment later, when they were applied.
        waker.drain()
        let ready = mailbox.drain()
        if !ready.isEmpty { apply(ready); return true }
        guard mailbox.awaitingAnswers else { return false }
        _ = waker.wait(timeoutMs: Int32(min(Int64(Int32.max), (left + 999_999) / 1_000_000)))
        waker.drain()
        apply(mailbox.drain())
        return true
    }

    /// Feeds `msgs` to `update` and runs the effects they ask for.
    private func apply(_ msgs: [Msg]) {
        var effects: [Effect] = []
        for m in msgs { effects += InspectorApp.update(&state, m) }
        submit(effects)
    }

    /// The redraw key repaints the terminal itself; typed into a prompt, a
    /// printable one is text.
    private func redraws(_ k: Key) -> Bool {
        guard state.keyMap.action(for: k) == .redraw else { return false }
        if state.prompt == nil { return true }
        if case .char = k { return false }
        return true
    }

    /// Runs `effects`: those the runner answers from its caches now (their
    /// answers fed to `update` at once, and so on for what those ask for),
    /// the rest in the background.
    private func submit(_ effects: [Effect]) {
        var pending = effects
        // Answers lead to effects that lead to answers: a bound, should a cycle ever answer itself.
        var rounds = 0
        while !pending.isEmpty {
            rounds += 1
            var next: [Effect] = []
            for e in EffectRunner.coalesce(pending) {
                if rounds <= 8, let m = runner.answerNow(e) { next += InspectorApp.update(&state, m) }
                else { runner.submit(e, to: mailbox) }
            }
            pending = next
        }
    }
}
