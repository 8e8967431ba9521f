import Analysis
import TerminalUI

/// The chosen rationale and the selected negative's, step against step, with
/// differing words highlighted and a skipped step as a gap.
enum RationalePane {
    private struct Row { var left: [Span]?; var right: [Span]?; var step: Int; var first: Bool }

    static func draw(_ s: AppState, in r: Rect, theme t: Theme, buffer b: inout Buffer) {
        let focused = s.focus == .rationale
        let neg = s.negative
        let pairs = PanesModel.stepPairs(s)
        let sel = min(s.stepSelection, max(0, pairs.count - 1))
        t.frame(&b, r, title: "Rationales (step \(pairs.isEmpty ? 0 : sel + 1) of \(pairs.count))  red: only chosen  green: only negative",
                focused: focused)
        let inner = ScreenLayout.inner(r)
        guard inner.width > 10, inner.height > 1 else { return }
        if s.item == nil {
            // Nothing to compare yet, or ever: an unreadable line's problem is shown in the header.
            let loaded = s.current.map { $0.index == s.index } ?? false
            t.clipped(&b, x: inner.left, y: inner.top, loaded ? "this line cannot be read: no rationales" : "loading...",
                      style: t.dim, width: inner.width)
            return
        }
        let colW = (inner.width - 3) / 2
        let leftX = inner.left, rightX = inner.left + colW + 3
        let textW = colW - 4
        t.clipped(&b, x: leftX, y: inner.top, "CHOSEN", style: t.accept.patched(with: t.title), width: colW)
        let negTitle = neg.map { "NEGATIVE \($0.id) (\($0.op?.rawValue ?? $0.operatorName))" } ?? "NO NEGATIVE"
        t.clipped(&b, x: rightX, y: inner.top, negTitle, style: t.reject.patched(with: t.title), width: colW)
        let gap = [Span("(no step here)", style: t.dim)]
        var rows: [Row] = []
        for (i, p) in pairs.enumerated() {
            let l = TextWrap.wrap(p.chosen.map { spans($0, t) } ?? gap, width: textW)
            let rr = TextWrap.wrap(p.negative.map { spans($0, t) } ?? (neg == nil ? [] : gap), width: textW)
            for k in 0..<max(l.count, rr.count, 1) {
                rows.append(Row(left: k < l.count ? l[k] : nil, right: k < rr.count ? rr[k] : nil, step: i, first: k == 0))
            }
            rows.append(Row(left: nil, right: nil, step: -1, first: false))
        }
        if let item = s.item {
            let ca = [Span("answer: ", style: t.title), Span(item.chosen.answer ?? item.answer, style: t.accept)]
            let na = neg.map { [Span("answer: ", style: t.title), Span($0.rationale.answer ?? "-", style: t.reject)] }
            rows.append(Row(left: TextWrap.truncate(ca, width: textW), right: na.map { TextWrap.truncate($0, width: textW) }, step: -2, first: true))
        }
        let height = inner.height - 1
        let selStart = rows.firstIndex { $0.step == sel } ?? 0
        let selEnd = rows.lastIndex { $0.step == sel } ?? 0
        var top = 0
        if selEnd >= top + height { top = min(selStart, selEnd - height + 1) }
        for (n, row) in rows.dropFirst(top).prefix(height).enumerated() {
            let y = inner.top + 1 + n
            b.setString(x: leftX + colW + 1, y: y, t.v, style: t.border)
            guard row.step != -1 else { continue }
            let isSel = row.step == sel && focused
            if row.step >= 0 && row.first {
                let num = row.step + 1 < 10 ? " \(row.step + 1) " : "\(row.step + 1) "
                let st = isSel ? t.selected.patched(with: t.title) : t.dim
                b.setString(x: leftX, y: y, num, style: st)
                b.setString(x: rightX, y: y, num, style: st)
            } else if isSel {
                b.setString(x: leftX + 1, y: y, t.v, style: t.focusedBorder)
                b.setString(x: rightX + 1, y: y, t.v, style: t.focusedBorder)
            }
            if let l = row.left { put(l, &b, x: leftX + 4, y: y, width: textW, t) }
            if let rr = row.right { put(rr, &b, x: rightX + 4, y: y, width: textW, t) }
        }
        if rows.count - top > height {
            b.setString(x: r.right - 12, y: r.bottom - 1, " more \(t.ascii ? "v" : "↓") ", style: t.dim)
        }
    }

    /// Tokens as spans: removed words red and underlined, added words green.
    private static func spans(_ tokens: [DiffToken], _ t: Theme) -> [Span] {
        var out: [Span] = []
        for tok in tokens {
            if !tok.leading.isEmpty { out.append(Span(" ")) }
            let st: Style = tok.kind == .removed ? t.removed : tok.kind == .added ? t.added : .plain
            out.append(Span(tok.text, style: st))
        }
        return out
    }

    private static func put(_ line: [Span], _ b: inout Buffer, x: Int, y: Int, width: Int, _ t: Theme) {
        var cx = x
        for sp in line {
            cx += b.setString(x: cx, y: y, t.ascii ? Theme.asciiOnly(sp.text) : sp.text, style: sp.style, maxWidth: x + width - cx)
        }
    }
}
