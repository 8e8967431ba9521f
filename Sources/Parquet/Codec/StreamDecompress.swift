import CZstd
import CZlib

/// Whole compressed files of unknown decompressed size (`.jsonl.gz`,
/// `.jsonl.zst`), for the dataset layer; page bodies use `Decompress`.
public enum StreamDecompress {
    /// Why a compressed file could not be read.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// The bytes of a gzip (or zlib) stream, several gzip members included;
    /// at most `limit` bytes of output.
    public static func gunzip(_ input: [UInt8], limit: Int) throws -> [UInt8] {
        var out: [UInt8] = []
        var offset = 0
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        // `cat a.gz b.gz` is a valid .gz file: inflate member after member.
        while offset < input.count {
            var stream = z_stream()
            guard sl_inflate_init_auto(&stream) == Z_OK else { throw Failure(description: "zlib could not start") }
            defer { inflateEnd(&stream) }
            var status: Int32 = Z_OK
            try input.withUnsafeBytes { src in
                stream.next_in = UnsafeMutablePointer(mutating: src.baseAddress?.advanced(by: offset).assumingMemoryBound(to: Bytef.self))
                stream.avail_in = uInt(src.count - offset)
                repeat {
                    let produced = chunk.withUnsafeMutableBytes { dst -> Int in
                        stream.next_out = dst.baseAddress?.assumingMemoryBound(to: Bytef.self)
                        stream.avail_out = uInt(dst.count)
                        status = inflate(&stream, Z_NO_FLUSH)
                        return dst.count - Int(stream.avail_out)
                    }
                    guard status == Z_OK || status == Z_STREAM_END else {
                        throw Failure(description: "the gzip data is corrupt at byte \(offset + Int(stream.total_in)) (\(stream.msg.map { String(cString: $0) } ?? "zlib status \(status)"))")
                    }
                    out.append(contentsOf: chunk[..<produced])
                    guard out.count <= limit else { throw Failure(description: "it holds more than \(limit) bytes uncompressed") }
                    if status == Z_OK && produced == 0 && stream.avail_in == 0 {
                        throw Failure(description: "the gzip data is cut short after \(out.count) bytes")
                    }
                } while status != Z_STREAM_END
            }
            offset += Int(stream.total_in)
            // Trailing zero padding after the last member is tolerated, as gzip does.
            if input[offset...].allSatisfy({ $0 == 0 }) { break }
        }
        return out
    }

    /// The bytes of a zstd stream (one or more frames); at most `limit` bytes.
    public static func unzstd(_ input: [UInt8], limit: Int) throws -> [UInt8] {
        guard let ctx = ZSTD_createDCtx() else { throw Failure(description: "zstd could not start") }
        defer { ZSTD_freeDCtx(ctx) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: ZSTD_DStreamOutSize())
        var lastResult = 0
        try input.withUnsafeBytes { src in
            var inBuf = ZSTD_inBuffer(src: src.baseAddress, size: src.count, pos: 0)
            while inBuf.pos < inBuf.size {
                let produced = try chunk.withUnsafeMutableBytes { dst -> Int in
                    var outBuf = ZSTD_outBuffer(dst: dst.baseAddress, size: dst.count, pos: 0)
                    let r = ZSTD_decompressStream(ctx, &outBuf, &inBuf)
                    if ZSTD_isError(r) != 0 {
                        throw Failure(description: "the zstd data is corrupt at byte \(inBuf.pos) (\(String(cString: ZSTD_getErrorName(r))))")
                    }
                    lastResult = r
                    return outBuf.pos
                }
                out.append(contentsOf: chunk[..<produced])
                guard out.count <= limit else { throw Failure(description: "it holds more than \(limit) bytes uncompressed") }
            }
            // Flush what the decoder still holds for a frame that has all its input.
            while lastResult != 0 {
                let produced = try chunk.withUnsafeMutableBytes { dst -> Int in
                    var outBuf = ZSTD_outBuffer(dst: dst.baseAddress, size: dst.count, pos: 0)
                    let r = ZSTD_decompressStream(ctx, &outBuf, &inBuf)
                    if ZSTD_isError(r) != 0 { throw Failure(description: "the zstd data is corrupt (\(String(cString: ZSTD_getErrorName(r))))") }
                    lastResult = r
                    return outBuf.pos
                }
                if produced == 0 && lastResult != 0 { throw Failure(description: "the zstd data is cut short after \(out.count) bytes") }
                out.append(contentsOf: chunk[..<produced])
                guard out.count <= limit else { throw Failure(description: "it holds more than \(limit) bytes uncompressed") }
            }
        }
        return out
    }
}
