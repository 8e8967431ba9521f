import SceneData
import Imaging
import TerminalUI

/// How the image pane draws the item's image, and the picture decoded for it.
public struct ImageSettings: Sendable {
    /// The counterfactual image shown instead of the item's own (`v`): the
    /// item it was chosen on and its position in `Item.counterfactuals`.
    /// Another item shows its own image.
    public var counterfactual: (itemID: String, index: Int)?

    /// Which counterfactual of `item` is shown, nil for its own image.
    public func counterfactualIndex(of item: Item) -> Int? {
        guard let c = counterfactual, c.itemID == item.id, item.counterfactuals.indices.contains(c.index) else { return nil }
        return c.index
    }

    /// The image shown for `item`: its own, or the counterfactual `v` chose.
    public func source(of item: Item) -> ImageSource {
        counterfactualIndex(of: item).map { item.counterfactuals[$0].image } ?? item.image
    }

    /// What the picture loaded for `item` is called: the item's id, tagged for
    /// a counterfactual, so an answer for the other picture is not taken for this one.
    public func pictureID(of item: Item) -> String {
        counterfactualIndex(of: item).map { item.id + "\u{1F}counterfactual \($0)" } ?? item.id
    }
    /// The colours of the text modes (`i` cycles it with `graphics`); the
    /// pixel modes and symbols keep the depth chosen at start.
    public var mode: ImageMode
    /// The mode in use: a pixel protocol, `symbols`, or `blocks` / `ascii`
    /// (the text modes, whose colours `mode` gives).
    public var graphics: GraphicsMode
    /// What the terminal was found at start to show beyond text cells.
    public var support: GraphicsSupport
    /// The part of the image shown (zoom and pan); nil: all of it.
    public var viewport: ImageViewport?
    public var showHeatmap = true
    public var showBoxes = true
    /// ASCII shading inverted, for light backgrounds.
    public var invert = false
    /// The image takes the whole screen.
    public var zoomed = false
    /// The image as its file stores it, transparency over a checkerboard (`o`),
    /// instead of as the model sees it (Pillow's `convert("RGB")`).
    public var showStoredPixels = false
    /// What "as the model sees it" does with transparency (`--alpha`,
    /// `[images] alpha`): drop it as Pillow does, or composite over white
    /// as transformers' image processors do. Fixed for a session.
    public var alpha: AlphaRendition = .pillow
    /// nil: the selected step's map, else the focus map; otherwise an index into the item's maps.
    public var attentionChoice: Int?
    /// The decoded picture of the item shown, when it has arrived.
    public var loaded: LoadedImage?
    /// The item's own picture, beside the counterfactual `loaded` holds in the side-by-side view.
    public var original: LoadedImage?

    /// Settings that draw in `mode` (half blocks, or ASCII), with what the
    /// terminal supports beyond them (`support`).
    public init(mode: ImageMode, support: GraphicsSupport = GraphicsSupport()) {
        self.mode = mode; self.support = support
        graphics = mode == .ascii ? .ascii : .blocks
    }

    /// Whether the pane draws real pixels now.
    public var drawsPixels: Bool { graphics.isPixel }

    /// The name of the mode in use, for the pane title and the flash.
    public var label: String {
        switch graphics {
        case .kitty, .sixel, .iterm: return graphics.rawValue
        case .symbols: return mode == .truecolor ? "symbols" : "symbols \(mode.label)"
        case .blocks, .ascii: return mode.label
        }
    }

    /// What an image key does to the settings (`maps`: the item's attention maps;
    /// `asciiOnly`: only the ASCII mode can be shown); the message to show, if any.
    mutating func apply(_ action: Action, maps: Int, asciiOnly: Bool) -> Flash? {
        switch action {
        case .cycleMap:
            if maps == 0 { return "this item has no attention maps" }
            if let c = attentionChoice { attentionChoice = c + 1 < maps ? c + 1 : nil } else { attentionChoice = 0 }
            showHeatmap = true
        case .toggleHeatmap: showHeatmap.toggle()
        case .toggleBoxes: showBoxes.toggle()
        case .invertShading:
            invert.toggle()
            // Only ASCII shading changes; say so, or the key seems dead in colour.
            return mode == .ascii
                ? (invert ? "ASCII shading inverted (for light backgrounds)" : "ASCII shading normal")
                : "ASCII shading \(invert ? "inverted" : "normal") (shows in image mode ascii: i)"
        case .cycleImageMode:
            let steps = support.cycle(asciiOnly: asciiOnly)
            let now = steps.firstIndex { st in
                st.graphics == graphics && (st.graphics.isPixel || st.graphics == .symbols || st.mode == mode)
            }
            let next = steps[now.map { ($0 + 1) % steps.count } ?? 0]
            graphics = next.graphics
            mode = next.mode
            return "image mode: \(label)"
        case .storedPixels:
            showStoredPixels.toggle()
            return showStoredPixels
                ? "image: the file's own pixels, transparency over a checkerboard (o again: as the model sees it)"
                : "image: as the model sees it (\(alpha.trainingPath); 16-bit grey clipped; --alpha chooses)"
        default: break
        }
        return nil
    }
}

/// What the terminal was found at start to show beyond text cells: a pixel
/// protocol, the symbol glyphs, the cell size in pixels, and how pictures
/// reach it (kitty placeholders, tmux passthrough).
public struct GraphicsSupport: Sendable, Hashable {
    /// The pixel protocol the terminal supports (kitty, sixel or iterm), nil when none.
    public var pixelProtocol: GraphicsMode?
    /// The font has the sextant glyphs the symbol mode needs (a UTF-8 terminal with colour).
    public var symbols: Bool
    /// The colour depth of the text modes chosen at start (symbols and the pixel modes keep it).
    public var colour: ImageMode
    /// A cell's size in pixels, for sizing the picture a pixel protocol shows.
    public var cellSize: CellSize
    /// kitty images are shown by Unicode placeholder cells (kitty 0.28 and later,
    /// Ghostty, always inside tmux); false: placed over the cells after they are
    /// drawn, as older kitty versions need.
    public var kittyPlaceholders = true
    /// Inside tmux: kitty and iTerm2 escapes go through tmux's passthrough.
    public var tmux: Bool
    /// A one-line hint under the image pane's title (tmux without passthrough), nil when all is well.
    public var hint: String?

    public init(pixelProtocol: GraphicsMode? = nil, symbols: Bool = false, colour: ImageMode = .truecolor,
                cellSize: CellSize = .fallback, tmux: Bool = false, hint: String? = nil) {
        self.pixelProtocol = pixelProtocol.flatMap { $0.isPixel ? $0 : nil }
        self.symbols = symbols
        self.colour = colour == .ascii ? .truecolor : colour
        self.cellSize = cellSize; self.tmux = tmux; self.hint = hint
    }

    /// One step of the mode key.
    public struct Step: Sendable, Hashable {
        public var graphics: GraphicsMode
        public var mode: ImageMode
    }

    /// The modes the mode key cycles through, in order: the pixel protocol,
    /// symbols, then half blocks in each colour depth, then ASCII; in an
    /// ASCII-only terminal only ASCII.
    public func cycle(asciiOnly: Bool) -> [Step] {
        if asciiOnly { return [Step(graphics: .ascii, mode: .ascii)] }
        var steps: [Step] = []
        if let p = pixelProtocol { steps.append(Step(graphics: p, mode: colour)) }
        if symbols { steps.append(Step(graphics: .symbols, mode: colour)) }
        steps += [ImageMode.truecolor, .palette256, .palette16].map { Step(graphics: .blocks, mode: $0) }
        steps.append(Step(graphics: .ascii, mode: .ascii))
        return steps
    }
}
