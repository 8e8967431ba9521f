/// Writes NumPy `.npy` files (format version 1.0) holding a 2-D float array.
public enum NPYWriter {
    /// The element types the generator writes.
    public enum DType: String, Sendable {
        case float32 = "<f4", float16 = "<f2"
    }

    /// The bytes of a `.npy` file holding `values` as a `rows` x `cols` array;
    /// `fortranOrder` only marks the header (for the broken sample a reader must refuse).
    public static func encode(_ values: [Float], rows: Int, cols: Int, dtype: DType = .float32,
                              fortranOrder: Bool = false) -> [UInt8] {
        var header = "{'descr': '\(dtype.rawValue)', 'fortran_order': \(fortranOrder ? "True" : "False"), 'shape': (\(rows), \(cols)), }"
        // Magic (6) + version (2) + length (2) + header, padded with spaces to a multiple of 64, ending in a newline.
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var out: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0]
        let n = header.utf8.count
        out += [UInt8(n & 0xFF), UInt8(n >> 8)]
        out += Array(header.utf8)
        out.reserveCapacity(out.count + values.count * 4)
        for v in values {
            switch dtype {
            case .float32:
                let b = v.bitPattern
                out += [UInt8(b & 0xFF), UInt8((b >> 8) & 0xFF), UInt8((b >> 16) & 0xFF), UInt8(b >> 24)]
            case .float16:
                let h = half(v)
                out += [UInt8(h & 0xFF), UInt8(h >> 8)]
            }
        }
        return out
    }

    /// IEEE 754 binary16 bits of `v` (round to nearest even; large values become infinity).
    static func half(_ v: Float) -> UInt16 {
        let bits = v.bitPattern
        let sign = UInt16((bits >> 16) & 0x8000)
        let exp = Int((bits >> 23) & 0xFF)
        var mant = bits & 0x7F_FFFF
        if exp == 0xFF { return sign | 0x7C00 | (mant != 0 ? 0x200 : 0) }
        let e = exp - 127 + 15
        if e >= 31 { return sign | 0x7C00 }
        if e <= 0 {
            if e < -10 { return sign }
            mant |= 0x80_0000
            let shift = UInt32(14 - e)
            var h = mant >> shift
            let rem = mant & ((1 << shift) - 1), halfway = UInt32(1) << (shift - 1)
            if rem > halfway || (rem == halfway && h & 1 == 1) { h += 1 }
            return sign | UInt16(h)
        }
        var h = UInt32(e << 10) | (mant >> 13)
        let rem = mant & 0x1FFF
        if rem > 0x1000 || (rem == 0x1000 && h & 1 == 1) { h += 1 }
        return sign | UInt16(h)
    }
}
