import CImageFormats

/// WebP (libwebp), GIF (giflib, first frame) and TIFF (libtiff, first
/// directory) through the CImageFormats shim: each gives stored 8-bit RGBA.
enum LibraryDecoders {
    private static func check(_ code: Int32, _ err: [CChar], _ format: String) throws {
        guard code != 0 else { return }
        let text = String(decoding: err.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        switch Int(code) {
        case Int(SL_IMG_UNSUPPORTED): throw ImageError(.unsupportedFeature, "\(format): \(text)")
        case Int(SL_IMG_TRUNCATED): throw ImageError(.truncated, "\(format) file is truncated: \(text)")
        default: throw ImageError(.corrupt, text.hasPrefix(format) ? text : "\(format): \(text)")
        }
    }

    private static func call(_ bytes: [UInt8], _ format: String,
                             _ body: (UnsafePointer<UInt8>?, Int, UnsafeMutablePointer<CChar>, Int) -> Int32) throws {
        var err = [CChar](repeating: 0, count: 256)
        let n = err.count
        let code = bytes.withUnsafeBufferPointer { d in err.withUnsafeMutableBufferPointer { e in body(d.baseAddress, d.count, e.baseAddress!, n) } }
        try check(code, err, format)
    }

    static func info(_ bytes: [UInt8], _ format: ImageFormat) throws -> ImageInfo {
        let i = try headerInfo(bytes, format)
        // The libraries hand sizes over as C ints: a GIF screen of 0 pixels,
        // or a TIFF side of 2^31 or more (negative here), is no image.
        guard i.width > 0, i.height > 0 else {
            let name = format == .webp ? "WebP" : format == .gif ? "GIF" : "TIFF"
            func shown(_ v: Int) -> String { v < 0 ? String(UInt32(truncatingIfNeeded: v)) : String(v) }
            throw ImageError(.badHeader, "\(name) header gives a size of \(shown(i.storedWidth))x\(shown(i.storedHeight)) pixels: both sides must be at least 1")
        }
        return i
    }

    private static func headerInfo(_ bytes: [UInt8], _ format: ImageFormat) throws -> ImageInfo {
        var w: Int32 = 0, h: Int32 = 0
        switch format {
        case .webp:
            var alpha: Int32 = 0, anim: Int32 = 0
            try call(bytes, "WebP") { sl_webp_info($0, $1, &w, &h, &alpha, &anim, $2, $3) }
            return ImageInfo(format: .webp, width: Int(w), height: Int(h),
                             colorType: alpha != 0 ? "rgb+alpha" : "rgb", bitDepth: 8, interlaced: false,
                             frames: anim != 0 ? 2 : 1)
        case .gif:
            try call(bytes, "GIF") { sl_gif_info($0, $1, &w, &h, $2, $3) }
            return ImageInfo(format: .gif, width: Int(w), height: Int(h), colorType: "palette", bitDepth: 8, interlaced: false,
                             frames: GIFFrames.more(bytes) ? 2 : 1)
        default:
            var spp: Int32 = 0, bps: Int32 = 0, photo: Int32 = 0, orient: Int32 = 1
            try call(bytes, "TIFF") { sl_tiff_info($0, $1, &w, &h, &spp, &bps, &photo, &orient, $2, $3) }
            let color: String
            switch (photo, spp) {
            case (0, _), (1, 1): color = "grey"
            case (1, _): color = "grey+alpha"
            case (2, 3): color = "rgb"
            case (2, _): color = "rgb+alpha"
            case (3, _): color = "palette"
            case (5, _): color = "cmyk"
            case (6, _): color = "ycbcr"
            default: color = "photometric \(photo)"
            }
            return ImageInfo(format: .tiff, width: Int(w), height: Int(h), colorType: color, bitDepth: Int(bps),
                             interlaced: false, orientation: (1...8).contains(Int(orient)) ? Int(orient) : 1)
        }
    }

    /// The stored pixels, and whether the file names transparency.
    static func decode(_ bytes: [UInt8], _ format: ImageFormat, maxPixels: Int) throws -> RGBAImage {
        let i = try info(bytes, format)
        let name = format == .webp ? "WebP" : format == .gif ? "GIF" : "TIFF"
        let count = try SizeCheck.pixels(i.storedWidth, i.storedHeight, maxPixels: maxPixels, format: name)
        var err = [CChar](repeating: 0, count: 256)
        let n = err.count
        var code: Int32 = 0
        let pixels = SizeCheck.makePixels(count: count) { out in
            code = bytes.withUnsafeBufferPointer { d in
                err.withUnsafeMutableBufferPointer { e in
                    switch format {
                    case .webp: return sl_webp_decode_rgba(d.baseAddress, d.count, out, count * 4, e.baseAddress, n)
                    case .gif:
                        var t: Int32 = 0
                        return sl_gif_decode_rgba(d.baseAddress, d.count, out, count * 4, &t, e.baseAddress, n)
                    default: return sl_tiff_decode_rgba(d.baseAddress, d.count, out, count * 4, e.baseAddress, n)
                    }
                }
            }
        }
        try check(code, err, name)
        return RGBAImage(width: i.storedWidth, height: i.storedHeight, pixels: pixels)
    }
}
