/// The non-letter characters the UI draws, in a Unicode set and an ASCII set,
/// so the whole interface can fall back to ASCII on a terminal that is not UTF-8.
public struct Glyphs: Sendable, Hashable {
    /// Horizontal border line.
    public var horizontal: String
    /// Vertical border line.
    public var vertical: String
    /// Top-left border corner.
    public var topLeft: String
    /// Top-right border corner.
    public var topRight: String
    /// Bottom-left border corner.
    public var bottomLeft: String
    /// Bottom-right border corner.
    public var bottomRight: String
    /// The upper half block image cells are drawn with.
    public var upperHalf: String
    /// Marks text cut short.
    public var ellipsis: String
    /// Marks the selected row of a list.
    public var selected: String
    /// Accepted / present.
    public var check: String
    /// Rejected / missing.
    public var cross: String
    /// Swapped / replaced.
    public var swap: String
    /// Whether every glyph is plain ASCII.
    public var isASCII: Bool

    /// Box-drawing lines, "▀", "…", "▸", "✓", "✗", "↔".
    public static let unicode = Glyphs(horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└",
                                       bottomRight: "┘", upperHalf: "▀", ellipsis: "…", selected: "▸", check: "✓",
                                       cross: "✗", swap: "↔", isASCII: false)
    /// "-", "|", "+", "...", ">", "+", "x", "<>".
    public static let ascii = Glyphs(horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+",
                                     bottomRight: "+", upperHalf: "#", ellipsis: "...", selected: ">", check: "+",
                                     cross: "x", swap: "<>", isASCII: true)

    /// The set for a terminal with these capabilities.
    public static func forTerminal(_ caps: TerminalCapabilities) -> Glyphs { caps.unicode ? .unicode : .ascii }
}
