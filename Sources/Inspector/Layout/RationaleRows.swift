import Analysis
import Review
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

    /// The rows of the pane in `r` and how many of them fit; shared with
    /// the layout figures so scrolling knows where the content ends. Rows are counted for every step
    /// but made only for those on screen (`rows(from:count:)`): a step of
    /// 10 MB is wrapped line by line, never held as cells (issue 14).
    struct Content {
        /// Each aligned step's first row and how many rows it takes (a spacer row follows each).
        var steps: [(start: Int, count: Int)]
        var rowCount: Int
        var height: Int
        var textWidth: Int
        /// Each step's text on either side (nil: no text there).
        fileprivate var sides: [(left: [Span]?, right: [Span]?, pair: StepPair)]
        /// The answers row, last; nil before an item is there.
        fileprivate var answers: Row?

        /// Rows `from` ..< `from + count` (fewer at the end).
        func rows(from: Int, count: Int) -> [Row] {
            var out: [Row] = []
            let end = min(rowCount, from + count)
            guard from < end else { return out }
            for (i, st) in steps.enumerated() where st.start + st.count >= from && st.start < end {
                let lo = max(0, from - st.start), hi = min(st.count, end - st.start)
                if lo < hi {
                    let l = Self.lines(sides[i].left, width: textWidth, lo, hi)
                    let r = Self.lines(sides[i].right, width: textWidth, lo, hi)
                    for k in lo..<hi {
                        var row = Row(left: k - lo < l.count ? l[k - lo] : nil, right: k - lo < r.count ? r[k - lo] : nil, step: i, first: k == 0)
                        if k == 0 {
                            let p = sides[i].pair
                            row.leftNumber = p.chosen == nil ? nil : p.chosenIndex.map { $0 + 1 }
                            row.rightNumber = p.negative == nil ? nil : p.negativeIndex.map { $0 + 1 }
                        }
                        out.append(row)
                    }
                }
                // The spacer after the step.
                if st.start + st.count >= from && st.start + st.count < end { out.append(Row(left: nil, right: nil, step: -1, first: false)) }
            }
            if let answers, rowCount - 1 >= from, rowCount - 1 < end { out.append(answers) }
            return out
        }

        /// Wrapped lines `lo` ..< `hi` of `spans`, made one at a time.
        private static func lines(_ spans: [Span]?, width: Int, _ lo: Int, _ hi: Int) -> [[Span]] {
            guard let spans else { return [] }
            var out: [[Span]] = []
            var n = 0
            TextWrap.forEachLine(spans, width: width) { line in
                if n >= lo { out.append(line) }
                n += 1
                return n < hi
            }
            return out
        }
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
        var steps: [(start: Int, count: Int)] = []
        var sides: [(left: [Span]?, right: [Span]?, pair: StepPair)] = []
        var rowCount = 0
        for p in PanesModel.stepPairs(s) {
            let l = p.chosen.map { spans($0, t) } ?? onlyNegative
            let rr: [Span]? = p.negative.map { spans($0, t) } ?? (neg == nil ? nil : onlyChosen)
            let n = max(TextWrap.lineCount(l, width: textW), rr.map { TextWrap.lineCount($0, width: textW) } ?? 0, 1)
            steps.append((rowCount, n))
            sides.append((l, rr, p))
            rowCount += n + 1
        }
        var answers: Row?
        if let item = s.item {
            let ca = [Span("answer: ", style: t.title), Span(item.chosen.answer ?? item.answer, style: t.accept)]
            let na = neg.map { [Span("answer: ", style: t.title), Span($0.rationale.answer ?? "-", style: t.reject)] }
            answers = Row(left: TextWrap.truncate(ca, width: textW), right: na.map { TextWrap.truncate($0, width: textW) }, step: -2, first: true)
            rowCount += 1
        }
        return Content(steps: steps, rowCount: rowCount, height: inner.height - 1, textWidth: textW, sides: sides, answers: answers)
    }

    /// The first row the pane shows: the selected step in view, and the extra
    /// scrolling past the last step (see `Panes.move`).
    static func top(_ s: AppState, _ c: Content, pairs: Int) -> Int {
        let sel = min(s.panes.stepSelection, max(0, pairs - 1))
        let extra = sel == pairs - 1 ? max(0, s.panes.rationaleScroll) : 0
        return max(0, min(baseTop(c, selection: sel) + extra, c.rowCount - c.height))
    }

    /// `NEGATIVE n1 (swap)` over the negative's side.
    static func negativeTitle(_ s: AppState) -> String {
        s.negative.map { "NEGATIVE \($0.id) (\($0.op?.rawValue ?? $0.operatorName))" } ?? "NO NEGATIVE"
    }

    /// One negative in the strip after the negative's title: where it is drawn and what it says.
    struct StripEntry {
        var index: Int
        var x: Int
        var y: Int
        var text: String
        var verdict: Verdict?
        var stale: Bool
    }

    /// The item's negatives with their verdicts after the negative's title in
    /// the pane `r`, `n1✓ n2✗ n3- n4·` (`+ x - .` without Unicode, `?` after a
    /// stale one): as many as fit, and where an ellipsis goes when not all do.
    /// Nothing for a single negative. Drawn by the pane, found by a click.
    static func strip(_ s: AppState, in r: Rect, theme t: Theme) -> (entries: [StripEntry], cut: (x: Int, y: Int)?) {
        guard let item = s.item, item.negatives.count > 1 else { return ([], nil) }
        let inner = ScreenLayout.inner(r)
        let colW = (inner.width - 3) / 2
        let rightX = inner.left + colW + 3, right = rightX + colW
        var x = rightX + DisplayWidth.of(negativeTitle(s)) + 2
        var out: [StripEntry] = []
        for (k, n) in item.negatives.enumerated() {
            let v = s.review.verdicts[n.id]
            let stale = v != nil && s.review.staleDecisions.contains(n.id)
            let mark: String
            switch v {
            case .accept?: mark = t.ascii ? "+" : "✓"
            case .reject?: mark = t.ascii ? "x" : "✗"
            case .skip?: mark = "-"
            case nil: mark = t.ascii ? "." : "·"
            }
            let text = n.id + mark + (stale ? "?" : "")
            let w = DisplayWidth.of(text)
            let last = k == item.negatives.count - 1
            guard x + w + (last ? 0 : 2) <= right else { return (out, x < right ? (x, inner.top) : nil) }
            out.append(StripEntry(index: k, x: x, y: inner.top, text: text, verdict: v, stale: stale))
            x += w + 1
        }
        return (out, nil)
    }

    /// The first row that keeps step `sel` in view, before any extra scrolling.
    static func baseTop(_ c: Content, selection sel: Int) -> Int {
        guard sel >= 0, sel < c.steps.count else { return 0 }
        let selStart = c.steps[sel].start
        let selEnd = selStart + c.steps[sel].count - 1
        return selEnd >= c.height ? min(selStart, selEnd - c.height + 1) : 0
    }

    /// How many rows past the last step's own view the pane can scroll: enough
    /// to bring the answers (the end of the content) on screen.
    static func maxExtraScroll(_ s: AppState, in r: Rect) -> Int {
        let t = Theme(ascii: s.asciiOnly)
        guard let c = content(s, in: r, theme: t) else { return 0 }
        let last = PanesModel.stepCount(s) - 1
        return max(0, c.rowCount - c.height - baseTop(c, selection: max(0, last)))
    }

    /// A diffed step as spans: removed words red and underlined, added words
    /// green. A run of one style is one span: a long step is a few strings,
    /// not one span per word.
    static func spans(_ text: DiffText, _ t: Theme) -> [Span] {
        var out: [Span] = []
        text.forEachRun { shown, kind in
            let style = kind == .removed ? t.removed : kind == .added ? t.added : Style.plain
            if let last = out.last, last.style == style { out[out.count - 1].text += shown } else { out.append(Span(shown, style: style)) }
        }
        return out
    }

}
