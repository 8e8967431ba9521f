import TerminalUI

/// What the list overlays (the frequency and the sorted views) share: a box
/// over the screen with a title, a line saying what is listed, the rows
/// scrolled to keep the selection in view, the keys at the bottom and
/// `12-40/300` on the frame when the rows do not all fit.
enum ListOverlay {
    /// Draws the box; the rows' area (nil when nothing is to be listed yet:
    /// `subtitle` then says why, such as `counting…`).
    static func box(in area: Rect, title: String, subtitle: String, keys: String, ready: Bool,
                    theme t: Theme, buffer b: inout Buffer) -> Rect? {
        guard let r = HelpLines.box(area) else { return nil }
        b.fill(r, with: .blank)
        let inner = r.inset(by: 1)
        t.frame(&b, r, title: title, focused: true)
        t.clipped(&b, x: inner.left + 1, y: inner.top, subtitle, style: t.dim, width: inner.width - 2)
        t.clipped(&b, x: inner.left + 1, y: inner.bottom - 1, keys, style: t.dim, width: inner.width - 2)
        guard ready else { return nil }
        return Rect(x: inner.left, y: inner.top + 2, width: inner.width, height: max(1, inner.height - 4))
    }

    /// Draws the rows of a list in `area`, scrolled to keep `selection` in
    /// view: the selected row's background first, then `draw` with the row's
    /// position, its screen row, whether it is selected and the style for its
    /// text; then `12-40/300` when they do not all fit.
    static func rows(_ area: Rect, count: Int, selection: Int, theme t: Theme, buffer b: inout Buffer,
                     _ draw: (_ k: Int, _ y: Int, _ selected: Bool, _ style: Style, _ b: inout Buffer) -> Void) {
        let top = top(selection: selection, count: count, height: area.height)
        for k in top..<min(count, top + area.height) {
            let y = area.top + k - top
            let selected = k == selection
            if selected { select(area, y: y, buffer: &b) }
            draw(k, y, selected, selected ? t.selected : Style.plain, &b)
        }
        more(area, top: top, count: count, theme: t, buffer: &b)
    }

    /// The first of `count` rows shown in `height` rows with `selection` in view.
    private static func top(selection: Int, count: Int, height: Int) -> Int {
        min(max(0, selection - height + 1), max(0, count - height))
    }

    /// The selected row's background, before its text is drawn on it.
    private static func select(_ rows: Rect, y: Int, buffer b: inout Buffer) {
        b.fill(Rect(x: rows.left, y: y, width: rows.width, height: 1), with: Cell(" ", attributes: [.reverse]))
    }

    /// `12-40/300` on the box's bottom border when the rows do not all fit.
    private static func more(_ rows: Rect, top: Int, count: Int, theme t: Theme, buffer b: inout Buffer) {
        guard count > rows.height else { return }
        let text = "\(top + 1)-\(min(count, top + rows.height))/\(count)"
        b.setString(x: rows.right - 1 - text.count, y: rows.bottom + 2, text, style: t.dim)
    }
}
