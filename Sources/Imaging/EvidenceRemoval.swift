/// Taking visual evidence out of an image, for counterfactual images
/// (Faithful-MR1): the pixels inside some rectangles masked or blurred, the
/// rest left exactly as it was.
public enum EvidenceRemoval: String, Sendable, CaseIterable {
    /// Each rectangle filled with the image's mean colour: the evidence is
    /// gone and no new salient patch (black, white) takes its place.
    case mask
    /// Each rectangle blurred (three box blurs, about a Gaussian) with a
    /// radius of a quarter of its shorter side: shapes and colours melt,
    /// the overall tone stays.
    case blur

    /// A pixel rectangle, clipped to the image by `apply`.
    public struct Rect: Sendable, Hashable {
        public var x: Int, y: Int, w: Int, h: Int
        public init(x: Int, y: Int, w: Int, h: Int) { self.x = x; self.y = y; self.w = w; self.h = h }
    }

    /// `image` with every rectangle of `rects` altered; returns the
    /// rectangles as clipped to the image (empty ones dropped).
    public func apply(to image: inout RGBAImage, rects: [Rect]) -> [Rect] {
        let clipped = rects.compactMap { r -> Rect? in
            let x0 = max(0, r.x), y0 = max(0, r.y)
            let x1 = min(image.width, r.x + r.w), y1 = min(image.height, r.y + r.h)
            return x1 > x0 && y1 > y0 ? Rect(x: x0, y: y0, w: x1 - x0, h: y1 - y0) : nil
        }
        switch self {
        case .mask:
            let fill = Self.meanColour(image)
            for r in clipped {
                for y in r.y..<(r.y + r.h) {
                    for x in r.x..<(r.x + r.w) { image[x, y] = RGBA(fill.r, fill.g, fill.b, image[x, y].a) }
                }
            }
        case .blur:
            for r in clipped {
                let radius = max(2, min(r.w, r.h) / 4)
                for _ in 0..<3 { Self.boxBlur(&image, r, radius: radius) }
            }
        }
        return clipped
    }

    /// The mean of every pixel's colour.
    static func meanColour(_ image: RGBAImage) -> RGBA {
        var sum = (0, 0, 0)
        let n = image.width * image.height
        guard n > 0 else { return RGBA(128, 128, 128) }
        var i = 0
        while i < image.pixels.count {
            sum.0 += Int(image.pixels[i]); sum.1 += Int(image.pixels[i + 1]); sum.2 += Int(image.pixels[i + 2])
            i += 4
        }
        return RGBA(UInt8(sum.0 / n), UInt8(sum.1 / n), UInt8(sum.2 / n))
    }

    /// One horizontal and one vertical box blur of the pixels inside `r`,
    /// reading neighbours up to `radius` away (clamped to `r`, so the
    /// evidence cannot leak back in from outside and nothing outside changes).
    static func boxBlur(_ image: inout RGBAImage, _ r: Rect, radius: Int) {
        var line = [Int](repeating: 0, count: max(r.w, r.h) * 3)
        for horizontal in [true, false] {
            let length = horizontal ? r.w : r.h
            for across in 0..<(horizontal ? r.h : r.w) {
                func at(_ k: Int) -> Int {
                    let kk = min(length - 1, max(0, k))
                    return horizontal ? ((r.y + across) * image.width + r.x + kk) * 4 : ((r.y + kk) * image.width + r.x + across) * 4
                }
                // A running sum over the window: linear in the line whatever the radius.
                let n = 2 * radius + 1
                var s = (0, 0, 0)
                for d in -radius...radius {
                    let i = at(d)
                    s.0 += Int(image.pixels[i]); s.1 += Int(image.pixels[i + 1]); s.2 += Int(image.pixels[i + 2])
                }
                for k in 0..<length {
                    line[k * 3] = s.0 / n; line[k * 3 + 1] = s.1 / n; line[k * 3 + 2] = s.2 / n
                    let gone = at(k - radius), come = at(k + radius + 1)
                    s.0 += Int(image.pixels[come]) - Int(image.pixels[gone])
                    s.1 += Int(image.pixels[come + 1]) - Int(image.pixels[gone + 1])
                    s.2 += Int(image.pixels[come + 2]) - Int(image.pixels[gone + 2])
                }
                for k in 0..<length {
                    let i = at(k)
                    image.pixels[i] = UInt8(line[k * 3]); image.pixels[i + 1] = UInt8(line[k * 3 + 1]); image.pixels[i + 2] = UInt8(line[k * 3 + 2])
                }
            }
        }
    }
}
