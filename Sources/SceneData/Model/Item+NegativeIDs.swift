extension Item {
    /// Negative ids used by more than one negative of this item. Decisions are
    /// keyed by (item id, negative id), so a decision on such an id would be
    /// ambiguous: review refuses it and export skips those negatives.
    public var duplicateNegativeIDs: Set<String> {
        var seen: Set<String> = []
        var repeated: Set<String> = []
        for n in negatives where !seen.insert(n.id).inserted { repeated.insert(n.id) }
        return repeated
    }

    /// Whether exactly one negative of this item has the id `id`.
    public func negativeIDIsUnique(_ id: String) -> Bool {
        negatives.lazy.filter { $0.id == id }.count == 1
    }
}
