/// Why a `.npy` file could not be read; the message names the file.
public struct NPYError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file, as resolved.
    public var file: String
    /// What is wrong.
    public var message: String
    /// An error from its parts.
    public init(file: String, message: String) { self.file = file; self.message = message }
    public var description: String { "\(file): \(message)" }
}

/// A reader for NumPy `.npy` files (format versions 1, 2 and 3) holding a
/// 2-D array of `<f2`, `<f4`, `<f8` or `|u1` in C order, as attention grids.
public enum NPYReader {
    /// The six bytes every `.npy` file starts with.
    public static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]

    /// Reads the grid; throws `NPYError` naming the file.
    public static func read(_ bytes: [UInt8], file: String) throws -> AttentionGrid {
        func fail(_ m: String) -> NPYError { NPYError(file: file, message: m) }
        guard bytes.count >= 10, bytes.starts(with: magic) else { throw fail("not a NumPy .npy file (bad magic bytes)") }
        let major = bytes[6]
        let headerLength: Int
        let headerStart: Int
        switch major {
        case 1:
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            headerStart = 10
        case 2, 3:
            guard bytes.count >= 12 else { throw fail("truncated .npy header") }
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
            headerStart = 12
        default:
            throw fail("unsupported .npy format version \(major).\(bytes[7])")
        }
        guard headerStart + headerLength <= bytes.count else { throw fail("truncated .npy header") }
        let header = String(decoding: bytes[headerStart..<(headerStart + headerLength)], as: UTF8.self)
        guard let descr = quotedValue(of: "descr", in: header) else { throw fail("the .npy header has no 'descr'") }
        guard let fortran = literalValue(of: "fortran_order", in: header) else { throw fail("the .npy header has no 'fortran_order'") }
        guard let shapeText = literalValue(of: "shape", in: header) else { throw fail("the .npy header has no 'shape'") }
        if fortran.hasPrefix("True") {
            throw fail("array is stored in Fortran order (dtype \(descr)); save it in C order (numpy.ascontiguousarray)")
        }
        let itemSize: Int
        switch descr {
        case "<f2": itemSize = 2
        case "<f4": itemSize = 4
        case "<f8": itemSize = 8
        case "|u1", "<u1", "u1": itemSize = 1
        default:
            throw fail("unsupported dtype '\(descr)' (expected float16, float32 or float64 little-endian: <f2, <f4, <f8; or uint8: |u1)")
        }
        let dims = shapeText.drop { $0 != "(" }.dropFirst().prefix { $0 != ")" }
            .split(separator: ",").map { $0.filter { !$0.isWhitespace } }.filter { !$0.isEmpty }
        var shape: [Int] = []
        for d in dims {
            guard let n = Int(d), n >= 0 else { throw fail("cannot read the array shape '\(shapeText)'") }
            shape.append(n)
        }
        // Leading and trailing 1s are squeezed: (1, 16, 16) is a 16 x 16 grid.
        while shape.count > 2, shape.first == 1 { shape.removeFirst() }
        while shape.count > 2, shape.last == 1 { shape.removeLast() }
        guard shape.count == 2 else {
            throw fail("array has shape (\(shape.map(String.init).joined(separator: ", "))); an attention grid must be 2-D")
        }
        let (rows, cols) = (shape[0], shape[1])
        guard rows > 0, cols > 0, rows <= 65536, cols <= 65536 else { throw fail("array shape \(rows) x \(cols) is empty or too large") }
        let count = rows * cols
        let dataStart = headerStart + headerLength
        guard bytes.count - dataStart >= count * itemSize else {
            throw fail("truncated: \(rows) x \(cols) \(descr) needs \(count * itemSize) bytes of data, the file has \(bytes.count - dataStart)")
        }
        var values = [Float](repeating: 0, count: count)
        bytes.withUnsafeBufferPointer { b in
            var o = dataStart
            for i in 0..<count {
                switch itemSize {
                case 1: values[i] = Float(b[o])
                case 2: values[i] = halfToFloat(UInt16(b[o]) | UInt16(b[o + 1]) << 8)
                case 4:
                    var u: UInt32 = 0
                    for k in 0..<4 { u |= UInt32(b[o + k]) << (8 * k) }
                    values[i] = Float(bitPattern: u)
                default:
                    var u: UInt64 = 0
                    for k in 0..<8 { u |= UInt64(b[o + k]) << (8 * k) }
                    values[i] = Float(Double(bitPattern: u))
                }
                o += itemSize
            }
        }
        return AttentionGrid(rows: rows, cols: cols, values: values)
    }

    /// IEEE 754 half to single precision, written out because `Float16` is
    /// not available on every platform Swift targets.
    static func halfToFloat(_ h: UInt16) -> Float {
        let sign = UInt32(h >> 15) << 31
        let exp = Int((h >> 10) & 0x1F)
        let frac = UInt32(h & 0x3FF)
        if exp == 0 {
            let v = Float(frac) * Float(sign: .plus, exponent: -24, significand: 1)
            return sign != 0 ? -v : v
        }
        if exp == 31 { return Float(bitPattern: sign | 0x7F80_0000 | frac << 13) }
        return Float(bitPattern: sign | UInt32(exp - 15 + 127) << 23 | frac << 13)
    }

    private static func quotedValue(of key: String, in header: String) -> String? {
        guard let r = header.range(of: "'\(key)'") ?? header.range(of: "\"\(key)\"") else { return nil }
        let rest = header[r.upperBound...].drop { $0 == ":" || $0 == " " }
        guard let q = rest.first, q == "'" || q == "\"" else { return nil }
        return String(rest.dropFirst().prefix { $0 != q })
    }

    private static func literalValue(of key: String, in header: String) -> String? {
        guard let r = header.range(of: "'\(key)'") ?? header.range(of: "\"\(key)\"") else { return nil }
        return String(header[r.upperBound...].drop { $0 == ":" || $0 == " " })
    }
}
