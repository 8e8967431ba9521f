import CZlib

/// Inflates the concatenated IDAT data straight into one caller-owned
/// buffer sized from the header, one IDAT chunk at a time, without copying
/// the compressed data together first.
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
    /// Whether the zlib stream has ended (its Adler-32 checked by zlib).
    private(set) var finished = false

    init(output: UnsafeMutablePointer<UInt8>, capacity: Int) throws {
        self.output = output
        self.capacity = capacity
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let status = sl_inflate_init(stream)
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
        guard let base = input.baseAddress, input.count > 0, !finished else { return }
        stream.pointee.next_in = UnsafeMutablePointer(mutating: base)
        stream.pointee.avail_in = uInt(input.count)
        while stream.pointee.avail_in > 0 && !finished {
            let room = capacity - produced
            let target: UnsafeMutablePointer<UInt8>
            let space: Int
            if room > 0 {
                target = output + produced
                space = min(room, Int(UInt32.max))
            } else {
                // More data than the header promises: run it through a
                // scratch buffer so zlib still verifies the stream, then drop it.
                if discard == nil { discard = .allocate(capacity: 4096) }
                target = discard ?? output
                space = 4096
            }
            stream.pointee.next_out = target
            stream.pointee.avail_out = uInt(space)
            let inBefore = stream.pointee.avail_in
            let status = inflate(stream, Z_NO_FLUSH)
            let made = space - Int(stream.pointee.avail_out)
            if room > 0 {
                produced += made
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
                finished = true
            case Z_OK, Z_BUF_ERROR:
                if made == 0 && stream.pointee.avail_in == inBefore { return }
            case Z_NEED_DICT:
                throw ImageError(.corrupt, "PNG image data: zlib stream asks for a preset dictionary, which PNG does not allow")
            case Z_MEM_ERROR:
                throw ImageError(.io, "PNG image data: zlib ran out of memory")
            default:
                let why = stream.pointee.msg.map { String(cString: $0) } ?? "status \(status)"
                throw ImageError(.corrupt, "PNG image data: corrupt zlib data (\(why))")
            }
        }
    }
}
