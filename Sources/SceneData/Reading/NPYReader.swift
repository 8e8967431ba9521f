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

/// How to read a `.npy` attention file beyond what its header says.
public struct NPYOptions: Sendable, Hashable {
    /// The element type when the header cannot say it: "bfloat16" reads
    /// 16-bit integers (`<u2`, `<i2`, `V2`) as bfloat16 bits.
    public var dtype: String?
    /// Which 2-D map of a stack (heads, layers, or both flattened) to use;
    /// nil: the mean of all of them.
    public var index: Int?
    /// Options from their parts.
    public init(dtype: String? = nil, index: Int? = nil) { self.dtype = dtype; self.index = index }
}

/// A reader for NumPy `.npy` files (format versions 1, 2 and 3) holding
/// attention as models emit it: a 2-D grid; a flat square-length vector (or
/// square + 1, whose leading CLS token is dropped); a stack of per-head or
/// per-layer grids (averaged, or one picked by `NPYOptions.index`). C or
/// Fortran order, little- or big-endian `f2`, `f4`, `f8`, `u1`, and bfloat16
/// stored as 16-bit integers with `NPYOptions.dtype`. NaN and infinity are
/// refused with their position.
public enum NPYReader {
    /// The six bytes every `.npy` file starts with.
    public static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]

    private enum Kind { case float16, bfloat16, float32, float64, uint8 }

    /// Reads the grid; throws `NPYError` naming the file.
    public static func read(_ bytes: [UInt8], file: String, options: NPYOptions = NPYOptions()) throws -> AttentionGrid {
        // Messages quote the header, which may hold line breaks: one line each.
        func fail(_ m: String) -> NPYError { NPYError(file: file, message: Diagnostic.oneLine(m)) }
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
        guard let fortranText = literalValue(of: "fortran_order", in: header) else { throw fail("the .npy header has no 'fortran_order'") }
        guard let shapeText = literalValue(of: "shape", in: header) else { throw fail("the .npy header has no 'shape'") }
        let fortran = fortranText.hasPrefix("True")
        let order = descr.first ?? "<"
        let bigEndian = order == ">"
        let code = order == "<" || order == ">" || order == "|" || order == "=" ? String(descr.dropFirst()) : descr
        let kind: Kind
        let itemSize: Int
        if options.dtype == "bfloat16" {
            guard code == "u2" || code == "i2" || code == "V2" else {
                throw fail("dtype 'bfloat16' needs 16-bit integers in the file (<u2, <i2 or V2), it holds '\(descr)'")
            }
            kind = .bfloat16; itemSize = 2
        } else if let d = options.dtype, d != "float16", d != "float32", d != "float64", d != "uint8" {
            throw fail("unknown dtype '\(d)' (the one a file cannot say itself is 'bfloat16')")
        } else {
            switch code {
            case "f2": kind = .float16; itemSize = 2
            case "f4": kind = .float32; itemSize = 4
            case "f8": kind = .float64; itemSize = 8
            case "u1": kind = .uint8; itemSize = 1
            case "u2", "i2", "V2":
                throw fail("dtype '\(descr)' holds 16-bit integers; if they are bfloat16 bits (as torch bfloat16 tensors are saved), add \"dtype\": \"bfloat16\" to the map")
            default:
                throw fail("unsupported dtype '\(descr)' (expected float16, float32 or float64: f2, f4, f8, either byte order; uint8: u1; bfloat16 as u2 with \"dtype\": \"bfloat16\")")
            }
        }
        // The shape is a tuple: `(16, 16)`, `(576,)`, or `()` for a single number.
        guard shapeText.first == "(", shapeText.contains(")") else {
            throw fail("cannot read the array shape '\(shapeText.prefix(40))': expected a tuple such as (16, 16)")
        }
        let dims = shapeText.dropFirst().prefix { $0 != ")" }
            .split(separator: ",").map { $0.filter { !$0.isWhitespace } }.filter { !$0.isEmpty }
        var shape: [Int] = []
        for d in dims {
            guard let n = Int(d), n >= 0, n <= 1 << 26 else { throw fail("cannot read the array shape '\(shapeText)'") }
            shape.append(n)
        }
        // A 0-d array (shape `()`) is one number: no grid can come of it.
        guard !shape.isEmpty else { throw fail("array shape () holds a single number, not an attention map") }
        let stored = shape
        let shown = "(\(stored.map(String.init).joined(separator: ", ")))"
        var count = 1
        for d in shape {
            let (m, o) = count.multipliedReportingOverflow(by: d)
            guard !o, m <= 1 << 28 else { throw fail("array shape \(shown) is too large for an attention map") }
            count = m
        }
        guard count > 0 else { throw fail("array shape \(shown) is empty") }
        let dataStart = headerStart + headerLength
        guard bytes.count - dataStart >= count * itemSize else {
            throw fail("truncated: shape \(shown) \(descr) needs \(count * itemSize) bytes of data, the file has \(bytes.count - dataStart)")
        }
        // Values in C order, whatever order the file uses.
        var values = [Float](repeating: 0, count: count)
        var bad: Int?
        bytes.withUnsafeBufferPointer { b in
            // Fortran order: the first index varies fastest; map each stored
            // position to its C-order position.
            var strides = [Int](repeating: 1, count: stored.count)
            if stored.count > 1 { for k in stride(from: stored.count - 2, through: 0, by: -1) { strides[k] = strides[k + 1] * stored[k + 1] } }
            var idx = [Int](repeating: 0, count: stored.count)
            var o = dataStart
            for i in 0..<count {
                var u: UInt64 = 0
                for k in 0..<itemSize { u |= UInt64(b[o + k]) << (8 * (bigEndian ? itemSize - 1 - k : k)) }
                let v: Float
                switch kind {
                case .uint8: v = Float(u)
                case .float16: v = halfToFloat(UInt16(u))
                case .bfloat16: v = Float(bitPattern: UInt32(u) << 16)
                case .float32: v = Float(bitPattern: UInt32(u))
                case .float64: v = Float(Double(bitPattern: u))
                }
                var target = i
                if fortran && stored.count > 1 {
                    target = 0
                    for k in 0..<stored.count { target += idx[k] * strides[k] }
                    var k = 0
                    while k < stored.count { idx[k] += 1; if idx[k] < stored[k] { break }; idx[k] = 0; k += 1 }
                }
                if !v.isFinite && bad == nil { bad = target }
                values[target] = v
                o += itemSize
            }
        }
        if let bad {
            var rest = bad, pos: [Int] = []
            for d in stored.reversed() { pos.append(rest % max(d, 1)); rest /= max(d, 1) }
            let v = values[bad]
            throw fail("\(v.isNaN ? "NaN" : "infinity") at index [\(pos.reversed().map(String.init).joined(separator: ", "))] of shape \(shown); attention must be finite")
        }
        // Leading and trailing 1s are squeezed: (1, 16, 16) is a 16 x 16 grid.
        while shape.count > 1, shape.first == 1 { shape.removeFirst() }
        while shape.count > 1, shape.last == 1 { shape.removeLast() }
        // A flat last axis of square length (or square + 1: a leading CLS
        // token, dropped) is a square grid.
        var dropFirst = 0
        if shape.count == 1 {
            let n = shape[shape.count - 1]
            let s = Int(Double(n).squareRoot().rounded())
            let t = Int(Double(n - 1).squareRoot().rounded())
            if s * s == n {
                shape[shape.count - 1] = s; shape.append(s)
            } else if n > 1 && t * t == n - 1 {
                dropFirst = 1
                shape[shape.count - 1] = t; shape.append(t)
            } else {
                throw fail("array has shape \(shown): a flat map must have a square length (576 = 24 x 24), or square + 1 with a leading CLS token; \(n) is neither")
            }
        }
        let rows = shape[shape.count - 2], cols = shape[shape.count - 1]
        guard rows <= 65536, cols <= 65536 else { throw fail("array shape \(shown) is too large for an attention map") }
        let cells = rows * cols
        let stack = shape.dropLast(2).reduce(1, *)
        let perMap = cells + dropFirst
        func cell(_ m: Int, _ c: Int) -> Float { values[m * perMap + dropFirst + c] }
        if let k = options.index {
            guard k >= 0, k < stack else {
                throw fail("index \(k) is outside the stack of \(stack) map\(stack == 1 ? "" : "s") in shape \(shown)")
            }
            return AttentionGrid(rows: rows, cols: cols, values: (0..<cells).map { cell(k, $0) })
        }
        if stack == 1 && dropFirst == 0 { return AttentionGrid(rows: rows, cols: cols, values: values) }
        // Summed in Double: finite values near Float's largest would add up to
        // infinity in Float, and their mean is finite.
        var sum = [Double](repeating: 0, count: cells)
        for m in 0..<stack { for c in 0..<cells { sum[c] += Double(cell(m, c)) } }
        return AttentionGrid(rows: rows, cols: cols, values: sum.map { Float($0 / Double(stack)) })
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
