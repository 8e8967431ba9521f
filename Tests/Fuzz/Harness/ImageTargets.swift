import Imaging

/// The image readers through their public entry (`ImageDecoder`), one target
/// per format: an input of another format is skipped, so each target's
/// corpus stays on its own reader.
enum ImageTargets {
    /// Small enough that a claimed size costs no real memory, big enough for every seed.
    static let maxPixels = 1 << 20

    static func run(_ bytes: [UInt8], _ format: ImageFormat) {
        guard (try? ImageDecoder.format(of: bytes)) == format else { return }
        let info = try? ImageDecoder.info(bytes)
        if let info {
            check(info.width >= 0 && info.height >= 0, "negative size \(info.width)x\(info.height)")
        }
        for rendition in [Rendition.model, .stored] {
            guard let d = try? ImageDecoder.decodeDetailed(bytes, maxPixels: maxPixels, rendition: rendition) else { continue }
            let image = d.image
            check(image.width > 0 && image.height > 0, "decoded an empty image \(image.width)x\(image.height)")
            check(image.width * image.height <= maxPixels, "decoded \(image.width)x\(image.height), above the limit \(maxPixels)")
            check(image.pixels.count == image.width * image.height * 4,
                  "\(image.pixels.count) bytes for \(image.width)x\(image.height) RGBA")
            if let info {
                // info reads only the header; decode must agree with it on the upright size.
                check(info.width == image.width && info.height == image.height,
                      "info says \(info.width)x\(info.height), decode gave \(image.width)x\(image.height)")
            }
            if rendition == .model { break }
        }
        if format == .jpeg { jpegPaths(bytes, info) }
    }

    /// The JPEG paths `view` and `decode --out` take: a DCT-scaled decode
    /// (no bigger than the full size, no smaller than the box allows) and
    /// the band-by-band decode (the rows it hands out add up to the frame).
    static func jpegPaths(_ bytes: [UInt8], _ info: ImageInfo?) {
        if let info, let small = try? ImageDecoder.decodeDetailed(bytes, maxPixels: maxPixels,
                                                                  shownWithin: (max(1, info.width / 3), max(1, info.height / 3))) {
            let image = small.image
            check(image.width >= 1 && image.height >= 1 && image.width <= info.width && image.height <= info.height,
                  "a scaled decode gave \(image.width)x\(image.height) of \(info.width)x\(info.height)")
            check(image.pixels.count == image.width * image.height * 4, "\(image.pixels.count) bytes for \(image.width)x\(image.height) RGBA")
        }
        var width = 0, height = 0, rowsSeen = 0
        let done = try? ImageDecoder.decodeRowsIfUprightJPEG(bytes, maxPixels: maxPixels, start: { width = $0; height = $1 }, rows: { n, band in
            check(band.count == n * width * 4, "a band of \(n) rows has \(band.count) bytes at width \(width)")
            rowsSeen += n
        })
        if done == true { check(rowsSeen == height, "\(rowsSeen) rows streamed of \(height)") }
    }
}
