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
    /// Columns between the left and the right part.
    public var gap: Int = 1
    /// When above 0: the right part is left out unless the left keeps at least this many columns.
    public var minLeft: Int = 0

    /// A status bar from spans.
    public init(left: [Span], right: [Span] = [], style: Style = Style(attributes: [.reverse]), glyphs: Glyphs = .unicode,
                gap: Int = 1, minLeft: Int = 0) {
        self.left = left; self.right = right; self.style = style; self.glyphs = glyphs
        self.gap = gap; self.minLeft = minLeft
    }

    /// A status bar from plain strings.
    public init(left: String, right: String = "", style: Style = Style(attributes: [.reverse]), glyphs: Glyphs = .unicode,
                gap: Int = 1, minLeft: Int = 0) {
        self.init(left: [Span(left)], right: right.isEmpty ? [] : [Span(right)], style: style, glyphs: glyphs, gap: gap, minLeft: minLeft)
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        let row = Rect(x: area.x, y: area.y, width: area.width, height: 1)
        buffer.fill(row, with: .blank)
        buffer.setStyle(style, in: row)
        var r = TextWrap.truncate(right, width: area.width, ellipsis: glyphs.ellipsis)
        var rw = r.reduce(0) { $0 + $1.width }
        if minLeft > 0, rw > 0, rw + gap + minLeft > area.width { r = []; rw = 0 }
        let leftRoom = max(0, area.width - rw - (rw > 0 ? gap : 0))
        let l = TextWrap.truncate(left, width: leftRoom, ellipsis: glyphs.ellipsis)
        buffer.setSpans(x: area.x, y: area.y, l, base: style, maxWidth: leftRoom)
        buffer.setSpans(x: area.right - rw, y: area.y, r, base: style, maxWidth: rw)
    }
}
