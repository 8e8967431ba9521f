/// One terminal cell: the grapheme drawn in it and how.
///
/// A wide grapheme (CJK, most emoji) occupies its cell and the next; the next
/// cell is then a `continuation` with an empty symbol, which backends skip.
public struct Cell: Sendable, Hashable {
    /// The grapheme cluster drawn here; "" for the second half of a wide one.
    public var symbol: String
    public var fg: Color
    public var bg: Color
    public var attributes: Attributes

    /// A cell from its parts.
    public init(_ symbol: String = " ", fg: Color = .default, bg: Color = .default, attributes: Attributes = []) {
        self.symbol = symbol; self.fg = fg; self.bg = bg; self.attributes = attributes
    }

    /// An empty cell in the default colours.
    public static let blank = Cell()

    /// True for the right half of a wide grapheme.
    public var isContinuation: Bool { symbol.isEmpty }

    /// Applies a style: colours where the style sets them, attributes added.
    public mutating func apply(_ style: Style) {
        if let f = style.fg { fg = f }
        if let b = style.bg { bg = b }
        attributes.formUnion(style.attributes)
    }
}
