/// A bordered box of key bindings, centred over whatever is drawn, which it clears.
public struct HelpOverlay: Widget, Sendable {
    /// Shown on the top border.
    public var title: String
    /// Titled groups of key bindings.
    public var sections: [(title: String, entries: [(key: String, text: String)])]
    /// Unicode or ASCII border.
    public var glyphs: Glyphs
    /// Lines skipped at the top when the help is taller than the screen.
    public var scroll: Int

    /// A help box; sections are drawn in order, each a bold title and its keys.
    public init(title: String, sections: [(title: String, entries: [(key: String, text: String)])],
                glyphs: Glyphs = .unicode, scroll: Int = 0) {
        self.title = title; self.sections = sections; self.glyphs = glyphs; self.scroll = scroll
    }

    /// The content lines, without the border.
    public func lines() -> [StyledLine] {
        let keyWidth = sections.flatMap { $0.entries.map { DisplayWidth.of(Sanitizer.clean($0.key)) } }.max() ?? 0
        var out: [StyledLine] = []
        for (i, s) in sections.enumerated() {
            if i > 0 { out.append([]) }
            if !s.title.isEmpty { out.append([Span(s.title, style: Style(attributes: [.bold, .underline]))]) }
            for e in s.entries {
                let k = Sanitizer.clean(e.key)
                let pad = String(repeating: " ", count: max(0, keyWidth - DisplayWidth.of(k)))
                out.append([Span(k, style: Style(attributes: [.bold])), Span(pad + "  " + e.text)])
            }
        }
        return out
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        let content = lines()
        let widest = content.map { $0.reduce(0) { $0 + $1.width } }.max() ?? 0
        let w = max(widest, DisplayWidth.of(Sanitizer.clean(title)) + 2) + 4  // border and a space each side
        let h = content.count + 2
        let box = Layout.centered(width: w, height: h, in: area)
        guard box.width >= 2, box.height >= 2 else { return }
        buffer.fill(box, with: .blank)
        let block = Block(title: title, glyphs: glyphs)
        block.render(in: box, buffer: &buffer)
        let inner = block.inner(box).inset(top: 0, left: 1, bottom: 0, right: 1)
        guard !inner.isEmpty else { return }
        let start = max(0, min(scroll, content.count))
        for (row, line) in content[start...].prefix(inner.height).enumerated() {
            let shown = TextWrap.truncate(line, width: inner.width, ellipsis: glyphs.ellipsis)
            buffer.setSpans(x: inner.x, y: inner.y + row, shown, maxWidth: inner.width)
        }
    }
}
