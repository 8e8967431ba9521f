import CZlib

/// Writes 8-bit RGBA or RGB PNG files: used to make sample datasets and test
/// fixtures, not a general encoder.
public enum PNGEncoder {
    /// Encodes `image` as a non-interlaced 8-bit PNG; `dropAlpha` writes colour type 2.
    public static func encode(_ image: RGBAImage, dropAlpha: Bool = false) -> [UInt8] {
        let channels = dropAlpha ? 3 : 4
        var raw = [UInt8]()
        raw.reserveCapacity((image.width * channels + 1) * image.height)
        for y in 0..<image.height {
            raw.append(0)  // filter type None; zlib does the real work
            let base = y * image.width * 4
            for x in 0..<image.width {
                let i = base + x * 4
                raw.append(image.pixels[i]); raw.append(image.pixels[i + 1]); raw.append(image.pixels[i + 2])
                if !dropAlpha { raw.append(image.pixels[i + 3]) }
            }
        }
        var out: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var ihdr = [UInt8]()
        ihdr.appendBigEndian(UInt32(image.width))
        ihdr.appendBigEndian(UInt32(image.height))
        ihdr += [8, dropAlpha ? 2 : 6, 0, 0, 0]
        appendChunk("IHDR", ihdr, to: &out)
        appendChunk("IDAT", deflate(raw), to: &out)
        appendChunk("IEND", [], to: &out)
        return out
    }

    /// Appends one chunk (length, type, data, CRC-32 over type and data).
    public static func appendChunk(_ type: String, _ data: [UInt8], to out: inout [UInt8]) {
        out.appendBigEndian(UInt32(data.count))
        let typeBytes = Array(type.utf8)
        out += typeBytes
        out += data
        var crc = crc32(0, nil, 0)
        crc = typeBytes.withUnsafeBufferPointer { crc32(crc, $0.baseAddress, uInt($0.count)) }
        crc = data.withUnsafeBufferPointer { crc32(crc, $0.baseAddress, uInt($0.count)) }
        out.appendBigEndian(UInt32(truncatingIfNeeded: crc))
    }

    /// zlib-compresses `data` (level 6).
    public static func deflate(_ data: [UInt8], level: Int32 = 6) -> [UInt8] {
        var destLen = compressBound(uLong(data.count))
        var dest = [UInt8](repeating: 0, count: Int(destLen))
        let status = data.withUnsafeBufferPointer { src in
            dest.withUnsafeMutableBufferPointer { dst in
                compress2(dst.baseAddress, &destLen, src.baseAddress, uLong(src.count), level)
            }
        }
        precondition(status == Z_OK, "zlib compress2 failed with \(status)")  // only out of memory
        return Array(dest.prefix(Int(destLen)))
    }
}

extension Array where Element == UInt8 {
    /// Appends a 32-bit value, most significant byte first.
    @inlinable
    public mutating func appendBigEndian(_ v: UInt32) {
        append(UInt8(v >> 24)); append(UInt8((v >> 16) & 0xFF))
        append(UInt8((v >> 8) & 0xFF)); append(UInt8(v & 0xFF))
    }
}
