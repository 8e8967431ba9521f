/// A terminal colour: the terminal's default, one of the 256 xterm palette
/// entries (0-15 are the 16 ANSI colours), or 24-bit RGB.
public enum Color: Sendable, Hashable {
    case `default`
    case indexed(UInt8)
    case rgb(UInt8, UInt8, UInt8)
}

/// Text attributes a cell can carry.
public struct Attributes: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    /// Attributes from their bits.
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = Attributes(rawValue: 1 << 0)
    public static let dim = Attributes(rawValue: 1 << 1)
    public static let italic = Attributes(rawValue: 1 << 2)
    public static let underline = Attributes(rawValue: 1 << 3)
    public static let reverse = Attributes(rawValue: 1 << 4)
    public static let strikethrough = Attributes(rawValue: 1 << 5)
}

/// Foreground, background and attributes; `nil` colours leave what is there.
public struct Style: Sendable, Hashable {
    public var fg: Color?
    public var bg: Color?
    public var attributes: Attributes
    /// A style from its parts.
    public init(fg: Color? = nil, bg: Color? = nil, attributes: Attributes = []) {
        self.fg = fg; self.bg = bg; self.attributes = attributes
    }
    /// No change at all.
    public static let plain = Style()
    /// This style with `other` laid over it: other's colours win where set, attributes add up.
    public func patched(with other: Style) -> Style {
        Style(fg: other.fg ?? fg, bg: other.bg ?? bg, attributes: attributes.union(other.attributes))
    }
}
