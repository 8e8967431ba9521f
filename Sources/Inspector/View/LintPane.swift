import TerminalUI

/// The lint findings of the selected negative, then the item's reading problems.
enum LintPane {
    /// `Lints (3)`, `Lints (3, 1 reading problem)`: every line listed is counted.
    static func title(_ s: AppState) -> String {
        let problems = LintRows.readingProblems(s).count
        guard problems > 0 else { return "Lints (\(LintRows.findings(s).count))" }
        return "Lints (\(LintRows.findings(s).count), \(problems) reading problem\(problems == 1 ? "" : "s"))"
    }

    static func draw(_ s: AppState, in r: Rect, theme t: Theme, buffer b: inout Buffer) {
        t.frame(&b, r, title: title(s), focused: s.panes.focus == .lints)
        let inner = ScreenLayout.inner(r)
        guard !inner.isEmpty else { return }
        let all = LintRows.rows(s, width: inner.width)
        if all.isEmpty {
            b.setString(x: inner.left, y: inner.top, "no findings for this negative", style: t.dim)
            return
        }
        let top = min(max(0, s.panes.lintScroll), max(0, all.count - inner.height))
        Paragraph(lines: all, scroll: top, style: t.critical).render(in: inner, buffer: &b)
        t.overflow(&b, r, above: top > 0, below: all.count - top > inner.height)
    }
}
