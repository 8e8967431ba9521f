import Imaging

/// Attention grids stored as grayscale images (PNG, PGM): one cell per pixel.
enum AttentionImage {
    /// Attention grids are small; a bigger "map" is almost surely the wrong file.
    static let maxCells = 16_000_000

    /// The grid an image file holds, one value in [0, 255] per pixel (the
    /// luminance, so an RGB file saved from a gray map reads the same).
    static func grid(from bytes: [UInt8], file: String) throws -> AttentionGrid {
        let image: RGBAImage
        do {
            image = try ImageDecoder.decode(bytes, maxPixels: maxCells, rendition: .stored)
        } catch {
            throw NPYError(file: file, message: "attention image does not decode: \(error)")
        }
        var values = [Float](repeating: 0, count: image.width * image.height)
        image.pixels.withUnsafeBufferPointer { p in
            for i in 0..<values.count {
                let r = Float(p[4 * i]), g = Float(p[4 * i + 1]), b = Float(p[4 * i + 2])
                values[i] = r == g && g == b ? r : 0.299 * r + 0.587 * g + 0.114 * b
            }
        }
        return AttentionGrid(rows: image.height, cols: image.width, values: values)
    }
}
