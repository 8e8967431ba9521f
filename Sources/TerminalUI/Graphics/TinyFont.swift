import Imaging

/// A 3x5 pixel font (capitals, digits, a little punctuation) for box labels
/// drawn into pixel frames and chart text; anything else shows as '?'.
enum TinyFont {
    static let height = 5
    /// Rows top to bottom, three bits each (4 = left pixel).
    static let glyphs: [Character: [UInt8]] = {
        let rows: [Character: String] = [
            "A": "010 101 111 101 101", "B": "110 101 110 101 110", "C": "011 100 100 100 011",
            "D": "110 101 101 101 110", "E": "111 100 110 100 111", "F": "111 100 110 100 100",
            "G": "011 100 101 101 011", "H": "101 101 111 101 101", "I": "111 010 010 010 111",
            "J": "001 001 001 101 010", "K": "101 101 110 101 101", "L": "100 100 100 100 111",
            "M": "101 111 111 101 101", "N": "110 101 101 101 101", "O": "010 101 101 101 010",
            "P": "110 101 110 100 100", "Q": "010 101 101 110 011", "R": "110 101 110 101 101",
            "S": "011 100 010 001 110", "T": "111 010 010 010 010", "U": "101 101 101 101 111",
            "V": "101 101 101 101 010", "W": "101 101 111 111 101", "X": "101 101 010 101 101",
            "Y": "101 101 010 010 010", "Z": "111 001 010 100 111",
            "0": "111 101 101 101 111", "1": "010 110 010 010 111", "2": "110 001 010 100 111",
            "3": "110 001 010 001 110", "4": "101 101 111 001 001", "5": "111 100 110 001 110",
            "6": "011 100 111 101 111", "7": "111 001 010 010 010", "8": "111 101 111 101 111",
            "9": "111 101 111 001 110", "-": "000 000 111 000 000", "_": "000 000 000 000 111",
            ".": "000 000 000 000 010", ":": "000 010 000 010 000", "/": "001 001 010 100 100",
            "?": "110 001 010 000 010", " ": "000 000 000 000 000", "#": "101 111 101 111 101",
            "+": "000 010 111 010 000", "(": "010 100 100 100 010", ")": "010 001 001 001 010",
            ",": "000 000 000 010 100", "%": "101 001 010 100 101", "=": "000 111 000 111 000",
        ]
        return rows.mapValues { $0.split(separator: " ").map { UInt8($0, radix: 2) ?? 0 } }
    }()

    /// `text` upper-cased, each character the font lacks as '?', at most 24 long.
    static func normalize(_ text: String, limit: Int = 24) -> String {
        String(text.uppercased().prefix(limit).map { glyphs[$0] == nil ? "?" : $0 })
    }

    /// Pixels `text` takes across at `scale` (a one-pixel gap between letters).
    static func width(_ text: String, scale: Int) -> Int { max(0, text.count * 4 - 1) * scale }

    /// Draws `text` (already normalised) with its top-left corner at (x, y), clipped to the image.
    static func draw(_ text: String, into img: inout RGBAImage, x: Int, y: Int, scale: Int, color: RGBA) {
        var cx = x
        for ch in text {
            let rows = glyphs[ch] ?? glyphs["?"] ?? []
            for (r, bits) in rows.enumerated() {
                for c in 0..<3 where bits & (4 >> UInt8(c)) != 0 {
                    PixelFrame.fillRect(&img, x: cx + c * scale, y: y + r * scale, w: scale, h: scale, color)
                }
            }
            cx += 4 * scale
        }
    }
}
