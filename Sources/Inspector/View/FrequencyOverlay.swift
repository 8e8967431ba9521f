import Query
import TerminalUI

/// The frequency view (`F`) in a box over the screen: a row per value (or
/// pair of values) with its count, share and a bar; the selected row in
/// reverse; the rows scroll with the selection.
enum FrequencyOverlay {
    static func draw(_ v: FrequencyView, in area: Rect, theme t: Theme, buffer b: inout Buffer) {
        guard let r = HelpLines.box(area) else { return }
        b.fill(r, with: .blank)
        let inner = r.inset(by: 1)
        let names = v.fields.map(\.name).joined(separator: " × ")
        t.frame(&b, r, title: "Negatives by \(names)", focused: true)
        let keys = "Tab: other fields  Enter: filter to the row  Esc: close"
        t.clipped(&b, x: inner.left + 1, y: inner.bottom - 1, keys, style: t.dim, width: inner.width - 2)
        var y = inner.top
        let scope = v.within.map { "within where \($0)" } ?? "all items"
        guard let table = v.table else {
            t.clipped(&b, x: inner.left + 1, y: y, "counting \(scope)\(t.ellipsis)", style: t.dim, width: inner.width - 2)
            return
        }
        let total = table.negatives
        t.clipped(&b, x: inner.left + 1, y: y, "\(total) negative\(total == 1 ? "" : "s"), \(scope)", style: t.dim, width: inner.width - 2)
        y += 2
        let rows = v.rows
        guard !rows.isEmpty else {
            t.clipped(&b, x: inner.left + 1, y: y, "no negatives to count", width: inner.width - 2)
            return
        }
        // Each field's values in a column of their own.
        let columns = v.fields.indices.map { f in rows.map { DisplayWidth.of($0.values[f]) }.max() ?? 0 }
        let labels = rows.map { row in
            zip(row.values, columns).map { $0 + String(repeating: " ", count: max(0, $1 - DisplayWidth.of($0))) }.joined(separator: "  ")
        }
        let labelW = min(max(12, labels.map { DisplayWidth.of($0) }.max() ?? 0), inner.width / 2)
        let countW = max(5, String(rows.map(\.count).max() ?? 0).count)
        let barW = max(0, inner.width - labelW - countW - 12)
        let most = max(1, rows.map(\.count).max() ?? 1)
        let height = max(1, inner.bottom - 2 - y)
        let top = min(max(0, v.selection - height + 1), max(0, rows.count - height))
        for (k, row) in rows.enumerated().dropFirst(top).prefix(height) {
            let selected = k == v.selection
            let style = selected ? t.selected : Style.plain
            if selected { b.fill(Rect(x: inner.left, y: y, width: inner.width, height: 1), with: Cell(" ", attributes: [.reverse])) }
            t.clipped(&b, x: inner.left + 1, y: y, labels[k], style: style, width: labelW)
            let n = String(row.count)
            let share = total == 0 ? "" : " \(Int((100 * Double(row.count) / Double(total)).rounded()))%"
            let x = inner.left + 2 + labelW
            b.setString(x: x + countW - n.count, y: y, n, style: style)
            b.setString(x: x + countW, y: y, share.padding(toLength: 6, withPad: " ", startingAt: 0), style: selected ? style : t.dim)
            let filled = Int((Double(barW) * Double(row.count) / Double(most)).rounded(.up))
            b.setString(x: x + countW + 7, y: y, String(repeating: t.ascii ? "#" : "█", count: filled), style: selected ? style : t.accept)
            y += 1
        }
        if rows.count > height {
            let more = "\(top + 1)-\(min(rows.count, top + height))/\(rows.count)"
            b.setString(x: r.right - 2 - more.count, y: r.bottom - 1, more, style: t.dim)
        }
    }
}
