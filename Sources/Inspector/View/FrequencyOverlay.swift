import Query
import TerminalUI

/// The frequency view (`F`) in a box over the screen: a row per value (or
/// pair of values) with its count, share and a bar; the selected row in
/// reverse; the rows scroll with the selection.
enum FrequencyOverlay {
    static func draw(_ v: FrequencyView, in area: Rect, theme t: Theme, buffer b: inout Buffer) {
        let names = v.fields.map(\.name).joined(separator: " × ")
        let scope = v.within.map { "within where \($0)" } ?? "all items"
        let total = v.table?.negatives ?? 0
        let subtitle = v.table == nil ? "counting \(scope)\(t.ellipsis)" : "\(total) negative\(total == 1 ? "" : "s"), \(scope)"
        guard let area = ListOverlay.box(in: area, title: "Negatives by \(names)", subtitle: subtitle,
                                         keys: "Tab: other fields  Enter: filter to the row  Esc: close",
                                         ready: v.table != nil, theme: t, buffer: &b) else { return }
        let rows = v.rows
        guard !rows.isEmpty else {
            t.clipped(&b, x: area.left + 1, y: area.top, "no negatives to count", width: area.width - 2)
            return
        }
        // Each field's values in a column of their own.
        let columns = v.fields.indices.map { f in rows.map { DisplayWidth.of($0.values[f]) }.max() ?? 0 }
        let labels = rows.map { row in
            zip(row.values, columns).map { $0 + String(repeating: " ", count: max(0, $1 - DisplayWidth.of($0))) }.joined(separator: "  ")
        }
        let labelW = min(max(12, labels.map { DisplayWidth.of($0) }.max() ?? 0), area.width / 2)
        let countW = max(5, String(rows.map(\.count).max() ?? 0).count)
        let barW = max(0, area.width - labelW - countW - 12)
        let most = max(1, rows.map(\.count).max() ?? 1)
        ListOverlay.rows(area, count: rows.count, selection: v.selection, theme: t, buffer: &b) { k, y, selected, style, b in
            let row = rows[k]
            t.clipped(&b, x: area.left + 1, y: y, labels[k], style: style, width: labelW)
            let n = String(row.count)
            let share = total == 0 ? "" : " \(Int((100 * Double(row.count) / Double(total)).rounded()))%"
            let x = area.left + 2 + labelW
            b.setString(x: x + countW - n.count, y: y, n, style: style)
            b.setString(x: x + countW, y: y, share.padding(toLength: 6, withPad: " ", startingAt: 0), style: selected ? style : t.dim)
            let filled = Int((Double(barW) * Double(row.count) / Double(most)).rounded(.up))
            b.setString(x: x + countW + 7, y: y, String(repeating: t.ascii ? "#" : "█", count: filled), style: selected ? style : t.accept)
        }
    }
}
