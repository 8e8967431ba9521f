/// `:` with an id several items start with (or hold the letters of): the
/// first is shown and these are listed to choose from; Enter goes to the
/// selected one, Esc stays where it is.
public struct IDChoices: Sendable, Hashable {
    public struct Row: Sendable, Hashable {
        public var id: String
        public var index: Int
    }
    /// What was typed.
    public var text: String
    /// `start with` or `hold the letters of`.
    public var how: String
    /// The matching ids in dataset order (at most `limit`), and how many matched in all.
    public var rows: [Row]
    public var total: Int
    public var selection = 0
    /// The most listed.
    public static let limit = 500

    public init(text: String, how: String, rows: [Row], total: Int) {
        self.text = text; self.how = how; self.rows = rows; self.total = total
    }
}
