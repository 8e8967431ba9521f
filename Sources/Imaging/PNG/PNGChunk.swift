/// One chunk of a PNG file: its four-letter type and where its data lies.
struct PNGChunk {
    /// The type as a big-endian 32-bit code, so comparisons are one integer compare.
    var type: UInt32
    /// Offset of the first data byte in the file.
    var dataStart: Int
    /// Number of data bytes.
    var length: Int

    static let IHDR = code("IHDR"), PLTE = code("PLTE"), IDAT = code("IDAT"), IEND = code("IEND"), tRNS = code("tRNS")

    /// The big-endian code of a four-letter chunk name.
    static func code(_ name: StaticString) -> UInt32 {
        let p = name.utf8Start
        return UInt32(p[0]) << 24 | UInt32(p[1]) << 16 | UInt32(p[2]) << 8 | UInt32(p[3])
    }

    /// The type as text for messages, with non-printable bytes escaped.
    var name: String { PNGChunk.name(of: type) }

    static func name(of type: UInt32) -> String {
        var s = ""
        for shift in [24, 16, 8, 0] {
            let b = UInt8((type >> UInt32(shift)) & 0xFF)
            if b >= 0x20 && b < 0x7F { s.append(Character(Unicode.Scalar(b))) } else { s += "\\x" + hex(b) }
        }
        return s
    }

    /// Critical chunks have bit 5 of their first byte clear (an upper-case first letter).
    var isCritical: Bool { (type >> 24) & 0x20 == 0 }
}
