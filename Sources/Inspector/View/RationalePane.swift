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
        t.clipped(&b, x: rightX, y: inner.top, RationaleRows.negativeTitle(s), style: t.reject.patched(with: t.title), width: colW)
        strip(s, in: r, t, &b)
        let top = RationaleRows.top(s, c, pairs: pairs.count)
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

    /// The strip of the item's negatives and their verdicts (`RationaleRows.strip`),
    /// the selected one in reverse.
    private static func strip(_ s: AppState, in r: Rect, _ t: Theme, _ b: inout Buffer) {
        let (entries, cut) = RationaleRows.strip(s, in: r, theme: t)
        for e in entries {
            let style = e.index == s.nav.negativeIndex ? t.selected
                : e.stale ? t.critical : e.verdict == .accept ? t.accept : e.verdict == .reject ? t.reject : t.dim
            b.setString(x: e.x, y: e.y, e.text, style: style)
        }
        if let cut { b.setString(x: cut.x, y: cut.y, t.ellipsis, style: t.dim) }
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
