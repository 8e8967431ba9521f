import Query

/// The list of items a search matches, kept in step with the search and the
/// filter it runs within, so the status bar can say `3 of 17`.
enum SearchMatches {
    /// Starts a new list when the search or its filter changed (or `again`:
    /// decisions changed under a filter that depends on them); stops it when
    /// the search ended.
    static func sync(_ s: inout AppState, again: Bool = false) -> [Effect] {
        guard let q = s.lookup.search else {
            guard s.lookup.matches != nil else { return [] }
            s.lookup.matches = nil
            return [.listMatches(nil)]
        }
        let criterion = FindCriterion.text(q, within: s.lookup.filter)
        if s.lookup.matches?.criterion == criterion && !again { return [] }
        s.lookup.matches = MatchList(criterion: criterion, total: s.lookup.matches?.total ?? 0)
        return [.listMatches(criterion)]
    }

    /// A decision changed: the list is made again if the filter depends on decisions.
    static func decisionsChanged(_ s: inout AppState) -> [Effect] {
        let depends: Bool
        switch s.lookup.filter {
        case .undecided: depends = true
        case .query(let q): depends = q.needs.contains(.decisions)
        default: depends = false
        }
        return depends && s.lookup.search != nil ? sync(&s, again: true) : []
    }

    /// The list (or part of it) has come: kept if it is still the one wanted.
    static func listed(_ s: inout AppState, _ m: MatchList) -> [Effect] {
        if m.criterion == s.lookup.matches?.criterion { s.lookup.matches = m }
        return []
    }
}
