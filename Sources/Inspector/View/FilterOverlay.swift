import TerminalUI

/// The filter picker (`f`) in a box over the screen: a row per filter that
/// matches something, with its items and negatives; the filter in force
/// marked, the selected row in reverse.
enum FilterOverlay {
    static func draw(_ v: FilterPicker, in area: Rect, theme t: Theme, buffer b: inout Buffer) {
        var subtitle = "counting\(t.ellipsis)"
        if let c = v.counts {
            let listed = max(0, v.rows.count - 1)
            let pct = c.total > 0 ? c.walked * 100 / c.total : 0
            subtitle = c.done
                ? "\(listed) filter\(listed == 1 ? "" : "s") with matches (none listed that matches nothing)"
                : "counting\(t.ellipsis) \(pct)% of \(c.total) items; filters show as they match"
        }
        guard let area = ListOverlay.box(in: area, title: "Filters", subtitle: subtitle,
                                         keys: "j/k: choose  Enter: filter to it  Esc: close",
                                         ready: v.counts != nil, theme: t, buffer: &b) else { return }
        let rows = v.rows
        let labels = rows.map { $0.filter == .none ? "all items" : $0.filter.label }
        let labelW = min(labels.map(\.count).max() ?? 0, max(8, area.width / 2))
        ListOverlay.rows(area, count: rows.count, selection: v.selection, theme: t, buffer: &b) { k, y, _, style, b in
            let row = rows[k]
            let mark = row.filter == v.current ? "*" : " "
            let label = labels[k].count > labelW ? String(labels[k].prefix(labelW - 1)) + t.ellipsis : labels[k]
            let padded = label + String(repeating: " ", count: max(0, labelW - label.count))
            let counts = "\(row.items) item\(row.items == 1 ? "" : "s"), \(row.negatives) negative\(row.negatives == 1 ? "" : "s")"
            t.clipped(&b, x: area.left + 1, y: y, "\(mark) \(padded)  \(counts)", style: style, width: area.width - 2)
        }
    }
}
