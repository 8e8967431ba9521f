import Foundation
import Imaging
import SceneData
import TerminalUI

/// Reads the `--heatmap` grid of `view`: a 2-D `.npy` array (SceneData's
/// reader), a grayscale image, or text rows of numbers. Errors are one
/// sentence; the caller adds the file name.
enum ViewHeatmapReader {
    /// A grid larger than this is refused rather than allocated.
    static let maxValues = 16_777_216

    static func read(path: String, decodeImage: (String) throws -> RGBAImage) throws -> Heatmap {
        let ext = URL(fileURLWithPath: path).pathExtension.lowercased()
        if ["png", "pgm", "ppm", "pnm", "pbm", "pam", "jpg", "jpeg"].contains(ext) {
            let img = try decodeImage(path)
            var values = [Float](repeating: 0, count: img.width * img.height)
            for y in 0..<img.height {
                for x in 0..<img.width {
                    let p = img[x, y]
                    values[y * img.width + x] = 0.2126 * Float(p.r) + 0.7152 * Float(p.g) + 0.0722 * Float(p.b)
                }
            }
            return Heatmap(rows: img.height, cols: img.width, values: values)
        }
        let bytes = try readFile(path)
        if ext == "npy" || bytes.starts(with: NPYReader.magic) {
            do {
                let g = try NPYReader.read(bytes, file: path)
                return Heatmap(rows: g.rows, cols: g.cols, values: g.values)
            } catch let e as NPYError {
                throw ViewError(e.message)  // the caller names the file
            }
        }
        return try text(String(decoding: bytes, as: UTF8.self))
    }

    /// The whole file; a failure says why (no such file, permission denied, a directory...).
    static func readFile(_ path: String) throws -> [UInt8] {
        do {
            return try ImageDecoder.readFile(atPath: path, limit: maxValues * 8 + (1 << 20))
        } catch let e as ImageError {
            throw ViewError(e.message)
        }
    }

    /// Rows of numbers separated by spaces, tabs or commas; `#` starts a comment.
    static func text(_ s: String) throws -> Heatmap {
        var rows: [[Float]] = []
        for (n, raw) in s.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," || $0 == "\r" })
            if fields.isEmpty { continue }
            var row: [Float] = []
            for f in fields {
                guard let v = Float(f), v.isFinite else { throw ViewError("line \(n + 1): '\(Sanitizer.clean(String(f.prefix(20))))' is not a number") }
                row.append(v)
            }
            if let first = rows.first, first.count != row.count {
                throw ViewError("line \(n + 1): \(row.count) values, but the first row has \(first.count)")
            }
            rows.append(row)
            if rows.count * row.count > maxValues { throw ViewError("more than \(maxValues) values") }
        }
        guard let cols = rows.first?.count else { throw ViewError("no numbers found") }
        return Heatmap(rows: rows.count, cols: cols, values: rows.flatMap { $0 })
    }
}

/// A `view` failure: one sentence, printed after the file name.
struct ViewError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}
