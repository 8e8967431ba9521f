import CZstd
import CZlib

/// Decompresses page bodies held in memory: zstd and gzip through their
/// system libraries, snappy by `Snappy` (which can also read as it goes);
/// the expected size comes from the page header and is checked.
enum Decompress {
    /// `input` decompressed with `codec` into exactly `size` bytes.
    static func run(_ codec: Codec, _ input: ArraySlice<UInt8>, size: Int) throws -> [UInt8] {
        guard size >= 0 else { throw PageError("the page header gives a negative size") }
        switch codec {
        case .uncompressed:
            guard input.count == size else { throw PageError("an uncompressed page holds \(input.count) bytes, its header says \(size)") }
            return Array(input)
        case .snappy: return try Snappy.decode(input, size: size)
        case .zstd: return try zstd(input, size: size)
        case .gzip: return try gzip(input, size: size)
        case .lzo, .brotli, .lz4, .lz4Raw:
            throw PageError("compression \(codec.name) is not supported (SNAPPY, ZSTD, GZIP and none are)")
        }
    }

    private static func zstd(_ input: ArraySlice<UInt8>, size: Int) throws -> [UInt8] {
        try input.withUnsafeBytes { src -> [UInt8] in
            var result = 0
            let out = [UInt8](unsafeUninitializedCapacity: max(size, 1)) { buf, initialized in
                result = ZSTD_decompress(buf.baseAddress, max(size, 1), src.baseAddress, src.count)
                initialized = ZSTD_isError(result) != 0 ? 0 : min(result, max(size, 1))
            }
            if ZSTD_isError(result) != 0 {
                throw PageError("the zstd data is corrupt (\(String(cString: ZSTD_getErrorName(result))))")
            }
            guard result == size else { throw PageError("the zstd data holds \(result) bytes, the header says \(size)") }
            return Array(out.prefix(size))
        }
    }

    /// Gzip (or zlib) data, header detected by zlib; Parquet's GZIP pages are gzip members.
    static func gzip(_ input: ArraySlice<UInt8>, size: Int) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: size)
        var stream = z_stream()
        guard sl_inflate_init_auto(&stream) == Z_OK else { throw PageError("zlib could not start") }
        defer { inflateEnd(&stream) }
        var status: Int32 = Z_OK
        var produced = 0
        input.withUnsafeBytes { src in
            out.withUnsafeMutableBytes { dst in
                stream.next_in = UnsafeMutablePointer(mutating: src.baseAddress?.assumingMemoryBound(to: Bytef.self))
                stream.avail_in = uInt(src.count)
                stream.next_out = dst.baseAddress?.assumingMemoryBound(to: Bytef.self)
                stream.avail_out = uInt(dst.count)
                status = inflate(&stream, Z_FINISH)
                produced = dst.count - Int(stream.avail_out)
            }
        }
        guard status == Z_STREAM_END else {
            if status == Z_BUF_ERROR && produced == size { throw PageError("the gzip data holds more than the \(size) bytes the header says") }
            throw PageError("the gzip data is corrupt or cut short")
        }
        guard produced == size else { throw PageError("the gzip data holds \(produced) bytes, the header says \(size)") }
        return out
    }
}
