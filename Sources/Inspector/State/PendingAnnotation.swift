import Review

/// A note and reason tags typed on a negative before it has a decision: they
/// belong to that negative (by item and negative id) and are saved with its
/// decision, never with whichever negative happens to be decided next.
public struct PendingAnnotation: Sendable, Hashable {
    /// The note to save, nil when none is waiting.
    public var note: String?
    /// The tags to save (normalised), nil when none are waiting.
    public var tags: [String]?
    /// A pending annotation from its parts.
    public init(note: String? = nil, tags: [String]? = nil) { self.note = note; self.tags = tags }
    /// True when nothing waits.
    public var isEmpty: Bool { note == nil && tags == nil }
}

extension AppState {
    /// The key decisions on the selected negative are stored under.
    var selectedKey: NegativeKey? {
        guard let item, let neg = negative else { return nil }
        return NegativeKey(itemID: item.id, negativeID: neg.id)
    }

    /// What waits on the selected negative for its decision.
    public var selectedPending: PendingAnnotation? {
        selectedKey.flatMap { review.pending[$0] }
    }
}

extension ReviewState {
    /// The warning `q` gives while notes or tags wait for their decisions (`key`: the quit
    /// key's name), nil when nothing would be lost. What is lost and how to quit come
    /// first, so an 80-column prompt line still shows them.
    func unsavedWarning(quitKey key: String, separator sep: String) -> String? {
        if let unsent {
            return "not saved yet: \(unsent) (the review server is unreachable)\(sep)\(key) again quits without it\(sep)wait, and it is sent when the server is back"
        }
        guard !pending.isEmpty else { return nil }
        let keys = pending.keys.sorted()
        let notes = pending.values.contains { $0.note != nil }, tags = pending.values.contains { $0.tags != nil }
        let places = keys.prefix(2).map { "\($0.negativeID) of \($0.itemID)" }.joined(separator: ", ")
            + (keys.count > 2 ? " and \(keys.count - 2) more" : "")
        let one = keys.count == 1
        let what = notes && tags ? (one ? "note and tags" : "notes and tags") : notes ? (one ? "note" : "notes") : "tags"
        let it = what == "note" ? "it" : "them"
        let saves = one ? "a/x/s there saves \(it)" : "a/x/s on each negative saves its own"
        return "not saved yet: \(what) on \(places)\(sep)\(key) again quits without \(it)\(sep)\(saves)"
    }
}
