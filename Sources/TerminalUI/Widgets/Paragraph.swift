/// Styled text, word-wrapped (or cut) to its area, scrolled by whole lines,
/// with an optional border.
public struct Paragraph: Widget, Sendable {
    /// The text, in styled runs.
    public var spans: [Span]
    /// Wrap at the area width; when false, lines break only at "\n" and are cut.
    public var wrap: Bool
    /// Lines skipped at the top.
    public var scroll: Int
    /// An optional border around the text.
    public var block: Block?
    /// Style under every span (e.g. a pane's background).
    public var style: Style
    /// Lines already broken by the caller, drawn as they are (cut at the width).
    public var brokenLines: [[Span]]?

    /// A paragraph of spans.
    public init(_ spans: [Span], wrap: Bool = true, scroll: Int = 0, block: Block? = nil, style: Style = .plain) {
        self.spans = spans; self.wrap = wrap; self.scroll = scroll; self.block = block; self.style = style
    }

    /// A paragraph of lines the caller has already broken (a hanging indent,
    /// say): each is one row, cut at the area's width.
    public init(lines: [[Span]], scroll: Int = 0, block: Block? = nil, style: Style = .plain) {
        self.init([], wrap: false, scroll: scroll, block: block, style: style)
        brokenLines = lines
    }

    /// A paragraph of plain text.
    public init(text: String, wrap: Bool = true, scroll: Int = 0, block: Block? = nil, style: Style = .plain) {
        self.init([Span(text)], wrap: wrap, scroll: scroll, block: block, style: style)
    }

    /// The lines the text takes at `width` columns of text (inside any border).
    public func lines(width: Int) -> [[Span]] {
        if let brokenLines { return brokenLines }
        if wrap { return TextWrap.wrap(spans, width: width) }
        return TextWrap.wrap(spans, width: Int.max / 4)
    }

    /// How many lines the text takes when drawn in `area` (border included): for scroll limits.
    public func lineCount(in area: Rect) -> Int {
        if let brokenLines { return brokenLines.count }
        return TextWrap.lineCount(spans, width: wrap ? (block?.inner(area) ?? area).width : Int.max / 4)
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        var inner = area
        if let block { block.render(in: area, buffer: &buffer); inner = block.inner(area) }
        guard !inner.isEmpty else { return }
        let start = max(0, scroll)
        if let brokenLines {
            for (row, line) in brokenLines.dropFirst(start).prefix(inner.height).enumerated() {
                buffer.setSpans(x: inner.x, y: inner.y + row, line, base: style, maxWidth: inner.width)
            }
            return
        }
        // Lines are made one at a time and only those on screen are kept.
        var n = 0
        TextWrap.forEachLine(spans, width: wrap ? inner.width : Int.max / 4) { line in
            defer { n += 1 }
            guard n >= start else { return true }
            buffer.setSpans(x: inner.x, y: inner.y + n - start, line, base: style, maxWidth: inner.width)
            return n - start + 1 < inner.height
        }
    }
}
