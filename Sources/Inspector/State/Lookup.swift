/// The search and the filter: what `n`/`p` and the decision keys move within,
/// and how far the running lookup has got.
public struct Lookup: Sendable {
    /// The active search, if any: `n`/`p` then move between matching items.
    public var search: String?
    public var filter: ReviewFilter = .none
    /// How far the running lookup has got, in [0, 1], when it reports it.
    public var progress: Double?

    public init() {}

    /// What `n`/`p` look for: the search within the filter, the filter alone, or
    /// nil when they step to the next item.
    var stepCriterion: FindCriterion? {
        if let q = search { return .text(q, within: filter) }
        if filter != .none { return .filter(filter) }
        return nil
    }

    /// `f`: the next filter of the cycle; the lookup it needs (nil for `all`),
    /// and the kind of it: the search goes on within the new filter.
    mutating func cycleFilter() -> (criterion: FindCriterion, busy: Busy)? {
        let all = ReviewFilter.cycle
        let i = all.firstIndex(of: filter) ?? 0
        filter = all[(i + 1) % all.count]
        if filter == .none { return nil }
        if let q = search { return (.text(q, within: filter), .searching) }
        return (.filter(filter), .filtering)
    }
}
