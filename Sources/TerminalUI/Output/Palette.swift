import Foundation

/// The xterm 256-colour palette and nearest-colour lookups in OKLab, a
/// perceptual space: plain RGB distance maps dark blues and greys badly.
public enum Palette {
    /// The RGB value xterm uses for palette entry `index`.
    public static func rgb(_ index: UInt8) -> (r: UInt8, g: UInt8, b: UInt8) {
        let i = Int(index)
        if i < 16 { let c = ansi16[i]; return (c.0, c.1, c.2) }
        if i < 232 {
            let n = i - 16
            return (cubeLevels[n / 36], cubeLevels[(n / 6) % 6], cubeLevels[n % 6])
        }
        let v = UInt8(8 + 10 * (i - 232))
        return (v, v, v)
    }

    /// The palette entry 16...255 nearest to `rgb` (the 6x6x6 cube and the grey
    /// ramp; 0-15 are left out because themes redefine them).
    public static func nearest256(_ rgb: (r: UInt8, g: UInt8, b: UInt8)) -> UInt8 {
        nearest(rgb, in: lab256, offset: 16)
    }

    /// The ANSI colour 0...15 nearest to `rgb`, by xterm's default values.
    public static func nearest16(_ rgb: (r: UInt8, g: UInt8, b: UInt8)) -> UInt8 {
        nearest(rgb, in: lab16, offset: 0)
    }

    /// `color` as RGB, for any colour but `.default` (nil).
    public static func rgb(of color: Color) -> (r: UInt8, g: UInt8, b: UInt8)? {
        switch color {
        case .default: return nil
        case .indexed(let n): return rgb(n)
        case .rgb(let r, let g, let b): return (r, g, b)
        }
    }

    // MARK: - OKLab

    static let cubeLevels: [UInt8] = [0, 95, 135, 175, 215, 255]
    static let ansi16: [(UInt8, UInt8, UInt8)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    /// sRGB byte to linear light, tabulated once.
    static let linear: [Float] = (0..<256).map { i in
        let c = Float(i) / 255
        return c <= 0.04045 ? c / 12.92 : Float(pow(Double((c + 0.055) / 1.055), 2.4))
    }

    /// OKLab of an sRGB colour (Björn Ottosson's matrices).
    static func oklab(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> (Float, Float, Float) {
        let lr = linear[Int(r)], lg = linear[Int(g)], lb = linear[Int(b)]
        let l = cbrtf(0.4122214708 * lr + 0.5363325363 * lg + 0.0514459929 * lb)
        let m = cbrtf(0.2119034982 * lr + 0.6806995451 * lg + 0.1073969566 * lb)
        let s = cbrtf(0.0883024619 * lr + 0.2817188376 * lg + 0.6299787005 * lb)
        return (0.2104542553 * l + 0.7936177850 * m - 0.0040720468 * s,
                1.9779984951 * l - 2.4285922050 * m + 0.4505937099 * s,
                0.0259040371 * l + 0.7827717662 * m - 0.8086757660 * s)
    }

    /// Flat L, a, b triples of entries 16...255.
    static let lab256: [Float] = (16..<256).flatMap { i -> [Float] in
        let c = rgb(UInt8(i)); let o = oklab(c.r, c.g, c.b); return [o.0, o.1, o.2]
    }
    static let lab16: [Float] = (0..<16).flatMap { i -> [Float] in
        let c = ansi16[i]; let o = oklab(c.0, c.1, c.2); return [o.0, o.1, o.2]
    }

    static func nearest(_ c: (r: UInt8, g: UInt8, b: UInt8), in table: [Float], offset: Int) -> UInt8 {
        let (l, a, b) = oklab(c.r, c.g, c.b)
        var best = 0
        var bestD = Float.greatestFiniteMagnitude
        table.withUnsafeBufferPointer { t in
            var i = 0, k = 0
            while i < t.count {
                let dl = t[i] - l, da = t[i + 1] - a, db = t[i + 2] - b
                let d = dl * dl + da * da + db * db
                if d < bestD { bestD = d; best = k }
                i += 3; k += 1
            }
        }
        return UInt8(best + offset)
    }
}

/// A small direct-mapped memo of nearest-palette lookups, kept for one
/// render so repeated colours (most of an image) skip the search.
struct PaletteCache {
    private var keys: [UInt32]
    private var values: [UInt8]
    private let use16: Bool
    private static let size = 4096

    init(use16: Bool) {
        keys = [UInt32](repeating: .max, count: Self.size)
        values = [UInt8](repeating: 0, count: Self.size)
        self.use16 = use16
    }

    mutating func index(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        let key = UInt32(r) << 16 | UInt32(g) << 8 | UInt32(b)
        let slot = Int((key &* 2654435761) >> 20) & (Self.size - 1)
        if keys[slot] == key { return values[slot] }
        let v = use16 ? Palette.nearest16((r, g, b)) : Palette.nearest256((r, g, b))
        keys[slot] = key; values[slot] = v
        return v
    }
}
