import Query
import TerminalUI

/// The sorted view's keys: j/k (Up/Down, PgUp/PgDn, Home/End) pick a
/// negative, Tab/Right and Shift-Tab/Left sort by another field, `r`
/// reverses the order, Enter goes to the negative, Esc, `S` or `q` close it.
enum Sorted {
    /// Opens the view as it was last, listed within a query filter.
    static func open(_ s: inout AppState) -> [Effect] {
        let v = SortView(key: s.lookup.sortKey, descending: s.lookup.sortDescending, within: s.lookup.query?.text)
        s.sorted = v
        return list(&s, v)
    }

    static func key(_ s: inout AppState, _ k: Key) -> [Effect] {
        guard var v = s.sorted else { return [] }
        let action = s.keyMap.action(for: k)
        switch k {
        case .escape: s.sorted = nil; return []
        case .tab, .right: v.key = (v.key + 1) % SortView.keys.count; return list(&s, v)
        case .backTab, .left: v.key = (v.key + SortView.keys.count - 1) % SortView.keys.count; return list(&s, v)
        case .char("r"): v.descending.toggle(); return list(&s, v)
        case .enter:
            guard let row = v.rows?[safe: v.selection] else { return [] }
            s.sorted = nil
            s.nav.targetNegativeIndex = row.negative
            if row.item == s.nav.index, let item = s.item, item.negatives.indices.contains(row.negative) {
                s.nav.negativeIndex = row.negative
                s.nav.clearTarget()
                s.panes.otherNegative(steps: PanesModel.stepCount(s))
                return InspectorApp.clampAndImage(&s)
            }
            return InspectorApp.go(&s, to: row.item)
        default: break
        }
        if action == .sort || action == .quit || action == .help { s.sorted = nil; return [] }
        guard let moved = ListKeys.moved(v.selection, count: v.rows?.count ?? 0, action: action, page: max(1, s.height - 8)) else { return [] }
        v.selection = moved
        s.sorted = v
        return []
    }

    /// The view listed afresh in its field and order (remembered for next time).
    private static func list(_ s: inout AppState, _ v: SortView) -> [Effect] {
        var v = v
        v.rows = nil; v.selection = 0; v.withoutValue = 0
        s.lookup.sortKey = v.key; s.lookup.sortDescending = v.descending
        s.sorted = v
        return [.listSorted(field: v.field, descending: v.descending, within: s.lookup.query)]
    }

    /// The rows have come: shown if they are still the ones wanted.
    static func listed(_ s: inout AppState, _ rows: [SortView.Row], withoutValue: Int, field: String,
                       descending: Bool, within: String?) -> [Effect] {
        guard var v = s.sorted, v.field == field, v.descending == descending, v.within == within else { return [] }
        v.rows = rows; v.withoutValue = withoutValue
        s.sorted = v
        return []
    }
}

extension Array {
    /// The element at `i`, nil outside the array.
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}
