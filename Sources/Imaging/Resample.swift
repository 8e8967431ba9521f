extension RGBAImage {
    /// Area-average (box filter) resampling to a smaller or equal size, with
    /// fractional source edges weighted by coverage. Alpha is composited over
    /// `background` first, so the result is opaque.
    ///
    /// Enlarging is allowed too: each target pixel then covers less than one
    /// source pixel and takes that pixel's colour.
    public func resampled(width tw: Int, height th: Int, background: RGBA = RGBA(0, 0, 0)) -> RGBAImage {
        guard tw > 0, th > 0 else { return RGBAImage(width: max(tw, 0), height: max(th, 0), pixels: []) }
        guard width > 0, height > 0 else { return RGBAImage(width: tw, height: th, fill: background) }
        let xs = ResampleSpans(source: width, target: tw)
        let ys = ResampleSpans(source: height, target: th)
        let bg = SIMD4<Float>(Float(background.r), Float(background.g), Float(background.b), 0)
        let sw = width
        // Vertical pass first: one source-width row of composited, weighted
        // sums per target row, a straight SIMD loop over contiguous pixels;
        // then the (much smaller) horizontal pass through the x spans.
        var column = [SIMD4<Float>](repeating: .zero, count: sw)
        let out = [UInt8](unsafeUninitializedCapacity: tw * th * 4) { outBuf, initialized in
            pixels.withUnsafeBytes { srcBuf in
            column.withUnsafeMutableBufferPointer { colBuf in
            xs.start.withUnsafeBufferPointer { xStart in
            xs.count.withUnsafeBufferPointer { xCount in
            xs.first.withUnsafeBufferPointer { xFirst in
            xs.weight.withUnsafeBufferPointer { xWeight in
            xs.norm.withUnsafeBufferPointer { xNorm in
                guard let src = srcBuf.baseAddress, let col = colBuf.baseAddress, let o = outBuf.baseAddress,
                      let xsP = xStart.baseAddress, let xcP = xCount.baseAddress,
                      let xfP = xFirst.baseAddress, let xwP = xWeight.baseAddress, let xnP = xNorm.baseAddress
                else { return }
                let inv255: Float = 1 / 255
                for ty in 0..<th {
                    col.update(repeating: .zero, count: sw)
                    let yFirst = ys.first[ty]
                    for k in 0..<ys.count[ty] {
                        let wy = ys.weight[yFirst + k]
                        let row = src + (ys.start[ty] + k) * sw * 4
                        for x in 0..<sw {
                            let c = SIMD4<Float>(row.loadUnaligned(fromByteOffset: x * 4, as: SIMD4<UInt8>.self))
                            let a = c[3] * inv255 * wy
                            // wy * (bg + (c - bg) * alpha); the alpha lane is unused.
                            col[x] += bg * wy + (c - bg) * a
                        }
                    }
                    let yNorm = ys.norm[ty]
                    let dst = o + ty * tw * 4
                    for tx in 0..<tw {
                        var sum = SIMD4<Float>.zero
                        let first = col + xsP[tx]
                        let weights = xwP + xfP[tx]
                        for j in 0..<xcP[tx] { sum += first[j] * weights[j] }
                        let v = sum * (yNorm * xnP[tx])
                        dst[tx * 4] = Self.toByte(v[0])
                        dst[tx * 4 + 1] = Self.toByte(v[1])
                        dst[tx * 4 + 2] = Self.toByte(v[2])
                        dst[tx * 4 + 3] = 255
                    }
                }
            } } } } } } }
            initialized = tw * th * 4
        }
        return RGBAImage(width: tw, height: th, pixels: out)
    }

    @inline(__always)
    private static func toByte(_ v: Float) -> UInt8 {
        UInt8(truncatingIfNeeded: Int(min(max(v, 0), 255).rounded()))
    }
}

/// For each target index along one axis, the run of source indices it
/// covers and how much of each, stored as flat arrays so the inner loop
/// touches no nested collections.
struct ResampleSpans {
    /// First source index of each target's span.
    var start: [Int] = []
    /// Number of source indices in each span.
    var count: [Int] = []
    /// Offset of each span's first weight in `weight`.
    var first: [Int] = []
    /// Coverage of each source index, span after span.
    var weight: [Float] = []
    /// 1 / total weight of each span.
    var norm: [Float] = []

    init(source: Int, target: Int) {
        let scale = Double(source) / Double(target)
        start.reserveCapacity(target); count.reserveCapacity(target)
        first.reserveCapacity(target); norm.reserveCapacity(target)
        weight.reserveCapacity(source + 2 * target)
        for t in 0..<target {
            let lo = Double(t) * scale
            let hi = min(Double(t + 1) * scale, Double(source))
            var s = min(Int(lo.rounded(.down)), source - 1)
            let begin = weight.count
            var total = 0.0
            start.append(s)
            while Double(s) < hi && s < source {
                let w = min(hi, Double(s + 1)) - max(lo, Double(s))
                if w > 0 {
                    weight.append(Float(w)); total += w
                } else if weight.count == begin {
                    // A sliver too thin to count at the start: skip its index.
                    start[start.count - 1] = s + 1
                }
                s += 1
            }
            if weight.count == begin {
                start[start.count - 1] = min(Int(lo), source - 1)
                weight.append(1); total = 1
            }
            first.append(begin)
            count.append(weight.count - begin)
            norm.append(Float(1 / total))
        }
    }
}
