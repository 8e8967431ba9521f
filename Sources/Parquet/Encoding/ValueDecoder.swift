/// Decodes the values section of a page (or a dictionary page) into values.
struct ValueDecoder {
    let type: PhysicalType
    let typeLength: Int
    /// BYTE_ARRAY values become strings.
    let asString: Bool

    private func byteArray(_ s: ArraySlice<UInt8>) -> ParquetValue {
        asString ? .string(String(decoding: s, as: UTF8.self)) : .bytes(Array(s))
    }

    /// `count` PLAIN values.
    func plain(_ c: inout ByteCursor, count: Int) throws -> [ParquetValue] {
        var out: [ParquetValue] = []
        out.reserveCapacity(min(count, c.remaining + 8))
        switch type {
        case .boolean:
            var bits: [UInt64] = []
            try c.unpack(count, width: 1, into: &bits)
            for b in bits { out.append(.bool(b != 0)) }
        case .int32:
            guard count * 4 <= c.remaining else { throw short(count, 4, c) }
            for _ in 0..<count { out.append(.int(Int64(Int32(truncatingIfNeeded: try c.littleEndian(4))))) }
        case .int64:
            guard count * 8 <= c.remaining else { throw short(count, 8, c) }
            for _ in 0..<count { out.append(.int(Int64(bitPattern: try c.littleEndian(8)))) }
        case .int96:
            guard count * 12 <= c.remaining else { throw short(count, 12, c) }
            for _ in 0..<count { out.append(.bytes(Array(try c.take(12)))) }
        case .float:
            guard count * 4 <= c.remaining else { throw short(count, 4, c) }
            for _ in 0..<count { out.append(.double(Double(Float(bitPattern: UInt32(try c.littleEndian(4)))))) }
        case .double:
            guard count * 8 <= c.remaining else { throw short(count, 8, c) }
            for _ in 0..<count { out.append(.double(Double(bitPattern: try c.littleEndian(8)))) }
        case .byteArray:
            for _ in 0..<count {
                let n = Int(try c.littleEndian(4))
                out.append(byteArray(try c.take(n)))
            }
        case .fixedLenByteArray:
            guard typeLength > 0 else { throw PageError("a FIXED_LEN_BYTE_ARRAY column has no length") }
            guard count * typeLength <= c.remaining else { throw short(count, typeLength, c) }
            for _ in 0..<count { out.append(.bytes(Array(try c.take(typeLength)))) }
        }
        return out
    }

    private func short(_ count: Int, _ size: Int, _ c: ByteCursor) -> PageError {
        PageError("the page holds \(c.remaining) bytes of values, \(count) values of \(size) bytes need \(count * size)")
    }

    /// `count` DELTA_BINARY_PACKED integers.
    static func deltaBinaryPacked(_ c: inout ByteCursor, count: Int) throws -> [Int64] {
        let blockSize = Int(clamping: try c.varint())
        let miniblocks = Int(clamping: try c.varint())
        let total = Int(clamping: try c.varint())
        var last = try c.zigzag()
        guard blockSize > 0, blockSize % 128 == 0, blockSize <= 1 << 16, miniblocks > 0, blockSize % miniblocks == 0,
              (blockSize / miniblocks) % 32 == 0 else {
            throw PageError("a DELTA_BINARY_PACKED header is invalid (block \(blockSize), miniblocks \(miniblocks))")
        }
        // Writers store exactly the page's count; more than a block past it
        // is a damaged header (and zero-width blocks would let it run on).
        guard total >= count, total <= count + blockSize else {
            throw PageError("DELTA_BINARY_PACKED data holds \(total) values, the page needs \(count)")
        }
        let perMini = blockSize / miniblocks
        var out: [Int64] = []
        out.reserveCapacity(min(total, c.remaining * 8 + 8))
        if total > 0 { out.append(last) }
        var scratch: [UInt64] = []
        while out.count < total {
            let minDelta = try c.zigzag()
            let widths = try c.take(miniblocks).map(Int.init)
            for w in widths {
                if out.count >= total { break }
                scratch.removeAll(keepingCapacity: true)
                try c.unpack(perMini, width: w, into: &scratch)
                for d in scratch {
                    if out.count >= total { break }
                    last = last &+ minDelta &+ Int64(bitPattern: d)
                    out.append(last)
                }
            }
        }
        return out
    }

    /// `count` values in `encoding` (not a dictionary encoding).
    func decode(_ encoding: Encoding, _ c: inout ByteCursor, count: Int) throws -> [ParquetValue] {
        switch encoding {
        case .plain:
            return try plain(&c, count: count)
        case .rle where type == .boolean:
            // Booleans in RLE carry a 4-byte length, like v1 levels.
            return try RLEHybrid.decodePrefixed(&c, width: 1, count: count).map { .bool($0 != 0) }
        case .deltaBinaryPacked where type == .int32 || type == .int64:
            return try Self.deltaBinaryPacked(&c, count: count).prefix(count).map { .int($0) }
        case .deltaLengthByteArray where type == .byteArray:
            let lengths = try Self.deltaBinaryPacked(&c, count: count)
            var out: [ParquetValue] = []
            out.reserveCapacity(count)
            for n in lengths.prefix(count) {
                guard n >= 0 else { throw PageError("a negative byte array length") }
                out.append(byteArray(try c.take(Int(n))))
            }
            return out
        case .deltaByteArray where type == .byteArray || type == .fixedLenByteArray:
            let prefixes = try Self.deltaBinaryPacked(&c, count: count)
            let suffixLengths = try Self.deltaBinaryPacked(&c, count: count)
            var out: [ParquetValue] = []
            var previous: [UInt8] = []
            for i in 0..<count {
                let p = Int(prefixes[i]), n = Int(suffixLengths[i])
                guard p >= 0, p <= previous.count, n >= 0 else { throw PageError("a DELTA_BYTE_ARRAY prefix or suffix length is out of range") }
                let value = Array(previous[..<p]) + Array(try c.take(n))
                out.append(type == .byteArray ? byteArray(value[...]) : .bytes(value))
                previous = value
            }
            return out
        case .byteStreamSplit where type == .float || type == .double:
            let width = type == .float ? 4 : 8
            guard count * width <= c.remaining else { throw short(count, width, c) }
            let base = c.position
            var out: [ParquetValue] = []
            for i in 0..<count {
                var bits: UInt64 = 0
                for k in 0..<width { bits |= UInt64(c.bytes[base + k * count + i]) << (8 * UInt64(k)) }
                out.append(type == .float ? .double(Double(Float(bitPattern: UInt32(bits)))) : .double(Double(bitPattern: bits)))
            }
            c.position += count * width
            return out
        default:
            throw PageError("encoding \(encoding.name) is not supported for \(type) values")
        }
    }
}
