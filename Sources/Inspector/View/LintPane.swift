import TerminalUI

/// The lint findings of the selected negative, then the item's reading problems.
enum LintPane {
    /// Every line the pane can show, in order.
    static func lines(_ s: AppState) -> [String] {
        var lines = (s.negative.flatMap { s.lints[$0.id] } ?? []) + (s.lints[""] ?? [])
        if let c = s.current, c.index == s.index {
            lines += c.diagnostics.map(\.formatted)
        }
        return lines
    }

    /// The furthest the pane scrolls: the last line at the bottom row, not past it.
    static func maxScroll(_ s: AppState) -> Int {
        let inner = ScreenLayout.inner(ScreenLayout.of(s).lints)
        return max(0, lines(s).count - max(1, inner.height))
    }

    static func draw(_ s: AppState, in r: Rect, theme t: Theme, buffer b: inout Buffer) {
        let found = (s.negative.flatMap { s.lints[$0.id] } ?? []) + (s.lints[""] ?? [])
        t.frame(&b, r, title: "Lints (\(found.count))", focused: s.focus == .lints)
        let inner = ScreenLayout.inner(r)
        guard !inner.isEmpty else { return }
        let lines = lines(s)
        if lines.isEmpty {
            b.setString(x: inner.left, y: inner.top, "no findings for this negative", style: t.dim)
            return
        }
        let top = min(max(0, s.lintScroll), max(0, lines.count - inner.height))
        for (i, l) in lines.dropFirst(top).prefix(inner.height).enumerated() {
            t.clipped(&b, x: inner.left, y: inner.top + i, l, style: t.critical, width: inner.width)
        }
        t.overflow(&b, r, above: top > 0, below: lines.count - top > inner.height)
    }
}
