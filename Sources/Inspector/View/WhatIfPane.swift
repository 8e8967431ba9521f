import TerminalUI

/// The what-if panel, in the lints pane's place while open: the verdict of
/// the last `d`, then the operator's candidate and the negative's own change
/// side by side (`WhatIfRows`).
enum WhatIfPane {
    static func draw(_ s: AppState, _ w: WhatIfView, in r: Rect, theme t: Theme, buffer b: inout Buffer) {
        t.frame(&b, r, title: WhatIfRows.title(w), focused: s.panes.focus == .lints)
        let inner = ScreenLayout.inner(r)
        guard !inner.isEmpty else { return }
        let cols = WhatIfRows.columns(s, w)
        var lines: [(WhatIfRows.Line, WhatIfRows.Line?)] = []
        if let v = WhatIfRows.verdict(s, w) { lines.append((v, nil)) }
        lines += zip(cols.left, cols.right).map { ($0, $1) }
        let top = min(max(0, s.panes.lintScroll), max(0, lines.count - inner.height))
        let half = (inner.width - 1) / 2
        for (i, (l, rline)) in lines.enumerated().dropFirst(top).prefix(inner.height) {
            let y = inner.top + i - top
            guard let rline else { t.clipped(&b, x: inner.left, y: y, l.text, style: style(l.kind, t), width: inner.width); continue }
            t.clipped(&b, x: inner.left, y: y, l.text, style: style(l.kind, t), width: half)
            b.setString(x: inner.left + half, y: y, t.ascii ? "|" : "│", style: t.dim)
            t.clipped(&b, x: inner.left + half + 2, y: y, rline.text, style: style(rline.kind, t), width: inner.width - half - 2)
        }
        t.overflow(&b, r, above: top > 0, below: lines.count - top > inner.height)
    }

    static func style(_ k: WhatIfRows.Kind, _ t: Theme) -> Style {
        switch k {
        case .heading: t.title
        case .plain: .plain
        case .dim: t.dim
        case .added: t.added
        case .removed: t.removed
        case .good: t.added
        case .bad: t.touched
        }
    }
}
