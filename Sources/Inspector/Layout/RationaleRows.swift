import Analysis
import TerminalUI

/// The rationale pane's rows (chosen and negative steps side by side,
/// wrapped), worked out for both the layout figures and the drawing.
enum RationaleRows {
    /// One screen row: each side's text, the aligned pair it belongs to (-1 a
    /// spacer, -2 the answers), and on a pair's first row each side's own step number.
    struct Row {
        var left: [Span]?
        var right: [Span]?
        var step: Int
        var first: Bool
        var leftNumber: Int? = nil
        var rightNumber: Int? = nil
    }

    /// The rows of the pane in `r` and how many of them fit; shared with the layout
    /// figures so scrolling knows where the content ends.
    struct Content {
        var rows: [Row]
        var height: Int
        var textWidth: Int
    }

    /// The rows for the pane in `r`; nil when the pane is too small to hold text.
    static func content(_ s: AppState, in r: Rect, theme t: Theme) -> Content? {
        let inner = ScreenLayout.inner(r)
        guard inner.width > 10, inner.height > 1 else { return nil }
        let colW = (inner.width - 3) / 2
        let textW = colW - 4
        let neg = s.negative
        // Say which side is missing: an aligned row can exist on one side only.
        let onlyNegative = [Span("(no step: the negative adds one)", style: t.dim)]
        let onlyChosen = [Span("(no step: the negative drops this one)", style: t.dim)]
        var rows: [Row] = []
        for (i, p) in PanesModel.stepPairs(s).enumerated() {
            let l = TextWrap.wrap(p.chosen.map { spans($0, t) } ?? onlyNegative, width: textW)
            let rr = TextWrap.wrap(p.negative.map { spans($0, t) } ?? (neg == nil ? [] : onlyChosen), width: textW)
            for k in 0..<max(l.count, rr.count, 1) {
                var row = Row(left: k < l.count ? l[k] : nil, right: k < rr.count ? rr[k] : nil, step: i, first: k == 0)
                if k == 0 {
                    row.leftNumber = p.chosen == nil ? nil : p.chosenIndex.map { $0 + 1 }
                    row.rightNumber = p.negative == nil ? nil : p.negativeIndex.map { $0 + 1 }
                }
                rows.append(row)
            }
            rows.append(Row(left: nil, right: nil, step: -1, first: false))
        }
        if let item = s.item {
            let ca = [Span("answer: ", style: t.title), Span(item.chosen.answer ?? item.answer, style: t.accept)]
            let na = neg.map { [Span("answer: ", style: t.title), Span($0.rationale.answer ?? "-", style: t.reject)] }
            rows.append(Row(left: TextWrap.truncate(ca, width: textW), right: na.map { TextWrap.truncate($0, width: textW) }, step: -2, first: true))
        }
        return Content(rows: rows, height: inner.height - 1, textWidth: textW)
    }

    /// The first row that keeps step `sel` in view, before any extra scrolling.
    static func baseTop(_ c: Content, selection sel: Int) -> Int {
        let selStart = c.rows.firstIndex { $0.step == sel } ?? 0
        let selEnd = c.rows.lastIndex { $0.step == sel } ?? 0
        return selEnd >= c.height ? min(selStart, selEnd - c.height + 1) : 0
    }

    /// How many rows past the last step's own view the pane can scroll: enough
    /// to bring the answers (the end of the content) on screen.
    static func maxExtraScroll(_ s: AppState, in r: Rect) -> Int {
        let t = Theme(ascii: s.asciiOnly)
        guard let c = content(s, in: r, theme: t) else { return 0 }
        let last = PanesModel.stepCount(s) - 1
        return max(0, c.rows.count - c.height - baseTop(c, selection: max(0, last)))
    }

    /// Tokens as spans: removed words red and underlined, added words green.
    static func spans(_ tokens: [DiffToken], _ t: Theme) -> [Span] {
        var out: [Span] = []
        for tok in tokens {
            if !tok.leading.isEmpty { out.append(Span(" ")) }
            let st: Style = tok.kind == .removed ? t.removed : tok.kind == .added ? t.added : .plain
            out.append(Span(tok.text, style: st))
        }
        return out
    }

}
