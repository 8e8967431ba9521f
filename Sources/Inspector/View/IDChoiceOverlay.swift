import TerminalUI

/// The ids `:` matched, in a box over the screen (the first one is shown
/// under it); the selected row in reverse.
enum IDChoiceOverlay {
    static func draw(_ v: IDChoices, in area: Rect, theme t: Theme, buffer b: inout Buffer) {
        let listed = v.total > v.rows.count ? "; the first \(v.rows.count) listed" : ""
        guard let area = ListOverlay.box(in: area, title: "Go to: ids that \(v.how) \"\(v.text)\"",
                                         subtitle: "\(v.total) items\(listed)",
                                         keys: "j/k: choose  Enter: go to it  Esc: stay on the first",
                                         ready: true, theme: t, buffer: &b) else { return }
        ListOverlay.rows(area, count: v.rows.count, selection: v.selection, theme: t, buffer: &b) { k, y, _, style, b in
            t.clipped(&b, x: area.left + 1, y: y, "\(v.rows[k].id)  item \(v.rows[k].index + 1)", style: style, width: area.width - 2)
        }
    }
}
