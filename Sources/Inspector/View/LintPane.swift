import TerminalUI

/// The lint findings of the selected negative, then the item's reading problems.
enum LintPane {
    /// Columns a finding's continuation rows are indented by, so each finding's start stands out.
    static let hangingIndent = 4

    /// The findings shown for the selected negative (by its position) and the item.
    static func findings(_ s: AppState) -> [String] {
        s.review.lints.shown(negativeAt: s.negative == nil ? nil : s.nav.negativeIndex)
    }

    /// The problems found reading the item shown, listed after the findings.
    static func readingProblems(_ s: AppState) -> [String] {
        guard let c = s.nav.current, c.index == s.nav.index else { return [] }
        return c.diagnostics.map(\.formatted)
    }

    /// Every line the pane can show, in order, one per finding or problem.
    static func lines(_ s: AppState) -> [String] { findings(s) + readingProblems(s) }

    /// `Lints (3)`, `Lints (3, 1 reading problem)`: every line listed is counted.
    static func title(_ s: AppState) -> String {
        let problems = readingProblems(s).count
        guard problems > 0 else { return "Lints (\(findings(s).count))" }
        return "Lints (\(findings(s).count), \(problems) reading problem\(problems == 1 ? "" : "s"))"
    }

    /// The pane's rows at `width` columns: each line wrapped, its continuation
    /// rows indented (the whole line stays readable, nothing is cut).
    static func rows(_ s: AppState, width: Int) -> [[Span]] {
        lines(s).flatMap { wrap(s.asciiOnly ? Theme.asciiOnly($0) : $0, width: width) }
    }

    /// `line` in rows of at most `width` columns, the rows after the first indented by `hangingIndent`.
    static func wrap(_ line: String, width: Int) -> [[Span]] {
        let text = String(line.map { $0 == "\n" || $0 == "\r\n" ? " " : $0 })
        let first = TextWrap.wrap([Span(text)], width: width)
        let room = width - hangingIndent
        guard first.count > 1, room >= 8, let head = first.first else { return first }
        // The rest of the line, from the grapheme after the first row (spaces at the break dropped).
        let used = head.reduce(0) { $0 + Sanitizer.visibleGraphemes($1.text).count }
        let rest = Sanitizer.visibleGraphemes(text).dropFirst(used).drop { $0.text == " " && $0.style == .plain }
        let tail = TextWrap.wrap(rest.map { Span($0.text, style: $0.style) }, width: room)
        let pad = Span(String(repeating: " ", count: hangingIndent))
        return [head] + tail.filter { !$0.isEmpty }.map { [pad] + $0 }
    }

    /// The furthest the pane scrolls: the last row at the bottom, not past it.
    static func maxScroll(_ s: AppState) -> Int {
        let inner = ScreenLayout.inner(ScreenLayout.of(s).lints)
        return max(0, rows(s, width: inner.width).count - max(1, inner.height))
    }

    static func draw(_ s: AppState, in r: Rect, theme t: Theme, buffer b: inout Buffer) {
        t.frame(&b, r, title: title(s), focused: s.panes.focus == .lints)
        let inner = ScreenLayout.inner(r)
        guard !inner.isEmpty else { return }
        let all = rows(s, width: inner.width)
        if all.isEmpty {
            b.setString(x: inner.left, y: inner.top, "no findings for this negative", style: t.dim)
            return
        }
        let top = min(max(0, s.panes.lintScroll), max(0, all.count - inner.height))
        for (i, row) in all.dropFirst(top).prefix(inner.height).enumerated() {
            _ = b.setSpans(x: inner.left, y: inner.top + i, row, base: t.critical, maxWidth: inner.width)
        }
        t.overflow(&b, r, above: top > 0, below: all.count - top > inner.height)
    }
}
