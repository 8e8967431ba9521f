/// A vertical list of one-line items with a selection marker, scrolled so
/// the selected item stays visible.
public struct ListView: Widget, Sendable {
    /// One line per item.
    public var items: [StyledLine]
    /// The selected item, if any.
    public var selected: Int?
    /// The first visible item, as last drawn; corrected on render so the selection shows.
    public var scrollOffset: Int
    /// Laid over the selected row (all of its width).
    public var highlightStyle: Style
    /// Supplies the selection marker.
    public var glyphs: Glyphs
    /// An optional border around the list.
    public var block: Block?

    /// A list; `scrollOffset` is usually the value from the previous frame.
    public init(items: [StyledLine], selected: Int? = nil, scrollOffset: Int = 0,
                highlightStyle: Style = Style(attributes: [.reverse]), glyphs: Glyphs = .unicode, block: Block? = nil) {
        self.items = items; self.selected = selected; self.scrollOffset = scrollOffset
        self.highlightStyle = highlightStyle; self.glyphs = glyphs; self.block = block
    }

    /// The scroll offset that keeps `selected` visible in `height` rows,
    /// moving as little as possible from `current`.
    public static func scrollOffset(selected: Int?, current: Int, height: Int) -> Int {
        let cur = max(0, current)
        guard let s = selected, s >= 0, height > 0 else { return cur }
        if s < cur { return s }
        if s >= cur + height { return s - height + 1 }
        return cur
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        var inner = area
        if let block { block.render(in: area, buffer: &buffer); inner = block.inner(area) }
        guard !inner.isEmpty else { return }
        let sel = selected.flatMap { $0 >= 0 && $0 < items.count ? $0 : nil }
        var offset = Self.scrollOffset(selected: sel, current: scrollOffset, height: inner.height)
        offset = max(0, min(offset, max(0, items.count - inner.height)))
        let markerWidth = DisplayWidth.of(glyphs.selected) + 1
        for row in 0..<inner.height {
            let i = offset + row
            guard i < items.count else { break }
            let y = inner.y + row
            let isSel = i == sel
            if isSel {
                buffer.setString(x: inner.x, y: y, glyphs.selected + " ", maxWidth: inner.width)
            }
            let room = max(0, inner.width - markerWidth)
            buffer.setSpans(x: inner.x + markerWidth, y: y, TextWrap.truncate(items[i], width: room, ellipsis: glyphs.ellipsis),
                            maxWidth: room)
            if isSel { buffer.setStyle(highlightStyle, in: Rect(x: inner.x, y: y, width: inner.width, height: 1)) }
        }
    }
}
