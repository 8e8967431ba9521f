/// The non-null values of one column chunk, in order. PLAIN byte arrays
/// (embedded images, long texts) stay where the decompressed page holds
/// them, as offsets into it: a value becomes a `ParquetValue` only when its
/// row is asked for, so a row group of images is in memory once (its pages),
/// not twice (pages and a copy of every value).
struct ChunkValues {
    private enum Segment {
        case values([ParquetValue])
        /// Value k is `page[starts[k] ..< starts[k] + lengths[k]]`.
        case byteArrays(page: [UInt8], starts: [Int], lengths: [Int32], asString: Bool)
        /// A large page decoded as far as asked for.
        case lazy(LazyByteArrays)

        var count: Int {
            switch self {
            case .values(let v): v.count
            case .byteArrays(_, let starts, _, _): starts.count
            case .lazy(let page): page.count
            }
        }
    }

    private var segments: [Segment] = []
    /// The index of each segment's first value.
    private var firsts: [Int] = []
    private(set) var count = 0

    init() {}

    func indices(contains i: Int) -> Bool { i >= 0 && i < count }

    /// Value `i` (0 ≤ i < count); throws only for a lazily read page found broken.
    func value(_ i: Int) throws -> ParquetValue {
        var lo = 0, hi = segments.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if firsts[mid] <= i { lo = mid } else { hi = mid - 1 }
        }
        let k = i - firsts[lo]
        switch segments[lo] {
        case .values(let v): return v[k]
        case .byteArrays(let page, let starts, let lengths, let asString):
            let bytes = page[starts[k]..<(starts[k] + Int(lengths[k]))]
            return asString ? .string(String(decoding: bytes, as: UTF8.self)) : .bytes(Array(bytes))
        case .lazy(let page): return try page.value(k)
        }
    }

    mutating func reserveCapacity(_ n: Int) {
        if case .values(var v)? = segments.last {
            segments[segments.count - 1] = .values([])
            v.reserveCapacity(v.count + n)
            segments[segments.count - 1] = .values(v)
        }
    }

    mutating func append(_ value: ParquetValue) { append(contentsOf: [value]) }

    mutating func append(contentsOf values: [ParquetValue]) {
        guard !values.isEmpty else { return }
        if case .values(var v)? = segments.last {
            // Take the array out first so appending does not copy it.
            segments[segments.count - 1] = .values([])
            v.append(contentsOf: values)
            segments[segments.count - 1] = .values(v)
        } else {
            firsts.append(count)
            segments.append(.values(values))
        }
        count += values.count
    }

    /// The values of a page read lazily.
    mutating func append(lazy page: LazyByteArrays) {
        guard page.count > 0 else { return }
        firsts.append(count)
        segments.append(.lazy(page))
        count += page.count
    }

    /// `count` PLAIN byte arrays read from `c` (each a 4-byte length and its
    /// bytes), kept as places in `c`'s bytes.
    mutating func appendPlainByteArrays(_ c: inout ByteCursor, count n: Int, asString: Bool) throws {
        guard n > 0 else { return }
        var starts: [Int] = [], lengths: [Int32] = []
        starts.reserveCapacity(min(n, c.remaining / 4 + 1))
        lengths.reserveCapacity(min(n, c.remaining / 4 + 1))
        for _ in 0..<n {
            let length = Int(try c.littleEndian(4))
            guard length <= c.remaining else { throw PageError("a value of \(length) bytes runs past the end of the page") }
            starts.append(c.position); lengths.append(Int32(length))
            c.position += length
        }
        firsts.append(count)
        segments.append(.byteArrays(page: c.bytes, starts: starts, lengths: lengths, asString: asString))
        count += n
    }
}
