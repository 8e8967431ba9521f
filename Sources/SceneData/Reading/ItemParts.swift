/// What of an item a reader builds. A line is always checked whole (a line
/// that is not JSON is unreadable whatever is asked), but the parts left out
/// are neither built as values nor read into the item: a count or a content
/// hash needs no attention grid (nor its `.npy` file) and no metadata.
public struct ItemParts: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// `attention` (grids inline or in files) and `counterfactual` (images with their attention).
    public static let attention = ItemParts(rawValue: 1 << 0)
    /// `evidence` and `meta`.
    public static let extras = ItemParts(rawValue: 1 << 1)

    /// Everything: what the inspector, `validate` and `lint` read.
    public static let all: ItemParts = [.attention, .extras]
    /// What review reads (`stats`, `export`'s decisions, content hashes):
    /// id, image, question, answer, SG+ (its ids decide how an edit reads),
    /// `critical` (it decides how SG- compares with SG+), the chosen
    /// rationale, the negatives with their graphs, edits and scores.
    public static let review: ItemParts = []

    /// The top-level members a parse checks without building, for these parts.
    var skippedMembers: Set<String> {
        var out: Set<String> = []
        if !contains(.attention) { out.formUnion(["attention", "counterfactual"]) }
        if !contains(.extras) { out.formUnion(["evidence", "meta"]) }
        return out
    }
}
