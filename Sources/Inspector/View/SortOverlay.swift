import Foundation
import TerminalUI

/// The sorted view (`S`) in a box over the screen: a row per negative with
/// its value, item and operator, in order; the selected row in reverse.
enum SortOverlay {
    static func draw(_ v: SortView, in area: Rect, theme t: Theme, buffer b: inout Buffer) {
        let order = v.descending ? "descending" : "ascending"
        let scope = v.within.map { "within where \($0)" } ?? "all items"
        let what = v.field == "time" ? "when you decided them" : v.field
        var subtitle = "listing \(scope)\(t.ellipsis)"
        if let rows = v.rows {
            subtitle = "\(rows.count) negative\(rows.count == 1 ? "" : "s"), \(scope)"
            if v.withoutValue > 0 { subtitle += "; \(v.withoutValue) without a value left out" }
        }
        guard let area = ListOverlay.box(in: area, title: "Negatives by \(what), \(order)", subtitle: subtitle,
                                         keys: "Tab: other field  r: reverse  Enter: go to it  Esc: close",
                                         ready: v.rows != nil, theme: t, buffer: &b),
              let rows = v.rows else { return }
        guard !rows.isEmpty else {
            t.clipped(&b, x: area.left + 1, y: area.top, "no negative has a value of \(v.field)", width: area.width - 2)
            return
        }
        let values = rows.map { format($0.value, v.field) }
        let valueW = values.map(\.count).max() ?? 0
        ListOverlay.rows(area, count: rows.count, selection: v.selection, theme: t, buffer: &b) { k, y, selected, style, b in
            let row = rows[k]
            let value = String(repeating: " ", count: valueW - values[k].count) + values[k]
            let x = area.left + 1 + b.setString(x: area.left + 1, y: y, value, style: selected ? style : t.accept)
            t.clipped(&b, x: x + 2, y: y, "\(row.itemID)  \(row.negativeID) (\(row.operatorName))  item \(row.item + 1)",
                      style: style, width: area.right - x - 3)
        }
    }

    /// A value as the list shows it: a date and time for `time`, else up to three decimals.
    static func format(_ x: Double, _ field: String) -> String {
        if field == "time" {
            let f = DateFormatter()
            f.locale = Locale(identifier: "en_US_POSIX")
            f.dateFormat = "yyyy-MM-dd HH:mm:ss"
            return f.string(from: Date(timeIntervalSince1970: x))
        }
        return x == x.rounded() && abs(x) < 1e9 ? String(Int(x)) : String(format: "%.3f", x)
    }
}
