#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which pixels a decode gives.
public enum Rendition: Sendable, Hashable {
    /// What the common training path gives the model: Pillow's
    /// `ImageOps.exif_transpose` then `convert("RGB")`. Alpha is dropped (the
    /// colour stored under it shows), 16-bit grey is clipped at 255 (white),
    /// palettes lose their transparency, CMYK is converted as Pillow does.
    /// Every pixel is opaque. The default everywhere an image is shown.
    case model
    /// What transformers' image processors give the model (`convert_to_rgb` in
    /// transformers/image_transforms.py, run by CLIP, LLaVA, Qwen-VL, ...
    /// processors): as `model`, but a pixel that is not fully opaque is
    /// composited over white (Pillow's `alpha_composite`) instead of losing
    /// its alpha. Every pixel is opaque.
    case modelOverWhite
    /// The file's own pixels, upright: alpha kept, 16-bit samples rounded
    /// to the nearest 8-bit level.
    case stored

    /// The model rendition for an alpha setting.
    public static func model(alpha: AlphaRendition) -> Rendition {
        alpha == .white ? .modelOverWhite : .model
    }

    /// Whether this is one of the renditions the model sees (every pixel opaque).
    public var isModel: Bool { self != .stored }
}

/// What the training path does with transparency: the user's choice of which
/// model rendition SceneLens shows (`--alpha`, `[images] alpha` in the config).
public enum AlphaRendition: String, Sendable, Hashable, CaseIterable {
    /// Pillow's `convert("RGB")`: alpha dropped, the colour stored under a
    /// transparent pixel shows (often black). The default.
    case pillow
    /// transformers' `convert_to_rgb`: composited over white.
    case white

    /// The training path that does this, in words.
    public var trainingPath: String {
        switch self {
        case .pillow: "Pillow convert(\"RGB\"), alpha dropped"
        case .white: "transformers' image processors (convert_to_rgb), composited over white"
        }
    }
}

/// What turning the file into the model rendition lost, for warnings.
public struct ConversionLoss: Sendable, Hashable {
    /// Pixels the file stores as not fully opaque, whose alpha the model never sees.
    public var translucentPixels = 0
    /// 16-bit grey pixels above 255, which the model sees as white.
    public var clippedPixels = 0
    /// All pixels.
    public var pixels = 0
    /// Whether the file is an animation of which only the first frame is read.
    public var laterFramesIgnored = false
    /// The model rendition the warnings say SceneLens shows.
    public var shown: AlphaRendition = .pillow

    /// Each loss as a sentence (empty when nothing is lost).
    public var warnings: [String] {
        var out: [String] = []
        func share(_ n: Int) -> String { pixels > 0 ? "\(n) of \(pixels) pixels (\(Int((Double(n) * 100 / Double(pixels)).rounded()))%)" : "\(n) pixels" }
        if translucentPixels > 0 {
            out.append("\(share(translucentPixels)) are transparent or translucent: Pillow's convert(\"RGB\") drops the alpha and shows "
                       + "the colour stored under it, transformers' image processors (convert_to_rgb) composite them over white; "
                       + "SceneLens shows \(shown == .white ? "white (--alpha white)" : "Pillow's (--alpha pillow)")")
        }
        if clippedPixels > 0 {
            out.append("16-bit grey: \(share(clippedPixels)) are above 255 and the training path (Pillow's convert(\"RGB\"), and transformers' convert_to_rgb after it) makes them white")
        }
        if laterFramesIgnored { out.append("an animation: only its first frame is used") }
        return out
    }
}

/// A decoded image with what decoding learnt on the way.
public struct DecodedImage: Sendable {
    /// The pixels, upright, in the rendition asked for.
    public var image: RGBAImage
    /// The EXIF orientation that was applied (1: none).
    public var orientation: Int
    /// What the model rendition loses from the file's own pixels.
    public var loss: ConversionLoss
    /// The file's upright size when `image` was decoded smaller than that
    /// (a JPEG through DCT scaling, asked for with `shownWithin`); nil when
    /// `image` has every pixel of the file.
    public var fullSize: (width: Int, height: Int)? = nil
}

/// Reads PNG, PNM, JPEG, WebP, GIF, TIFF and BMP images into 8-bit RGBA,
/// choosing the reader by the file's magic bytes (never its name), and turns
/// them upright by their EXIF orientation.
public enum ImageDecoder {
    /// The default pixel limit: 64 megapixels.
    public static let defaultMaxPixels: Int = 64_000_000

    /// Reads only the header: format, upright size, colour type, bit depth,
    /// interlacing, orientation.
    public static func info(_ bytes: [UInt8]) throws -> ImageInfo {
        let f = try format(of: bytes)
        var i: ImageInfo
        switch f {
        case .png: i = try PNGDecoder.info(bytes)
        case .pnm: i = try PNMDecoder.info(bytes)
        case .jpeg: i = try JPEGDecoder.info(bytes)
        case .bmp: i = try BMPDecoder.info(bytes)
        case .webp, .gif, .tiff: i = try LibraryDecoders.info(bytes, f)
        }
        if f == .tiff { return i }
        let o = bytes.withUnsafeBufferPointer { EXIFOrientation.read($0, format: f) }
        if o != 1 {
            i = ImageInfo(format: i.format, width: i.width, height: i.height, colorType: i.colorType,
                          bitDepth: i.bitDepth, interlaced: i.interlaced, orientation: o, frames: i.frames)
        }
        return i
    }

    /// Decodes a whole image, upright; refuses, before allocating, one with more than `maxPixels` pixels.
    public static func decode(_ bytes: [UInt8], maxPixels: Int = defaultMaxPixels,
                              rendition: Rendition = .model) throws -> RGBAImage {
        try decodeDetailed(bytes, maxPixels: maxPixels, rendition: rendition).image
    }

    /// `decode`, with the orientation applied and what the model rendition loses.
    ///
    /// `shownWithin`: the caller shows the picture only fitted (aspect kept)
    /// inside that many pixels, never larger, so a JPEG may be decoded at
    /// 1/2, 1/4 or 1/8 of its size by DCT scaling, as long as it stays at
    /// least as big as the fitted picture (`fullSize` then says the file's
    /// size). Leave it nil wherever full resolution is needed.
    public static func decodeDetailed(_ bytes: [UInt8], maxPixels: Int = defaultMaxPixels,
                                      rendition: Rendition = .model,
                                      shownWithin: (width: Int, height: Int)? = nil) throws -> DecodedImage {
        let f = try format(of: bytes)
        let model = rendition
        switch f {
        case .png:
            return try bytes.withUnsafeBufferPointer { try decodePNG($0, maxPixels: maxPixels, model: model) }
        case .jpeg:
            let o = bytes.withUnsafeBufferPointer { EXIFOrientation.read($0, format: .jpeg) }
            var reduction = 1
            var upright = (width: 0, height: 0)
            if let box = shownWithin {
                let stored = try JPEGDecoder.storedSize(bytes)
                upright = EXIFOrientation.swapsAxes(o) ? (stored.height, stored.width) : stored
                reduction = jpegReduction(width: upright.width, height: upright.height, within: box)
            }
            let image = try JPEGDecoder.decode(bytes, maxPixels: maxPixels, reduction: reduction)
            return DecodedImage(image: EXIFOrientation.apply(o, to: image), orientation: o,
                                loss: ConversionLoss(pixels: image.width * image.height),
                                fullSize: reduction > 1 ? upright : nil)
        case .pnm:
            return finish(try PNMDecoder.decode(bytes, maxPixels: maxPixels), orientation: 1, mayHaveAlpha: true, model: model)
        case .bmp:
            return finish(try BMPDecoder.decode(bytes, maxPixels: maxPixels), orientation: 1, mayHaveAlpha: true, model: model)
        case .webp, .gif, .tiff:
            let i = try LibraryDecoders.info(bytes, f)
            let image = try LibraryDecoders.decode(bytes, f, maxPixels: maxPixels)
            let o = f == .tiff ? i.orientation : bytes.withUnsafeBufferPointer { EXIFOrientation.read($0, format: f) }
            var d = finish(image, orientation: o, mayHaveAlpha: true, model: model)
            d.loss.laterFramesIgnored = i.frames > 1 || (f == .gif && GIFFrames.more(bytes))
            return d
        }
    }

    /// Decodes `bytes` a band of rows at a time when it is a JPEG stored
    /// upright (EXIF orientation 1), for a caller that writes the rows out
    /// and never needs the frame (`scenelens decode`); the pixels are those
    /// `decode` gives in either rendition (a JPEG has no alpha). Returns
    /// false, having called nothing, for any other image.
    public static func decodeRowsIfUprightJPEG(_ bytes: [UInt8], maxPixels: Int = defaultMaxPixels,
                                               start: (_ width: Int, _ height: Int) throws -> Void,
                                               rows: (_ count: Int, _ bytes: UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Bool {
        guard JPEGDecoder.sniff(bytes),
              bytes.withUnsafeBufferPointer({ EXIFOrientation.read($0, format: .jpeg) }) == 1 else { return false }
        try JPEGDecoder.decodeRows(bytes, maxPixels: maxPixels, start: start, rows: rows)
        return true
    }

    /// The largest DCT reduction (1, 2, 4 or 8) that keeps a `width` x
    /// `height` picture at least as big as it is when fitted, aspect kept,
    /// inside `box` (as PixelFrame.fit and the text modes fit it).
    static func jpegReduction(width: Int, height: Int, within box: (width: Int, height: Int)) -> Int {
        guard width > 0, height > 0, box.width > 0, box.height > 0 else { return 1 }
        let s = min(Double(box.width) / Double(width), Double(box.height) / Double(height))
        guard s < 1 else { return 1 }
        let fw = max(1, Int((Double(width) * s).rounded(.up))), fh = max(1, Int((Double(height) * s).rounded(.up)))
        for d in [8, 4, 2] {
            let r = JPEGDecoder.reducedSize(width: width, height: height, by: d)
            if r.width >= fw && r.height >= fh { return d }
        }
        return 1
    }

    private static func decodePNG(_ data: UnsafeBufferPointer<UInt8>, maxPixels: Int, model: Rendition) throws -> DecodedImage {
        let r = try PNGDecoder.decode(data, maxPixels: maxPixels, model: model.isModel)
        var d = finish(r.image, orientation: EXIFOrientation.read(data, format: .png), mayHaveAlpha: r.mayHaveAlpha, model: model)
        d.loss.clippedPixels = r.clipped
        return d
    }

    /// Counts translucent pixels (making them opaque for the model: alpha
    /// dropped, or composited over white) and turns the image upright.
    private static func finish(_ stored: RGBAImage, orientation: Int, mayHaveAlpha: Bool, model: Rendition) -> DecodedImage {
        var image = stored
        var loss = ConversionLoss(pixels: image.width * image.height)
        if model == .modelOverWhite { loss.shown = .white }
        if mayHaveAlpha {
            var translucent = 0
            let white = model == .modelOverWhite, opaque = model.isModel
            image.pixels.withUnsafeMutableBufferPointer { p in
                var i = 3
                while i < p.count {
                    let a = p[i]
                    if a != 255 {
                        translucent += 1
                        if white {
                            for c in (i - 3)..<i { p[c] = overWhite(p[c], alpha: a) }
                        }
                        if opaque { p[i] = 255 }
                    }
                    i += 4
                }
            }
            loss.translucentPixels = translucent
        }
        return DecodedImage(image: EXIFOrientation.apply(orientation, to: image), orientation: orientation, loss: loss)
    }

    /// One channel of a pixel composited over white, rounded as Pillow's
    /// `Image.alpha_composite(white, image)` rounds (equal for every value
    /// and alpha; FidelityTests checks the table against transformers).
    @inline(__always)
    static func overWhite(_ c: UInt8, alpha a: UInt8) -> UInt8 {
        let t = UInt32(c) * UInt32(a) + 255 * (255 - UInt32(a))
        return UInt8((t + 127) / 255)
    }

    /// Reads and decodes the file at `path`; I/O failures are `ImageError.Kind.io`.
    public static func decodeFile(atPath path: String, maxPixels: Int = defaultMaxPixels,
                                  rendition: Rendition = .model) throws -> RGBAImage {
        try decodeFileDetailed(atPath: path, maxPixels: maxPixels, rendition: rendition).image
    }

    /// `decodeFile`, with the orientation applied and what the model rendition loses.
    public static func decodeFileDetailed(atPath path: String, maxPixels: Int = defaultMaxPixels,
                                          rendition: Rendition = .model,
                                          shownWithin: (width: Int, height: Int)? = nil) throws -> DecodedImage {
        // PNG is decoded straight from a read-only mapping of the file, which
        // saves copying (and zero-filling) a buffer as big as the file.
        if let mapped = try MappedFile(path: path) {
            if mapped.bytes.count >= 8 && PNGDecoder.sniff(Array(mapped.bytes.prefix(8))) {
                // The mapping must outlive the decode, not just the last use of `mapped`.
                return try withExtendedLifetime(mapped) {
                    try decodePNG(mapped.bytes, maxPixels: maxPixels, model: rendition)
                }
            }
        }
        return try decodeDetailed(readFile(atPath: path), maxPixels: maxPixels, rendition: rendition, shownWithin: shownWithin)
    }

    /// The format `bytes` are in, judged by their first bytes; a known
    /// format SceneLens cannot read is named in the error.
    public static func format(of bytes: [UInt8]) throws -> ImageFormat {
        if bytes.isEmpty { throw ImageError(.truncated, "the file is empty") }
        if PNGDecoder.sniff(bytes) { return .png }
        if JPEGDecoder.sniff(bytes) { return .jpeg }
        if PNMDecoder.sniff(bytes) { return .pnm }
        func at(_ o: Int, _ s: String) -> Bool {
            let u = Array(s.utf8)
            return bytes.count >= o + u.count && Array(bytes[o..<(o + u.count)]) == u
        }
        if at(0, "RIFF") && at(8, "WEBP") { return .webp }
        if at(0, "GIF87a") || at(0, "GIF89a") { return .gif }
        if at(0, "II*\u{0}") || at(0, "MM\u{0}*") || at(0, "II+\u{0}") || at(0, "MM\u{0}+") { return .tiff }
        if BMPDecoder.sniff(bytes) && bytes.count >= 18 { return .bmp }
        if let name = unsupportedName(bytes, at) {
            throw ImageError(.unsupportedFormat, "\(name) image: this format is not supported (PNG, JPEG, WebP, GIF, TIFF, BMP and Netpbm are); convert it to PNG")
        }
        let head = bytes.prefix(4).map { hex($0) }.joined(separator: " ")
        throw ImageError(.unsupportedFormat, "not an image SceneLens knows (PNG, JPEG, WebP, GIF, TIFF, BMP, Netpbm): it starts with bytes \(head)")
    }

    /// Formats recognised only to be named in the error.
    private static func unsupportedName(_ b: [UInt8], _ at: (Int, String) -> Bool) -> String? {
        if at(4, "ftyp") {
            let brands = stride(from: 8, to: min(b.count, 64) - 3, by: 4).map { String(decoding: b[$0..<($0 + 4)], as: UTF8.self) }
            if brands.contains(where: { $0 == "avif" || $0 == "avis" }) { return "AVIF" }
            if brands.contains(where: { ["heic", "heix", "hevc", "heim", "heis", "hevx", "mif1", "msf1"].contains($0) }) { return "HEIC/HEIF" }
            return "an ISO media (MP4/QuickTime)"
        }
        if b.count >= 2 && b[0] == 0xFF && b[1] == 0x0A { return "JPEG XL" }
        if at(4, "JXL ") { return "JPEG XL" }
        if at(4, "jP  ") || (b.count >= 4 && b[0] == 0xFF && b[1] == 0x4F && b[2] == 0xFF && b[3] == 0x51) { return "JPEG 2000" }
        if at(0, "8BPS") { return "Photoshop (PSD)" }
        if at(0, "qoif") { return "QOI" }
        if at(0, "%PDF") { return "PDF" }
        if at(0, "<svg") || at(0, "<?xml") { return "SVG/XML" }
        if b.count >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 1 && b[3] == 0 { return "ICO" }
        if at(0, "DDS ") { return "DDS" }
        return nil
    }

    /// A regular file mapped read-only; nil for files that cannot be mapped
    /// (empty, pipes, devices), which are read instead.
    private final class MappedFile {
        let bytes: UnsafeBufferPointer<UInt8>
        private let base: UnsafeMutableRawPointer

        init?(path: String) throws {
            let fd: Int32, size: Int
            do { (fd, size) = try FileRead.openRegular(path) } catch { throw ImageDecoder.readFailure(error) }
            defer { close(fd) }
            guard size > 0 else { return nil }
            if size > FileRead.Limit.image { throw ImageDecoder.readFailure(FileRead.Failure(limit: FileRead.Limit.image)) }
            #if os(Linux)
            let flags = MAP_PRIVATE | MAP_POPULATE
            #else
            let flags = MAP_PRIVATE
            #endif
            guard let p = mmap(nil, size, PROT_READ, flags, fd, 0), p != MAP_FAILED else { return nil }
            base = p
            bytes = UnsafeBufferPointer(start: p.assumingMemoryBound(to: UInt8.self), count: size)
        }

        deinit { munmap(base, bytes.count) }
    }

    /// Whether the file at `path` starts as a JPEG does (false when it
    /// cannot be read: reading it for real then says why).
    public static func startsAsJPEG(atPath path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_NONBLOCK)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return false }
        var head = [UInt8](repeating: 0, count: 3)
        let n = head.withUnsafeMutableBytes { read(fd, $0.baseAddress, 3) }
        return n == 3 && JPEGDecoder.sniff(head)
    }

    /// The whole contents of a file (see `FileRead`). Fails with `.io` and
    /// a reason in words ("cannot read the file: no such file"), or when the
    /// file holds more than `limit` bytes.
    public static func readFile(atPath path: String, limit: Int = FileRead.Limit.image) throws -> [UInt8] {
        do {
            return try FileRead.all(atPath: path, limit: limit)
        } catch {
            throw readFailure(error)
        }
    }

    /// A read failure as an image error.
    static func readFailure(_ failure: FileRead.Failure) -> ImageError {
        failure.code == 0 ? ImageError(.io, failure.reason) : ImageError(.io, "cannot read the file: \(failure.reason)")
    }
}
