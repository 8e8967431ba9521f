import Analysis
import TerminalUI

/// The chosen rationale and the selected negative's, step against step, with
/// differing words highlighted and a skipped step as a gap.
enum RationalePane {
    static func draw(_ s: AppState, in r: Rect, theme t: Theme, buffer b: inout Buffer) {
        let focused = s.panes.focus == .rationale
        let neg = s.negative
        let pairs = PanesModel.stepPairs(s)
        let sel = min(s.panes.stepSelection, max(0, pairs.count - 1))
        let heading = title(s, pairs, sel)
        t.frame(&b, r, title: heading.title, legend: heading.legend, focused: focused)
        let inner = ScreenLayout.inner(r)
        if s.item == nil, inner.width > 10, inner.height > 1 {
            // Nothing to compare yet, or ever: an unreadable line's problem is shown in the header.
            let loaded = s.nav.current.map { $0.index == s.nav.index } ?? false
            t.clipped(&b, x: inner.left, y: inner.top, loaded ? "this line cannot be read: no rationales" : "loading...",
                      style: t.dim, width: inner.width)
            return
        }
        guard let c = RationaleRows.content(s, in: r, theme: t) else { return }
        let colW = (inner.width - 3) / 2
        let leftX = inner.left, rightX = inner.left + colW + 3
        t.clipped(&b, x: leftX, y: inner.top, "CHOSEN", style: t.accept.patched(with: t.title), width: colW)
        let negTitle = neg.map { "NEGATIVE \($0.id) (\($0.op?.rawValue ?? $0.operatorName))" } ?? "NO NEGATIVE"
        t.clipped(&b, x: rightX, y: inner.top, negTitle, style: t.reject.patched(with: t.title), width: colW)
        strip(s, x: rightX + DisplayWidth.of(negTitle) + 2, right: rightX + colW, y: inner.top, t, &b)
        // Extra scrolling only happens on the last step (see Keys.move).
        let extra = sel == pairs.count - 1 ? max(0, s.panes.rationaleScroll) : 0
        let top = max(0, min(RationaleRows.baseTop(c, selection: sel) + extra, c.rowCount - c.height))
        for (n, row) in c.rows(from: top, count: c.height).enumerated() {
            let y = inner.top + 1 + n
            b.setString(x: leftX + colW + 1, y: y, t.v, style: t.border)
            guard row.step != -1 else { continue }
            let isSel = row.step == sel && focused
            if row.step >= 0 && row.first {
                let st = isSel ? t.selected.patched(with: t.title) : t.dim
                b.setString(x: leftX, y: y, label(row.leftNumber), style: st)
                b.setString(x: rightX, y: y, label(row.rightNumber), style: st)
            } else if isSel {
                b.setString(x: leftX + 1, y: y, t.v, style: t.focusedBorder)
                b.setString(x: rightX + 1, y: y, t.v, style: t.focusedBorder)
            }
            if let l = row.left { put(l, &b, x: leftX + 4, y: y, width: c.textWidth, t) }
            if let rr = row.right { put(rr, &b, x: rightX + 4, y: y, width: c.textWidth, t) }
        }
        t.overflow(&b, r, above: top > 0, below: c.rowCount - top > c.height)
    }

    /// The item's negatives with their verdicts after the negative's title,
    /// `n1✓ n2✗ n3- n4·` (`+ x - .` without Unicode), the selected one in
    /// reverse; as many as fit, then an ellipsis. Nothing for a single negative.
    private static func strip(_ s: AppState, x: Int, right: Int, y: Int, _ t: Theme, _ b: inout Buffer) {
        guard let item = s.item, item.negatives.count > 1 else { return }
        var x = x
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
            let entry = n.id + mark + (stale ? "?" : "")
            let w = DisplayWidth.of(entry)
            let last = k == item.negatives.count - 1
            guard x + w + (last ? 0 : 2) <= right else {
                if x < right { b.setString(x: x, y: y, t.ellipsis, style: t.dim) }
                return
            }
            let style = k == s.nav.negativeIndex ? t.selected
                : stale ? t.critical : v == .accept ? t.accept : v == .reject ? t.reject : t.dim
            x += b.setString(x: x, y: y, entry, style: style) + 1
        }
    }

    /// "Rationales (chosen step 2/3, negative step 3/4)": each side's own
    /// numbering, since the aligned row number is neither.
    private static func title(_ s: AppState, _ pairs: [StepPair], _ sel: Int) -> (title: String, legend: String) {
        // Without colour the words that differ are still underlined (and bold).
        let legend = s.monochrome ? "  underlined: only on this side" : "  red: only chosen  green: only negative"
        guard let item = s.item, sel < pairs.count else { return ("Rationales (no steps)", legend) }
        let p = pairs[sel]
        func side(_ name: String, _ index: Int?, _ count: Int) -> String {
            index.map { "\(name) step \($0 + 1)/\(count)" } ?? "no \(name) step"
        }
        var text = side("chosen", p.chosen == nil ? nil : p.chosenIndex, item.chosen.steps.count)
        if let neg = s.negative {
            text += ", " + side("negative", p.negative == nil ? nil : p.negativeIndex, neg.rationale.steps.count)
        }
        return ("Rationales (\(text))", legend)
    }

    /// A step number in three columns; blank where the side has no step.
    private static func label(_ n: Int?) -> String {
        guard let n, n > 0 else { return "   " }
        return n < 10 ? " \(n) " : "\(n) "
    }

    private static func put(_ line: [Span], _ b: inout Buffer, x: Int, y: Int, width: Int, _ t: Theme) {
        var cx = x
        for sp in line {
            cx += b.setString(x: cx, y: y, t.ascii ? Theme.asciiOnly(sp.text) : sp.text, style: sp.style, maxWidth: x + width - cx)
        }
    }
}
