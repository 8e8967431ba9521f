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
        let xs = Self.spans(source: width, target: tw)
        let ys = Self.spans(source: height, target: th)
        let bgR = Double(background.r), bgG = Double(background.g), bgB = Double(background.b)
        var out = [UInt8](repeating: 255, count: tw * th * 4)
        // One row of horizontally reduced, composited values, reused per source row.
        var rowAcc = [Double](repeating: 0, count: tw * 3)
        var acc = [Double](repeating: 0, count: tw * 3)
        pixels.withUnsafeBufferPointer { src in
            for ty in 0..<th {
                for i in 0..<acc.count { acc[i] = 0 }
                let ySpan = ys[ty]
                var totalW = 0.0
                for (sy, wy) in ySpan.weights {
                    let rowBase = sy * width * 4
                    for tx in 0..<tw {
                        var r = 0.0, g = 0.0, b = 0.0
                        for (sx, wx) in xs[tx].weights {
                            let i = rowBase + sx * 4
                            let a = Double(src[i + 3]) / 255
                            r += wx * (Double(src[i]) * a + bgR * (1 - a))
                            g += wx * (Double(src[i + 1]) * a + bgG * (1 - a))
                            b += wx * (Double(src[i + 2]) * a + bgB * (1 - a))
                        }
                        rowAcc[tx * 3] = r; rowAcc[tx * 3 + 1] = g; rowAcc[tx * 3 + 2] = b
                    }
                    for i in 0..<acc.count { acc[i] += wy * rowAcc[i] }
                    totalW += wy
                }
                for tx in 0..<tw {
                    let norm = 1 / (totalW * xs[tx].total)
                    let o = (ty * tw + tx) * 4
                    out[o] = UInt8(clamping: Int((acc[tx * 3] * norm).rounded()))
                    out[o + 1] = UInt8(clamping: Int((acc[tx * 3 + 1] * norm).rounded()))
                    out[o + 2] = UInt8(clamping: Int((acc[tx * 3 + 2] * norm).rounded()))
                }
            }
        }
        return RGBAImage(width: tw, height: th, pixels: out)
    }

    /// For each target index, the source indices it covers and how much of each.
    private static func spans(source: Int, target: Int) -> [(weights: [(Int, Double)], total: Double)] {
        let scale = Double(source) / Double(target)
        return (0..<target).map { t in
            let start = Double(t) * scale
            let end = min(Double(t + 1) * scale, Double(source))
            var weights: [(Int, Double)] = []
            var s = Int(start.rounded(.down))
            while Double(s) < end && s < source {
                let lo = max(start, Double(s)), hi = min(end, Double(s + 1))
                if hi > lo { weights.append((s, hi - lo)) }
                s += 1
            }
            if weights.isEmpty { weights = [(min(Int(start), source - 1), 1)] }
            return (weights, weights.reduce(0) { $0 + $1.1 })
        }
    }
}
