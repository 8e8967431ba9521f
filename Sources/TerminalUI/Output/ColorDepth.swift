/// How many colours an output can show.
public enum ColorDepth: Sendable, Hashable, CaseIterable {
    /// No colour at all (plain text).
    case none
    /// The 16 ANSI colours.
    case ansi16
    /// The xterm 256-colour palette.
    case ansi256
    /// 24-bit RGB.
    case truecolor

    /// `color` as this depth can show it: RGB becomes the nearest palette entry,
    /// 256-palette entries become the nearest of the 16, and with `.none`
    /// everything becomes the default colour.
    public func convert(_ color: Color) -> Color {
        switch (self, color) {
        case (_, .default), (.truecolor, _): return color
        case (.none, _): return .default
        case (.ansi256, .indexed): return color
        case (.ansi256, .rgb(let r, let g, let b)): return .indexed(Palette.nearest256((r, g, b)))
        case (.ansi16, .indexed(let n)) where n < 16: return color
        case (.ansi16, _):
            guard let c = Palette.rgb(of: color) else { return .default }
            return .indexed(Palette.nearest16(c))
        }
    }

    /// The depth a terminal with these capabilities supports.
    public init(_ caps: TerminalCapabilities) {
        if caps.truecolor { self = .truecolor }
        else if caps.colors >= 256 { self = .ansi256 }
        else if caps.colors >= 8 { self = .ansi16 }
        else { self = .none }
    }
}
