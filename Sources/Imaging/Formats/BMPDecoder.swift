/// A small reader for Windows BMP: uncompressed 1, 4, 8, 24 and 32 bits a
/// pixel and 16/32-bit bit fields, bottom-up or top-down. 32-bit files
/// without an alpha mask are opaque, as Pillow reads them ("BGRX").
enum BMPDecoder {
    static func sniff(_ b: [UInt8]) -> Bool { b.count >= 2 && b[0] == 0x42 && b[1] == 0x4D }

    private struct Header {
        var width: Int, height: Int, topDown: Bool, bits: Int, compression: Int
        var dataOffset: Int, headerSize: Int, colors: Int
        var masks: (r: UInt32, g: UInt32, b: UInt32, a: UInt32)
    }

    private static func header(_ d: [UInt8]) throws -> Header {
        func u16(_ o: Int) -> Int { Int(d[o]) | Int(d[o + 1]) << 8 }
        func u32(_ o: Int) -> UInt32 { UInt32(d[o]) | UInt32(d[o + 1]) << 8 | UInt32(d[o + 2]) << 16 | UInt32(d[o + 3]) << 24 }
        guard d.count >= 26 else { throw ImageError(.truncated, "BMP file is truncated: \(d.count) bytes, shorter than its header") }
        let hs = Int(u32(14))
        guard hs >= 40, d.count >= 14 + hs else {
            throw hs == 12 ? ImageError(.unsupportedFeature, "BMP with an OS/2 (12-byte) header is not supported")
                : ImageError(.truncated, "BMP header is truncated or invalid (header size \(hs))")
        }
        let w = Int(Int32(bitPattern: u32(18))), h = Int(Int32(bitPattern: u32(22)))
        let bits = u16(28), comp = Int(u32(30))
        guard w > 0, h != 0, h != Int(Int32.min) else { throw ImageError(.badHeader, "BMP size \(w)x\(h) is invalid") }
        var masks: (r: UInt32, g: UInt32, b: UInt32, a: UInt32) = (0, 0, 0, 0)
        switch (comp, bits) {
        case (0, 16): masks = (0x7C00, 0x03E0, 0x001F, 0)
        case (0, 24), (0, 32): masks = (0xFF0000, 0xFF00, 0xFF, 0)
        case (3, 16), (3, 32), (6, 16), (6, 32):
            let at = hs >= 52 ? 54 : 14 + hs  // V2+ header holds them, else they follow a 40-byte header
            guard d.count >= at + 12 else { throw ImageError(.truncated, "BMP bit-field masks are missing") }
            masks = (u32(at), u32(at + 4), u32(at + 8), (hs >= 56 || comp == 6) && d.count >= at + 16 ? u32(at + 12) : 0)
        case (0, 1), (0, 4), (0, 8): break
        case (1, _), (2, _): throw ImageError(.unsupportedFeature, "BMP with RLE compression is not supported")
        default: throw ImageError(.unsupportedFeature, "BMP with \(bits) bits a pixel and compression \(comp) is not supported")
        }
        let colors = Int(u32(46))
        return Header(width: w, height: abs(h), topDown: h < 0, bits: bits, compression: comp,
                      dataOffset: Int(u32(10)), headerSize: hs, colors: colors == 0 && bits <= 8 ? 1 << bits : colors,
                      masks: masks)
    }

    static func info(_ bytes: [UInt8]) throws -> ImageInfo {
        let h = try header(bytes)
        let color = h.bits <= 8 ? "palette" : h.masks.a != 0 ? "rgb+alpha" : "rgb"
        return ImageInfo(format: .bmp, width: h.width, height: h.height, colorType: color, bitDepth: h.bits, interlaced: false)
    }

    static func decode(_ d: [UInt8], maxPixels: Int) throws -> RGBAImage {
        let h = try header(d)
        let count = try SizeCheck.pixels(h.width, h.height, maxPixels: maxPixels, format: "BMP")
        let stride = try SizeCheck.multiply(h.width, h.bits, "BMP row size") / 32 * 4 + ((h.width * h.bits) % 32 == 0 ? 0 : 4)
        let need = try SizeCheck.add(h.dataOffset, try SizeCheck.multiply(stride, h.height, "BMP data size"), "BMP data size")
        guard h.dataOffset >= 14 + h.headerSize, d.count >= need else {
            throw ImageError(.truncated, "BMP pixel data is truncated: the file has \(d.count) bytes, the header needs \(need)")
        }
        var palette = [RGBA](repeating: RGBA(0, 0, 0), count: 256)
        if h.bits <= 8 {
            let at = 14 + h.headerSize
            for i in 0..<min(h.colors, 256) where at + i * 4 + 3 <= d.count {
                palette[i] = RGBA(d[at + i * 4 + 2], d[at + i * 4 + 1], d[at + i * 4])
            }
        }
        func channel(_ v: UInt32, _ mask: UInt32) -> UInt8 {
            guard mask != 0 else { return 255 }
            // The span from the lowest to the highest set bit: a mask with
            // gaps (0b1000001) holds values up to 2^span - 1, not 2^bits - 1.
            let shift = mask.trailingZeroBitCount, width = UInt32.bitWidth - (mask >> shift).leadingZeroBitCount
            let raw = (v & mask) >> shift
            return width >= 8 ? UInt8(truncatingIfNeeded: raw >> (width - 8)) : UInt8(raw * 255 / ((1 << width) - 1))
        }
        var out = [UInt8](repeating: 0, count: count * 4)
        for y in 0..<h.height {
            let row = h.dataOffset + (h.topDown ? y : h.height - 1 - y) * stride
            for x in 0..<h.width {
                let c: RGBA
                switch h.bits {
                case 1, 4, 8:
                    let bit = x * h.bits
                    let idx = Int(d[row + bit / 8] >> (8 - h.bits - bit % 8)) & ((1 << h.bits) - 1)
                    c = palette[idx]
                case 24:
                    let p = row + x * 3
                    c = RGBA(d[p + 2], d[p + 1], d[p])
                case 16:
                    let p = row + x * 2
                    let v = UInt32(d[p]) | UInt32(d[p + 1]) << 8
                    c = RGBA(channel(v, h.masks.r), channel(v, h.masks.g), channel(v, h.masks.b), channel(v, h.masks.a))
                default:
                    let p = row + x * 4
                    let v = UInt32(d[p]) | UInt32(d[p + 1]) << 8 | UInt32(d[p + 2]) << 16 | UInt32(d[p + 3]) << 24
                    c = RGBA(channel(v, h.masks.r), channel(v, h.masks.g), channel(v, h.masks.b), channel(v, h.masks.a))
                }
                let o = (y * h.width + x) * 4
                out[o] = c.r; out[o + 1] = c.g; out[o + 2] = c.b; out[o + 3] = c.a
            }
        }
        return RGBAImage(width: h.width, height: h.height, pixels: out)
    }
}

/// Whether a GIF holds more than one image (only the first is read).
enum GIFFrames {
    static func more(_ b: [UInt8]) -> Bool {
        // Walk the blocks: header, screen descriptor and global table, then records.
        guard b.count >= 13 else { return false }
        var i = 13
        if b[10] & 0x80 != 0 { i += 3 << (Int(b[10] & 7) + 1) }
        var images = 0
        func skipSubBlocks() {
            while i < b.count { let n = Int(b[i]); i += 1 + n; if n == 0 { return } }
        }
        while i < b.count {
            switch b[i] {
            case 0x21: i += 2; skipSubBlocks()
            case 0x2C:
                images += 1
                if images > 1 { return true }
                guard i + 10 <= b.count else { return false }
                let flags = b[i + 9]
                i += 10
                if flags & 0x80 != 0 { i += 3 << (Int(flags & 7) + 1) }
                i += 1  // LZW minimum code size
                skipSubBlocks()
            default: return false
            }
        }
        return false
    }
}
