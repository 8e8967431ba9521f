import Review

/// Where the inspector is in its work, as one value: what a key typed now
/// does depends on it (see the table in docs/ARCHITECTURE.md). Worked out
/// from the state in one place; `KeyQueue` and `Decisions` ask it rather than
/// the fields it is made of.
public enum Phase: Sendable, Hashable {
    /// Nothing on its way: keys act at once.
    case idle
    /// A text prompt (`:`, `/`, `c`, `t`) takes the keys as text.
    case prompt(Prompt.Kind)
    /// The help overlay is open: keys scroll or close it.
    case help
    /// A lookup (resume, search, filter, `:`, next undecided item) is running.
    case lookingUp(Busy)
    /// Item `index` was asked for and has not arrived.
    case loadingItem(Int)
    /// The item is here; its decisions (which decide what is undecided) are being read.
    case readingDecisions(itemID: String)
    /// A decision was sent to the store and is not confirmed yet.
    case savingDecision(NegativeKey)

    /// True while keys would act on an item that is not (fully) there yet: they wait in the queue.
    public var waitsForItem: Bool {
        switch self {
        case .lookingUp, .loadingItem, .readingDecisions: true
        default: false
        }
    }
}

extension AppState {
    /// The phase the state is in. The item's arrival outranks an open prompt
    /// or help: keys typed ahead wait for it whatever is open meanwhile.
    public var phase: Phase {
        if let b = busy { return .lookingUp(b) }
        if current?.index != index { return .loadingItem(index) }
        if let id = item?.id, decisionsLoadedFor != id { return .readingDecisions(itemID: id) }
        if let p = prompt { return .prompt(p.kind) }
        if showHelp { return .help }
        if let key = pendingDecision { return .savingDecision(key) }
        return .idle
    }
}
