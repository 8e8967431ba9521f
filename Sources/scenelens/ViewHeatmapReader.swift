import Foundation
import Imaging
import TerminalUI

/// Reads the `--heatmap` grid of `view`: a 2-D `.npy` array (floats or
/// integers), a grayscale image, or text rows of numbers. Errors are one
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
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ViewError("cannot read the file")
        }
        let bytes = [UInt8](data)
        if bytes.starts(with: [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]) { return try npy(bytes) }
        if ext == "npy" { throw ViewError("not an .npy file (the \\x93NUMPY magic is missing)") }
        return try text(String(decoding: bytes, as: UTF8.self))
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

    /// NumPy's .npy format, versions 1-3, 2-D (or 1 x R x C), little- or big-endian.
    static func npy(_ b: [UInt8]) throws -> Heatmap {
        guard b.count >= 10 else { throw ViewError("npy header is truncated") }
        let major = b[6]
        let headerLen: Int, start: Int
        switch major {
        case 1: headerLen = Int(b[8]) | Int(b[9]) << 8; start = 10
        case 2, 3:
            guard b.count >= 12 else { throw ViewError("npy header is truncated") }
            headerLen = Int(b[8]) | Int(b[9]) << 8 | Int(b[10]) << 16 | Int(b[11]) << 24; start = 12
        default: throw ViewError("npy version \(major) is not supported")
        }
        guard b.count >= start + headerLen else { throw ViewError("npy header is truncated") }
        let header = String(decoding: b[start..<(start + headerLen)], as: UTF8.self)
        guard let descr = field(header, "descr")?.trimmingCharacters(in: CharacterSet(charactersIn: "'\" ")),
              let shapeText = field(header, "shape") else { throw ViewError("npy header lacks 'descr' or 'shape'") }
        let fortran = field(header, "fortran_order")?.contains("True") ?? false
        var dims = shapeText.trimmingCharacters(in: CharacterSet(charactersIn: "() "))
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.compactMap { Int($0) }
        while dims.count > 2, dims.first == 1 { dims.removeFirst() }
        guard dims.count == 2, dims.allSatisfy({ $0 > 0 }) else {
            throw ViewError("npy shape \(Sanitizer.clean(shapeText)) is not a 2-D grid")
        }
        let (count, overflow) = dims[0].multipliedReportingOverflow(by: dims[1])
        guard !overflow, count <= maxValues else { throw ViewError("npy grid \(dims[0])x\(dims[1]) is too large") }
        guard descr.count >= 3, let size = Int(descr.dropFirst(2)) else { throw ViewError("npy dtype '\(Sanitizer.clean(descr))' is not understood") }
        let bigEndian = descr.first == ">"
        let code = descr.dropFirst().first
        let dataStart = start + headerLen
        guard b.count >= dataStart + count * size else {
            throw ViewError("npy data is truncated: \(count) values of \(size) bytes expected")
        }
        func word(_ i: Int) -> UInt64 {
            var v: UInt64 = 0
            for k in 0..<size {
                let byte = UInt64(b[dataStart + i * size + (bigEndian ? k : size - 1 - k)])
                v = v << 8 | byte
            }
            return v
        }
        let convert: (UInt64) -> Float
        switch (code, size) {
        case ("f", 2): convert = { halfToFloat(UInt16($0)) }
        case ("f", 4): convert = { Float(bitPattern: UInt32($0)) }
        case ("f", 8): convert = { Float(Double(bitPattern: $0)) }
        case ("u", 1), ("u", 2), ("u", 4), ("u", 8), ("b", 1): convert = { Float($0) }
        case ("i", 1): convert = { Float(Int8(truncatingIfNeeded: $0)) }
        case ("i", 2): convert = { Float(Int16(truncatingIfNeeded: $0)) }
        case ("i", 4): convert = { Float(Int32(truncatingIfNeeded: $0)) }
        case ("i", 8): convert = { Float(Int64(bitPattern: $0)) }
        default: throw ViewError("npy dtype '\(Sanitizer.clean(descr))' is not supported (use float16/32/64 or integers)")
        }
        let (rows, cols) = (dims[0], dims[1])
        var values = [Float](repeating: 0, count: count)
        for i in 0..<count {
            // Fortran order stores columns first.
            let dest = fortran ? (i % rows) * cols + i / rows : i
            values[dest] = convert(word(i))
        }
        return Heatmap(rows: rows, cols: cols, values: values)
    }

    /// The raw text of `key`'s value in a Python dict literal header.
    static func field(_ header: String, _ key: String) -> String? {
        guard let k = header.range(of: "'\(key)'") ?? header.range(of: "\"\(key)\""),
              let colon = header[k.upperBound...].firstIndex(of: ":") else { return nil }
        let rest = header[header.index(after: colon)...].drop { $0 == " " }
        if rest.first == "(" {
            guard let close = rest.firstIndex(of: ")") else { return nil }
            return String(rest[...close])
        }
        let end = rest.firstIndex(where: { $0 == "," || $0 == "}" }) ?? rest.endIndex
        return String(rest[..<end])
    }

    /// IEEE 754 half precision to Float, by bits (Float16 is missing on some platforms).
    static func halfToFloat(_ h: UInt16) -> Float {
        let sign: UInt32 = UInt32(h >> 15) << 31
        let exp = Int((h >> 10) & 0x1F), frac = UInt32(h & 0x3FF)
        if exp == 0 {
            let v = Float(frac) * Float(sign: .plus, exponent: -24, significand: 1)
            return sign != 0 ? -v : v
        }
        if exp == 31 { return Float(bitPattern: sign | 0x7F80_0000 | frac << 13) }
        return Float(bitPattern: sign | UInt32(exp - 15 + 127) << 23 | frac << 13)
    }
}

/// A `view` failure: one sentence, printed after the file name.
struct ViewError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}
