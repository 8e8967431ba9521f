import TerminalUI

/// The lint findings of the selected negative and the item's problems, errors first.
enum LintPane {
    /// `Lints (3)`, `Lints (3, 1 reading problem)`, `Lints (3, 1 reading problem, 1 note)`:
    /// every line listed is counted, the problems as `validate` counts them.
    static func title(_ s: AppState) -> String {
        let all = LintRows.problems(s)
        let problems = all.count { $0.severity != .info }, notes = all.count - problems
        var parts = ["\(LintRows.findings(s).count)"]
        if problems > 0 { parts.append("\(problems) reading problem\(problems == 1 ? "" : "s")") }
        if notes > 0 { parts.append("\(notes) note\(notes == 1 ? "" : "s")") }
        return "Lints (" + parts.joined(separator: ", ") + ")"
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
        // Each row carries its severity's style.
        Paragraph(lines: all, scroll: top, style: .plain).render(in: inner, buffer: &b)
        t.overflow(&b, r, above: top > 0, below: all.count - top > inner.height)
    }
}
