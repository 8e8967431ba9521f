/// Which sides of a block have a border.
public struct Borders: OptionSet, Sendable, Hashable {
    /// The side bits.
    public let rawValue: UInt8
    /// Borders from their bits.
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// The top edge.
    public static let top = Borders(rawValue: 1)
    /// The bottom edge.
    public static let bottom = Borders(rawValue: 2)
    /// The left edge.
    public static let left = Borders(rawValue: 4)
    /// The right edge.
    public static let right = Borders(rawValue: 8)
    /// Every side.
    public static let all: Borders = [.top, .bottom, .left, .right]
    /// No border.
    public static let none: Borders = []
}

/// A border with an optional title on the top edge, around other widgets.
public struct Block: Widget, Sendable {
    /// Shown on the top edge, cut to fit.
    public var title: String?
    /// The sides drawn.
    public var borders: Borders
    /// Unicode or ASCII lines.
    public var glyphs: Glyphs
    /// Style of the border lines.
    public var style: Style
    /// Style of the title.
    public var titleStyle: Style

    /// A block; the title is sanitised and cut to fit.
    public init(title: String? = nil, borders: Borders = .all, glyphs: Glyphs = .unicode,
                style: Style = .plain, titleStyle: Style = Style(attributes: [.bold])) {
        self.title = title; self.borders = borders; self.glyphs = glyphs; self.style = style; self.titleStyle = titleStyle
    }

    /// The area left inside the borders.
    public func inner(_ area: Rect) -> Rect {
        area.inset(top: borders.contains(.top) ? 1 : 0, left: borders.contains(.left) ? 1 : 0,
                   bottom: borders.contains(.bottom) ? 1 : 0, right: borders.contains(.right) ? 1 : 0)
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        let g = glyphs
        let (l, t, r, b) = (area.left, area.top, area.right - 1, area.bottom - 1)
        if borders.contains(.top) { for x in l...r { buffer.setString(x: x, y: t, g.horizontal, style: style, maxWidth: 1) } }
        if borders.contains(.bottom) { for x in l...r { buffer.setString(x: x, y: b, g.horizontal, style: style, maxWidth: 1) } }
        if borders.contains(.left) { for y in t...b { buffer.setString(x: l, y: y, g.vertical, style: style, maxWidth: 1) } }
        if borders.contains(.right) { for y in t...b { buffer.setString(x: r, y: y, g.vertical, style: style, maxWidth: 1) } }
        func corner(_ x: Int, _ y: Int, _ s: String, _ a: Borders, _ c: Borders) {
            if borders.contains(a) && borders.contains(c) { buffer.setString(x: x, y: y, s, style: style, maxWidth: 1) }
        }
        corner(l, t, g.topLeft, .top, .left); corner(r, t, g.topRight, .top, .right)
        corner(l, b, g.bottomLeft, .bottom, .left); corner(r, b, g.bottomRight, .bottom, .right)
        if let title, !title.isEmpty, borders.contains(.top) {
            let x0 = l + (borders.contains(.left) ? 1 : 0)
            let room = r - x0 + (borders.contains(.right) ? 0 : 1)
            let text = glyphs.isASCII ? Sanitizer.asciiOnly(title) : title
            let spans = TextWrap.truncate([Span(text, style: titleStyle)], width: room, ellipsis: glyphs.ellipsis)
            buffer.setSpans(x: x0, y: t, spans, maxWidth: room)
        }
    }
}
