import Imaging

/// How an image reaches the screen: a pixel protocol, or text cells.
public enum GraphicsMode: String, Sendable, Hashable, CaseIterable {
    /// kitty's graphics protocol (kitty, Ghostty, WezTerm, Konsole in part).
    case kitty
    /// DEC sixel (xterm -ti vt340, foot, WezTerm, mlterm, Windows Terminal).
    case sixel
    /// iTerm2's inline images (iTerm2, WezTerm, mintty).
    case iterm
    /// Half, quadrant and sextant blocks with two colours a cell.
    case symbols
    /// Upper half blocks with two colours a cell.
    case blocks
    /// Shading characters, no colour.
    case ascii

    /// Whether the terminal draws real pixels.
    public var isPixel: Bool { self == .kitty || self == .sixel || self == .iterm }

    /// The escapes that show `frame` (already at the pixel size of the cells)
    /// over `columns` x `rows` cells at the cursor; nil for the text modes.
    /// `tmux` wraps kitty's escapes in tmux's passthrough.
    public func encode(_ frame: RGBAImage, columns: Int, rows: Int, imageID: UInt32 = 1, tmux: Bool = false) -> String? {
        switch self {
        case .kitty:
            // Raw RGB is quickest to make; through tmux, where every byte is
            // copied once more, zlib's smaller payload is worth its time.
            let s = KittyGraphics.transmit(frame, id: imageID, format: tmux ? .rgb : .raw,
                                           placement: .cursor(columns: columns, rows: rows))
            return tmux ? KittyGraphics.tmuxPassthrough(s) : s
        case .sixel:
            let s = Sixel.encode(frame)
            return tmux ? KittyGraphics.tmuxPassthrough(s) : s
        case .iterm:
            let s = ITermImage.encode(frame, columns: columns, rows: rows)
            return tmux ? KittyGraphics.tmuxPassthrough(s) : s
        case .symbols, .blocks, .ascii:
            return nil
        }
    }
}

/// The size of one terminal cell in pixels.
public struct CellSize: Sendable, Hashable {
    /// Width and height of a cell in pixels.
    public var width: Int, height: Int
    /// A cell size; both at least 1.
    public init(width: Int, height: Int) { self.width = max(1, width); self.height = max(1, height) }
    /// What most terminals use at their default font size when nothing says otherwise.
    public static let fallback = CellSize(width: 10, height: 20)
    /// Height over width, the cell aspect the text modes fit images with.
    public var aspect: Double { Double(height) / Double(width) }
}
