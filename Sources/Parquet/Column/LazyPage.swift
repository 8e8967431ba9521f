import Foundation

/// A large data page of PLAIN byte arrays (a row group's embedded images),
/// decoded only as far as the rows asked for so far: the first row of a
/// file reads its first image, not the row group's hundred. Its levels are
/// read when the chunk is; each value when a row needs it (or a later one).
/// A problem found further on is thrown then, named as the page's problems
/// always are (column, row group, page), and again for every later value.
final class LazyByteArrays: @unchecked Sendable {
    /// Where the page is, for errors.
    struct Place { var file: String, column: String, rowGroup: Int, page: Int }

    private let lock = NSLock()
    private let stream: PageStream
    private let place: Place
    private let asString: Bool
    /// Values in the page.
    let count: Int
    /// Where each value scanned so far starts in the page, and its length.
    private var starts: [Int] = [], lengths: [Int] = []
    /// Where the next value's length is.
    private var next: Int
    private var failure: ParquetError?

    init(stream: PageStream, valuesAt start: Int, count: Int, asString: Bool, place: Place) {
        self.stream = stream; self.next = start; self.count = count; self.asString = asString; self.place = place
    }

    /// Value `k` (0 ≤ k < count).
    func value(_ k: Int) throws -> ParquetValue {
        try lock.withLock {
            if let failure { throw failure }
            do {
                while starts.count <= k {
                    try stream.advance(to: next + 4)
                    guard next + 4 <= stream.size else { throw PageError("the page ends in the middle of a value") }
                    let length = stream.littleEndian32(at: next)
                    guard length <= stream.size - next - 4 else {
                        throw PageError("a value of \(length) bytes runs past the end of the page")
                    }
                    starts.append(next + 4); lengths.append(length)
                    next += 4 + length
                    // The last value: the rest of the page must decode too.
                    if starts.count == count { try stream.finish() }
                }
                let range = starts[k]..<(starts[k] + lengths[k])
                try stream.advance(to: range.upperBound)
                return stream.value(range, asString: asString)
            } catch let e as PageError {
                failure = ParquetError(file: place.file, column: place.column, rowGroup: place.rowGroup, page: place.page, message: e.message)
            } catch var e as ParquetError {
                e.column = place.column; e.rowGroup = place.rowGroup; e.page = place.page
                failure = e
            }
            throw failure ?? ParquetError(file: place.file, message: "unreadable")
        }
    }
}

/// The decompressed bytes of one page, made as far as asked for: a snappy
/// body decoded on, an uncompressed one read on. The buffer is taken whole
/// at once but untouched pages of it cost no memory.
final class PageStream {
    let size: Int
    private let output: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    private var ready = 0
    private let snappy: SnappyDecoder?
    private let source: ChunkBytes
    private let body: Range<Int>

    /// Throws when the codec is neither snappy nor none, or the body's size is wrong.
    init(source: ChunkBytes, body: Range<Int>, codec: Codec, size: Int) throws {
        guard size >= 0 else { throw PageError("the page header gives a negative size") }
        guard body.upperBound <= source.count else { throw PageError("a page runs past the end of the column chunk") }
        self.size = size; self.source = source; self.body = body
        switch codec {
        case .snappy:
            snappy = try SnappyDecoder(count: body.count, size: size) { offset, destination in
                try source.read(body.lowerBound + offset, destination)
            }
        case .uncompressed:
            guard body.count == size else { throw PageError("an uncompressed page holds \(body.count) bytes, its header says \(size)") }
            snappy = nil
        default:
            throw PageError("compression \(codec.name) is read whole")
        }
        (output, capacity) = PageBuffers.shared.take(size)
    }

    deinit { PageBuffers.shared.give(output, capacity) }

    /// Makes at least the first `n` bytes (at most all of them).
    func advance(to n: Int) throws {
        let target = min(n, size)
        guard target > ready else { return }
        if let snappy {
            try snappy.decode(into: output, upTo: target)
            ready = snappy.written
        } else {
            try source.read(body.lowerBound + ready, UnsafeMutableRawBufferPointer(start: output + ready, count: target - ready))
            ready = target
        }
    }

    /// Makes every byte, and checks the body ends there.
    func finish() throws {
        try advance(to: size)
        try snappy?.finish()
    }

    /// Bytes already made.
    func bytes(_ range: Range<Int>) -> [UInt8] {
        Array(UnsafeBufferPointer(start: output + range.lowerBound, count: range.count))
    }

    func value(_ range: Range<Int>, asString: Bool) -> ParquetValue {
        let b = UnsafeBufferPointer(start: output + range.lowerBound, count: range.count)
        return asString ? .string(String(decoding: b, as: UTF8.self)) : .bytes(Array(b))
    }

    /// The 4-byte little-endian number at `at` (already made).
    func littleEndian32(at: Int) -> Int {
        Int(output[at]) | Int(output[at + 1]) << 8 | Int(output[at + 2]) << 16 | Int(output[at + 3]) << 24
    }
}

/// Buffers of pages that are gone, kept for the next ones: reading a file
/// of embedded images row group after row group (validate) otherwise maps
/// fresh memory for every page and faults in every 4 KB of it (half a
/// million page faults for 2 GB). At most two are kept, as many as the
/// row groups the reader's cache holds on two cores.
final class PageBuffers: @unchecked Sendable {
    static let shared = PageBuffers()
    private let lock = NSLock()
    private var free: [(UnsafeMutablePointer<UInt8>, Int)] = []
    private let keep = 2

    /// A buffer of at least `size` bytes, and its capacity (rounded up to
    /// a MiB, so pages of nearly the same size reuse each other's buffer).
    func take(_ size: Int) -> (UnsafeMutablePointer<UInt8>, Int) {
        let found: (UnsafeMutablePointer<UInt8>, Int)? = lock.withLock {
            guard let k = free.indices.filter({ free[$0].1 >= size }).min(by: { free[$0].1 < free[$1].1 }) else { return nil }
            return free.remove(at: k)
        }
        if let found { return found }
        let capacity = max(1, (size + (1 << 20) - 1) & ~((1 << 20) - 1))
        return (.allocate(capacity: capacity), capacity)
    }

    func give(_ p: UnsafeMutablePointer<UInt8>, _ capacity: Int) {
        let dropped: (UnsafeMutablePointer<UInt8>, Int)? = lock.withLock {
            free.append((p, capacity))
            guard free.count > keep, let k = free.indices.min(by: { free[$0].1 < free[$1].1 }) else { return nil }
            return free.remove(at: k)
        }
        dropped?.0.deallocate()
    }
}
