import TerminalUI

/// The scene graph: SG+ to SG- changes, then objects and relations, critical
/// and touched ones first and marked; the selection scrolls into view.
enum GraphPane {
    static func draw(_ s: AppState, in r: Rect, theme t: Theme, buffer b: inout Buffer) {
        let focused = s.panes.focus == .graph
        let rows = PanesModel.graphRows(s)
        t.frame(&b, r, title: "Scene graph", legend: "  \(t.ascii ? "!" : "●") touched  * critical", focused: focused)
        let inner = ScreenLayout.inner(r)
        guard !inner.isEmpty else { return }
        if rows.isEmpty {
            let text: String
            if s.item != nil { text = "(empty graph)" }
            else if let c = s.nav.current, c.index == s.nav.index { text = "this line cannot be read: no scene graph" }
            else { text = "loading..." }
            t.clipped(&b, x: inner.left, y: inner.top, text, style: t.dim, width: inner.width)
            return
        }
        let sel = min(s.panes.graphSelection, rows.count - 1)
        let top = GraphRows.top(s, rows: rows, height: inner.height)
        for (i, row) in rows.enumerated().dropFirst(top).prefix(inner.height) {
            let y = inner.top + (i - top)
            var style: Style
            var mark = "  "
            switch row.kind {
            case .heading: style = t.title
            case .change(let added): style = added ? t.added : t.removed
            default:
                style = row.touched ? t.touched : row.critical ? t.critical : .plain
                mark = row.touched ? (t.ascii ? "! " : "● ") : row.critical ? "* " : "  "
            }
            if row.broken != nil {
                style = t.broken
                mark = t.ascii ? "! " : "? "
            }
            if focused && i == sel { style = style.patched(with: t.selected) }
            let used = b.setString(x: inner.left, y: y, mark, style: style)
            t.clipped(&b, x: inner.left + used, y: y, row.text, style: style, width: inner.width - used)
        }
        if rows.count > inner.height {
            let more = "\(top + 1)-\(min(rows.count, top + inner.height))/\(rows.count)"
            b.setString(x: r.right - 2 - more.count, y: r.bottom - 1, more, style: t.dim)
        }
    }
}
