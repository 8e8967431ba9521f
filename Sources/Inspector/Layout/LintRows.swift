import TerminalUI

/// The lints pane's rows: the selected negative's findings, then the item's
/// reading problems, each wrapped with a hanging indent.
enum LintRows {
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
    static func maxScroll(_ s: AppState, in r: Rect) -> Int {
        let inner = ScreenLayout.inner(r)
        return max(0, rows(s, width: inner.width).count - max(1, inner.height))
    }

}
