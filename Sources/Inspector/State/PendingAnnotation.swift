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
        selectedKey.flatMap { pending[$0] }
    }

    /// Sets (or with an empty value removes) what waits on `key`.
    mutating func setPending(_ key: NegativeKey, _ p: PendingAnnotation) {
        pending[key] = p.isEmpty ? nil : p
    }

    /// One sentence naming the notes and tags that would be lost by quitting now, nil when none.
    var unsavedDescription: String? {
        guard !pending.isEmpty else { return nil }
        let keys = pending.keys.sorted()
        let notes = pending.values.contains { $0.note != nil }, tags = pending.values.contains { $0.tags != nil }
        let what = notes && tags ? "note and tags" : notes ? "note" : "tags"
        let places = keys.prefix(2).map { "\($0.negativeID) of \($0.itemID)" }.joined(separator: ", ")
            + (keys.count > 2 ? " and \(keys.count - 2) more" : "")
        let verb = keys.count == 1 && what == "note" ? "is" : "are"
        let whose = keys.count == 1 ? "your \(what) on \(places)" : "your \(what == "note" ? "notes" : what) on \(places)"
        return "\(whose) \(verb) not saved yet (a/x/s on that negative saves \(keys.count == 1 && what == "note" ? "it" : "them"))"
    }
}
