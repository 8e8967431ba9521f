import TerminalUI

/// The inspector's ways of putting text and frames on the screen, in its theme.
extension Theme {
    /// Draws a border around `r` with `title` (TerminalUI's `Block`), brighter when
    /// focused. The `legend` follows the title when both fit; a title that does
    /// not fit ends in an ellipsis.
    func frame(_ b: inout Buffer, _ r: Rect, title: String, legend: String = "", focused: Bool) {
        guard r.width >= 2, r.height >= 2 else { return }
        let st = focused ? focusedBorder : border
        var heading: String?
        if !title.isEmpty, r.width > 4 {
            // A space either side of the text, and the corners.
            let room = r.width - 4
            var text = ascii ? Theme.asciiOnly(title) : title
            let extra = ascii ? Theme.asciiOnly(legend) : legend
            // The legend explains colours; the title says where you are: the legend goes first.
            if !extra.isEmpty, TextFit.width(text + extra) <= room { text += extra }
            heading = " " + TextFit.end(text, columns: room, ellipsis: ellipsis) + " "
        }
        Block(title: heading, glyphs: glyphs, style: st, titleStyle: focused ? focusedBorder : titleStyle(st)).render(in: r, buffer: &b)
    }

    private func titleStyle(_ st: Style) -> Style { st.patched(with: Style(fg: .default, attributes: [.bold])) }

    /// Writes `text` clipped to `width`, ending with an ellipsis when it was cut.
    func clipped(_ b: inout Buffer, x: Int, y: Int, _ text: String, style: Style = .plain, width: Int) {
        guard width > 0 else { return }
        let clean = ascii ? Theme.asciiOnly(text) : text
        if DisplayWidth.of(Sanitizer.clean(clean)) <= width {
            b.setString(x: x, y: y, clean, style: style, maxWidth: width)
        } else {
            let used = b.setString(x: x, y: y, clean, style: style, maxWidth: max(0, width - DisplayWidth.of(ellipsis)))
            b.setString(x: x + used, y: y, ellipsis, style: dim, maxWidth: width - used)
        }
    }

    /// Draws `segments` one after another from `x`, the one that runs past `right` cut with an ellipsis.
    func segments(_ b: inout Buffer, x: Int, y: Int, _ segments: [(String, Style)], right: Int) {
        var x = x
        for (i, (text, style)) in segments.enumerated() {
            let clean = ascii ? Theme.asciiOnly(text) : text
            let w = DisplayWidth.of(Sanitizer.clean(clean))
            // Keep room for the ellipsis when more follows.
            let more = i + 1 < segments.count
            if x + w > right || (more && x + w == right) {
                clipped(&b, x: x, y: y, text + (more ? ellipsis + ellipsis : ""), style: style, width: right - x)
                return
            }
            x += b.setString(x: x, y: y, clean, style: style, maxWidth: right - x)
        }
    }

    /// Marks on the bottom border of `r` that lines are hidden above and/or below,
    /// so every scrolling text pane says the same thing the same way.
    func overflow(_ b: inout Buffer, _ r: Rect, above: Bool, below: Bool) {
        guard above || below, r.width > 16, r.height >= 2 else { return }
        let up = ascii ? "^" : "↑", down = ascii ? "v" : "↓"
        let mark = " more " + (above ? up : "") + (below ? down : "") + " "
        b.setString(x: r.right - 4 - DisplayWidth.of(mark), y: r.bottom - 1, mark, style: dim)
    }
}
