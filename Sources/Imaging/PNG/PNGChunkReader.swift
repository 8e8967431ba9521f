import CLibDeflate

/// Walks the chunks of a PNG file after the signature, checking each chunk's
/// length against the file and its CRC-32 before handing it out.
struct PNGChunkReader {
    let data: UnsafeBufferPointer<UInt8>
    private(set) var offset = 8

    init(_ data: UnsafeBufferPointer<UInt8>) { self.data = data }

    /// The next chunk, or nil when the file ends exactly at a chunk boundary.
    mutating func next() throws -> PNGChunk? {
        let remaining = data.count - offset
        if remaining == 0 { return nil }
        guard remaining >= 8 else {
            throw ImageError(.truncated, "PNG file is truncated: \(remaining) stray bytes at offset \(offset) where a chunk header should be")
        }
        let length = Int(readUInt32(at: offset))
        let type = readUInt32(at: offset + 4)
        let chunk = PNGChunk(type: type, dataStart: offset + 8, length: length)
        guard length <= 0x7FFF_FFFF else {
            throw ImageError(.corrupt, "PNG chunk \(chunk.name) at offset \(offset): length \(length) exceeds 2^31-1")
        }
        for shift in [24, 16, 8, 0] {
            let b = UInt8((type >> UInt32(shift)) & 0xFF) | 0x20
            guard b >= 0x61 && b <= 0x7A else {
                throw ImageError(.corrupt, "PNG chunk at offset \(offset) has an invalid type '\(chunk.name)' (chunk types are four letters)")
            }
        }
        guard remaining - 12 >= length else {
            throw ImageError(.truncated, "PNG chunk \(chunk.name) at offset \(offset) is truncated: it declares \(length) data bytes plus a CRC but only \(max(0, remaining - 8)) bytes remain")
        }
        let stored = readUInt32(at: offset + 8 + length)
        let base = data.baseAddress.map { $0 + offset + 4 }
        // libdeflate's CRC-32 (carry-less multiply where the CPU has it) is
        // the same function as zlib's, several times faster.
        let computed = base.map { libdeflate_crc32(0, $0, length + 4) } ?? 0
        guard stored == computed else {
            throw ImageError(.checksum, "PNG chunk \(chunk.name): CRC mismatch (stored 0x\(hex(stored, digits: 8)), computed 0x\(hex(computed, digits: 8)))")
        }
        offset += 12 + length
        return chunk
    }

    /// A big-endian 32-bit value; the caller has checked the bounds.
    func readUInt32(at i: Int) -> UInt32 {
        UInt32(data[i]) << 24 | UInt32(data[i + 1]) << 16 | UInt32(data[i + 2]) << 8 | UInt32(data[i + 3])
    }

    /// The data bytes of `chunk`.
    func bytes(of chunk: PNGChunk) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: data[chunk.dataStart ..< chunk.dataStart + chunk.length])
    }
}
