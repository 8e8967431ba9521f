import CLibDeflate

/// Reads PNG files by stage: chunks (with CRC), header, inflate into one
/// whole-image buffer, unfilter in place, then colour conversion into RGBA.
enum PNGDecoder {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Whether `bytes` look like a PNG (or a damaged PNG signature), so a
    /// broken signature is reported as such rather than as an unknown format.
    static func sniff(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 4 else { return false }
        if bytes.starts(with: signature.prefix(4)) { return true }
        return bytes[0] == 0x89 || (bytes[1] | 0x20 == 0x70 && bytes[2] | 0x20 == 0x6E && bytes[3] | 0x20 == 0x67)
    }

    /// Checks the signature and reads the IHDR chunk.
    static func header(_ data: UnsafeBufferPointer<UInt8>) throws -> (PNGHeader, PNGChunkReader) {
        guard data.count >= 8 else {
            throw ImageError(.truncated, "PNG file is truncated: \(data.count) bytes, shorter than the 8-byte signature")
        }
        for i in 0..<8 where data[i] != signature[i] {
            let found = (0..<8).map { hex(data[$0]) }.joined(separator: " ")
            // Bytes 4 to 7 (CR LF ^Z LF) exist to catch line-ending conversion.
            let hint = i >= 4 ? "; line endings were converted, as in a text-mode transfer" : ""
            throw ImageError(.badSignature, "PNG signature is wrong: byte \(i) is 0x\(hex(data[i])), expected 0x\(hex(signature[i])) (found \(found)\(hint))")
        }
        var reader = PNGChunkReader(data)
        guard let first = try reader.next() else {
            throw ImageError(.truncated, "PNG file ends right after the signature, with no IHDR chunk")
        }
        guard first.type == PNGChunk.IHDR else {
            throw ImageError(.badHeader, "PNG file starts with chunk \(first.name), the first chunk must be IHDR")
        }
        return (try PNGHeader(reader.bytes(of: first)), reader)
    }

    /// The header fields, without decoding pixels.
    static func info(_ bytes: [UInt8]) throws -> ImageInfo {
        try bytes.withUnsafeBufferPointer { data in
            let (h, _) = try header(data)
            return ImageInfo(format: .png, width: h.width, height: h.height, colorType: h.colorName,
                             bitDepth: h.bitDepth, interlaced: h.interlaced)
        }
    }

    /// Decodes a whole PNG file to RGBA.
    static func decode(_ bytes: [UInt8], maxPixels: Int) throws -> RGBAImage {
        try bytes.withUnsafeBufferPointer { data in try decode(data, maxPixels: maxPixels).image }
    }

    /// A decoded PNG and what the model rendition needs to know of it.
    struct Result {
        var image: RGBAImage
        /// Whether any pixel can be translucent (an alpha channel or tRNS).
        var mayHaveAlpha: Bool
        /// 16-bit grey pixels above 255 (counted in the model rendition only).
        var clipped: Int
    }

    /// Decodes from raw bytes (a mapped file or an array's storage); `model`
    /// reads 16-bit samples as Pillow does (see PNGColorConverter).
    /// `wholeInflate: false` skips the libdeflate path (tests compare the two).
    static func decode(_ data: UnsafeBufferPointer<UInt8>, maxPixels: Int, model: Bool = false,
                       wholeInflate: Bool = true) throws -> Result {
        let (h, reader) = try header(data)
        let pixelCount = try SizeCheck.pixels(h.width, h.height, maxPixels: maxPixels, format: "PNG")
        let inflatedSize = try h.inflatedSize()
        let outBytes = pixelCount * 4
        // Non-interlaced images of up to 32 bits a pixel inflate straight into
        // the end of the output array and are converted forwards in place:
        // each output row ends before the unread input of the next row begins
        // (see docs/images.md), so no second whole-image buffer is needed.
        let inPlace = !h.interlaced && h.channels * h.bitDepth <= 32
        let capacity = inPlace ? max(outBytes, inflatedSize) : outBytes
        let clipped = ClipCounter()
        var sawTransparency = false
        let pixels = try [UInt8](unsafeUninitializedCapacity: capacity) { buf, initialized in
            guard let out = buf.baseAddress else { return }
            MemoryHints.preferHugePages(out, count: capacity)
            let separate: UnsafeMutablePointer<UInt8>? = inPlace ? nil : .allocate(capacity: max(inflatedSize, 1))
            defer { separate?.deallocate() }
            let stream = separate ?? out + (capacity - inflatedSize)
            // A large image is inflated on a second thread while this one
            // unfilters and converts the rows already inflated (see
            // InflateHandoff); a small one, or on one core, inflates first.
            let handoff = InflateHandoff()
            let inflate = { [reader] in
                var reader = reader
                do {
                    try inflateImageData(&reader, h, into: stream, size: inflatedSize, handoff: handoff, whole: wholeInflate)
                    handoff.finish()
                } catch {
                    handoff.fail(error)
                }
            }
            let worker = inPlace && inflatedSize >= pipelineMinimum && WorkerThread.useful ? WorkerThread(inflate) : nil
            if worker == nil { inflate() }
            do {
                sawTransparency = try unfilterAndConvert(h, stream: stream, into: out, reader: reader, handoff: handoff,
                                                         model: model, clipped: clipped)
                try handoff.awaitEnd()
            } catch {
                // The inflater's error comes first, as when inflating came
                // first: a broken stream explains the bad rows it made.
                worker?.join()
                throw handoff.error ?? error
            }
            worker?.join()
            initialized = outBytes
        }
        return Result(image: RGBAImage(width: h.width, height: h.height, pixels: pixels),
                      mayHaveAlpha: sawTransparency || h.colorType == 4 || h.colorType == 6, clipped: clipped.count)
    }

    /// Images smaller than this inflate before conversion starts: a thread
    /// costs more than the overlap gives.
    static let pipelineMinimum = 512 << 10

    /// Unfilters the inflated rows in `stream` and converts them into RGBA at
    /// `out`, each row as soon as the handoff says it is complete. Returns
    /// whether the file has a tRNS chunk.
    private static func unfilterAndConvert(_ h: PNGHeader, stream: UnsafeMutablePointer<UInt8>,
                                           into out: UnsafeMutablePointer<UInt8>, reader: PNGChunkReader,
                                           handoff: InflateHandoff, model: Bool, clipped: ClipCounter) throws -> Bool {
        let (palette, transparency) = try handoff.awaitTables()
        let converter = PNGColorConverter(
            header: h,
            palette: palette.map { reader.bytes(of: $0) },
            transparency: transparency.map { reader.bytes(of: $0) },
            model: model, clipped: clipped)
        var ready = 0
        var offset = 0
        for (n, p) in h.passes().enumerated() {
            let rowBytes = try h.rowBytes(p.width)
            let start = stream + offset
            func convert(_ y: Int) throws {
                let src = start + y * (rowBytes + 1) + 1
                let dst = out + ((p.y0 + y * p.dy) * h.width + p.x0) * 4
                guard converter.convert(src, count: p.width, to: dst, step: p.dx * 4) else {
                    throw ImageError(.corrupt, "PNG image data: \(h.interlaced ? "pass \(n + 1), " : "")row \(y) uses a palette index past the end of the \((palette?.length ?? 0) / 3)-entry palette")
                }
            }
            // Each row is converted right after the row below it is
            // unfiltered (which reads it as the row above), while both are
            // still in cache: one pass over the image instead of two. In
            // place this is safe because a row's output ends before the
            // next row's input begins (see docs/images.md).
            for y in 0..<p.height {
                let end = offset + (y + 1) * (rowBytes + 1)
                if ready < end { ready = try handoff.await(bytes: end) }
                try PNGUnfilter.unfilterRow(y, of: start, rowBytes: rowBytes, bpp: h.filterStride,
                                            pass: h.interlaced ? n : nil)
                if y > 0 { try convert(y - 1) }
            }
            if p.height > 0 { try convert(p.height - 1) }
            offset += (rowBytes + 1) * p.height
        }
        return transparency != nil
    }

    /// Walks the chunks after IHDR, inflating the IDAT run into `stream` and
    /// telling `handoff` of the PLTE and tRNS chunks and of the rows made.
    ///
    /// The whole file is in memory, so the IDAT data is first inflated in one
    /// call by libdeflate (about twice zlib's speed). Anything that path does
    /// not accept as a clean, exact stream (a broken chunk, a bad header, data
    /// short of or beyond what the header needs, a wrong checksum) is decoded
    /// again by the streaming zlib path, whose checks and messages are the
    /// decoder's: the fast path only ever answers for a valid stream.
    private static func inflateImageData(_ reader: inout PNGChunkReader, _ h: PNGHeader,
                                         into stream: UnsafeMutablePointer<UInt8>, size: Int,
                                         handoff: InflateHandoff, whole: Bool) throws {
        var first = reader
        if whole && inflateWhole(&first, h, into: stream, size: size, handoff: handoff) {
            handoff.publish(bytes: size)
            return
        }
        var inflater: PNGInflater?
        let sawEnd = try walkChunks(&reader, h, handoff: handoff) { data in
            if inflater == nil {
                let started = try PNGInflater(output: stream, capacity: size)
                started.progress = { handoff.publish(bytes: $0) }
                inflater = started
            }
            try inflater?.feed(data)
        }
        guard let inflater else {
            throw ImageError(.corrupt, "PNG file has no IDAT chunk (no image data)")
        }
        guard inflater.produced == size else {
            throw ImageError(.truncated, "PNG image data is truncated: it inflates to \(inflater.produced) bytes, the header needs \(size)")
        }
        guard inflater.finished else {
            throw ImageError(.truncated, "PNG image data is truncated: the zlib stream does not end (its checksum is missing)")
        }
        guard sawEnd else {
            throw ImageError(.truncated, "PNG file is truncated: it ends without an IEND chunk")
        }
    }

    /// The libdeflate path: every IDAT chunk's data (gathered into one buffer
    /// when there are several), the zlib header checked, the deflate data
    /// inflated in one call to exactly `size` bytes and the Adler-32 trailer
    /// compared. False, with nothing published, when any of it fails.
    static func inflateWhole(_ reader: inout PNGChunkReader, _ h: PNGHeader,
                             into stream: UnsafeMutablePointer<UInt8>, size: Int, handoff: InflateHandoff) -> Bool {
        var parts: [UnsafeBufferPointer<UInt8>] = []
        guard let sawEnd = try? walkChunks(&reader, h, handoff: handoff, idat: { parts.append($0) }),
              sawEnd, !parts.isEmpty else { return false }
        let total = parts.reduce(0) { $0 + $1.count }
        guard total >= 6 else { return false }
        var gathered: UnsafeMutablePointer<UInt8>?
        defer { gathered?.deallocate() }
        let data: UnsafePointer<UInt8>
        if parts.count == 1, let only = parts[0].baseAddress {
            data = only
        } else {
            let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: total)
            gathered = buffer
            var at = 0
            for p in parts where p.count > 0 {
                guard let b = p.baseAddress else { continue }
                (buffer + at).update(from: b, count: p.count)
                at += p.count
            }
            data = UnsafePointer(buffer)
        }
        let cmf = data[0], flg = data[1]
        guard (UInt16(cmf) << 8 | UInt16(flg)) % 31 == 0, cmf & 0x0F == 8, cmf >> 4 <= 7, flg & 0x20 == 0,
              let d = libdeflate_alloc_decompressor() else { return false }
        defer { libdeflate_free_decompressor(d) }
        var used = 0, made = 0
        let status = libdeflate_deflate_decompress_ex(d, data + 2, total - 2, stream, size, &used, &made)
        guard status == LIBDEFLATE_SUCCESS, made == size, 2 + used + 4 <= total else { return false }
        let t = data + 2 + used
        let trailer = UInt32(t[0]) << 24 | UInt32(t[1]) << 16 | UInt32(t[2]) << 8 | UInt32(t[3])
        var checksum = Adler32()
        checksum.update(stream, count: size)
        return trailer == checksum.value
    }

    /// Walks the chunks after IHDR, checking their order and contents, hands
    /// each IDAT chunk's data to `idat` and tells `handoff` of the PLTE and
    /// tRNS chunks at the first IDAT; returns whether IEND was reached.
    private static func walkChunks(_ reader: inout PNGChunkReader, _ h: PNGHeader, handoff: InflateHandoff,
                                   idat: (UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Bool {
        var palette: PNGChunk?
        var transparency: PNGChunk?
        var idatState = 0  // 0: none yet, 1: inside the IDAT run, 2: run ended
        var sawEnd = false
        while let chunk = try reader.next() {
            if chunk.type == PNGChunk.IDAT {
                if idatState == 2 {
                    throw ImageError(.corrupt, "PNG chunk IDAT at offset \(chunk.dataStart - 8): IDAT chunks are not consecutive (another chunk comes between them)")
                }
                if idatState == 0 {
                    if h.colorType == 3 && palette == nil {
                        throw ImageError(.corrupt, "PNG file has no PLTE chunk before IDAT, which colour type 3 (palette) requires")
                    }
                    handoff.publish((palette, transparency))
                    idatState = 1
                }
                try idat(reader.bytes(of: chunk))
                continue
            }
            if idatState == 1 { idatState = 2 }
            switch chunk.type {
            case PNGChunk.IEND:
                sawEnd = true
            case PNGChunk.IHDR:
                throw ImageError(.corrupt, "PNG file has a second IHDR chunk at offset \(chunk.dataStart - 8)")
            case PNGChunk.PLTE:
                guard idatState == 0 else { throw ImageError(.corrupt, "PNG chunk PLTE comes after IDAT; it must come before") }
                guard palette == nil else { throw ImageError(.corrupt, "PNG file has more than one PLTE chunk") }
                guard h.colorType != 0 && h.colorType != 4 else {
                    throw ImageError(.corrupt, "PNG chunk PLTE is not allowed in a greyscale image (colour type \(h.colorType))")
                }
                guard chunk.length % 3 == 0, chunk.length >= 3, chunk.length <= 768 else {
                    throw ImageError(.corrupt, "PNG chunk PLTE: length \(chunk.length) is not a multiple of 3 between 3 and 768")
                }
                palette = chunk
            case PNGChunk.tRNS:
                // Ancillary: a malformed or misplaced tRNS is ignored, as libpng does.
                if idatState == 0 && transparency == nil && validTransparency(chunk, h, palette) { transparency = chunk }
            default:
                if chunk.isCritical {
                    throw ImageError(.unsupportedFeature, "PNG file has an unknown critical chunk '\(chunk.name)' at offset \(chunk.dataStart - 8)")
                }
            }
            if sawEnd { break }
        }
        return sawEnd
    }

    /// tRNS must fit its colour type: 2 bytes for grey, 6 for RGB, at most one per palette entry.
    private static func validTransparency(_ c: PNGChunk, _ h: PNGHeader, _ palette: PNGChunk?) -> Bool {
        switch h.colorType {
        case 0: return c.length == 2
        case 2: return c.length == 6
        case 3: return palette != nil && c.length <= (palette?.length ?? 0) / 3
        default: return false
        }
    }
}
