/// Reads Netpbm images: P1 to P6 (plain and raw) and P7 (PAM), any maxval
/// from 1 to 65535, scaled to 8 bits with rounding.
enum PNMDecoder {
    /// Whether `bytes` start with a Netpbm magic number.
    static func sniff(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x50 && bytes[1] >= 0x31 && bytes[1] <= 0x37
    }

    /// The header fields, without decoding pixels.
    static func info(_ bytes: [UInt8]) throws -> ImageInfo {
        let h = try PNMHeader(bytes)
        return ImageInfo(format: .pnm, width: h.width, height: h.height, colorType: h.colorName,
                         bitDepth: h.bitDepth, interlaced: false)
    }

    /// Decodes a whole Netpbm file to RGBA.
    static func decode(_ bytes: [UInt8], maxPixels: Int) throws -> RGBAImage {
        let h = try PNMHeader(bytes)
        let count = try SizeCheck.pixels(h.width, h.height, maxPixels: maxPixels, format: "PNM")
        let samples = try SizeCheck.multiply(count, h.channels, "PNM sample count")
        // Raw files must hold the whole raster; checking before allocating
        // keeps a forged header from costing memory.
        if !h.plain {
            let need: Int
            if h.isPBM {
                need = try SizeCheck.multiply((h.width + 7) / 8, h.height, "PBM raster size")
            } else {
                need = try SizeCheck.multiply(samples, h.maxval > 255 ? 2 : 1, "PNM raster size")
            }
            let have = bytes.count - h.rasterStart
            guard have >= need else {
                throw ImageError(.truncated, "PNM raster is truncated: \(have) bytes, the header needs \(need)")
            }
        }
        // Each possible sample value maps to its 8-bit value once.
        let scale: [UInt8] = (0...h.maxval).map { v in
            let s = UInt8((v * 255 + h.maxval / 2) / h.maxval)
            return h.isPBM ? 255 - s : s
        }
        let pixels = try SizeCheck.makePixels(count: count) { out in
            try scale.withUnsafeBufferPointer { table in
                try bytes.withUnsafeBufferPointer { data in
                    guard let t = table.baseAddress, let d = data.baseAddress else { return }
                    if h.kind == 4 {
                        rawBitmap(d + h.rasterStart, h, t, out)
                    } else if h.plain {
                        try plain(bytes, h, t, out)
                    } else if h.maxval > 255 {
                        try raw(d + h.rasterStart, h, t, out, wide: true)
                    } else {
                        try raw(d + h.rasterStart, h, t, out, wide: false)
                    }
                }
            }
        }
        return RGBAImage(width: h.width, height: h.height, pixels: pixels)
    }

    /// Writes one pixel from `c` already-scaled samples.
    @inline(__always)
    private static func put(_ o: UnsafeMutablePointer<UInt8>, _ channels: Int, _ s0: UInt8, _ s1: UInt8, _ s2: UInt8, _ s3: UInt8) {
        switch channels {
        case 1: o[0] = s0; o[1] = s0; o[2] = s0; o[3] = 255
        case 2: o[0] = s0; o[1] = s0; o[2] = s0; o[3] = s1
        case 3: o[0] = s0; o[1] = s1; o[2] = s2; o[3] = 255
        default: o[0] = s0; o[1] = s1; o[2] = s2; o[3] = s3
        }
    }

    /// P4: rows of bits, most significant first, each row padded to a byte.
    private static func rawBitmap(_ src: UnsafePointer<UInt8>, _ h: PNMHeader, _ t: UnsafePointer<UInt8>,
                                  _ out: UnsafeMutablePointer<UInt8>) {
        let rowBytes = (h.width + 7) / 8
        for y in 0..<h.height {
            let row = src + y * rowBytes
            for x in 0..<h.width {
                let bit = (row[x >> 3] >> (7 - UInt8(x & 7))) & 1
                let v = t[Int(bit)]
                put(out + (y * h.width + x) * 4, 1, v, 0, 0, 0)
            }
        }
    }

    /// P5, P6, P7: one or two big-endian bytes a sample.
    private static func raw(_ src: UnsafePointer<UInt8>, _ h: PNMHeader, _ t: UnsafePointer<UInt8>,
                            _ out: UnsafeMutablePointer<UInt8>, wide: Bool) throws {
        let c = h.channels
        let n = h.width * h.height
        let maxval = h.maxval
        if maxval == 255 && !wide {
            fullRange(src, c, n, out)
            return
        }
        var highest = 0
        var s = (0, 0, 0, 0)
        for i in 0..<n {
            let base = i * c
            for k in 0..<c {
                let v = wide ? Int(src[2 * (base + k)]) << 8 | Int(src[2 * (base + k) + 1]) : Int(src[base + k])
                highest = max(highest, v)
                let clamped = min(v, maxval)
                switch k {
                case 0: s.0 = clamped
                case 1: s.1 = clamped
                case 2: s.2 = clamped
                default: s.3 = clamped
                }
            }
            put(out + i * 4, c, t[s.0], t[s.1], t[s.2], t[s.3])
        }
        guard highest <= maxval else {
            throw ImageError(.corrupt, "PNM raster has a sample value \(highest) above maxval \(maxval)")
        }
    }

    /// The common raw case, 8-bit samples with maxval 255: no scaling, no range check.
    private static func fullRange(_ src: UnsafePointer<UInt8>, _ c: Int, _ n: Int, _ out: UnsafeMutablePointer<UInt8>) {
        switch c {
        case 1:
            for i in 0..<n {
                let g = src[i], o = out + i * 4
                o[0] = g; o[1] = g; o[2] = g; o[3] = 255
            }
        case 2:
            for i in 0..<n {
                let g = src[2 * i], o = out + i * 4
                o[0] = g; o[1] = g; o[2] = g; o[3] = src[2 * i + 1]
            }
        case 3:
            for i in 0..<n {
                let s = src + 3 * i, o = out + i * 4
                o[0] = s[0]; o[1] = s[1]; o[2] = s[2]; o[3] = 255
            }
        default:
            UnsafeMutableRawPointer(out).copyMemory(from: src, byteCount: n * 4)
        }
    }

    /// P1, P2, P3: decimal samples separated by whitespace or comments;
    /// P1 digits need no separator.
    private static func plain(_ bytes: [UInt8], _ h: PNMHeader, _ t: UnsafePointer<UInt8>,
                              _ out: UnsafeMutablePointer<UInt8>) throws {
        var scanner = PNMScanner(bytes: bytes, offset: h.rasterStart)
        let c = h.channels
        let n = h.width * h.height
        var s = [0, 0, 0, 0]
        for i in 0..<n {
            for k in 0..<c {
                let v: Int
                if h.kind == 1 {
                    scanner.skipSpace()
                    guard scanner.offset < bytes.count else { throw truncated(i, h) }
                    let ch = bytes[scanner.offset]
                    guard ch == 0x30 || ch == 0x31 else {
                        throw ImageError(.corrupt, "PBM raster: pixel \(i % h.width),\(i / h.width) is byte 0x\(hex(ch)), not 0 or 1")
                    }
                    v = Int(ch - 0x30)
                    scanner.offset += 1
                } else {
                    guard let value = scanner.number() else {
                        if scanner.offset >= bytes.count { throw truncated(i, h) }
                        throw ImageError(.corrupt, "PNM raster: pixel \(i % h.width),\(i / h.width) is not a number (byte 0x\(hex(bytes[scanner.offset])) at offset \(scanner.offset))")
                    }
                    v = value
                }
                guard v <= h.maxval else {
                    throw ImageError(.corrupt, "PNM raster: pixel \(i % h.width),\(i / h.width) has sample \(v), above maxval \(h.maxval)")
                }
                s[k] = v
            }
            put(out + i * 4, c, t[s[0]], t[s[1]], t[s[2]], t[s[3]])
        }
    }

    private static func truncated(_ i: Int, _ h: PNMHeader) -> ImageError {
        ImageError(.truncated, "PNM raster is truncated: it ends at pixel \(i % h.width),\(i / h.width) of \(h.width)x\(h.height)")
    }
}
