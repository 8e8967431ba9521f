import TerminalUI

/// The filter picker's keys: j/k (Up/Down, PgUp/PgDn, Home/End) pick a
/// filter, Enter makes it the filter, Esc, `f` or `q` close it.
enum Filters {
    /// Opens the picker, the filter in force selected, and counts every choice.
    static func open(_ s: inout AppState) -> [Effect] {
        s.filters = FilterPicker(current: s.lookup.filter)
        return [.countFilters(FilterPicker.choices)]
    }

    static func key(_ s: inout AppState, _ k: Key) -> [Effect] {
        guard var v = s.filters else { return [] }
        let action = s.keyMap.action(for: k)
        if v.counts == nil, k != .escape, action != .filters, action != .quit, action != .help {
            // No rows yet to move in or choose: the key waits for them.
            v.typedAhead.append(k)
            s.filters = v
            return []
        }
        switch k {
        case .escape: s.filters = nil; return []
        case .enter:
            guard let row = v.rows[safe: v.selection] else { return [] }
            s.filters = nil
            return choose(&s, row.filter)
        default: break
        }
        if action == .filters || action == .quit || action == .help { s.filters = nil; return [] }
        guard let moved = ListKeys.moved(v.selection, count: v.rows.count, action: action, page: max(1, s.height - 8)) else { return [] }
        v.selection = moved
        s.filters = v
        return []
    }

    /// Counts have come (part of them while the walk runs); the first ones
    /// take the keys typed while there were none.
    static func counted(_ s: inout AppState, _ c: FilterPicker.Counts) -> [Effect] {
        guard var v = s.filters else { return [] }
        v.update(c)
        let waiting = v.typedAhead
        v.typedAhead = []
        s.filters = v
        var fx: [Effect] = []
        for k in waiting where s.filters != nil { fx += Keys.handle(&s, k) }
        return fx
    }

    /// Makes `f` the filter and looks up its first item from here (the search,
    /// if one is on, goes on within it); `all` ends the lookup a filter left running.
    static func choose(_ s: inout AppState, _ f: ReviewFilter) -> [Effect] {
        if case .query(let q) = f { return QueryPrompt.apply(&s, q) }
        s.lookup.filter = f
        s.flash = Flash("filter: \(f.label)")
        // The count of a query filter left behind would stay on screen, and go on counting for nothing.
        var fx: [Effect] = []
        if s.lookup.queryCount != nil { s.lookup.queryCount = nil; fx.append(.countQuery(nil)) }
        guard f != .none else {
            guard s.busy != nil else { return fx }
            InspectorApp.endLookup(&s)
            let dropped = KeyQueue.drop(&s)
            if !dropped.isEmpty { s.flash = Flash("filter: all; " + dropped) }
            return fx + [.cancelFind]
        }
        let criterion: FindCriterion = s.lookup.search.map { .text($0, within: f) } ?? .filter(f)
        let busy: Busy = s.lookup.search != nil ? .searching : .filtering
        if busy == .filtering { s.nav.selectUndecided = f == .undecided }
        return fx + InspectorApp.lookUp(&s, busy, .find(from: s.nav.index, forward: true, criterion: criterion, includeStart: true))
    }
}
