import Imaging

/// A picture a full-screen program wants shown in real pixels over a
/// rectangle of cells, beside the frame of cells it draws. The cells under it
/// are the program's business: kitty placeholder cells (`KittyGraphics.drawPlaceholders`)
/// or, for sixel and iTerm2, `PixelPlacement.reservedCell`s the picture is drawn over.
public struct PixelPlacement: Sendable {
    /// kitty, sixel or iterm.
    public var mode: GraphicsMode
    /// The cells the picture covers.
    public var rect: Rect
    /// What the picture shows: the same key means the same pixels, so nothing
    /// is composed or sent again while it stays.
    public var key: String
    /// The image, its boxes and heatmap, composed at the cells' pixel size.
    public var widget: ImageWidget
    /// Wrap kitty's escapes in tmux's passthrough.
    public var tmux: Bool
    /// The kitty image id (also the placeholder cells' colour): below 256, at least 8.
    public var imageID: UInt32
    /// kitty: shown by Unicode placeholder cells (kitty 0.28 and later, Ghostty,
    /// and through tmux); false: placed at the cells after they are drawn, like
    /// sixel, for older kitty versions.
    public var placeholders: Bool

    public init(mode: GraphicsMode, rect: Rect, key: String, widget: ImageWidget, tmux: Bool = false,
                imageID: UInt32 = PixelPlacement.defaultImageID, placeholders: Bool = true) {
        self.mode = mode; self.rect = rect; self.key = key; self.widget = widget; self.tmux = tmux; self.imageID = imageID
        self.placeholders = placeholders
    }

    /// Whether the picture is drawn over the cells after them (sixel, iTerm2,
    /// kitty without placeholders), so an overlay over it would be hidden.
    public var drawnOverCells: Bool { !(mode == .kitty && placeholders) }

    /// The id the inspector's image pane uses.
    public static let defaultImageID: UInt32 = 91

    /// The cell sixel and iTerm2 pictures are drawn over: a blank no overlay
    /// draws (its colour is the image id), so a frame can tell whether
    /// something was drawn over the picture's cells.
    public static let reservedCell = Cell(" ", fg: .indexed(UInt8(defaultImageID)))

    /// Fills `rect` with what this mode needs under the picture.
    public static func reserve(_ mode: GraphicsMode, id: UInt32 = defaultImageID, placeholders: Bool = true, rect: Rect,
                               buffer: inout Buffer) {
        if mode == .kitty && placeholders {
            KittyGraphics.drawPlaceholders(id: id, in: rect, buffer: &buffer)
        } else {
            for y in rect.top..<rect.bottom { for x in rect.left..<rect.right { buffer[x, y] = reservedCell } }
        }
    }

    /// Whether every cell of `rect` still holds what `reserve` put there (no overlay covers the picture).
    public static func isIntact(_ mode: GraphicsMode, id: UInt32 = defaultImageID, placeholders: Bool = true, rect: Rect,
                                buffer: Buffer) -> Bool {
        var fresh = Buffer(width: buffer.width, height: buffer.height)
        reserve(mode, id: id, placeholders: placeholders, rect: rect, buffer: &fresh)
        for y in rect.top..<rect.bottom {
            for x in rect.left..<rect.right where buffer[x, y] != fresh[x, y] { return false }
        }
        return true
    }

    /// The picture at `cell` pixels a cell, as the protocol's escapes (the
    /// kitty one as a virtual placement for placeholder cells).
    public func encoded(cell: CellSize) -> String {
        let frame = PixelFrame.compose(widget, width: rect.width * cell.width, height: rect.height * cell.height,
                                       scale: max(1, cell.height / 16))
        switch mode {
        case .kitty:
            let span = KittyGraphics.maxPlaceholderSpan
            let format: KittyGraphics.Format = tmux ? .rgb : .raw  // as GraphicsMode.encode
            let s = placeholders
                ? KittyGraphics.transmit(frame, id: imageID, format: format,
                                         placement: .placeholder(columns: min(span, rect.width), rows: min(span, rect.height)))
                : KittyGraphics.transmit(frame, id: imageID, format: format, placement: .cursor(columns: rect.width, rows: rect.height))
            return tmux ? KittyGraphics.tmuxPassthrough(s) : s
        case .sixel:
            // tmux answers DA1 itself: sixel there means tmux draws sixel, so nothing is wrapped.
            return Sixel.encode(frame)
        case .iterm:
            let s = ITermImage.encode(frame, columns: rect.width, rows: rect.height)
            return tmux ? KittyGraphics.tmuxPassthrough(s) : s
        case .symbols, .blocks, .ascii:
            return ""
        }
    }
}

/// Decides, frame by frame, what has to be written besides the cells so the
/// pixels on screen are the ones asked for and none are left over: kitty's
/// image is sent again only when it changes (its placeholder cells keep it
/// in place through redraws and tmux); a sixel or iTerm2 picture is drawn
/// after the cells, and when it changes, moves or goes (an overlay over it,
/// another item, a resize) the screen is repainted first, which erases it.
public struct GraphicsPresenter: Sendable {
    private var shown: (mode: GraphicsMode, rect: Rect, key: String, id: UInt32, tmux: Bool, overCells: Bool)?
    /// The escapes of the pictures shown last, by everything they are made
    /// of: going back to an item shown a moment ago writes its bytes again
    /// instead of composing and encoding the picture again (most of a pixel
    /// frame's time). A few pictures: each is a megabyte or two of escapes.
    private var recent: [(id: String, escapes: String)] = []
    static let recentCount = 4
    /// How many pictures were composed and encoded (the recent ones are not).
    private(set) var encodes = 0

    /// `placement`'s escapes at `cell`, from the recent ones when it was shown lately.
    private mutating func escapes(_ p: PixelPlacement, cell: CellSize) -> String {
        let id = "\(p.mode)|\(p.rect.x),\(p.rect.y),\(p.rect.width)x\(p.rect.height)|\(cell.width)x\(cell.height)|"
            + "\(p.placeholders)|\(p.tmux)|\(p.imageID)|\(p.key)"
        if let k = recent.firstIndex(where: { $0.id == id }) {
            let hit = recent.remove(at: k)
            recent.append(hit)
            return hit.escapes
        }
        let e = p.encoded(cell: cell)
        encodes += 1
        recent.append((id, e))
        if recent.count > Self.recentCount { recent.removeFirst() }
        return e
    }

    public init() {}

    /// What to do for one frame.
    public struct Plan: Sendable, Equatable {
        /// Repaint every cell before drawing (this erases sixel and iTerm2 pictures).
        public var repaint = false
        /// Escapes to write before the cells are drawn (kitty transmissions and deletions).
        public var before = ""
        /// Escapes to write after the cells are drawn (sixel, iTerm2), cursor saved and restored around them.
        public var after = ""
    }

    /// The plan for showing `placement` (nil: no pixels) with cells of `cell`
    /// pixels; `repainted`: the terminal repaints all cells anyway this frame (Ctrl-L, resize).
    public mutating func plan(_ placement: PixelPlacement?, cell: CellSize, repainted: Bool) -> Plan {
        var plan = Plan()
        let same = shown.map { o in
            placement.map { o.mode == $0.mode && o.rect == $0.rect && o.key == $0.key && o.overCells == $0.drawnOverCells } ?? false
        } ?? false
        if let o = shown, !same {
            if o.mode == .kitty {
                // A kitty image goes by its id; placeholders would show the next one under the same id.
                if placement?.mode != .kitty || o.overCells { plan.before += Self.wrap(KittyGraphics.delete(id: o.id), o.tmux) }
            } else {
                plan.repaint = true
            }
        }
        guard let p = placement, p.mode.isPixel, !p.rect.isEmpty else { shown = nil; return plan }
        let repaint = plan.repaint || repainted
        switch p.mode {
        case .kitty where p.placeholders:
            if !same || repainted { plan.before += escapes(p, cell: cell) }
        default:
            if !same || repaint {
                plan.after = "\u{1B}7\u{1B}[\(p.rect.y + 1);\(p.rect.x + 1)H" + escapes(p, cell: cell) + "\u{1B}8"
            }
        }
        shown = (p.mode, p.rect, p.key, p.imageID, p.tmux, p.drawnOverCells)
        return plan
    }

    /// What to write when the program ends: kitty's image is deleted (sixel
    /// and iTerm2 pictures go with the screen).
    public mutating func teardown() -> String {
        defer { shown = nil }
        guard let o = shown, o.mode == .kitty else { return "" }
        return Self.wrap(KittyGraphics.delete(id: o.id), o.tmux)
    }

    private static func wrap(_ s: String, _ tmux: Bool) -> String { tmux ? KittyGraphics.tmuxPassthrough(s) : s }
}
