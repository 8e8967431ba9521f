import Review
import TerminalUI

/// Keys typed while the item they are meant for is still on its way (loading,
/// a lookup running, its decisions being read) wait here and are applied in
/// order once it has arrived, so `n j j j` typed as one burst selects the
/// fourth row of the next item instead of dropping the `j`s.
enum KeyQueue {
    /// True while keys would act on an item that is not (fully) there yet.
    /// Decision keys and the undecided selection need the item's decisions too.
    static func waiting(_ s: AppState) -> Bool { s.phase.waitsForItem }

    /// Queues `k` when it has to wait; returns false when it is to be handled now.
    /// Which keys wait is the key map's `TypeAhead` of each binding.
    static func hold(_ s: inout AppState, _ k: Key) -> Bool {
        guard waiting(s) else { return false }
        if actsAtOnce(s, k) { return false }
        if s.queuedKeys.isEmpty, handledNowWithNothingQueued(s, k) { return false }
        s.queuedKeys.append(k)
        if let v = verdict(s, k) {
            let n = s.queuedVerdicts.count + s.queuedKeys.filter { verdict(s, $0) != nil }.count
            s.flash = "queued \(v.rawValue) (\(n) waiting)"
        }
        return true
    }

    /// Applies queued keys, oldest first, until one of them makes the app wait again.
    static func replay(_ s: inout AppState) -> [Effect] {
        var fx: [Effect] = []
        while !s.queuedKeys.isEmpty, !s.quitting, !waiting(s), s.queuedVerdicts.isEmpty {
            let k = s.queuedKeys.removeFirst()
            fx += Keys.handle(&s, k)
        }
        return fx
    }

    /// Forgets every queued key (a cancelled lookup or a failure: they were meant
    /// for what did not come); returns how many there were.
    static func drop(_ s: inout AppState) -> Int {
        let n = s.queuedKeys.count + s.queuedVerdicts.count
        s.queuedKeys = []
        s.queuedVerdicts = []
        return n
    }

    /// Keys that must not wait behind a slow lookup: quitting, and Esc cancelling the
    /// lookup. Not when the waiting keys opened a prompt or the help: there the key
    /// belongs to them (a `q` typed into a search).
    private static func actsAtOnce(_ s: AppState, _ k: Key) -> Bool {
        switch s.keyMap.typeAhead(k) {
        case .always: return true
        case .atOnce: return !capturedByQueued(s)
        case .cancelsLookup: return s.busy != nil && !capturedByQueued(s)
        default: return false
        }
    }

    /// Keys that need nothing of the item and may go ahead when no key waits before
    /// them: typing into an open prompt or help, decision keys (they have their own
    /// queue, with its message), help, focus, image settings and `f` (its lookup
    /// replaces the running one), and plain item steps (a held-down `n` asks only
    /// for the last item, never for each one in turn).
    private static func handledNowWithNothingQueued(_ s: AppState, _ k: Key) -> Bool {
        if s.prompt != nil || s.showHelp { return true }
        switch s.keyMap.typeAhead(k) {
        case .decision, .independent: return true
        case .step: return s.search == nil && s.filter == .none && s.busy == nil
        default: return false
        }
    }

    /// Whether the queued keys leave a prompt or the help open, so that the next key is typed into it.
    private static func capturedByQueued(_ s: AppState) -> Bool {
        enum Mode { case panes, prompt, help }
        var mode: Mode = s.prompt != nil ? .prompt : (s.showHelp ? .help : .panes)
        for k in s.queuedKeys {
            let action = s.keyMap.action(for: k)
            switch mode {
            case .panes:
                if action?.opensPrompt == true { mode = .prompt } else if action == .help { mode = .help }
            case .prompt:
                // Prompt editing is text, not bindings: Enter and Esc close it.
                if k == .enter || k == .escape { mode = .panes }
            case .help:
                if action == .help || action == .escape || action == .quit { mode = .panes }
            }
        }
        return mode != .panes
    }

    private static func verdict(_ s: AppState, _ k: Key) -> Verdict? {
        s.keyMap.action(for: k)?.verdict
    }
}
