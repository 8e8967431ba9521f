import TerminalUI

/// What a click or the wheel does: a click focuses the pane under it and
/// selects what it points at (a graph row, a step, a negative of the strip,
/// a tab on small screens); the wheel moves the pane under the pointer by
/// three rows without taking the focus there. Prompts and overlays keep their
/// keys: there the wheel scrolls the help or the frequency rows, and a click does nothing.
enum Mouse {
    static let wheelRows = 3

    static func handle(_ s: inout AppState, _ m: MouseEvent) -> [Effect] {
        s.refreshLayout()
        let d = m.kind == .wheelUp ? -wheelRows : wheelRows
        if s.prompt != nil || s.phase.holdsKeys { return [] }
        if s.panes.showHelp {
            if m.kind != .press { s.panes.help(d < 0 ? .up : .down, page: s.layout.helpPage, maxScroll: s.layout.helpMaxScroll) }
            return []
        }
        if s.listOpen {
            let key: Key = d < 0 ? .up : .down
            if m.kind != .press { for _ in 0..<wheelRows { _ = Keys.handle(&s, key) } }
            return []
        }
        let l = ScreenLayout.of(s)
        if l.tabbed, l.tabs.contains(x: m.x, y: m.y), m.kind == .press {
            guard let tab = l.tabTitles.first(where: { m.x >= $0.x && m.x < $0.x + $0.title.count }) else { return [] }
            s.panes.focus = tab.pane
            return InspectorApp.clampAndImage(&s)
        }
        let panes: [(Pane, Rect)] = [(.image, l.image), (.graph, l.graph), (.rationale, l.rationale), (.lints, l.lints)]
        guard let (pane, r) = panes.first(where: { !$0.1.isEmpty && $0.1.contains(x: m.x, y: m.y) }) else { return [] }
        if m.kind != .press {
            // The pane under the pointer moves, the focus stays where it was.
            let focus = s.panes.focus
            s.panes.focus = pane
            s.panes.move(d, graphRows: PanesModel.graphRows(s), steps: PanesModel.stepCount(s), layout: s.layout)
            s.panes.focus = focus
            return []
        }
        let inner = ScreenLayout.inner(r)
        switch pane {
        case .rationale:
            // The strip of negatives on the title row: that negative.
            let t = Theme(ascii: s.asciiOnly)
            if let e = RationaleRows.strip(s, in: r, theme: t).entries.first(where: { m.y == $0.y && m.x >= $0.x && m.x < $0.x + DisplayWidth.of($0.text) }) {
                s.panes.focus = .rationale
                if e.index != s.nav.negativeIndex {
                    s.nav.negativeIndex = e.index
                    s.panes.otherNegative(steps: PanesModel.stepCount(s))
                }
                return InspectorApp.clampAndImage(&s)
            }
            // A step: the pair of steps on the clicked row.
            if let c = RationaleRows.content(s, in: r, theme: t), m.y > inner.top {
                let pairs = PanesModel.stepCount(s)
                let rows = c.rows(from: RationaleRows.top(s, c, pairs: pairs), count: c.height)
                let k = m.y - inner.top - 1
                if rows.indices.contains(k), rows[k].step >= 0 {
                    s.panes.focus = .rationale
                    s.panes.move(rows[k].step - s.panes.stepSelection, graphRows: [], steps: pairs, layout: s.layout)
                    return InspectorApp.clampAndImage(&s)
                }
            }
        case .graph:
            let rows = PanesModel.graphRows(s)
            let i = GraphRows.top(s, rows: rows, height: inner.height) + (m.y - inner.top)
            s.panes.focus = .graph
            if m.y >= inner.top, rows.indices.contains(i), rows[i].kind != .heading {
                s.panes.move(i - s.panes.graphSelection, graphRows: rows, steps: 0, layout: s.layout)
            }
            return InspectorApp.clampAndImage(&s)
        case .image, .lints:
            break
        }
        guard l.focusable.contains(pane) else { return [] }
        s.panes.focus = pane
        return InspectorApp.clampAndImage(&s)
    }
}
