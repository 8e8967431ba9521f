/// Reads little-endian numbers, varints and bit-packed runs from a slice of a
/// page, throwing instead of reading past its end.
struct ByteCursor {
    let bytes: [UInt8]
    var position: Int
    let end: Int

    init(_ bytes: [UInt8], start: Int = 0, end: Int? = nil) {
        self.bytes = bytes; self.position = start; self.end = min(end ?? bytes.count, bytes.count)
    }

    var remaining: Int { end - position }

    mutating func byte() throws -> UInt8 {
        guard position < end else { throw PageError("the page ends in the middle of a value") }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func take(_ n: Int) throws -> ArraySlice<UInt8> {
        guard n >= 0, n <= remaining else { throw PageError("a value of \(n) bytes runs past the end of the page") }
        defer { position += n }
        return bytes[position..<(position + n)]
    }

    /// `n` bytes as a little-endian unsigned number.
    mutating func littleEndian(_ n: Int) throws -> UInt64 {
        guard n <= remaining else { throw PageError("the page ends in the middle of a value") }
        var v: UInt64 = 0
        for i in 0..<n { v |= UInt64(bytes[position + i]) << (8 * UInt64(i)) }
        position += n
        return v
    }

    mutating func varint() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            result |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { return result }
            shift += 7
            if shift > 63 { throw PageError("an integer is longer than 10 bytes") }
        }
    }

    mutating func zigzag() throws -> Int64 {
        let v = try varint()
        return Int64(bitPattern: (v >> 1) ^ (0 &- (v & 1)))
    }

    /// Appends `count` values of `width` bits packed least significant bit first.
    mutating func unpack(_ count: Int, width: Int, into out: inout [UInt64]) throws {
        guard width <= 64 else { throw PageError("a bit width of \(width) is more than 64") }
        if width == 0 { out.append(contentsOf: repeatElement(0, count: count)); return }
        let bytesNeeded = (count * width + 7) / 8
        guard bytesNeeded <= remaining else { throw PageError("bit-packed values run past the end of the page") }
        var acc: UInt64 = 0
        var bits = 0
        var p = position
        let mask: UInt64 = width == 64 ? ~0 : (1 << UInt64(width)) - 1
        for _ in 0..<count {
            if width > 56 {
                // Bit by bit: the accumulator below would overflow for these widths.
                var v: UInt64 = 0
                for k in 0..<width {
                    if bits == 0 { acc = UInt64(bytes[p]); p += 1; bits = 8 }
                    v |= (acc & 1) << UInt64(k); acc >>= 1; bits -= 1
                }
                out.append(v)
                continue
            }
            while bits < width { acc |= UInt64(bytes[p]) << UInt64(bits); p += 1; bits += 8 }
            out.append(acc & mask)
            acc >>= UInt64(width); bits -= width
        }
        position += bytesNeeded
    }
}
