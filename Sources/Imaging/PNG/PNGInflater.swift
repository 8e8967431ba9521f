import CZlib

/// Inflates the concatenated IDAT data straight into one caller-owned
/// buffer sized from the header, one IDAT chunk at a time, without copying
/// the compressed data together first.
///
/// zlib inflates the raw deflate data; the two-byte zlib header and the
/// Adler-32 trailer around it are read here (they may be split across IDAT
/// chunks), and the checksum is computed by `Adler32`, several times faster
/// than zlib's. Errors read as zlib's own would.
final class PNGInflater {
    // zlib checks that the stream it is handed is the one it was initialised
    // with, so the z_stream lives at a fixed heap address.
    private let stream: UnsafeMutablePointer<z_stream>
    private let output: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    private var discard: UnsafeMutablePointer<UInt8>?
    /// Bytes written into the output so far.
    private(set) var produced = 0
    /// Bytes decompressed past what the header needs, checked and dropped.
    private var extra = 0
    /// The zlib header bytes read so far (two are needed).
    private var header: [UInt8] = []
    /// Whether the deflate data has ended (the trailer comes next).
    private var deflateEnded = false
    /// The Adler-32 trailer, big-endian, and how many of its bytes were read.
    private var trailer: UInt32 = 0
    private var trailerBytes = 0
    private var checksum = Adler32()
    /// Whether the zlib stream has ended and its Adler-32 matched.
    private(set) var finished = false
    /// Told the count of complete output bytes after each zlib call. zlib is
    /// handed at most `slice` bytes of room a call, so a consumer hears of
    /// progress at that pace however the data is split into chunks.
    var progress: ((Int) -> Void)?
    static let slice = 256 << 10

    init(output: UnsafeMutablePointer<UInt8>, capacity: Int) throws {
        self.output = output
        self.capacity = capacity
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let status = sl_inflate_init_raw(stream)
        guard status == Z_OK else {
            stream.deallocate()
            throw ImageError(.io, "zlib could not start inflating (status \(status))")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
        discard?.deallocate()
    }

    /// Feeds one IDAT chunk's data.
    func feed(_ input: UnsafeBufferPointer<UInt8>) throws {
        guard let base = input.baseAddress, !finished else { return }
        var at = 0
        while header.count < 2 && at < input.count {
            header.append(base[at])
            at += 1
            if header.count == 2 { try checkHeader() }
        }
        if !deflateEnded && at < input.count {
            at = input.count - (try inflate(base + at, input.count - at))
        }
        while deflateEnded && !finished && at < input.count {
            trailer = trailer << 8 | UInt32(base[at])
            trailerBytes += 1
            at += 1
            if trailerBytes == 4 {
                guard trailer == checksum.value else { throw Self.corrupt("incorrect data check") }
                finished = true
            }
        }
    }

    /// The checks zlib makes of the two header bytes (RFC 1950).
    private func checkHeader() throws {
        let cmf = header[0], flg = header[1]
        guard (UInt16(cmf) << 8 | UInt16(flg)) % 31 == 0 else { throw Self.corrupt("incorrect header check") }
        guard cmf & 0x0F == 8 else { throw Self.corrupt("unknown compression method") }
        guard cmf >> 4 <= 7 else { throw Self.corrupt("invalid window size") }
        guard flg & 0x20 == 0 else {
            throw ImageError(.corrupt, "PNG image data: zlib stream asks for a preset dictionary, which PNG does not allow")
        }
    }

    private static func corrupt(_ why: String) -> ImageError {
        ImageError(.corrupt, "PNG image data: corrupt zlib data (\(why))")
    }

    /// Runs raw inflate over `count` bytes at `input`; returns how many are
    /// left over after the deflate data ended (the start of the trailer).
    private func inflate(_ input: UnsafePointer<UInt8>, _ count: Int) throws -> Int {
        stream.pointee.next_in = UnsafeMutablePointer(mutating: input)
        stream.pointee.avail_in = uInt(count)
        while stream.pointee.avail_in > 0 && !deflateEnded {
            let room = capacity - produced
            let target: UnsafeMutablePointer<UInt8>
            let space: Int
            if room > 0 {
                target = output + produced
                space = min(room, Self.slice)
            } else {
                // More data than the header promises: run it through a
                // scratch buffer so the stream is still checked, then drop it.
                if discard == nil { discard = .allocate(capacity: 4096) }
                target = discard ?? output
                space = 4096
            }
            stream.pointee.next_out = target
            stream.pointee.avail_out = uInt(space)
            let inBefore = stream.pointee.avail_in
            let status = CZlib.inflate(stream, Z_NO_FLUSH)
            let made = space - Int(stream.pointee.avail_out)
            checksum.update(target, count: made)
            if room > 0 {
                produced += made
                if made > 0 { progress?(produced) }
            } else {
                extra += made
                // A little surplus is tolerated (as libpng does); a flood of
                // it is a decompression bomb, not an image.
                guard extra <= 1 << 20 else {
                    throw ImageError(.corrupt, "PNG image data inflates to more than 1 MiB beyond the \(capacity) bytes the header needs")
                }
            }
            switch status {
            case Z_STREAM_END:
                deflateEnded = true
            case Z_OK, Z_BUF_ERROR:
                if made == 0 && stream.pointee.avail_in == inBefore { return Int(stream.pointee.avail_in) }
            case Z_MEM_ERROR:
                throw ImageError(.io, "PNG image data: zlib ran out of memory")
            default:
                let why = stream.pointee.msg.map { String(cString: $0) } ?? "status \(status)"
                throw Self.corrupt(why)
            }
        }
        return Int(stream.pointee.avail_in)
    }
}
