import CJPEG

/// Reads JPEG files through libjpeg-turbo (via the CJPEG wrapper, which
/// keeps libjpeg's longjmp-based errors inside C).
enum JPEGDecoder {
    /// Whether `bytes` start with a JPEG SOI marker.
    static func sniff(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF
    }

    private struct Header { var width: Int, height: Int, components: Int, progressive: Bool, minBytes: Int }

    private static func header(_ bytes: [UInt8]) throws -> Header {
        var w: Int32 = 0, h: Int32 = 0, c: Int32 = 0, p: Int32 = 0
        var minBytes = 0
        var err = [CChar](repeating: 0, count: 256)
        let code = bytes.withUnsafeBufferPointer { data in
            sl_jpeg_info(data.baseAddress, data.count, &w, &h, &c, &p, &minBytes, &err, err.count)
        }
        try check(code, err)
        return Header(width: Int(w), height: Int(h), components: Int(c), progressive: p != 0, minBytes: minBytes)
    }

    private static func check(_ code: Int32, _ err: [CChar]) throws {
        guard code != 0 else { return }
        let text = String(decoding: err.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        switch Int(code) {
        case Int(SL_JPEG_UNSUPPORTED): throw ImageError(.unsupportedFeature, text)
        case Int(SL_JPEG_TRUNCATED): throw ImageError(.truncated, text)
        default: throw ImageError(.corrupt, "JPEG data is invalid: \(text)")
        }
    }

    /// The header fields, without decoding pixels.
    static func info(_ bytes: [UInt8]) throws -> ImageInfo {
        let h = try header(bytes)
        let color = h.components == 1 ? "grey" : h.components == 3 ? "rgb" : "cmyk"
        return ImageInfo(format: .jpeg, width: h.width, height: h.height, colorType: color,
                         bitDepth: 8, interlaced: h.progressive)
    }

    /// The stored (not upright) size of the JPEG in `bytes`.
    static func storedSize(_ bytes: [UInt8]) throws -> (width: Int, height: Int) {
        let h = try header(bytes)
        return (h.width, h.height)
    }

    /// The size a decode with `reduction` (1, 2, 4 or 8) makes: libjpeg
    /// rounds each side up.
    static func reducedSize(width: Int, height: Int, by reduction: Int) -> (width: Int, height: Int) {
        let d = [2, 4, 8].contains(reduction) ? reduction : 1
        return ((width + d - 1) / d, (height + d - 1) / d)
    }

    /// Decodes a whole JPEG to RGBA; `reduction` 2, 4 or 8 decodes at that
    /// fraction of the size through libjpeg's DCT scaling (for pictures shown
    /// smaller than that, never where full resolution is needed).
    static func decode(_ bytes: [UInt8], maxPixels: Int, reduction: Int = 1) throws -> RGBAImage {
        let h = try header(bytes)
        _ = try SizeCheck.pixels(h.width, h.height, maxPixels: maxPixels, format: "JPEG")
        // Before the pixels are allocated: a 600-byte file claiming 8000x8000
        // cannot hold them (libjpeg would invent grey for the rest).
        if bytes.count < h.minBytes {
            throw ImageError(.truncated, "JPEG data is truncated: \(bytes.count) bytes cannot hold \(h.width)x\(h.height) pixels (at least \(h.minBytes) are needed)")
        }
        let size = reducedSize(width: h.width, height: h.height, by: reduction)
        let count = size.width * size.height
        var err = [CChar](repeating: 0, count: 256)
        var code: Int32 = 0
        var cmyk: Int32 = 0
        var w: Int32 = 0, ht: Int32 = 0
        var pixels = SizeCheck.makePixels(count: count) { out in
            code = bytes.withUnsafeBufferPointer { data in
                sl_jpeg_decode_rgba(data.baseAddress, data.count, Int32(reduction), out, count * 4, &w, &ht, &cmyk, &err, err.count)
            }
        }
        try check(code, err)
        guard Int(w) == size.width, Int(ht) == size.height else {
            throw ImageError(.corrupt, "JPEG data is invalid: libjpeg made \(w)x\(ht) pixels where \(size.width)x\(size.height) were expected")
        }
        if cmyk != 0 { cmykToRGB(&pixels) }
        return RGBAImage(width: size.width, height: size.height, pixels: pixels)
    }

    /// Decodes at full size a band of rows at a time, never holding the
    /// frame: `start` is told the size before any pixel, then `rows` gets
    /// each band of RGBA rows (row count, bytes) in order. The same checks,
    /// errors and pixels as `decode`.
    static func decodeRows(_ bytes: [UInt8], maxPixels: Int, start: (Int, Int) throws -> Void,
                           rows: (Int, UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        let h = try header(bytes)
        _ = try SizeCheck.pixels(h.width, h.height, maxPixels: maxPixels, format: "JPEG")
        if bytes.count < h.minBytes {
            throw ImageError(.truncated, "JPEG data is truncated: \(bytes.count) bytes cannot hold \(h.width)x\(h.height) pixels (at least \(h.minBytes) are needed)")
        }
        var err = [CChar](repeating: 0, count: 256)
        try bytes.withUnsafeBufferPointer { data in
            var reader: OpaquePointer?
            var w: Int32 = 0, ht: Int32 = 0, cmyk: Int32 = 0
            try check(sl_jpeg_open(data.baseAddress, data.count, 1, &reader, &w, &ht, &cmyk, &err, err.count), err)
            defer { sl_jpeg_close(reader) }
            guard Int(w) == h.width, Int(ht) == h.height else {
                throw ImageError(.corrupt, "JPEG data is invalid: libjpeg made \(w)x\(ht) pixels where \(h.width)x\(h.height) were expected")
            }
            try start(h.width, h.height)
            // A band of 64 rows: a few MB at most, reused.
            let band = 64, rowBytes = h.width * 4
            let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: band * rowBytes)
            defer { buffer.deallocate() }
            var done = 0
            while done < h.height {
                var got: Int32 = 0
                try check(sl_jpeg_read_rows(reader, buffer.baseAddress, buffer.count, Int32(band), &got, &err, err.count), err)
                guard got > 0 else {
                    throw ImageError(.truncated, "JPEG data is truncated: it ends before the image is complete")
                }
                let filled = UnsafeMutableBufferPointer(rebasing: buffer[0..<Int(got) * rowBytes])
                if cmyk != 0 { cmykToRGB(filled) }
                try rows(Int(got), UnsafeBufferPointer(filled))
                done += Int(got)
            }
        }
    }

    /// Stored CMYK samples to RGB as Pillow does: it reads CMYK JPEGs
    /// inverted (Adobe's convention, its "CMYK;I"), then `convert("RGB")`
    /// computes each channel as (255 - K) - C * (255 - K) / 255.
    static func cmykToRGB(_ px: inout [UInt8]) {
        px.withUnsafeMutableBufferPointer { cmykToRGB($0) }
    }

    static func cmykToRGB(_ p: UnsafeMutableBufferPointer<UInt8>) {
        @inline(__always) func mulDiv255(_ a: Int, _ b: Int) -> Int {
            let t = a * b + 128
            return ((t >> 8) + t) >> 8
        }
        do {
            var i = 0
            while i + 3 < p.count {
                let c = 255 - Int(p[i]), m = 255 - Int(p[i + 1]), y = 255 - Int(p[i + 2]), k = 255 - Int(p[i + 3])
                let nk = 255 - k
                p[i] = UInt8(clamping: nk - mulDiv255(c, nk))
                p[i + 1] = UInt8(clamping: nk - mulDiv255(m, nk))
                p[i + 2] = UInt8(clamping: nk - mulDiv255(y, nk))
                p[i + 3] = 255
                i += 4
            }
        }
    }
}
