/// How an image is drawn in cells.
public enum ImageMode: String, Sendable, Hashable, CaseIterable {
    /// Upper half blocks with 24-bit colours: two pixels per cell.
    case truecolor
    /// Upper half blocks with the nearest xterm 256-palette colours.
    case palette256
    /// Upper half blocks with the nearest of the 16 ANSI colours.
    case palette16
    /// One shading character per cell from the luminance; no colour, no Unicode.
    case ascii

    /// The best mode a terminal with `caps` can show: ASCII without UTF-8 or colour.
    public static func auto(_ caps: TerminalCapabilities) -> ImageMode {
        guard caps.unicode, caps.colors > 0 || caps.truecolor else { return .ascii }
        if caps.truecolor { return .truecolor }
        if caps.colors >= 256 { return .palette256 }
        if caps.colors >= 8 { return .palette16 }
        return .ascii
    }

    /// Whether each cell carries two pixel rows (half blocks).
    public var usesHalfBlocks: Bool { self != .ascii }

    /// The colour depth this mode's cells need.
    public var colorDepth: ColorDepth {
        switch self {
        case .truecolor: return .truecolor
        case .palette256: return .ansi256
        case .palette16: return .ansi16
        case .ascii: return .none
        }
    }
}

extension ImageMode {
    /// The name users type with `--mode` and read in the docs: truecolor, 256, 16, ascii.
    public var label: String {
        switch self {
        case .truecolor: "truecolor"
        case .palette256: "256"
        case .palette16: "16"
        case .ascii: "ascii"
        }
    }
}
