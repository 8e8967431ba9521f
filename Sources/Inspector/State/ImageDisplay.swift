import TerminalUI

/// How the image pane reaches the screen: which graphics the terminal was
/// found to support at start, which one is in use (the mode key cycles them),
/// the cell size in pixels, and the part of the image shown (zoom and pan).
public struct ImageDisplay: Sendable, Hashable {
    /// The pixel protocol the terminal supports (kitty, sixel or iterm), nil when none.
    public var pixelProtocol: GraphicsMode?
    /// The font has the sextant glyphs the symbol mode needs (a UTF-8 terminal with colour).
    public var symbolsAvailable = false
    /// The mode in use: the pixel protocol, `symbols`, or `blocks` / `ascii`
    /// (the text modes, whose colours `AppState.imageStyle` gives).
    public var graphics: GraphicsMode = .blocks
    /// The colour depth the text modes were given at start (symbols and the pixel modes keep it).
    public var textColour: ImageStyle = .truecolor
    /// A cell's size in pixels, for sizing the picture a pixel protocol shows.
    public var cellSize = CellSize.fallback
    /// kitty images are shown by Unicode placeholder cells (kitty 0.28 and later,
    /// Ghostty, always inside tmux); false: placed over the cells after they are
    /// drawn, as older kitty versions need.
    public var kittyPlaceholders = true
    /// Inside tmux: kitty and iTerm2 escapes go through tmux's passthrough.
    public var tmux = false
    /// A one-line hint under the image pane's title (tmux without passthrough), nil when all is well.
    public var hint: String?
    /// The part of the image shown; nil: all of it.
    public var viewport: ImageViewport?

    public init(pixelProtocol: GraphicsMode? = nil, symbolsAvailable: Bool = false, cellSize: CellSize = .fallback,
                tmux: Bool = false, hint: String? = nil) {
        self.pixelProtocol = pixelProtocol.flatMap { $0.isPixel ? $0 : nil }
        self.symbolsAvailable = symbolsAvailable
        self.cellSize = cellSize; self.tmux = tmux; self.hint = hint
        graphics = self.pixelProtocol ?? .blocks
    }

    /// Whether the pane draws real pixels now.
    public var drawsPixels: Bool { graphics.isPixel }

    /// One step of the mode key: the pixel protocol, symbols, then half blocks
    /// in each colour depth, then ASCII; in an ASCII-only terminal only ASCII.
    public struct Step: Sendable, Hashable {
        public var graphics: GraphicsMode
        public var style: ImageStyle
    }

    /// The modes the mode key cycles through, in order; `colour` is the text
    /// modes' colour depth chosen at start (symbols and pixels keep it).
    public func cycle(asciiOnly: Bool, colour: ImageStyle) -> [Step] {
        if asciiOnly { return [Step(graphics: .ascii, style: .ascii)] }
        let depth = colour == .ascii ? ImageStyle.truecolor : colour
        var steps: [Step] = []
        if let p = pixelProtocol { steps.append(Step(graphics: p, style: depth)) }
        if symbolsAvailable { steps.append(Step(graphics: .symbols, style: depth)) }
        steps += [ImageStyle.truecolor, .palette256, .palette16].map { Step(graphics: .blocks, style: $0) }
        steps.append(Step(graphics: .ascii, style: .ascii))
        return steps
    }

    /// The name of the mode in use, for the pane title and the flash.
    public func label(style: ImageStyle) -> String {
        switch graphics {
        case .kitty, .sixel, .iterm: return graphics.rawValue
        case .symbols: return style == .truecolor ? "symbols" : "symbols \(style.label)"
        case .blocks, .ascii: return style.label
        }
    }
}

/// The part of the image the pane shows, as fractions of the image's width
/// and height (so it holds whatever size the picture was decoded at).
public struct ImageViewport: Sendable, Hashable {
    public var x: Double, y: Double, width: Double, height: Double
    /// What is shown, for the pane title (`box 'cube'`, `critical elements`); nil: a zoom by hand.
    public var subject: String?

    /// The smallest part shown: 1/64 of a side.
    public static let minimumSide = 1.0 / 64

    public init(x: Double, y: Double, width: Double, height: Double, subject: String? = nil) {
        let w = min(1, max(Self.minimumSide, width.isFinite ? width : 1))
        let h = min(1, max(Self.minimumSide, height.isFinite ? height : 1))
        self.width = w; self.height = h
        self.x = min(max(0, x.isFinite ? x : 0), 1 - w)
        self.y = min(max(0, y.isFinite ? y : 0), 1 - h)
        self.subject = subject
    }

    /// The whole image.
    public static let whole = ImageViewport(x: 0, y: 0, width: 1, height: 1)

    /// How much bigger than the whole image it is shown (the larger of the two sides' factors).
    public var magnification: Double { 1 / min(width, height) }

    /// This part zoomed by `factor` (2: twice as big) around its centre; nil
    /// when that comes back to the whole image.
    public func zoomed(by factor: Double) -> ImageViewport? {
        let w = width / factor, h = height / factor
        if w >= 1 && h >= 1 { return nil }
        return ImageViewport(x: x + (width - w) / 2, y: y + (height - h) / 2, width: w, height: h)
    }

    /// This part moved by `dx`, `dy` of its own size (0.25: a quarter), kept inside the image.
    public func panned(dx: Double, dy: Double) -> ImageViewport {
        ImageViewport(x: x + dx * width, y: y + dy * height, width: width, height: height, subject: subject)
    }

    /// The part around a box (`x`, `y`, `w`, `h` in an image of `imageWidth` x
    /// `imageHeight`) with a margin of `margin` of its size on every side,
    /// widened to the pane's shape (`paneAspect`: width over height, in pixels)
    /// so the pane is filled; nil when the box is empty or outside the image.
    public static func around(x: Double, y: Double, w: Double, h: Double, imageWidth iw: Double, imageHeight ih: Double,
                              paneAspect: Double, margin: Double = 0.15, subject: String?) -> ImageViewport? {
        guard iw > 0, ih > 0, [x, y, w, h].allSatisfy(\.isFinite), w >= 0, h >= 0,
              x < iw, y < ih, x + w > 0, y + h > 0 else { return nil }
        var bw = max(w, 1) * (1 + 2 * margin), bh = max(h, 1) * (1 + 2 * margin)
        if paneAspect.isFinite && paneAspect > 0 {
            if bw / bh < paneAspect { bw = bh * paneAspect } else { bh = bw / paneAspect }
        }
        let cx = x + w / 2, cy = y + h / 2
        return ImageViewport(x: (cx - bw / 2) / iw, y: (cy - bh / 2) / ih, width: bw / iw, height: bh / ih, subject: subject)
    }

    /// The pixels of an image of `width` x `height` this part covers: (x, y, w, h), at least 1 x 1.
    public func pixels(width iw: Int, height ih: Int) -> (x: Int, y: Int, w: Int, h: Int) {
        let x0 = min(max(0, Int((x * Double(iw)).rounded(.down))), max(0, iw - 1))
        let y0 = min(max(0, Int((y * Double(ih)).rounded(.down))), max(0, ih - 1))
        let x1 = min(iw, max(x0 + 1, Int(((x + width) * Double(iw)).rounded(.up))))
        let y1 = min(ih, max(y0 + 1, Int(((y + height) * Double(ih)).rounded(.up))))
        return (x0, y0, x1 - x0, y1 - y0)
    }
}
