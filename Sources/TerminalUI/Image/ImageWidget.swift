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
    /// How much of the colormap shows through over the greyed image.
    public static let heatmapAlpha: Float = 0.55

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
                return Self.blend(rgb, heat[y * img.width + x])
            }
            for cy in 0..<rect.height {
                for cx in 0..<rect.width {
                    let top = pixel(cx, cy * 2), bottom = pixel(cx, cy * 2 + 1)
                    buffer[rect.x + cx, rect.y + cy] = Cell("▀", fg: color(top), bg: color(bottom))
                }
            }
        }
    }

    /// The image pixel greyed, with the colormap of `t` laid over it.
    static func blend(_ p: (UInt8, UInt8, UInt8), _ t: Float) -> (UInt8, UInt8, UInt8) {
        let grey = (0.2126 * Float(p.0) + 0.7152 * Float(p.1) + 0.0722 * Float(p.2)) * 0.8
        let c = Colormap.viridis(t)
        let a = heatmapAlpha
        func mix(_ v: Float) -> UInt8 { UInt8(max(0, min(255, (grey * (1 - a) + v * a).rounded()))) }
        return (mix(c.r), mix(c.g), mix(c.b))
    }

    private func drawASCII(_ img: RGBAImage, heat: [Float]?, rect: Rect, buffer: inout Buffer) {
        let ramp = Self.asciiRamp
        let top = Float(ramp.count - 1)
        img.pixels.withUnsafeBufferPointer { px in
            for cy in 0..<rect.height {
                for cx in 0..<rect.width {
                    // With a heatmap the ramp shows attention instead of brightness.
                    let level: Float
                    if let heat {
                        level = heat[cy * img.width + cx]
                    } else {
                        let i = (cy * img.width + cx) * 4
                        level = (0.2126 * Float(px[i]) + 0.7152 * Float(px[i + 1]) + 0.0722 * Float(px[i + 2])) / 255
                    }
                    var k = Int((level * top).rounded())
                    k = min(ramp.count - 1, max(0, k))
                    if invert { k = ramp.count - 1 - k }
                    buffer[rect.x + cx, rect.y + cy] = Cell(ramp[k])
                }
            }
        }
    }
}
