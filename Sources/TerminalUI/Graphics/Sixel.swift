import Imaging

/// DEC sixel graphics, from pixels to the bytes a terminal reads: a palette
/// of at most 256 colours (`PaletteQuantizer`), then bands six pixels high in
/// which each colour present draws its columns, with run-length `!n`.
public enum Sixel {
    /// The sixel image of `image` (alpha ignored), pixel for pixel (aspect
    /// 1:1), as `ESC P q ... ESC \`.
    public static func encode(_ image: RGBAImage, maxColors: Int = 256) -> String {
        let w = image.width, h = image.height
        var out: [UInt8] = []
        out.reserveCapacity(w * h / 2 + 4096)
        func put(_ s: String) { out.append(contentsOf: s.utf8) }
        // P2 = 1: zero bits leave the screen alone (every pixel is set by one colour).
        put("\u{1B}P0;1;0q\"1;1;\(w);\(h)")
        guard w > 0, h > 0 else { put("\u{1B}\\"); return String(decoding: out, as: UTF8.self) }
        let q = PaletteQuantizer(image, maxColors: maxColors)
        for (i, c) in q.palette.enumerated() {
            func pct(_ v: UInt8) -> Int { (Int(v) * 100 + 127) / 255 }
            put("#\(i);2;\(pct(c.r));\(pct(c.g));\(pct(c.b))")
        }
        let colors = q.palette.count
        var bits = [UInt8](repeating: 0, count: colors * w)
        var first = [Int](repeating: Int.max, count: colors)
        var last = [Int](repeating: -1, count: colors)
        var used: [Int] = []
        q.indices.withUnsafeBufferPointer { idx in
            var y0 = 0
            while y0 < h {
                used.removeAll(keepingCapacity: true)
                for dy in 0..<min(6, h - y0) {
                    let row = (y0 + dy) * w
                    let bit = UInt8(1) << UInt8(dy)
                    for x in 0..<w {
                        let c = Int(idx[row + x])
                        if last[c] < 0 { used.append(c) }
                        bits[c * w + x] |= bit
                        if x < first[c] { first[c] = x }
                        if x > last[c] { last[c] = x }
                    }
                }
                for (k, c) in used.enumerated() {
                    if k > 0 { out.append(UInt8(ascii: "$")) }
                    put("#\(c)")
                    // Columns before the first one this colour sets are skipped as blanks.
                    var x = 0
                    let base = c * w
                    while x <= last[c] {
                        let v = x < first[c] ? 0 : bits[base + x]
                        var run = 1
                        while x + run <= last[c] && (x + run < first[c] ? 0 : bits[base + x + run]) == v { run += 1 }
                        let ch = 63 + v
                        if run > 3 { put("!\(run)"); out.append(ch) } else { for _ in 0..<run { out.append(ch) } }
                        x += run
                    }
                    for x in first[c]...last[c] { bits[base + x] = 0 }
                    first[c] = Int.max; last[c] = -1
                }
                out.append(UInt8(ascii: "-"))
                y0 += 6
            }
        }
        put("\u{1B}\\")
        return String(decoding: out, as: UTF8.self)
    }
}
