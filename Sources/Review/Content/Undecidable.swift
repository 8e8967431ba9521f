import SceneData

/// Why a negative cannot be decided: review refuses decisions on it, `export`
/// never writes it as a pair and `stats` counts it apart. The dataset has to
/// be fixed first (`validate` reports each of these).
public enum Undecidable: String, Sendable, CaseIterable, Hashable {
    /// Another item has the same id: decisions are keyed by item id, so they
    /// cannot say which of the items they judged.
    case repeatedItemID = "repeated_item_id"
    /// Another negative of the item has the same id: the same, one level down.
    case duplicateNegativeID = "duplicate_negative_id"
    /// The negative has no rationale text: the pair's rejected side would be empty.
    case noRationale = "no_rationale"

    /// The reason `negative` of `item` cannot be decided, or nil when it can.
    /// `itemIDRepeats`: another item of the dataset has `item`'s id;
    /// `duplicateNegativeIDs`: `item.duplicateNegativeIDs`, passed in so a walk works it out once per item.
    public static func reason(_ negative: Negative, in item: Item, itemIDRepeats: Bool,
                              duplicateNegativeIDs: Set<String>) -> Undecidable? {
        if itemIDRepeats { return .repeatedItemID }
        if duplicateNegativeIDs.contains(negative.id) { return .duplicateNegativeID }
        if !negative.hasRationale { return .noRationale }
        return nil
    }

    /// How summaries name the negatives left out for it: `2 with a repeated item id`.
    public var phrase: String {
        switch self {
        case .repeatedItemID: "with a repeated item id"
        case .duplicateNegativeID: "with a duplicate negative id"
        case .noRationale: "without a rationale"
        }
    }
}
