import Query

/// The sorted view (`S`): every negative with a value of a numeric field, in
/// order of it (ascending or descending), or by when you decided it; Enter
/// goes to the negative. Over a query filter it lists the filter's negatives.
public struct SortView: Sendable, Hashable {
    /// The fields Tab and Shift-Tab go through; `time` is when you decided the negative.
    public static let keys = ["j", "confidence", "margin", "attention", "score.chosen", "score.rejected", "steps", "time"]
    /// One negative and its value.
    public struct Row: Sendable, Hashable {
        public var item: Int
        public var negative: Int
        public var itemID: String
        public var negativeID: String
        public var operatorName: String
        public var value: Double
    }
    /// Which of `keys` is sorted by.
    public var key = 0
    public var descending = false
    /// The query filter the list is within (its text), nil for all items.
    public var within: String?
    /// The rows in order; nil while they are being listed.
    public var rows: [Row]?
    /// Negatives left out for having no value of the field.
    public var withoutValue = 0
    public var selection = 0

    public init(key: Int = 0, descending: Bool = false, within: String? = nil) {
        self.key = key; self.descending = descending; self.within = within
    }

    /// The name of the field sorted by.
    public var field: String { Self.keys[key] }
}
