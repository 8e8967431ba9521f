import Imaging

/// Draws an image fitted into a rectangle (aspect kept, centred) as half
/// blocks in colour or as ASCII shading, with an optional attention heatmap
/// and bounding-box outlines on top.
public struct ImageWidget: Widget, Sendable {
    /// The image, any size: it is resampled once to the cell grid.
    public var image: RGBAImage
    /// Half blocks in some colour depth, or ASCII shading.
    public var mode: ImageMode
    /// Cell height divided by cell width (about 2 on most terminals).
    public var cellAspect: Double
    /// Attention laid over the image when `showHeatmap` is on.
    public var heatmap: Heatmap?
    /// Outlines in image pixels.
    public var boxes: [BoxOverlay]
    /// Index into `boxes` of the box drawn in the highlight colour, bold.
    public var highlightedBox: Int?
    /// Whether the heatmap is drawn.
    public var showHeatmap: Bool
    /// Whether the boxes are drawn.
    public var showBoxes: Bool
    /// In ASCII mode, darker pixels get denser characters (for light terminal backgrounds).
    public var invert: Bool
    /// What transparent pixels are composited over.
    public var background: RGBA
    /// The colormap's weight at the peak of attention (0...1); the weight
    /// follows the attention value, so cells without attention keep their colour.
    public var heatmapOpacity: Float = Heatmap.defaultOpacity
    /// The glyphs colour cells are drawn with: upper half blocks, or the best of
    /// half, quadrant and sextant blocks cell by cell (ignored in ASCII mode).
    public var symbols: SymbolSet = .halves
    /// In ASCII mode, cells whose attention is at least this (0...1) are
    /// underlined; the shading keeps showing the image.
    public var asciiHeatThreshold: Float = 0.5

    /// An image widget; everything but the image has a default.
    public init(image: RGBAImage, mode: ImageMode = .truecolor, cellAspect: Double = 2.0, heatmap: Heatmap? = nil,
                boxes: [BoxOverlay] = [], highlightedBox: Int? = nil, showHeatmap: Bool = true, showBoxes: Bool = true,
                invert: Bool = false, background: RGBA = RGBA(0, 0, 0)) {
        self.image = image; self.mode = mode; self.cellAspect = cellAspect; self.heatmap = heatmap
        self.boxes = boxes; self.highlightedBox = highlightedBox; self.showHeatmap = showHeatmap
        self.showBoxes = showBoxes; self.invert = invert; self.background = background
    }

    /// The shading ramp, darkest to brightest.
    public static let asciiRamp: [String] = [" ", ".", ":", "-", "=", "+", "*", "#", "%", "@"]
    /// Outline colour of ordinary boxes.
    public static let boxColor = Color.rgb(0, 255, 255)
    /// Outline colour of the highlighted box.
    public static let highlightColor = Color.rgb(255, 0, 255)

    /// The cells an image of this size occupies inside `area`.
    public static func placement(imageWidth: Int, imageHeight: Int, in area: Rect, mode: ImageMode,
                                 cellAspect: Double = 2.0) -> Rect {
        grid(imageWidth: imageWidth, imageHeight: imageHeight, in: area, mode: mode, cellAspect: cellAspect).rect
    }

    /// The placement and the pixel grid it is sampled at (2 pixel rows a cell with half blocks).
    static func grid(imageWidth iw: Int, imageHeight ih: Int, in area: Rect, mode: ImageMode,
                     cellAspect: Double) -> (rect: Rect, pw: Int, ph: Int) {
        guard iw > 0, ih > 0, !area.isEmpty else { return (Rect(x: area.x, y: area.y, width: 0, height: 0), 0, 0) }
        let aspect = cellAspect.isFinite && cellAspect > 0 ? cellAspect : 2.0
        let perCell = mode.usesHalfBlocks ? 2 : 1
        let pixelAspect = aspect / Double(perCell)  // height of one sample row, in column widths
        let availW = area.width, availH = area.height * perCell
        let s = min(Double(availW) / Double(iw), Double(availH) * pixelAspect / Double(ih))
        let pw = min(availW, max(1, Int((Double(iw) * s).rounded())))
        let ph = min(availH, max(1, Int((Double(ih) * s / pixelAspect).rounded())))
        let rows = (ph + perCell - 1) / perCell
        let rect = Rect(x: area.x + (area.width - pw) / 2, y: area.y + (area.height - rows) / 2, width: pw, height: rows)
        return (rect, pw, ph)
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        let g = Self.grid(imageWidth: image.width, imageHeight: image.height, in: area, mode: mode, cellAspect: cellAspect)
        guard !g.rect.isEmpty else { return }
        let small = image.resampled(width: g.pw, height: g.ph, background: background)
        let heat: [Float]? = showHeatmap ? heatmap?.normalizedSamples(width: g.pw, height: g.ph) : nil
        if mode == .ascii {
            drawASCII(small, heat: heat, rect: g.rect, buffer: &buffer)
        } else if symbols != .halves {
            drawSymbols(rect: g.rect, ph: g.ph, buffer: &buffer)
        } else {
            drawBlocks(small, heat: heat, rect: g.rect, buffer: &buffer)
        }
        if showBoxes && !boxes.isEmpty { drawBoxes(rect: g.rect, pw: g.pw, ph: g.ph, buffer: &buffer) }
    }

    private func drawBlocks(_ img: RGBAImage, heat: [Float]?, rect: Rect, buffer: inout Buffer) {
        var cache = PaletteCache(use16: mode == .palette16)
        let mode = self.mode
        let bg = (background.r, background.g, background.b)
        func color(_ c: (UInt8, UInt8, UInt8)) -> Color {
            switch mode {
            case .truecolor, .ascii: return .rgb(c.0, c.1, c.2)
            case .palette256, .palette16: return .indexed(cache.index(c.0, c.1, c.2))
            }
        }
        img.pixels.withUnsafeBufferPointer { px in
            func pixel(_ x: Int, _ y: Int) -> (UInt8, UInt8, UInt8) {
                guard y < img.height else { return bg }
                let i = (y * img.width + x) * 4
                let rgb = (px[i], px[i + 1], px[i + 2])
                guard let heat else { return rgb }
                return Heatmap.tint(rgb, heat[y * img.width + x], opacity: heatmapOpacity)
            }
            for cy in 0..<rect.height {
                for cx in 0..<rect.width {
                    let top = pixel(cx, cy * 2), bottom = pixel(cx, cy * 2 + 1)
                    buffer[rect.x + cx, rect.y + cy] = Cell("▀", fg: color(top), bg: color(bottom))
                }
            }
        }
    }

    /// Cells from `SymbolCells`: the image sampled 2 x 12 per cell (the
    /// half-block grid's `ph` rows are 6 samples each), tinted, then fitted.
    private func drawSymbols(rect: Rect, ph: Int, buffer: inout Buffer) {
        let sw = rect.width * SymbolCells.sampleColumns, sh = rect.height * SymbolCells.sampleRows
        let used = ph * SymbolCells.sampleRows / 2
        var samples = RGBAImage(width: sw, height: sh, fill: background)
        let img = image.resampled(width: sw, height: used, background: background)
        let heat: [Float]? = showHeatmap ? heatmap?.normalizedSamples(width: sw, height: used) : nil
        for i in 0..<(sw * used) {
            var c = (img.pixels[i * 4], img.pixels[i * 4 + 1], img.pixels[i * 4 + 2])
            if let heat { c = Heatmap.tint(c, heat[i], opacity: heatmapOpacity) }
            samples.pixels[i * 4] = c.0; samples.pixels[i * 4 + 1] = c.1; samples.pixels[i * 4 + 2] = c.2
        }
        var cache = PaletteCache(use16: mode == .palette16)
        let mode = self.mode
        func color(_ c: (UInt8, UInt8, UInt8)) -> Color {
            mode == .truecolor ? .rgb(c.0, c.1, c.2) : .indexed(cache.index(c.0, c.1, c.2))
        }
        let cells = SymbolCells.cells(samples, columns: rect.width, rows: rect.height, set: symbols)
        for (k, c) in cells.enumerated() {
            buffer[rect.x + k % rect.width, rect.y + k / rect.width] = Cell(c.glyph, fg: color(c.fg), bg: color(c.bg))
        }
    }

    private func drawASCII(_ img: RGBAImage, heat: [Float]?, rect: Rect, buffer: inout Buffer) {
        let ramp = Self.asciiRamp
        let top = Float(ramp.count - 1)
        img.pixels.withUnsafeBufferPointer { px in
            for cy in 0..<rect.height {
                for cx in 0..<rect.width {
                    // The shading always shows the image; attention at or above the
                    // threshold only underlines the cell, so the picture stays.
                    let i = (cy * img.width + cx) * 4
                    let level = (0.2126 * Float(px[i]) + 0.7152 * Float(px[i + 1]) + 0.0722 * Float(px[i + 2])) / 255
                    var k = Int((level * top).rounded())
                    k = min(ramp.count - 1, max(0, k))
                    if invert { k = ramp.count - 1 - k }
                    let hot = heat.map { $0[cy * img.width + cx] >= asciiHeatThreshold } ?? false
                    buffer[rect.x + cx, rect.y + cy] = Cell(ramp[k], attributes: hot ? [.underline] : [])
                }
            }
        }
    }
}
