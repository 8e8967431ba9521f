/// A grid of attention values of any size, laid over an image. Values are
/// row major; missing, extra or non-finite values are treated as absent (0
/// after normalisation).
public struct Heatmap: Sendable, Equatable {
    /// Number of grid rows.
    public var rows: Int
    /// Number of grid columns.
    public var cols: Int
    /// `rows * cols` values, row by row.
    public var values: [Float]
    /// The part of the image the grid covers, in fractions of its width and
    /// height: the whole image by default, a centred square for a model that
    /// saw a centre crop, more than the image for one that saw it padded.
    /// Outside it nothing is tinted.
    public var extent: Extent = .whole

    /// A rectangle in fractions of the image's width and height (0 left or top, 1 right or bottom).
    public struct Extent: Sendable, Equatable {
        public var x: Double, y: Double, w: Double, h: Double
        /// An extent from its left, top, width and height, as fractions.
        public init(x: Double, y: Double, w: Double, h: Double) { self.x = x; self.y = y; self.w = w; self.h = h }
        /// The whole image.
        public static let whole = Extent(x: 0, y: 0, w: 1, h: 1)
        /// Usable: finite, with a positive size.
        var isUsable: Bool { [x, y, w, h].allSatisfy(\.isFinite) && w > 0 && h > 0 }
    }

    /// A grid from its size and row-major values, over `extent` of the image.
    public init(rows: Int, cols: Int, values: [Float], extent: Extent = .whole) {
        // A size whose cell count overflows cannot index anything: treat it as empty rather than trap.
        let fits = !max(0, rows).multipliedReportingOverflow(by: max(0, cols)).overflow
        self.rows = fits ? max(0, rows) : 0; self.cols = fits ? max(0, cols) : 0; self.values = values
        self.extent = extent
    }

    /// The value at (row, col), or nil outside the grid, past the end of `values` or not finite.
    public func value(row: Int, col: Int) -> Float? {
        guard row >= 0, row < rows, col >= 0, col < cols else { return nil }
        let i = row * cols + col
        guard i < values.count, values[i].isFinite else { return nil }
        return values[i]
    }

    /// The grid bilinearly resampled to `width` x `height` pixels of the image
    /// and min-max normalised to 0...1 (row major); pixels outside `extent`
    /// are 0. A flat grid gives all 0.5 (present but uniform), an empty one
    /// all 0.
    public func normalizedSamples(width: Int, height: Int) -> [Float] {
        guard width > 0, height > 0 else { return [] }
        var lo = Float.greatestFiniteMagnitude, hi = -Float.greatestFiniteMagnitude
        for v in values.prefix(rows * cols) where v.isFinite { lo = min(lo, v); hi = max(hi, v) }
        guard rows > 0, cols > 0, lo <= hi, extent.isUsable else { return [Float](repeating: 0, count: width * height) }
        let range = hi - lo
        // A pixel centre's position on the grid's extent (0...1 inside it), nil outside.
        func along(_ i: Int, _ n: Int, _ start: Double, _ size: Double) -> Float? {
            let t = ((Double(i) + 0.5) / Double(n) - start) / size
            return t >= 0 && t <= 1 ? Float(t) : nil
        }
        // Grid cell centres sit at (i + 0.5) / n of the extent, like pixel centres.
        let xs = (0..<width).map { along($0, width, extent.x, extent.w).map { Self.taps($0, count: cols) } }
        var out = [Float](repeating: 0, count: width * height)
        for y in 0..<height {
            guard let ty = along(y, height, extent.y, extent.h) else { continue }
            let (r0, r1, fy) = Self.taps(ty, count: rows)
            for x in 0..<width {
                guard let (c0, c1, fx) = xs[x] else { continue }
                let a = norm(r0, c0, lo, range), b = norm(r0, c1, lo, range)
                let c = norm(r1, c0, lo, range), d = norm(r1, c1, lo, range)
                let top = a + (b - a) * fx, bottom = c + (d - c) * fx
                out[y * width + x] = top + (bottom - top) * fy
            }
        }
        return out
    }

    /// The map over the part `x`, `y`, `width` x `height` (fractions of the
    /// image) of the image, for a picture cropped to that part: the extent in
    /// the crop's fractions. Values are still normalised over the whole grid,
    /// so a zoomed part keeps the scale.
    public func cropped(x: Double, y: Double, width: Double, height: Double) -> Heatmap {
        guard width > 0, height > 0 else { return self }
        var h = self
        h.extent = Extent(x: (extent.x - x) / width, y: (extent.y - y) / height, w: extent.w / width, h: extent.h / height)
        return h
    }

    private func norm(_ r: Int, _ c: Int, _ lo: Float, _ range: Float) -> Float {
        guard let v = value(row: r, col: c) else { return 0 }
        return range > 0 ? (v - lo) / range : 0.5
    }

    /// The two neighbouring grid indices around position `t` (0...1) and the weight of the second.
    private static func taps(_ t: Float, count: Int) -> (Int, Int, Float) {
        let p = t * Float(count) - 0.5
        if p <= 0 { return (0, 0, 0) }
        if p >= Float(count - 1) { return (count - 1, count - 1, 0) }
        let i = Int(p)
        return (i, i + 1, p - Float(i))
    }
}

/// A rectangle in image pixels drawn as an outline over the image.
public struct BoxOverlay: Sendable, Hashable {
    /// Left, top, width and height in image pixels.
    public var x: Double, y: Double, w: Double, h: Double
    /// Drawn on the top edge when it fits.
    public var label: String
    /// A box from its top-left corner and size in image pixels.
    public init(x: Double, y: Double, w: Double, h: Double, label: String = "") {
        self.x = x; self.y = y; self.w = w; self.h = h; self.label = label
    }
}

extension Heatmap {
    /// The default weight of the colormap at the peak of attention.
    public static let defaultOpacity: Float = 0.6

    /// `pixel` with the viridis colour of `t` laid over it at `opacity * t`:
    /// where attention is zero the image keeps its own colour, at the peak the
    /// colormap shows at `opacity`.
    public static func tint(_ p: (UInt8, UInt8, UInt8), _ t: Float, opacity: Float) -> (UInt8, UInt8, UInt8) {
        let v = t.isFinite ? min(1, max(0, t)) : 0
        let w = min(1, max(0, opacity.isFinite ? opacity : 0)) * v
        guard w > 0 else { return p }
        let c = Colormap.viridis(v)
        func mix(_ a: UInt8, _ b: Float) -> UInt8 { UInt8(max(0, min(255, (Float(a) * (1 - w) + b * w).rounded()))) }
        return (mix(p.0, c.r), mix(p.1, c.g), mix(p.2, c.b))
    }
}

/// Perceptual colour maps for attention values.
public enum Colormap {
    /// Viridis sampled at nine points (matplotlib), interpolated in between.
    static let viridis: [(Float, Float, Float)] = [
        (68, 1, 84), (72, 40, 120), (62, 73, 137), (49, 104, 142), (38, 130, 142),
        (31, 158, 137), (53, 183, 121), (110, 206, 88), (253, 231, 37),
    ]

    /// The viridis colour of `t` (clamped to 0...1): dark purple to yellow.
    public static func viridis(_ t: Float) -> (r: Float, g: Float, b: Float) {
        let v = t.isFinite ? min(1, max(0, t)) : 0
        let p = v * Float(viridis.count - 1)
        let i = min(Int(p), viridis.count - 2)
        let f = p - Float(i)
        let a = viridis[i], b = viridis[i + 1]
        return (a.0 + (b.0 - a.0) * f, a.1 + (b.1 - a.1) * f, a.2 + (b.2 - a.2) * f)
    }
}
