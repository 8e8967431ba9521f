import SceneData

/// Where an annotator left off: the inspector asks this when a dataset is reopened.
extension DecisionStore {
    /// The index, in dataset order, of the first item where this annotator has
    /// a negative without a current decision (none, or a stale one); nil when
    /// every readable item is finished. `item(i)` returns nil for lines that
    /// could not be read, which are passed over. Reads the store once, then
    /// stops at the first unfinished item, so only the items up to it are read.
    public func resumeIndex(itemCount: Int, item: (Int) -> Item?) throws -> Int? {
        let decided = try currentDecisions()
        for i in 0..<max(itemCount, 0) {
            guard let it = item(i) else { continue }
            if !Self.unfinishedNegatives(of: it, decisions: decided).isEmpty { return i }
        }
        return nil
    }

    /// `resumeIndex(itemCount:item:)` over items already in memory.
    public func resumeIndex(in items: [Item]) throws -> Int? {
        try resumeIndex(itemCount: items.count) { items[$0] }
    }

    /// Ids of the negatives of `item` that this annotator still has to decide
    /// (no decision, or one made on content that has changed since).
    public func unfinishedNegatives(of item: Item) throws -> [String] {
        var byKey: [NegativeKey: Decision] = [:]
        for (_, d) in try decisions(itemID: item.id) { byKey[d.key] = d }
        return Self.unfinishedNegatives(of: item, decisions: byKey)
    }

    static func unfinishedNegatives(of item: Item, decisions: [NegativeKey: Decision]) -> [String] {
        item.negatives.compactMap { n in
            guard let d = decisions[NegativeKey(itemID: item.id, negativeID: n.id)] else { return n.id }
            return ContentHash.isStale(d, negative: n, in: item) ? n.id : nil
        }
    }
}
