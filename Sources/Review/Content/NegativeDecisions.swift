import SceneData

/// One negative of an item with the decisions on it, split by whether they
/// still apply to its text, and the reason it cannot be decided if there is
/// one. Stats, calibration, export and queries all split an item's decisions
/// this way, so they agree on what is current, stale and undecidable.
public struct NegativeDecisions: Sendable, Hashable {
    /// The negative's store key.
    public var key: NegativeKey
    /// Its content hash as it is now (what a current decision carries).
    public var hash: String
    /// Why it cannot be decided; nil when it can.
    public var undecidable: Undecidable?
    /// Decisions made on the negative as it is now.
    public var current: [Decision] = []
    /// Decisions made before the negative changed.
    public var stale: [Decision] = []

    /// Every decision on it, current first.
    public var all: [Decision] { current + stale }

    /// The negatives of `item`, in order, each with its decisions from
    /// `decisions` (this item's, any order). `itemIDRepeats`: another item
    /// of the dataset has this item's id.
    public static func of(_ item: Item, decisions: [Decision], itemIDRepeats: Bool) -> [NegativeDecisions] {
        let shared = item.duplicateNegativeIDs
        return of(itemID: item.id, negatives: item.negatives.map { negative in
            (negative.id, ContentHash.of(negative, in: item),
             Undecidable.reason(negative, in: item, itemIDRepeats: false, duplicateNegativeIDs: shared))
        }, decisions: decisions, itemIDRepeats: itemIDRepeats)
    }

    /// The same split from what a summary keeps of each negative: its id, its
    /// content hash and why it cannot be decided apart from a repeated item id
    /// (`itemIDRepeats` overrides that, as `Undecidable.reason` does).
    public static func of(itemID: String, negatives: [(id: String, hash: String, undecidable: Undecidable?)],
                          decisions: [Decision], itemIDRepeats: Bool) -> [NegativeDecisions] {
        var byID: [String: [Decision]] = [:]
        for d in decisions { byID[d.key.negativeID, default: []].append(d) }
        return negatives.map { negative in
            var n = NegativeDecisions(key: NegativeKey(itemID: itemID, negativeID: negative.id), hash: negative.hash,
                                      undecidable: itemIDRepeats ? .repeatedItemID : negative.undecidable)
            for d in byID[negative.id] ?? [] {
                if ContentHash.isStale(d, currentHash: negative.hash) { n.stale.append(d) } else { n.current.append(d) }
            }
            return n
        }
    }
}
