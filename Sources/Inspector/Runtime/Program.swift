import TerminalUI

/// The inspector's run loop over any `Terminal`: draws a frame, sleeps until a
/// key arrives or an effect answers (the mailbox wakes it through a self-pipe,
/// never a polling timeout), feeds everything to `update`, and hands the
/// effects to the runner. The executable runs it on `NCursesTerminal`; tests on a double.
public final class Program {
    public private(set) var state: AppState
    private let runner: EffectRunner
    private let terminal: Terminal
    private let waker: Waker
    private let mailbox: Mailbox

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
        while !state.quitting {
            if let sig = terminal.quitSignal { return sig }
            if terminal.inputClosed { break }
            if dirty {
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
                }
            }
            msgs += mailbox.drain()
            var effects: [Effect] = []
            for m in msgs { effects += InspectorApp.update(&state, m) }
            submit(effects)
            dirty = dirty || !msgs.isEmpty
        }
        return terminal.quitSignal
    }

    /// The redraw key repaints the terminal itself; typed into a prompt, a
    /// printable one is text.
    private func redraws(_ k: Key) -> Bool {
        guard state.keyMap.action(for: k) == .redraw else { return false }
        if state.prompt == nil { return true }
        if case .char = k { return false }
        return true
    }

    private func submit(_ effects: [Effect]) {
        for e in EffectRunner.coalesce(effects) { runner.submit(e, to: mailbox) }
    }
}
