/// The EXIF orientation tag (0x0112) of a JPEG (APP1 "Exif"), PNG (`eXIf`),
/// WebP (`EXIF` chunk) or the TIFF header itself, and the transform that
/// turns the stored pixels upright, as Pillow's `ImageOps.exif_transpose`
/// (which Hugging Face `datasets` applies when it loads an image) does.
public enum EXIFOrientation {
    /// A description of orientation `value` (1 to 8) in words: what the
    /// viewer does to show the stored pixels upright.
    public static func describe(_ value: Int) -> String {
        switch value {
        case 2: "mirrored left to right"
        case 3: "rotated 180°"
        case 4: "mirrored top to bottom"
        case 5: "transposed (mirrored along the main diagonal)"
        case 6: "rotated 90° clockwise"
        case 7: "transversed (mirrored along the other diagonal)"
        case 8: "rotated 90° counter-clockwise"
        default: "upright as stored"
        }
    }

    /// Whether orientation `value` swaps width and height.
    public static func swapsAxes(_ value: Int) -> Bool { value >= 5 && value <= 8 }

    /// The orientation the file's EXIF data asks for, 1 when it has none or
    /// an invalid value (which Pillow ignores too).
    static func read(_ data: UnsafeBufferPointer<UInt8>, format: ImageFormat) -> Int {
        let v: Int?
        switch format {
        case .jpeg: v = jpeg(data)
        case .png: v = png(data)
        case .webp: v = webp(data)
        default: v = nil
        }
        guard let v, (1...8).contains(v) else { return 1 }
        return v
    }

    /// The first APP1 "Exif\0\0" segment before the image data.
    private static func jpeg(_ d: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 2
        while i + 4 <= d.count {
            guard d[i] == 0xFF else { return nil }
            let marker = d[i + 1]
            if marker == 0xFF { i += 1; continue }  // fill bytes
            if marker == 0xD8 || (0xD0...0xD7).contains(marker) || marker == 0x01 { i += 2; continue }
            // Start of scan or end of image: no EXIF before the pixels.
            if marker == 0xDA || marker == 0xD9 { return nil }
            let length = Int(d[i + 2]) << 8 | Int(d[i + 3])
            guard length >= 2, i + 2 + length <= d.count else { return nil }
            let start = i + 4, end = i + 2 + length
            if marker == 0xE1, end - start >= 6,
               d[start] == 0x45, d[start + 1] == 0x78, d[start + 2] == 0x69, d[start + 3] == 0x66,
               d[start + 4] == 0, d[start + 5] == 0 {
                return tiff(d, start + 6, end)
            }
            i = end
        }
        return nil
    }

    /// The `eXIf` chunk, wherever it is (Pillow reads it after the image data too).
    private static func png(_ d: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 8
        while i + 12 <= d.count {
            let length = Int(d[i]) << 24 | Int(d[i + 1]) << 16 | Int(d[i + 2]) << 8 | Int(d[i + 3])
            let start = i + 8
            guard length >= 0, start + length + 4 <= d.count else { return nil }
            if d[i + 4] == 0x65, d[i + 5] == 0x58, d[i + 6] == 0x49, d[i + 7] == 0x66 {  // eXIf
                return tiff(d, start, start + length)
            }
            if d[i + 4] == 0x49, d[i + 5] == 0x45, d[i + 6] == 0x4E, d[i + 7] == 0x44 { return nil }  // IEND
            i = start + length + 4
        }
        return nil
    }

    /// The `EXIF` chunk of a RIFF WebP file (its payload may start with "Exif\0\0").
    private static func webp(_ d: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 12
        while i + 8 <= d.count {
            let size = Int(d[i + 4]) | Int(d[i + 5]) << 8 | Int(d[i + 6]) << 16 | Int(d[i + 7]) << 24
            let start = i + 8
            guard size >= 0, start + size <= d.count else { return nil }
            if d[i] == 0x45, d[i + 1] == 0x58, d[i + 2] == 0x49, d[i + 3] == 0x46 {  // EXIF
                var s = start
                if size >= 6, d[s] == 0x45, d[s + 1] == 0x78, d[s + 2] == 0x69, d[s + 3] == 0x66 { s += 6 }
                return tiff(d, s, start + size)
            }
            i = start + size + (size & 1)
        }
        return nil
    }

    /// Tag 0x0112 in IFD0 of the TIFF structure in `d[start..<end]`.
    static func tiff(_ d: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        guard end - start >= 8, end <= d.count else { return nil }
        let little: Bool
        switch (d[start], d[start + 1]) {
        case (0x49, 0x49): little = true
        case (0x4D, 0x4D): little = false
        default: return nil
        }
        func u16(_ o: Int) -> Int? {
            guard o >= 0, start + o + 2 <= end else { return nil }
            let a = Int(d[start + o]), b = Int(d[start + o + 1])
            return little ? a | b << 8 : a << 8 | b
        }
        func u32(_ o: Int) -> Int? {
            guard let lo = u16(little ? o : o + 2), let hi = u16(little ? o + 2 : o) else { return nil }
            return hi << 16 | lo
        }
        guard u16(2) == 42, let ifd = u32(4), let count = u16(ifd) else { return nil }
        for n in 0..<count {
            let entry = ifd + 2 + n * 12
            guard let tag = u16(entry) else { return nil }
            if tag == 0x0112 {
                guard let type = u16(entry + 2) else { return nil }
                // SHORT as it should be; LONG seen in the wild.
                if type == 3 { return u16(entry + 8) }
                if type == 4 { return u32(entry + 8) }
                return nil
            }
        }
        return nil
    }

    /// `image` turned upright for orientation `value` (returned unchanged for 1).
    public static func apply(_ value: Int, to image: RGBAImage) -> RGBAImage {
        guard value >= 2 && value <= 8 else { return image }
        let w = image.width, h = image.height
        let swap = swapsAxes(value)
        let ow = swap ? h : w, oh = swap ? w : h
        var out = [UInt8](repeating: 0, count: image.pixels.count)
        image.pixels.withUnsafeBytes { srcRaw in
            out.withUnsafeMutableBytes { dstRaw in
                for y in 0..<oh {
                    for x in 0..<ow {
                        let sx: Int, sy: Int
                        switch value {
                        case 2: sx = w - 1 - x; sy = y
                        case 3: sx = w - 1 - x; sy = h - 1 - y
                        case 4: sx = x; sy = h - 1 - y
                        case 5: sx = y; sy = x
                        case 6: sx = y; sy = h - 1 - x
                        case 7: sx = w - 1 - y; sy = h - 1 - x
                        default: sx = w - 1 - y; sy = x  // 8
                        }
                        let v = srcRaw.loadUnaligned(fromByteOffset: (sy * w + sx) * 4, as: UInt32.self)
                        dstRaw.storeBytes(of: v, toByteOffset: (y * ow + x) * 4, as: UInt32.self)
                    }
                }
            }
        }
        return RGBAImage(width: ow, height: oh, pixels: out)
    }
}
