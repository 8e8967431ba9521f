import Analysis
import Query
import SceneData
import TerminalUI

/// The filter picker (`f`): the common filters, each with how many items and
/// negatives it lets through, counted in the background by the same rule
/// `n`/`p` follow. Only filters that match something are listed (and `all`);
/// Enter makes the selected one the filter.
public struct FilterPicker: Sendable, Hashable {
    /// The filters counted, in the order they are listed: all, what is left to
    /// decide, your verdicts, each operator, lints by severity and by name.
    public static let choices: [ReviewFilter] = {
        let verdicts = ["skip", "accept", "reject", "stale", "conflict"].compactMap { v in
            (try? QueryExpr.parse("verdict=\(v)")).map(ReviewFilter.query)
        }
        return [.none, .undecided] + verdicts + PerturbationOperator.allCases.map { .op($0) }
            + [.linted] + Lint.all.filter { $0.severity != .info }.map { .lint($0.name) }
    }()

    /// How many items and negatives each of `choices` lets through, as far as the walk has got.
    public struct Counts: Sendable, Hashable {
        public var filters: [ReviewFilter]
        public var items: [Int]
        public var negatives: [Int]
        public var walked = 0
        public var total = 0
        public var done = false

        public init(filters: [ReviewFilter]) {
            self.filters = filters
            items = Array(repeating: 0, count: filters.count)
            negatives = items
        }
    }

    /// One listed filter and its counts.
    public struct Row: Sendable, Hashable {
        public var filter: ReviewFilter
        public var items: Int
        public var negatives: Int
    }

    /// The filter in force when the picker opened (marked in the list).
    public var current: ReviewFilter
    /// The counts so far; nil until the first report.
    public var counts: Counts?
    public var selection = 0
    /// Keys typed before the first counts came (`f j Enter` typed as one
    /// burst): applied to the rows once they are there, as if typed then.
    var typedAhead: [Key] = []

    public init(current: ReviewFilter) { self.current = current }

    /// The filters with a match so far (`all` always), in `choices` order.
    public var rows: [Row] {
        guard let c = counts else { return [] }
        return c.filters.indices.compactMap { k in
            guard c.filters[k] == .none || c.items[k] > 0 else { return nil }
            return Row(filter: c.filters[k], items: c.items[k], negatives: c.negatives[k])
        }
    }

    /// New counts, keeping the same filter selected as rows appear above it.
    mutating func update(_ c: Counts) {
        let selected = rows[safe: selection]?.filter ?? current
        counts = c
        selection = rows.firstIndex { $0.filter == selected } ?? min(selection, max(0, rows.count - 1))
    }
}
