import Analysis
import Foundation
import Review
import SceneData
import TerminalUI

extension InspectorApp {
    /// The whole screen for `s`, as a buffer of `s.width` x `s.height` cells.
    public static func view(_ s: AppState) -> Buffer {
        var b = Buffer(width: s.width, height: s.height)
        guard s.width > 0, s.height > 0 else { return b }
        let t = Theme(ascii: s.asciiOnly)
        let l = ScreenLayout.of(s)
        if s.zoomed {
            ImagePane.draw(s, in: l.image, theme: t, focused: true, buffer: &b)
        } else {
            header(s, l.header, t, &b)
            if l.tabbed { tabs(s, l.tabs, t, &b) }
            if !l.image.isEmpty { ImagePane.draw(s, in: l.image, theme: t, focused: l.tabbed, buffer: &b) }
            if !l.graph.isEmpty { GraphPane.draw(s, in: l.graph, theme: t, buffer: &b) }
            if !l.rationale.isEmpty { RationalePane.draw(s, in: l.rationale, theme: t, buffer: &b) }
            if !l.lints.isEmpty { LintPane.draw(s, in: l.lints, theme: t, buffer: &b) }
            promptLine(s, l.prompt, t, &b)
        }
        statusBar(s, l.status, t, &b)
        if s.showHelp { HelpOverlay.draw(in: Rect(x: 0, y: 0, width: s.width, height: s.height), theme: t, buffer: &b) }
        return b
    }

    static func number(_ v: Double?) -> String {
        guard let v else { return "-" }
        return String(format: "%.2f", v)
    }

    private static func header(_ s: AppState, _ r: Rect, _ t: Theme, _ b: inout Buffer) {
        guard r.height > 0 else { return }
        let total = s.fullyIndexed ? "\(s.itemCount)" : "\(s.itemCount)+"
        // Segments are drawn whole or, when the line runs out, the last one cut with an ellipsis.
        var segs: [(String, Style)] = [(" SceneLens ", Style(fg: .indexed(0), bg: .indexed(14), attributes: [.bold])),
                                       (" item \(s.index + 1) of \(total)", t.title)]
        let id = s.current.map { c in c.item?.id ?? "(unreadable line \(c.diagnostics.first?.line.map(String.init) ?? "?"))" } ?? "loading..."
        segs.append((t.sep + "id ", t.dim))
        segs.append((id, t.title))
        if let neg = s.negative, let item = s.item {
            segs.append(("\(t.sep)negative \(neg.id) (\(s.negativeIndex + 1)/\(item.negatives.count))\(t.sep)op ", t.dim))
            segs.append((neg.op?.rawValue ?? neg.operatorName, t.touched))
            if let j = PanesModel.jaccard(s) { segs.append(("\(t.sep)J \(String(format: "%.2f", j))", t.title)) }
            if let sc = neg.scores ?? item.scores {
                segs.append(("\(t.sep)judge chosen \(number(sc.chosen)) rejected \(number(sc.rejected)) conf \(number(sc.confidence))", t.dim))
            }
        }
        var x = r.left
        for (text, style) in segs {
            let w = DisplayWidth.of(Sanitizer.clean(t.ascii ? Theme.asciiOnly(text) : text))
            if x + w > r.right {
                t.clipped(&b, x: x, y: r.top, text, style: style, width: r.right - x)
                break
            }
            x += b.setString(x: x, y: r.top, t.ascii ? Theme.asciiOnly(text) : text, style: style, maxWidth: r.right - x)
        }
        guard let item = s.item else {
            if let c = s.current, c.index == s.index {
                for (i, d) in c.diagnostics.prefix(max(0, r.height - 1)).enumerated() {
                    t.clipped(&b, x: r.left + 1, y: r.top + 1 + i, d.formatted, style: t.reject, width: r.width - 2)
                }
            }
            return
        }
        if r.height > 1 {
            let q = b.setString(x: r.left + 1, y: r.top + 1, "Q: ", style: t.title)
            t.clipped(&b, x: r.left + 1 + q, y: r.top + 1, item.question, width: r.width - 2 - q)
        }
        if r.height > 2 {
            var x2 = r.left + 1
            x2 += b.setString(x: x2, y: r.top + 2, "A: ", style: t.title)
            let ans = item.answer
            x2 += b.setString(x: x2, y: r.top + 2, t.ascii ? Theme.asciiOnly(ans) : ans, style: t.accept, maxWidth: min(50, r.right - x2))
            if let na = s.negative?.rationale.answer {
                x2 += b.setString(x: x2, y: r.top + 2, "   negative answers: ", style: t.dim, maxWidth: r.right - x2)
                x2 += b.setString(x: x2, y: r.top + 2, t.ascii ? Theme.asciiOnly(na) : na, style: t.reject, maxWidth: min(50, r.right - x2))
            }
            if let neg = s.negative {
                let v = s.verdicts[neg.id]
                let stale = v != nil && s.staleDecisions.contains(neg.id)
                var label = v.map { "   decision: \($0.rawValue)" } ?? "   undecided"
                if stale { label += " (stale: the negative changed since)" }
                let st = stale ? t.stale : v == .accept ? t.accept : v == .reject ? t.reject : t.dim
                x2 += b.setString(x: x2, y: r.top + 2, label, style: st, maxWidth: r.right - x2)
                if let note = s.notes[neg.id] {
                    t.clipped(&b, x: x2, y: r.top + 2, "  note: " + note, style: t.dim, width: r.right - x2)
                }
            }
        }
        if r.height > 3 {
            let errors = (s.current?.diagnostics ?? [])
            if let d = errors.first {
                t.clipped(&b, x: r.left + 1, y: r.top + 3, "\(errors.count) problem(s): " + d.formatted,
                          style: d.severity == .error ? t.reject : t.critical, width: r.width - 2)
            } else if let ev = item.evidence {
                t.clipped(&b, x: r.left + 1, y: r.top + 3, "Evidence: " + ev, style: t.dim, width: r.width - 2)
            }
        }
    }

    private static func tabs(_ s: AppState, _ r: Rect, _ t: Theme, _ b: inout Buffer) {
        var x = r.left + 1
        for (i, p) in Pane.allCases.enumerated() {
            let name = " \(i + 1) \(p.rawValue.capitalized) "
            let st = p == s.focus ? t.selected.patched(with: t.title) : t.dim
            x += b.setString(x: x, y: r.top, name, style: st, maxWidth: r.right - x)
            x += 1
        }
        b.setString(x: x, y: r.top, "(Tab / Shift-Tab)", style: t.dim, maxWidth: r.right - x)
    }

    private static func promptLine(_ s: AppState, _ r: Rect, _ t: Theme, _ b: inout Buffer) {
        guard r.height > 0 else { return }
        if let p = s.prompt {
            let label: String
            switch p.kind {
            case .goto: label = "go to (id or number): "
            case .search: label = "search: "
            case .note: label = "note: "
            }
            let x = r.left + b.setString(x: r.left, y: r.top, label, style: t.title)
            // Show the end of a long input, where the typing happens.
            var text = t.ascii ? Theme.asciiOnly(p.text) : p.text
            let room = max(1, r.width - (x - r.left) - 1)
            while DisplayWidth.of(Sanitizer.clean(text)) > room - 1, !text.isEmpty { text.removeFirst() }
            let used = b.setString(x: x, y: r.top, text, maxWidth: room)
            b.setString(x: x + used, y: r.top, "_", style: Style(attributes: [.reverse]))
            return
        }
        let progress = s.busyProgress.map { " \(Int(($0 * 100).rounded(.down)))%" } ?? ""
        let msg = s.busy.map { $0 + t.ellipsis + progress } ?? s.flash ?? ""
        t.clipped(&b, x: r.left + 1, y: r.top, msg, style: msg.hasPrefix("error") ? t.reject : t.accept, width: r.width - 2)
    }

    private static func statusBar(_ s: AppState, _ r: Rect, _ t: Theme, _ b: inout Buffer) {
        guard r.height > 0 else { return }
        b.fill(r, with: Cell(" ", fg: .indexed(15), bg: .indexed(4)))
        let sum = s.summary
        let total = s.totalNegatives.map { " of \($0)" } ?? ""
        var left = " reviewed \(sum.decided)\(total)\(t.sep)accepted \(sum.accepted)\(t.sep)rejected \(sum.rejected)\(t.sep)skipped \(sum.skipped)"
        left += "\(t.sep)filter \(s.filter.label)"
        if let q = s.search { left += "\(t.sep)search \"\(q)\" (n/N)" }
        if !s.fullyIndexed { left += "\(t.sep)indexing \(Int(s.indexFraction * 100))%" }
        left += "\(t.sep)\(s.annotator) "
        let wide = s.zoomed ? " z/Esc back  h heatmap  b boxes  m map  i mode  q quit "
            : " a accept  x reject  s skip  u undo  n/p item  ]/[ neg  Tab pane  ? help  q quit "
        let leftCols = DisplayWidth.of(Sanitizer.clean(left))
        let keys = leftCols + DisplayWidth.of(wide) <= r.width ? wide : " ? help  q quit "
        let keyCols = DisplayWidth.of(keys)
        t.clipped(&b, x: r.left, y: r.top, left, style: t.status.patched(with: Style(attributes: [.bold])), width: r.width)
        if leftCols + keyCols <= r.width {
            b.setString(x: r.right - keyCols, y: r.top, keys, style: t.status)
        }
    }
}
