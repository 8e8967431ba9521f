/// A run of text in one style, e.g. a highlighted word of a rationale.
public struct Span: Sendable, Hashable {
    /// The text, untrusted: it is sanitised when drawn.
    public var text: String
    /// How the text is drawn.
    public var style: Style
    /// A span of `text` drawn in `style`.
    public init(_ text: String, style: Style = .plain) { self.text = text; self.style = style }
    /// A span of `text` drawn in `style`.
    public init(text: String, style: Style = .plain) { self.text = text; self.style = style }
    /// Columns the span takes once sanitised.
    public var width: Int {
        var w = 0
        Sanitizer.forEachGrapheme(text) { w += $0.width; return true }
        return w
    }
}

/// One line of styled text.
public typealias StyledLine = [Span]

extension Buffer {
    /// Draws spans from (x, y) on one row, each through `setString` (so
    /// sanitised), within `maxWidth` columns, `base` under each span's style.
    /// Returns the columns used.
    @discardableResult
    public mutating func setSpans(x: Int, y: Int, _ spans: [Span], base: Style = .plain, maxWidth: Int = .max) -> Int {
        var col = 0
        for s in spans where col < maxWidth {
            let used = setString(x: x + col, y: y, s.text, style: base.patched(with: s.style), maxWidth: maxWidth - col)
            col += used
            // A wide character that did not fit ends the line rather than letting a later span slip in.
            if used < s.width { break }
        }
        return col
    }
}
