import Imaging

/// Reduces an image to at most N colours for sixel: the exact colours when
/// there are few enough, else median cut over a 15-bit histogram (the box with
/// the largest squared error is split at the weighted median of its widest
/// channel) refined by a few k-means passes, then every pixel mapped to its
/// nearest palette entry.
public struct PaletteQuantizer: Sendable {
    /// A palette colour.
    public typealias RGB = (r: UInt8, g: UInt8, b: UInt8)

    /// The palette (at most `maxColors` entries, at least one).
    public private(set) var palette: [RGB]
    /// One palette index per pixel, row major.
    public private(set) var indices: [UInt8]

    /// Quantises `image` (alpha ignored) to at most `maxColors` (2...256) colours.
    public init(_ image: RGBAImage, maxColors: Int = 256) {
        let k = min(256, max(2, maxColors))
        let n = image.width * image.height
        guard n > 0 else { palette = [(0, 0, 0)]; indices = []; return }
        if let exact = Self.exactPalette(image, limit: k) {
            palette = exact.palette; indices = exact.indices; return
        }
        let bins = Self.histogram(image)
        var pal = Self.medianCut(bins, colors: k)
        Self.refine(&pal, bins: bins, passes: 3)
        palette = pal.map { (UInt8(max(0, min(255, $0.x.rounded()))), UInt8(max(0, min(255, $0.y.rounded()))),
                             UInt8(max(0, min(255, $0.z.rounded())))) }
        indices = Self.map(image, palette: palette)
    }

    /// The palette and indices when the image has at most `limit` distinct colours.
    static func exactPalette(_ image: RGBAImage, limit: Int) -> (palette: [RGB], indices: [UInt8])? {
        var seen: [UInt32: UInt8] = [:]
        var pal: [RGB] = []
        var idx = [UInt8](repeating: 0, count: image.width * image.height)
        let ok = image.pixels.withUnsafeBufferPointer { px -> Bool in
            for i in 0..<idx.count {
                let key = UInt32(px[i * 4]) << 16 | UInt32(px[i * 4 + 1]) << 8 | UInt32(px[i * 4 + 2])
                if let j = seen[key] { idx[i] = j; continue }
                guard pal.count < limit else { return false }
                seen[key] = UInt8(pal.count); idx[i] = UInt8(pal.count)
                pal.append((px[i * 4], px[i * 4 + 1], px[i * 4 + 2]))
            }
            return true
        }
        return ok ? (pal, idx) : nil
    }

    /// A non-empty histogram bin: its pixel count and mean colour.
    struct Bin { var count: Float; var mean: SIMD3<Float> }

    static func histogram(_ image: RGBAImage) -> [Bin] {
        var count = [UInt32](repeating: 0, count: 32768)
        var sum = [SIMD3<UInt32>](repeating: .zero, count: 32768)
        image.pixels.withUnsafeBufferPointer { px in
            for i in 0..<(image.width * image.height) {
                let r = px[i * 4], g = px[i * 4 + 1], b = px[i * 4 + 2]
                let key = Int(r >> 3) << 10 | Int(g >> 3) << 5 | Int(b >> 3)
                count[key] += 1
                sum[key] &+= SIMD3(UInt32(r), UInt32(g), UInt32(b))
            }
        }
        var bins: [Bin] = []
        for k in 0..<32768 where count[k] > 0 {
            let c = Float(count[k])
            bins.append(Bin(count: c, mean: SIMD3<Float>(sum[k]) / c))
        }
        return bins
    }

    static func medianCut(_ bins: [Bin], colors k: Int) -> [SIMD3<Float>] {
        struct Box { var bins: ArraySlice<Bin>; var error: Float; var mean: SIMD3<Float> }
        func makeBox(_ s: ArraySlice<Bin>) -> Box {
            var w: Float = 0, m = SIMD3<Float>.zero
            for b in s { w += b.count; m += b.mean * b.count }
            m /= max(w, 1)
            var e: Float = 0
            for b in s { let d = b.mean - m; e += b.count * (d * d).sum() }
            return Box(bins: s, error: e, mean: m)
        }
        var boxes = [makeBox(bins[...])]
        while boxes.count < k {
            guard let pick = boxes.indices.max(by: { boxes[$0].error < boxes[$1].error }),
                  boxes[pick].bins.count > 1, boxes[pick].error > 0 else { break }
            let box = boxes[pick]
            var lo = SIMD3<Float>(repeating: 255), hi = SIMD3<Float>(repeating: 0)
            for b in box.bins { lo = pointwiseMin(lo, b.mean); hi = pointwiseMax(hi, b.mean) }
            let span = hi - lo
            let axis = span.x >= span.y && span.x >= span.z ? 0 : (span.y >= span.z ? 1 : 2)
            let sorted = box.bins.sorted { $0.mean[axis] < $1.mean[axis] }
            let total = sorted.reduce(Float(0)) { $0 + $1.count }
            var acc: Float = 0, cut = 1
            for (i, b) in sorted.enumerated() {
                acc += b.count
                if acc >= total / 2 { cut = min(max(1, i + 1), sorted.count - 1); break }
            }
            let arr = Array(sorted)
            boxes[pick] = makeBox(arr[0..<cut])
            boxes.append(makeBox(arr[cut...]))
        }
        return boxes.map(\.mean)
    }

    /// k-means passes over the histogram bins (Lloyd's algorithm, weighted by count).
    static func refine(_ pal: inout [SIMD3<Float>], bins: [Bin], passes: Int) {
        for _ in 0..<passes {
            var sums = [SIMD3<Float>](repeating: .zero, count: pal.count)
            var weights = [Float](repeating: 0, count: pal.count)
            let search = NearestSearch(pal)
            for b in bins {
                let j = search.nearest(b.mean)
                sums[j] += b.mean * b.count; weights[j] += b.count
            }
            for j in pal.indices where weights[j] > 0 { pal[j] = sums[j] / weights[j] }
        }
    }

    static func nearest(_ c: SIMD3<Float>, _ pal: [SIMD3<Float>]) -> Int {
        var best = 0, bestD = Float.greatestFiniteMagnitude
        for j in pal.indices {
            let d = c - pal[j]
            let e = (d * d).sum()
            if e < bestD { bestD = e; best = j }
        }
        return best
    }

    /// The palette laid out channel by channel in groups of eight, so one
    /// search compares a colour with eight entries at a time; it answers
    /// what `nearest` answers (the closest entry, the first of equals).
    struct NearestSearch {
        private var r: [SIMD8<Float>] = [], g: [SIMD8<Float>] = [], b: [SIMD8<Float>] = []

        init(_ pal: [SIMD3<Float>]) {
            let groups = (pal.count + 7) / 8
            // Lanes past the palette sit far away and never win.
            r = Array(repeating: SIMD8(repeating: 1e9), count: groups); g = r; b = r
            for (j, c) in pal.enumerated() { r[j / 8][j % 8] = c.x; g[j / 8][j % 8] = c.y; b[j / 8][j % 8] = c.z }
        }

        func nearest(_ c: SIMD3<Float>) -> Int {
            let cr = SIMD8(repeating: c.x), cg = SIMD8(repeating: c.y), cb = SIMD8(repeating: c.z)
            var bestD = SIMD8<Float>(repeating: .greatestFiniteMagnitude)
            var bestI = SIMD8<Int32>(repeating: 0)
            let lane = SIMD8<Int32>(0, 1, 2, 3, 4, 5, 6, 7)
            r.withUnsafeBufferPointer { rp in g.withUnsafeBufferPointer { gp in b.withUnsafeBufferPointer { bp in
                for k in 0..<rp.count {
                    let dr = cr - rp[k], dg = cg - gp[k], db = cb - bp[k]
                    let e = dr * dr + dg * dg + db * db
                    let better = e .< bestD
                    bestD.replace(with: e, where: better)
                    bestI.replace(with: lane &+ Int32(k * 8), where: better)
                }
            } } }
            var best = Int(bestI[0]), d = bestD[0]
            for l in 1..<8 where bestD[l] < d || (bestD[l] == d && Int(bestI[l]) < best) {
                best = Int(bestI[l]); d = bestD[l]
            }
            return best
        }
    }

    /// Every pixel's nearest palette entry, looked up once per 18-bit colour.
    static func map(_ image: RGBAImage, palette: [RGB]) -> [UInt8] {
        let search = NearestSearch(palette.map { SIMD3<Float>(Float($0.r), Float($0.g), Float($0.b)) })
        var cache = [Int16](repeating: -1, count: 1 << 18)
        let n = image.width * image.height
        var out = [UInt8](repeating: 0, count: n)
        image.pixels.withUnsafeBufferPointer { px in cache.withUnsafeMutableBufferPointer { memo in
            out.withUnsafeMutableBufferPointer { dst in
                guard n > 0, let p = px.baseAddress, let m = memo.baseAddress, let o = dst.baseAddress else { return }
                for i in 0..<n {
                    let r = p[i * 4], g = p[i * 4 + 1], b = p[i * 4 + 2]
                    let key = Int(r >> 2) << 12 | Int(g >> 2) << 6 | Int(b >> 2)
                    var j = m[key]
                    if j < 0 {
                        // The centre of the 4x4x4 cell the key stands for.
                        let c = SIMD3<Float>(Float(r & 0xFC) + 1.5, Float(g & 0xFC) + 1.5, Float(b & 0xFC) + 1.5)
                        j = Int16(search.nearest(c)); m[key] = j
                    }
                    o[i] = UInt8(j)
                }
            }
        } }
        return out
    }
}
