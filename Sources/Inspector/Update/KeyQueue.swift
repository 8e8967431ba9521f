import Review
import TerminalUI

/// Keys typed while the phase holds keys (an item loading, a lookup running,
/// its decisions being read, a decision being saved) wait in the phase's one
/// queue and are applied in order once it lets them act, so `n j j j` typed
/// as one burst selects the fourth row of the next item instead of dropping
/// the `j`s, and `a x` decides two negatives in turn.
enum KeyQueue {
    /// Queues `k` when it has to wait; returns false when it is to be handled now.
    /// Which keys wait is the key map's `TypeAhead` of each binding.
    static func hold(_ s: inout AppState, _ k: Key) -> Bool {
        guard s.phase.holdsKeys else { return false }
        if actsAtOnce(s, k) { return false }
        if s.work.queue.isEmpty, handledNowWithNothingQueued(s, k) { return false }
        s.work.queue.append(k)
        if let v = s.keyMap.action(for: k)?.verdict {
            s.flash = "queued \(v.rawValue) (\(s.work.decisions(s.keyMap)) waiting)"
        }
        return true
    }

    /// Applies queued keys, oldest first, until one of them makes the phase hold keys again.
    static func replay(_ s: inout AppState) -> [Effect] {
        var fx: [Effect] = []
        while let k = s.work.queue.first, !s.quitting, !s.phase.holdsKeys {
            s.work.queue.removeFirst()
            fx += Keys.handle(&s, k)
        }
        return fx
    }

    /// Forgets every queued key (a cancelled lookup or a failure: they were meant
    /// for what did not come); the words that say how many, or "" when none waited.
    static func drop(_ s: inout AppState) -> String {
        let n = s.work.dropQueue(s.keyMap)
        guard n.keys > 0 else { return "" }
        return n.keys == n.decisions ? "\(n.keys) queued decision key(s) not applied" : "\(n.keys) queued key(s) not applied"
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
    /// them: typing into the open help, help, focus, image settings and `f` (its
    /// lookup replaces the running one), and plain item steps (a held-down `n`
    /// asks only for the last item, never for each one in turn). Decision keys
    /// always wait: each needs the one before it saved and the selection moved on.
    private static func handledNowWithNothingQueued(_ s: AppState, _ k: Key) -> Bool {
        if s.panes.showHelp || s.listOpen { return true }
        switch s.keyMap.typeAhead(k) {
        case .independent: return true
        case .step: return s.lookup.stepCriterion == nil && s.busy == nil
        default: return false
        }
    }

    /// Whether the queued keys leave a prompt or the help open, so that the next key is typed into it.
    private static func capturedByQueued(_ s: AppState) -> Bool {
        enum Mode { case panes, prompt, help, table }
        var mode: Mode = s.prompt != nil ? .prompt : s.panes.showHelp ? .help : s.listOpen ? .table : .panes
        for k in s.work.queue {
            let action = s.keyMap.action(for: k)
            switch mode {
            case .panes:
                if action?.opensPrompt == true { mode = .prompt } else if action == .help { mode = .help }
                else if action == .frequency || action == .sort || action == .filters { mode = .table }
            case .prompt:
                // Prompt editing is text, not bindings: Enter and Esc close it.
                if k == .enter || k == .escape { mode = .panes }
            case .help:
                if action == .help || action == .escape || action == .quit { mode = .panes }
            case .table:
                if k == .enter || action == .frequency || action == .sort || action == .filters || action == .escape || action == .quit { mode = .panes }
            }
        }
        return mode != .panes
    }
}
