import Query
import TerminalUI

/// The frequency view's keys: j/k (Up/Down, PgUp/PgDn, Home/End) pick a row,
/// Tab/Right and Shift-Tab/Left show other fields, Enter filters to the row,
/// Esc, `F` or `q` close it.
enum Frequency {
    /// Opens the view on the fields shown last, counted within a query filter.
    static func open(_ s: inout AppState) -> [Effect] {
        let v = FrequencyView(set: s.lookup.frequencySet, within: s.lookup.query?.text)
        s.frequency = v
        return [.countTable(fields: v.fields, within: s.lookup.query)]
    }

    static func key(_ s: inout AppState, _ k: Key) -> [Effect] {
        guard var v = s.frequency else { return [] }
        let action = s.keyMap.action(for: k)
        let page = max(1, s.height - 8)
        switch k {
        case .escape: s.frequency = nil; return []
        case .tab, .right: return show(&s, v, set: (v.set + 1) % FrequencyView.fieldSets.count)
        case .backTab, .left: return show(&s, v, set: (v.set + FrequencyView.fieldSets.count - 1) % FrequencyView.fieldSets.count)
        case .enter:
            guard let text = v.query(forRow: v.selection) else { return [] }
            s.frequency = nil
            do { return QueryPrompt.apply(&s, try QueryExpr.parse(text)) } catch {
                s.flash = Flash("cannot filter to this row: \(error.description)", .error)
                return []
            }
        default: break
        }
        if action == .frequency || action == .quit || action == .help { s.frequency = nil; return [] }
        guard let moved = ListKeys.moved(v.selection, count: v.rows.count, action: action, page: page) else { return [] }
        v.selection = moved
        s.frequency = v
        return []
    }

    /// The view over another field set, counted afresh.
    private static func show(_ s: inout AppState, _ v: FrequencyView, set: Int) -> [Effect] {
        var v = v
        v.set = set; v.table = nil; v.selection = 0
        s.lookup.frequencySet = set
        s.frequency = v
        return [.countTable(fields: v.fields, within: s.lookup.query)]
    }

    /// A table has been counted: shown if it is still the one wanted.
    static func counted(_ s: inout AppState, _ table: FrequencyTable, fields: [String], within: String?) -> [Effect] {
        guard var v = s.frequency, v.fields.map(\.name) == fields, v.within == within else { return [] }
        v.table = table
        v.selection = max(0, min(v.selection, v.rows.count - 1))
        s.frequency = v
        return []
    }
}
