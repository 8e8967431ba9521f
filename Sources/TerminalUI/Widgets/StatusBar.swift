/// One row with text on the left and on the right; the left part is cut
/// (with an ellipsis) when both do not fit.
public struct StatusBar: Widget, Sendable {
    /// Text at the left, cut first when space runs out.
    public var left: [Span]
    /// Text at the right edge.
    public var right: [Span]
    /// Style of the whole row.
    public var style: Style
    /// Supplies the ellipsis.
    public var glyphs: Glyphs

    /// A status bar from spans.
    public init(left: [Span], right: [Span] = [], style: Style = Style(attributes: [.reverse]), glyphs: Glyphs = .unicode) {
        self.left = left; self.right = right; self.style = style; self.glyphs = glyphs
    }

    /// A status bar from plain strings.
    public init(left: String, right: String = "", style: Style = Style(attributes: [.reverse]), glyphs: Glyphs = .unicode) {
        self.init(left: [Span(left)], right: right.isEmpty ? [] : [Span(right)], style: style, glyphs: glyphs)
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        let row = Rect(x: area.x, y: area.y, width: area.width, height: 1)
        buffer.fill(row, with: .blank)
        buffer.setStyle(style, in: row)
        let r = TextWrap.truncate(right, width: area.width, ellipsis: glyphs.ellipsis)
        let rw = r.reduce(0) { $0 + $1.width }
        let leftRoom = max(0, area.width - rw - (rw > 0 ? 1 : 0))
        let l = TextWrap.truncate(left, width: leftRoom, ellipsis: glyphs.ellipsis)
        buffer.setSpans(x: area.x, y: area.y, l, base: style, maxWidth: leftRoom)
        buffer.setSpans(x: area.right - rw, y: area.y, r, base: style, maxWidth: rw)
    }
}
