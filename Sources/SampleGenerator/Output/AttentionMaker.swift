import Foundation

/// Makes attention grids that look like a model's: bumps over the objects a
/// step or question is about, some spread, and a little noise everywhere.
public enum AttentionMaker {
    /// A `rows` x `cols` grid over a `width` x `height` image, peaked on `boxes`.
    public static func grid(rows: Int, cols: Int, width: Int, height: Int,
                            boxes: [(x: Int, y: Int, w: Int, h: Int)], rng: inout SplitMix64) -> [Float] {
        var values = [Float](repeating: 0, count: rows * cols)
        let cw = Double(width) / Double(cols), ch = Double(height) / Double(rows)
        for r in 0..<rows {
            let y = (Double(r) + 0.5) * ch
            for c in 0..<cols {
                let x = (Double(c) + 0.5) * cw
                var v = 0.02 * rng.unit()
                for b in boxes {
                    let bx = Double(b.x) + Double(b.w) / 2, by = Double(b.y) + Double(b.h) / 2
                    let sx = Double(b.w) / 2 + cw, sy = Double(b.h) / 2 + ch
                    let d = (x - bx) * (x - bx) / (sx * sx) + (y - by) * (y - by) / (sy * sy)
                    v += 0.6 * exp(-1.4 * d)
                }
                values[r * cols + c] = Float(min(1, v))
            }
        }
        return values
    }
}
