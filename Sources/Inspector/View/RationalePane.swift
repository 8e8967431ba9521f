import TerminalUI

/// The chosen rationale and the selected negative's, step against step, with
/// differing words highlighted and a skipped step as a gap.
enum RationalePane {
    static func draw(_ s: AppState, in r: Rect, theme t: Theme, buffer b: inout Buffer) {
        let focused = s.focus == .rationale
        let neg = s.negative
        t.frame(&b, r, title: "Rationales (step \(min(s.stepSelection + 1, max(1, PanesModel.stepCount(s)))) of \(PanesModel.stepCount(s)))", focused: focused)
        let inner = ScreenLayout.inner(r)
        guard inner.width > 10, inner.height > 1 else { return }
        let colW = (inner.width - 3) / 2
        let leftX = inner.left, rightX = inner.left + colW + 3
        b.setString(x: leftX, y: inner.top, "CHOSEN", style: t.accept.patched(with: t.title), maxWidth: colW)
        let negTitle = neg.map { "NEGATIVE \($0.id) (\($0.op?.rawValue ?? $0.operatorName))" } ?? "NO NEGATIVE"
        t.clipped(&b, x: rightX, y: inner.top, negTitle, style: t.reject.patched(with: t.title), width: colW)
        let pairs = PanesModel.stepPairs(s)
        // Lay out every step pair, then show the rows around the selection.
        var lines: [(left: [StyledWord]?, right: [StyledWord]?, step: Int, first: Bool)] = []
        for (i, p) in pairs.enumerated() {
            let (lw, rw) = words(chosen: p.chosen, negative: p.negative, theme: t)
            let l = lw.map { Wrap.lines($0, width: colW - 4) } ?? [[StyledWord(text: "(step skipped)", style: t.dim)]]
            let rr = rw.map { Wrap.lines($0, width: colW - 4) } ?? [[StyledWord(text: "(step skipped)", style: t.dim)]]
            for k in 0..<max(l.count, rr.count, 1) {
                lines.append((k < l.count ? l[k] : nil, k < rr.count ? rr[k] : nil, i, k == 0))
            }
            lines.append((nil, nil, -1, false))
        }
        let height = inner.height - 1
        let sel = min(s.stepSelection, max(0, pairs.count - 1))
        let selStart = lines.firstIndex { $0.step == sel } ?? 0
        let selEnd = lines.lastIndex { $0.step == sel } ?? 0
        var top = 0
        if selEnd >= top + height { top = min(selStart, selEnd - height + 1) }
        for (row, line) in lines.dropFirst(top).prefix(height).enumerated() {
            let y = inner.top + 1 + row
            guard line.step >= 0 else { continue }
            let isSel = line.step == sel && focused
            if line.first {
                let n = String(line.step + 1)
                let numStyle = isSel ? t.selected.patched(with: t.title) : t.dim
                b.setString(x: leftX, y: y, n.count < 2 ? " " + n + " " : n + " ", style: numStyle)
                b.setString(x: rightX, y: y, n.count < 2 ? " " + n + " " : n + " ", style: numStyle)
            } else if isSel {
                b.setString(x: leftX, y: y, " " + t.v, style: t.focusedBorder)
                b.setString(x: rightX, y: y, " " + t.v, style: t.focusedBorder)
            }
            if let l = line.left { Wrap.draw(l, in: &b, x: leftX + 4, y: y, width: colW - 4, ascii: t.ascii) }
            if let rr = line.right { Wrap.draw(rr, in: &b, x: rightX + 4, y: y, width: colW - 4, ascii: t.ascii) }
            b.setString(x: leftX + colW + 1, y: y, t.v, style: t.border)
        }
        if let ans = neg?.rationale.answer, lines.count - top <= height {
            _ = ans
        }
    }

    /// Each side's words, with words missing from the other side highlighted.
    static func words(chosen: String?, negative: String?, theme t: Theme) -> ([StyledWord]?, [StyledWord]?) {
        guard let chosen, let negative else {
            return (chosen.map { Wrap.words($0) }, negative.map { Wrap.words($0) })
        }
        let cw = Wrap.words(chosen), nw = Wrap.words(negative)
        let cset = Set(cw.map { normal($0.text) }), nset = Set(nw.map { normal($0.text) })
        let l = cw.map { StyledWord(text: $0.text, style: nset.contains(normal($0.text)) ? .plain : t.removed) }
        let r = nw.map { StyledWord(text: $0.text, style: cset.contains(normal($0.text)) ? .plain : t.added) }
        return (l, r)
    }

    private static func normal(_ w: String) -> String {
        w.lowercased().filter { $0.isLetter || $0.isNumber }
    }
}
