#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Snappy's raw format, decoded here rather than by libsnappy so that the
/// compressed bytes need not be in memory at once: they are read as the
/// decoding goes, a small buffer at a time, and long literal runs (all an
/// embedded JPEG is, to snappy) are read straight into their place in the
/// output. A page of embedded images is then held once, decompressed, not
/// twice. The format: a varint of the decompressed length, then elements,
/// each a tag byte whose low two bits say literal (length in the tag or in 1
/// to 4 bytes after it) or copy (length and a 1, 2 or 4 byte offset back
/// into the output).
enum Snappy {
    /// Where the compressed bytes come from: `read(offset, destination)`
    /// fills `destination` with the bytes at `offset` of the compressed data.
    typealias Reader = (Int, UnsafeMutableRawBufferPointer) throws -> Void

    /// The `count` compressed bytes `read` gives, decoded into exactly `size` bytes.
    static func decode(count: Int, size: Int, read: Reader) throws -> [UInt8] {
        guard size >= 0, count >= 0 else { throw PageError("the page header gives a negative size") }
        var failure: Error?
        let out = [UInt8](unsafeUninitializedCapacity: max(size, 1)) { buffer, initialized in
            initialized = 0
            do {
                try withoutActuallyEscaping(read) { read in
                    let decoder = try SnappyDecoder(count: count, size: size, read: read)
                    if let o = buffer.baseAddress { try decoder.decode(into: o, upTo: size) }
                    try decoder.finish()
                }
                initialized = size
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        return out
    }

    /// The same from bytes in memory.
    static func decode(_ input: ArraySlice<UInt8>, size: Int) throws -> [UInt8] {
        try input.withUnsafeBytes { src in
            try decode(count: src.count, size: size) { offset, destination in
                guard let base = src.baseAddress, let d = destination.baseAddress, !destination.isEmpty else { return }
                memcpy(d, base + offset, destination.count)
            }
        }
    }

}

/// A snappy stream decoded a part at a time: `decode(into:upTo:)` goes on
/// from where the last call stopped, so a page of embedded images can be
/// decoded only as far as the rows asked for so far.
final class SnappyDecoder {
    private static let corrupt = "the snappy data is corrupt"
    private let count: Int
    private let read: Snappy.Reader
    /// The decompressed length, from the stream's start (checked against the page header).
    let size: Int
    /// Bytes of output decoded so far.
    private(set) var written = 0
    private let capacity = 64 * 1024
    private let buf: UnsafeMutablePointer<UInt8>
    private var consumed = 0            // compressed bytes read into the buffer (or straight to the output)
    private var p = 0, end = 0          // the unread part of the buffer

    /// Reads the stream's length; throws when it is not `size`.
    init(count: Int, size: Int, read: @escaping Snappy.Reader) throws {
        guard size >= 0, count >= 0 else { throw PageError("the page header gives a negative size") }
        self.count = count; self.size = size; self.read = read
        buf = .allocate(capacity: capacity)
        let have = try fill(5)
        var length = 0, shift = 0, k = 0
        while true {
            guard k < have, shift <= 28 else { throw PageError(Self.corrupt) }
            let b = Int(buf[p + k]); k += 1
            length |= (b & 0x7F) << shift
            if b & 0x80 == 0 { break }
            shift += 7
        }
        p += k
        guard length == size else {
            throw PageError("the snappy data is corrupt or does not hold the \(size) bytes the header says")
        }
    }

    deinit { buf.deallocate() }

    /// At least `n` (at most 5) unread bytes in the buffer, fewer only at the end of the data.
    private func fill(_ n: Int) throws -> Int {
        if end - p >= n { return end - p }
        let kept = end - p
        if kept > 0 { memmove(buf, buf + p, kept) }
        p = 0; end = kept
        let more = min(capacity - kept, count - consumed)
        if more > 0 {
            try read(consumed, UnsafeMutableRawBufferPointer(start: buf + kept, count: more))
            consumed += more; end += more
        }
        return end - p
    }

    /// Decodes into `o` (which holds `size` bytes, the first `written` of
    /// them decoded already) until at least `target` bytes are.
    func decode(into o: UnsafeMutablePointer<UInt8>, upTo target: Int) throws {
        let size = self.size, corrupt = Self.corrupt
        while written < min(target, size) {
            guard try fill(1) >= 1 else { throw PageError("\(corrupt): it ends after \(written) of \(size) bytes") }
            let tag = Int(buf[p])
            if tag & 3 == 0 {
                var n = tag >> 2
                if n < 60 {
                    p += 1
                } else {
                    let extra = n - 59
                    guard try fill(1 + extra) >= 1 + extra else { throw PageError(corrupt) }
                    n = 0
                    for i in 0..<extra { n |= Int(buf[p + 1 + i]) << (8 * i) }
                    p += 1 + extra
                }
                n += 1
                guard n <= size - written else { throw PageError("\(corrupt): a literal runs past the \(size) bytes") }
                let buffered = min(n, end - p)
                if buffered > 0 { memcpy(o + written, buf + p, buffered); p += buffered }
                let rest = n - buffered
                if rest > 0 {
                    // The buffer is used up: the rest of the literal goes straight into place.
                    guard rest <= count - consumed else { throw PageError("\(corrupt): it ends in the middle of a literal") }
                    try read(consumed, UnsafeMutableRawBufferPointer(start: o + written + buffered, count: rest))
                    consumed += rest
                }
                written += n
            } else {
                let need = tag & 3 == 1 ? 2 : tag & 3 == 2 ? 3 : 5
                guard try fill(need) >= need else { throw PageError("\(corrupt): it ends in the middle of a copy") }
                let n: Int, offset: Int
                switch tag & 3 {
                case 1:
                    n = 4 + ((tag >> 2) & 7)
                    offset = (tag >> 5) << 8 | Int(buf[p + 1])
                case 2:
                    n = (tag >> 2) + 1
                    offset = Int(buf[p + 1]) | Int(buf[p + 2]) << 8
                default:
                    n = (tag >> 2) + 1
                    offset = Int(buf[p + 1]) | Int(buf[p + 2]) << 8 | Int(buf[p + 3]) << 16 | Int(buf[p + 4]) << 24
                }
                p += need
                guard offset > 0, offset <= written, n <= size - written else {
                    throw PageError("\(corrupt): a copy reaches outside the data")
                }
                let to = o + written, from = o + written - offset
                if offset >= n {
                    memcpy(to, from, n)
                } else {
                    // Overlapping: the copy repeats the last `offset` bytes.
                    for i in 0..<n { to[i] = from[i] }
                }
                written += n
            }
        }
    }

    /// After the whole output: throws when compressed bytes are left over.
    func finish() throws {
        guard written == size, p == end, consumed == count else { throw PageError("\(Self.corrupt): bytes follow the end of the data") }
    }
}
