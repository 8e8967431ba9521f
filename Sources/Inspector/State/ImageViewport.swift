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
