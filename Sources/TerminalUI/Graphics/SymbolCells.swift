import Foundation
import Imaging

/// Which block glyphs the symbol mode may use. Every glyph splits a cell into
/// two parts, drawn in the foreground and background colours.
public enum SymbolSet: String, Sendable, Hashable, CaseIterable {
    /// Upper half blocks only (two pixel rows a cell), the classic mode.
    case halves
    /// Half blocks in both directions and the quadrants (U+2596-U+259F).
    case quadrants
    /// Quadrants plus the sextants of Symbols for Legacy Computing
    /// (U+1FB00-U+1FB3B): 2 x 3 blocks a cell.
    case sextants
}

/// Chooses, cell by cell, the glyph and the two colours that best reproduce
/// the image, as chafa's symbol mode does: the cell is sampled on a 2 x 12
/// grid (fine enough to hold halves, quadrants and sextants exactly), and for
/// every candidate shape the colours are the means of the samples inside and
/// outside it, so the squared error of a shape is a closed form of eight
/// region sums; the shape with the least error wins.
public enum SymbolCells {
    /// Sample columns and rows in one cell.
    public static let sampleColumns = 2, sampleRows = 12

    /// One candidate: the glyph and which of the eight regions it fills.
    struct Shape { var glyph: String; var atoms: UInt8 }

    // Regions (atoms): column c (0 left, 1 right) times row group g:
    // rows 0-3, 4-5, 6-7, 8-11; atom bit = c * 4 + g.
    static let atomRows: [Range<Int>] = [0..<4, 4..<6, 6..<8, 8..<12]

    static func quadrantAtoms(_ p: Int) -> UInt8 {
        var m: UInt8 = 0
        if p & 1 != 0 { m |= 0b0000_0011 }  // upper left
        if p & 2 != 0 { m |= 0b0011_0000 }  // upper right
        if p & 4 != 0 { m |= 0b0000_1100 }  // lower left
        if p & 8 != 0 { m |= 0b1100_0000 }  // lower right
        return m
    }

    static func sextantAtoms(_ p: Int) -> UInt8 {
        var m: UInt8 = 0
        if p & 1 != 0 { m |= 0b0000_0001 }; if p & 2 != 0 { m |= 0b0001_0000 }
        if p & 4 != 0 { m |= 0b0000_0110 }; if p & 8 != 0 { m |= 0b0110_0000 }
        if p & 16 != 0 { m |= 0b0000_1000 }; if p & 32 != 0 { m |= 0b1000_0000 }
        return m
    }

    static let quadrantGlyphs: [UInt32] = [0x20, 0x2598, 0x259D, 0x2580, 0x2596, 0x258C, 0x259E, 0x259B,
                                          0x2597, 0x259A, 0x2590, 0x259C, 0x2584, 0x2599, 0x259F, 0x2588]

    /// The sextant glyph of pattern `p` (bit 0 top left ... bit 5 bottom right);
    /// the four patterns that are also blocks (none, all, left, right) are not in the range.
    static func sextantGlyph(_ p: Int) -> UInt32 {
        switch p {
        case 0: return 0x20
        case 63: return 0x2588
        case 21: return 0x258C
        case 42: return 0x2590
        default: return 0x1FB00 + UInt32(p - 1 - (p > 21 ? 1 : 0) - (p > 42 ? 1 : 0))
        }
    }

    static func glyph(_ v: UInt32) -> String { String(Character(Unicode.Scalar(v) ?? " ")) }

    /// The candidate shapes of a set; a shape and its complement are the same
    /// candidate (colours swapped), so only one of each pair is listed.
    static func shapes(_ set: SymbolSet) -> [Shape] {
        var out: [Shape] = [Shape(glyph: "▀", atoms: 0b0011_0011)]
        if set == .halves { return out }
        var seen: Set<UInt8> = [0b0011_0011, 0b1100_1100]
        func add(_ g: UInt32, _ m: UInt8) {
            guard m != 0, m != 0xFF, !seen.contains(m) else { return }
            seen.insert(m); seen.insert(~m)
            out.append(Shape(glyph: glyph(g), atoms: m))
        }
        for p in 1..<15 { add(quadrantGlyphs[p], quadrantAtoms(p)) }
        if set == .sextants { for p in 1..<63 { add(sextantGlyph(p), sextantAtoms(p)) } }
        return out
    }

    /// The region mask of every glyph the symbol mode draws (space and full block
    /// included), to turn cells back into pixels.
    public static let masks: [String: UInt8] = {
        var m: [String: UInt8] = [" ": 0, "█": 0xFF, "▄": 0b1100_1100]
        for p in 0..<16 { m[glyph(quadrantGlyphs[p])] = quadrantAtoms(p) }
        for p in 0..<64 { m[glyph(sextantGlyph(p))] = sextantAtoms(p) }
        return m
    }()

    /// The cells for `samples`, an image of exactly `columns * 2` x `rows * 12`
    /// pixels (see `sampleColumns`, `sampleRows`): row-major (glyph, foreground,
    /// background) triples.
    public static func cells(_ samples: RGBAImage, columns: Int, rows: Int, set: SymbolSet)
        -> [(glyph: String, fg: (UInt8, UInt8, UInt8), bg: (UInt8, UInt8, UInt8))] {
        let shapes = shapes(set)
        let sw = samples.width
        var out: [(glyph: String, fg: (UInt8, UInt8, UInt8), bg: (UInt8, UInt8, UInt8))] = []
        out.reserveCapacity(columns * rows)
        guard sw == columns * sampleColumns, samples.height == rows * sampleRows else { return out }
        // Sample counts of all 256 unions of atoms.
        let atomCount: [Float] = (0..<8).map { Float(atomRows[$0 & 3].count) }
        var unionCount = [Float](repeating: 0, count: 256)
        for m in 1..<256 {
            var c: Float = 0
            for a in 0..<8 where m & (1 << a) != 0 { c += atomCount[a] }
            unionCount[m] = c
        }
        samples.pixels.withUnsafeBufferPointer { px in
            var atoms = [SIMD3<Float>](repeating: .zero, count: 8)
            for cy in 0..<rows {
                for cx in 0..<columns {
                    for a in 0..<8 {
                        var s = SIMD3<Float>.zero
                        let x = cx * 2 + (a >> 2)
                        for y in atomRows[a & 3] {
                            let i = ((cy * sampleRows + y) * sw + x) * 4
                            s += SIMD3(Float(px[i]), Float(px[i + 1]), Float(px[i + 2]))
                        }
                        atoms[a] = s
                    }
                    var total = SIMD3<Float>.zero
                    for a in atoms { total += a }
                    var best = 0
                    var bestScore = -Float.greatestFiniteMagnitude
                    var bestIn = SIMD3<Float>.zero
                    for (k, shape) in shapes.enumerated() {
                        var s = SIMD3<Float>.zero
                        for a in 0..<8 where shape.atoms & (1 << a) != 0 { s += atoms[a] }
                        let n = unionCount[Int(shape.atoms)], rest = total - s, nr = 24 - n
                        // Maximising this minimises the squared error of the two means.
                        let score = (s * s).sum() / n + (rest * rest).sum() / nr
                        if score > bestScore { bestScore = score; best = k; bestIn = s }
                    }
                    let shape = shapes[best]
                    let n = unionCount[Int(shape.atoms)]
                    let fg = bestIn / n, bg = (total - bestIn) / (24 - n)
                    out.append((shape.glyph, rgb8(fg), rgb8(bg)))
                }
            }
        }
        return out
    }

    static func rgb8(_ v: SIMD3<Float>) -> (UInt8, UInt8, UInt8) {
        func c(_ x: Float) -> UInt8 { UInt8(max(0, min(255, x.rounded()))) }
        return (c(v.x), c(v.y), c(v.z))
    }

    /// The picture a row-major grid of cells makes, at `columns * 2` x
    /// `rows * 12` pixels, for glyphs in `masks` (others count as spaces):
    /// the inverse of `cells`, to measure fidelity.
    public static func raster(_ cells: [(glyph: String, fg: (UInt8, UInt8, UInt8), bg: (UInt8, UInt8, UInt8))],
                              columns: Int, rows: Int) -> RGBAImage {
        var img = RGBAImage(width: columns * sampleColumns, height: rows * sampleRows)
        for (k, cell) in cells.prefix(columns * rows).enumerated() {
            let cx = k % columns, cy = k / columns
            let m = masks[cell.glyph] ?? 0
            for a in 0..<8 {
                let on = m & (1 << a) != 0
                let c = on ? cell.fg : cell.bg
                for y in atomRows[a & 3] {
                    let i = ((cy * sampleRows + y) * img.width + cx * 2 + (a >> 2)) * 4
                    img.pixels[i] = c.0; img.pixels[i + 1] = c.1; img.pixels[i + 2] = c.2; img.pixels[i + 3] = 255
                }
            }
        }
        return img
    }

    /// Peak signal-to-noise ratio in dB of `a` against `b` (same size, RGB):
    /// higher is closer; infinity when identical.
    public static func psnr(_ a: RGBAImage, _ b: RGBAImage) -> Double {
        guard a.width == b.width, a.height == b.height, a.width * a.height > 0 else { return 0 }
        var se: Double = 0
        for i in 0..<(a.width * a.height) {
            for c in 0..<3 {
                let d = Double(a.pixels[i * 4 + c]) - Double(b.pixels[i * 4 + c])
                se += d * d
            }
        }
        let mse = se / Double(a.width * a.height * 3)
        return mse == 0 ? .infinity : 10 * log10(255 * 255 / mse)
    }
}
