import Query

/// The frequency view (`F`): the negatives counted by a field or two, as
/// `scenelens stats --by` counts them (VisiData's Shift-F). Enter on a row
/// filters to it; over a query filter it counts within that filter.
public struct FrequencyView: Sendable, Hashable {
    /// The field sets Tab and Shift-Tab go through.
    public static let fieldSets: [[String]] = [
        ["operator"], ["verdict"], ["operator", "verdict"], ["lint"], ["lint", "verdict"],
        ["severity"], ["tag"], ["j"], ["confidence"], ["margin"], ["attention"], ["steps"],
    ]
    /// Which of `fieldSets` is shown.
    public var set = 0
    /// The query filter the count is within (its text), nil for all items.
    public var within: String?
    /// The counts; nil while they are being counted.
    public var table: FrequencyTable?
    /// The selected row.
    public var selection = 0

    public init(set: Int = 0, within: String? = nil) { self.set = set; self.within = within }

    /// The fields of the shown set.
    public var fields: [QueryField] { Self.fieldSets[set].compactMap(QueryField.named) }

    /// The rows with a count, in display order (none while counting).
    public var rows: [(values: [String], count: Int)] { table?.rows ?? [] }

    /// The query a row stands for, within the filter's query when there is one.
    public func query(forRow k: Int) -> String? {
        guard let table, rows.indices.contains(k) else { return nil }
        let row = table.query(forRow: rows[k].values)
        return within.map { "(\($0)) and \(row)" } ?? row
    }
}
