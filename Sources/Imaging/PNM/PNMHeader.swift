/// The header of a Netpbm file (PBM, PGM, PPM in plain and raw form, and PAM).
struct PNMHeader {
    /// The digit after "P": 1 to 7.
    var kind: Int
    var width: Int
    var height: Int
    /// Largest sample value (1 for PBM).
    var maxval: Int
    /// Samples per pixel: 1 grey, 2 grey+alpha, 3 RGB, 4 RGB+alpha.
    var channels: Int
    /// PAM tuple type, or the implied one for P1 to P6.
    var tupleType: String
    /// Offset of the first raster byte.
    var rasterStart: Int

    /// P1, P2, P3 store samples as decimal text.
    var plain: Bool { kind <= 3 }
    /// PBM stores 1 for black, unlike every other kind.
    var isPBM: Bool { kind == 1 || kind == 4 }

    /// Colour model for `ImageInfo`.
    var colorName: String {
        if isPBM || tupleType.hasPrefix("BLACKANDWHITE") { return channels == 2 ? "bilevel+alpha" : "bilevel" }
        return ["grey", "grey+alpha", "rgb", "rgb+alpha"][channels - 1]
    }

    /// Bits needed to hold `maxval`.
    var bitDepth: Int { Int.bitWidth - (maxval).leadingZeroBitCount }

    /// Parses the header that starts at the beginning of `b`.
    init(_ b: [UInt8]) throws {
        guard b.count >= 2, b[0] == 0x50, b[1] >= 0x31, b[1] <= 0x37 else {
            throw ImageError(.badSignature, "PNM file must start with P1 to P7")
        }
        kind = Int(b[1] - 0x30)
        var s = PNMScanner(bytes: b, offset: 2)
        if kind == 7 {
            self = try Self.pam(&s)
            return
        }
        width = try s.headerNumber("width")
        height = try s.headerNumber("height")
        maxval = isPBMKind(kind) ? 1 : try s.headerNumber("maxval")
        // Exactly one whitespace character (or a comment ending in one) separates header and raster.
        try s.headerDelimiter(after: isPBMKind(kind) ? "height" : "maxval")
        rasterStart = s.offset
        channels = kind == 3 || kind == 6 ? 3 : 1
        tupleType = isPBMKind(kind) ? "BLACKANDWHITE" : (channels == 3 ? "RGB" : "GRAYSCALE")
        try validate()
    }

    private init(kind: Int, width: Int, height: Int, maxval: Int, channels: Int, tupleType: String, rasterStart: Int) {
        self.kind = kind; self.width = width; self.height = height; self.maxval = maxval
        self.channels = channels; self.tupleType = tupleType; self.rasterStart = rasterStart
    }

    private func validate() throws {
        guard width >= 1 else { throw ImageError(.badHeader, "PNM header: width is 0") }
        guard height >= 1 else { throw ImageError(.badHeader, "PNM header: height is 0") }
        guard maxval >= 1, maxval <= 65535 else {
            throw ImageError(.badHeader, "PNM header: maxval \(maxval) is out of range (1 to 65535)")
        }
    }

    /// PAM: "P7" then lines of KEYWORD value up to ENDHDR; '#' lines are comments.
    private static func pam(_ s: inout PNMScanner) throws -> PNMHeader {
        var width: Int?, height: Int?, depth: Int?, maxval: Int?
        var tuple = ""
        var ended = false
        while !ended {
            guard let line = s.line() else {
                throw ImageError(.truncated, "PAM header ends without ENDHDR")
            }
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\u{0B}" || $0 == "\u{0C}" })
            guard let key = words.first, !key.hasPrefix("#") else { continue }
            let rest = words.dropFirst()
            func number() throws -> Int {
                guard rest.count == 1, let v = Int(rest[rest.startIndex]), v >= 0, v <= 0x7FFF_FFFF else {
                    throw ImageError(.badHeader, "PAM header: \(key) needs one whole number, got '\(rest.joined(separator: " "))'")
                }
                return v
            }
            switch key {
            case "ENDHDR": ended = true
            case "WIDTH": width = try number()
            case "HEIGHT": height = try number()
            case "DEPTH": depth = try number()
            case "MAXVAL": maxval = try number()
            case "TUPLTYPE":
                let value = rest.joined(separator: " ")
                tuple = tuple.isEmpty ? value : tuple + " " + value
            default:
                throw ImageError(.badHeader, "PAM header: unknown keyword '\(key)'")
            }
        }
        guard let width else { throw ImageError(.badHeader, "PAM header has no WIDTH") }
        guard let height else { throw ImageError(.badHeader, "PAM header has no HEIGHT") }
        guard let depth else { throw ImageError(.badHeader, "PAM header has no DEPTH") }
        guard let maxval else { throw ImageError(.badHeader, "PAM header has no MAXVAL") }
        let expected: [String: Int] = [
            "BLACKANDWHITE": 1, "GRAYSCALE": 1, "RGB": 3,
            "BLACKANDWHITE_ALPHA": 2, "GRAYSCALE_ALPHA": 2, "RGB_ALPHA": 4,
        ]
        if let need = expected[tuple], need != depth {
            throw ImageError(.badHeader, "PAM header: TUPLTYPE \(tuple) needs DEPTH \(need), not \(depth)")
        }
        guard depth >= 1, depth <= 4 else {
            throw ImageError(.unsupportedFeature, "PAM header: DEPTH \(depth) (TUPLTYPE '\(tuple)') is not an image this reader understands (1 to 4 channels)")
        }
        if tuple.hasPrefix("BLACKANDWHITE") && maxval != 1 {
            throw ImageError(.badHeader, "PAM header: TUPLTYPE \(tuple) needs MAXVAL 1, not \(maxval)")
        }
        let h = PNMHeader(kind: 7, width: width, height: height, maxval: maxval, channels: depth,
                          tupleType: tuple, rasterStart: s.offset)
        try h.validate()
        return h
    }
}

private func isPBMKind(_ kind: Int) -> Bool { kind == 1 || kind == 4 }
