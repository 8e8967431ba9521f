/// The RLE / bit-packing hybrid: levels and dictionary indices.
enum RLEHybrid {
    /// Decodes `count` values of `width` bits from `cursor` (up to its end).
    static func decode(_ cursor: inout ByteCursor, width: Int, count: Int) throws -> [UInt64] {
        var out: [UInt64] = []
        // Runs can expand past the bytes; reserve what the bytes could hold
        // bit-packed and let a long run grow the array.
        out.reserveCapacity(min(count, cursor.remaining * 8 + 8))
        let valueBytes = (width + 7) / 8
        while out.count < count {
            guard cursor.remaining > 0 else {
                throw PageError("the RLE data ends after \(out.count) of \(count) values")
            }
            let header = try cursor.varint()
            if header & 1 == 1 {
                let groups = Int(clamping: header >> 1)
                guard groups > 0, groups <= cursor.remaining + 1 else { throw PageError("a bit-packed run of \(groups) groups does not fit the page") }
                // The last run may be cut short of its padding; decode what its bytes hold.
                let usable = groups * width <= cursor.remaining ? groups * 8 : cursor.remaining * 8 / width
                try cursor.unpack(usable, width: width, into: &out)
            } else {
                let run = Int(clamping: header >> 1)
                if run == 0 { throw PageError("an RLE run of length 0") }
                let v = try cursor.littleEndian(valueBytes)
                out.append(contentsOf: repeatElement(v, count: min(run, count - out.count)))
            }
        }
        if out.count > count { out.removeLast(out.count - count) }
        return out
    }

    /// Levels of a v1 data page: a 4-byte length, then the hybrid data.
    static func decodePrefixed(_ cursor: inout ByteCursor, width: Int, count: Int) throws -> [UInt64] {
        let length = Int(try cursor.littleEndian(4))
        guard length <= cursor.remaining else { throw PageError("the levels claim \(length) bytes, more than the page holds") }
        var sub = ByteCursor(cursor.bytes, start: cursor.position, end: cursor.position + length)
        cursor.position += length
        return try decode(&sub, width: width, count: count)
    }

    /// Bits needed for values up to `max`.
    static func bitWidth(_ max: Int) -> Int {
        max <= 0 ? 0 : Int.bitWidth - max.leadingZeroBitCount
    }
}
