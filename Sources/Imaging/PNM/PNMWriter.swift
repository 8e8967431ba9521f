/// Writes RGBA images as Netpbm files: PAM keeps alpha, PPM and PGM drop it.
public enum PNMWriter {
    /// P7 PAM, TUPLTYPE RGB_ALPHA, maxval 255: every byte of the image kept.
    public static func pam(_ image: RGBAImage) -> [UInt8] {
        pamHeader(width: image.width, height: image.height) + image.pixels
    }

    /// The PAM header `pam(_:)` writes, for callers that stream the pixels themselves.
    public static func pamHeader(width: Int, height: Int) -> [UInt8] {
        Array("P7\nWIDTH \(width)\nHEIGHT \(height)\nDEPTH 4\nMAXVAL 255\nTUPLTYPE RGB_ALPHA\nENDHDR\n".utf8)
    }

    /// P6 raw PPM, maxval 255: the colour channels, alpha dropped.
    public static func ppm(_ image: RGBAImage) -> [UInt8] {
        let header = Array("P6\n\(image.width) \(image.height)\n255\n".utf8)
        let n = image.width * image.height
        var out = [UInt8](repeating: 0, count: header.count + n * 3)
        out.withUnsafeMutableBufferPointer { dst in
            image.pixels.withUnsafeBufferPointer { src in
                for i in 0..<header.count { dst[i] = header[i] }
                var o = header.count
                for i in 0..<n {
                    dst[o] = src[i * 4]; dst[o + 1] = src[i * 4 + 1]; dst[o + 2] = src[i * 4 + 2]
                    o += 3
                }
            }
        }
        return out
    }

    /// P5 raw PGM, maxval 255: Rec. 601 luminance (0.299 R + 0.587 G + 0.114 B), rounded.
    public static func pgm(_ image: RGBAImage) -> [UInt8] {
        var out = Array("P5\n\(image.width) \(image.height)\n255\n".utf8)
        let n = image.width * image.height
        out.reserveCapacity(out.count + n)
        for i in 0..<n {
            let r = Int(image.pixels[i * 4]), g = Int(image.pixels[i * 4 + 1]), b = Int(image.pixels[i * 4 + 2])
            out.append(UInt8((299 * r + 587 * g + 114 * b + 500) / 1000))
        }
        return out
    }
}
