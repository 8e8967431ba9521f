import Query

/// The search and the filter: what `n`/`p` and the decision keys move within,
/// and how far the running lookup has got.
public struct Lookup: Sendable {
    /// The active search, if any: `n`/`p` then move between matching items.
    public var search: String?
    public var filter: ReviewFilter = .none
    /// How far the running lookup has got, in [0, 1], when it reports it.
    public var progress: Double?
    /// What was entered at each kind of prompt, oldest first (Up and Down recall it).
    public var history: [Prompt.Kind: [String]] = [:]
    /// The count of the query being typed, or of the query filter (`w`).
    public var queryCount: QueryCount?
    /// Why the query being typed does not parse (`column 9: ...`); nil when it does.
    public var queryError: String?
    /// The field set the frequency view showed last (`FrequencyView.fieldSets`).
    public var frequencySet = 0
    /// The field and order the sorted view showed last.
    public var sortKey = 0
    public var sortDescending = false
    /// The items the search matches, for `3 of 17`.
    public var matches: MatchList?

    public init() {}

    /// The query the filter is, if it is one.
    var query: QueryExpr? { if case .query(let q) = filter { q } else { nil } }

    /// What `n`/`p` look for: the search within the filter, the filter alone, or
    /// nil when they step to the next item.
    var stepCriterion: FindCriterion? {
        if let q = search { return .text(q, within: filter) }
        if filter != .none { return .filter(filter) }
        return nil
    }
}

/// How many items and negatives a query matches, as far as the count has got.
public struct QueryCount: Sendable, Hashable {
    /// The query, as `QueryExpr.text` writes it.
    public var query: String
    public var items: Int
    public var negatives: Int
    /// Items looked at so far, of `total`.
    public var walked: Int
    public var total: Int
    /// Items whose line could not be read (not counted either way).
    public var unreadable: Int
    /// True once every item has been looked at.
    public var done: Bool

    public init(query: String, items: Int = 0, negatives: Int = 0, walked: Int = 0, total: Int = 0,
                unreadable: Int = 0, done: Bool = false) {
        self.query = query; self.items = items; self.negatives = negatives
        self.walked = walked; self.total = total; self.unreadable = unreadable; self.done = done
    }

    /// `12 items, 17 negatives`, with how far a running count is (`so far, 40%`).
    public var text: String {
        let counts = "\(items) item\(items == 1 ? "" : "s"), \(negatives) negative\(negatives == 1 ? "" : "s")"
        if done { return counts + (unreadable > 0 ? " (\(unreadable) unreadable)" : "") }
        let pct = total > 0 ? " \(walked * 100 / total)%" : ""
        return counts + " so far\(pct)"
    }
}

/// The items a search meets, in dataset order, as far as the walk has got.
public struct MatchList: Sendable, Hashable {
    public var criterion: FindCriterion
    public var items: [Int] = []
    public var walked = 0
    public var total = 0
    public var done = false

    public init(criterion: FindCriterion, total: Int = 0) { self.criterion = criterion; self.total = total }

    /// `3 of 17` when item `index` is a match, `of 17` when it is not; `so far` while the walk runs.
    public func position(of index: Int) -> String {
        let rank = Self.rank(of: index, in: items).map { "\($0 + 1) " } ?? ""
        return "\(rank)of \(items.count)\(done ? "" : "+")"
    }

    /// Where `index` is in the sorted `items` (binary search); nil when it is not there.
    static func rank(of index: Int, in items: [Int]) -> Int? {
        var lo = 0, hi = items.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if items[mid] < index { lo = mid + 1 } else { hi = mid }
        }
        return lo < items.count && items[lo] == index ? lo : nil
    }
}
