import Review
import TerminalUI

/// Keys typed while the item they are meant for is still on its way (loading,
/// a lookup running, its decisions being read) wait here and are applied in
/// order once it has arrived, so `n j j j` typed as one burst selects the
/// fourth row of the next item instead of dropping the `j`s.
enum KeyQueue {
    /// True while keys would act on an item that is not (fully) there yet.
    static func waiting(_ s: AppState) -> Bool {
        if s.busy != nil { return true }
        if s.current?.index != s.index { return true }
        // Decision keys and the undecided selection need the item's decisions.
        if let id = s.item?.id, s.decisionsLoadedFor != id { return true }
        return false
    }

    /// Queues `k` when it has to wait; returns false when it is to be handled now.
    static func hold(_ s: inout AppState, _ k: Key) -> Bool {
        guard waiting(s) else { return false }
        if actsAtOnce(s, k) { return false }
        if s.queuedKeys.isEmpty, handledNowWithNothingQueued(s, k) { return false }
        s.queuedKeys.append(k)
        if let v = verdict(k) {
            let n = s.queuedVerdicts.count + s.queuedKeys.filter { verdict($0) != nil }.count
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
        switch k {
        case .ctrl("c"): return true
        case .char("q"): return !capturedByQueued(s)
        case .escape: return s.busy != nil && !capturedByQueued(s)
        default: return false
        }
    }

    /// Keys that need nothing of the item and may go ahead when no key waits before
    /// them: typing into an open prompt or help, decision keys (they have their own
    /// queue, with its message), `f` (its lookup replaces the running one), help, focus
    /// and image settings, and plain item steps (a held-down `n` asks only
    /// for the last item, never for each one in turn).
    private static func handledNowWithNothingQueued(_ s: AppState, _ k: Key) -> Bool {
        if s.prompt != nil || s.showHelp { return true }
        if verdict(k) != nil { return true }
        switch k {
        case .char("f"):
            // A new filter's lookup replaces the running one rather than waiting for it.
            return true
        case .char("?"), .tab, .backTab, .char("1"), .char("2"), .char("3"), .char("4"),
             .char("h"), .char("b"), .char("i"), .char("I"), .char("z"):
            // Help, focus and image settings do not depend on the item: the same now as after it
            // (the help during a long search shows at once).
            return true
        case .char("n"), .char("p"), .right, .left, .char("g"), .char("G"):
            return s.search == nil && s.filter == .none && s.busy == nil
        default:
            return false
        }
    }

    /// Whether the queued keys leave a prompt or the help open, so that the next key is typed into it.
    private static func capturedByQueued(_ s: AppState) -> Bool {
        enum Mode { case panes, prompt, help }
        var mode: Mode = s.prompt != nil ? .prompt : (s.showHelp ? .help : .panes)
        for k in s.queuedKeys {
            switch (mode, k) {
            case (.panes, .char(":")), (.panes, .char("/")), (.panes, .char("c")), (.panes, .char("t")): mode = .prompt
            case (.panes, .char("?")): mode = .help
            case (.prompt, .enter), (.prompt, .escape): mode = .panes
            case (.help, .char("?")), (.help, .escape), (.help, .char("q")): mode = .panes
            default: break
            }
        }
        return mode != .panes
    }

    private static func verdict(_ k: Key) -> Verdict? {
        switch k {
        case .char("a"): .accept
        case .char("x"): .reject
        case .char("s"): .skip
        default: nil
        }
    }
}
