import Review
import TerminalUI

/// Where the inspector is in its work, as one stored value: what a key typed
/// now does depends on it (see the table in docs/ARCHITECTURE.md). `update`
/// moves it from one phase to the next; nothing else says what is in flight.
public enum Phase: Sendable, Hashable {
    /// Nothing on its way: keys act at once.
    case idle
    /// A text prompt (`:`, `/`, `c`, `t`) takes the keys as text.
    case prompt(Prompt)
    /// A lookup (resume, search, filter, `:`, undo's item, next undecided item) is running.
    case lookingUp(Busy)
    /// Item `index` was asked for and has not arrived.
    case loadingItem(Int)
    /// The item is here; its decisions (which decide what is undecided) are being read.
    case readingDecisions(itemID: String)
    /// A decision was sent to the store and is not confirmed yet.
    case savingDecision(NegativeKey)

    /// True while keys typed now wait for the work in flight, in the queue of
    /// keys typed ahead (each binding's `TypeAhead` says which may go ahead).
    public var holdsKeys: Bool {
        switch self {
        case .idle, .prompt: false
        case .lookingUp, .loadingItem, .readingDecisions, .savingDecision: true
        }
    }
}

/// The phase and the one queue of keys typed ahead of it: keys that arrive
/// while the phase holds keys wait here, and are applied in order once it
/// lets them act, so a burst does what the same keys typed slowly do.
public struct Work: Sendable {
    public internal(set) var phase: Phase = .idle
    /// Keys typed ahead, oldest first; decision keys among them.
    public internal(set) var queue: [Key] = []

    public init() {}

    /// Empties the queue (a cancelled lookup or a failure: the keys were meant
    /// for what did not come); the number of keys and of decision keys dropped.
    mutating func dropQueue(_ map: KeyMap) -> (keys: Int, decisions: Int) {
        let n = (queue.count, decisions(map))
        queue = []
        return n
    }

    /// Drops the decision keys from the queue (the item cannot take them); how many.
    mutating func dropDecisions(_ map: KeyMap) -> Int {
        let n = decisions(map)
        queue.removeAll { map.action(for: $0)?.verdict != nil }
        return n
    }

    /// How many decision keys wait.
    func decisions(_ map: KeyMap) -> Int { queue.filter { map.action(for: $0)?.verdict != nil }.count }
}
