import SceneData
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
                // Most of the mass on the cells the boxes cover, a soft halo around
                // them, and a little noise everywhere, as a model's map looks.
                var cover = 0.0, halo = 0.0
                for b in boxes {
                    let ox = max(0, min(Double(c + 1) * cw, Double(b.x + b.w)) - max(Double(c) * cw, Double(b.x)))
                    let oy = max(0, min(Double(r + 1) * ch, Double(b.y + b.h)) - max(Double(r) * ch, Double(b.y)))
                    cover += ox * oy / (cw * ch)
                    let bx = Double(b.x) + Double(b.w) / 2, by = Double(b.y) + Double(b.h) / 2
                    let sx = Double(b.w) / 2 + cw / 2, sy = Double(b.h) / 2 + ch / 2
                    let d = (x - bx) * (x - bx) / (sx * sx) + (y - by) * (y - by) / (sy * sy)
                    halo += exp(-1.5 * d)
                }
                let v = min(1, cover) * min(1, cover) + 0.05 * min(1, halo) + 0.002 * rng.unit()
                values[r * cols + c] = Float(min(1, v))
            }
        }
        return values
    }
}
