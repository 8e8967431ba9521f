import Foundation
import GRDB

/// One logged change of a decision: who, what, the state before and after.
public struct HistoryEntry: Sendable, Hashable {
    /// Increasing with every change in the store.
    public var id: Int64
    /// Whose change.
    public var annotator: String
    /// Which negative.
    public var key: NegativeKey
    /// `record`, `note`, `tags` or `undo`.
    public var action: String
    /// The decision before the change (nil: there was none).
    public var before: Decision?
    /// The decision after the change (nil: it was removed, by undo).
    public var after: Decision?
    /// When the change was made.
    public var time: Date
    /// The id of the undo entry that reverted this change, if any.
    public var undoneBy: Int64?

    /// An entry from its parts.
    public init(id: Int64, annotator: String, key: NegativeKey, action: String, before: Decision?, after: Decision?,
                time: Date, undoneBy: Int64?) {
        self.id = id; self.annotator = annotator; self.key = key; self.action = action
        self.before = before; self.after = after; self.time = time; self.undoneBy = undoneBy
    }

    init(row: Row) {
        id = row["id"] ?? 0
        annotator = row["annotator"] ?? ""
        key = NegativeKey(itemID: row["item_id"] ?? "", negativeID: row["negative_id"] ?? "")
        action = row["action"] ?? ""
        let a = annotator, k = key
        before = DecisionCoding.decodeState(row["before"], key: k, annotator: a)
        after = DecisionCoding.decodeState(row["after"], key: k, annotator: a)
        time = DecisionChanges.date(millis: row["time"] ?? 0)
        undoneBy = row["undone_by"]
    }
}
