/// Reads Thrift's compact protocol, the encoding of Parquet's footer and page
/// headers: only what Parquet uses, with unknown fields skipped so files from
/// newer writers still open.
struct CompactReader {
    /// Compact-protocol type codes.
    enum TType: UInt8 {
        case stop = 0, boolTrue = 1, boolFalse = 2, byte = 3, i16 = 4, i32 = 5, i64 = 6
        case double = 7, binary = 8, list = 9, set = 10, map = 11, structure = 12
    }

    private let bytes: [UInt8]
    private(set) var position: Int
    private let end: Int
    /// Nesting guard: a corrupt header must not recurse without bound.
    private var depth = 0

    /// A reader over `bytes[start..<end]`.
    init(_ bytes: [UInt8], start: Int = 0, end: Int? = nil) {
        self.bytes = bytes; self.position = start; self.end = min(end ?? bytes.count, bytes.count)
    }

    private func failure(_ what: String) -> ThriftError { ThriftError(offset: position, message: what) }

    mutating func readByte() throws -> UInt8 {
        guard position < end else { throw failure("ends in the middle of a value") }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func readVarint() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try readByte()
            result |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { return result }
            shift += 7
            if shift > 63 { throw failure("an integer is longer than 10 bytes") }
        }
    }

    mutating func readZigzag() throws -> Int64 {
        let v = try readVarint()
        return Int64(bitPattern: (v >> 1) ^ (0 &- (v & 1)))
    }

    mutating func readI32() throws -> Int32 {
        let v = try readZigzag()
        guard let r = Int32(exactly: v) else { throw failure("a 32-bit integer is out of range") }
        return r
    }

    mutating func readI64() throws -> Int64 { try readZigzag() }

    mutating func readDouble() throws -> Double {
        var bits: UInt64 = 0
        for i in 0..<8 { bits |= UInt64(try readByte()) << (8 * UInt64(i)) }
        return Double(bitPattern: bits)
    }

    mutating func readBinary() throws -> ArraySlice<UInt8> {
        let n = try readVarint()
        guard n <= UInt64(end - position) else { throw failure("a string of \(n) bytes runs past the end") }
        let start = position
        position += Int(n)
        return bytes[start..<position]
    }

    mutating func readString() throws -> String { String(decoding: try readBinary(), as: UTF8.self) }

    /// A list header: element type and count.
    mutating func readListHeader() throws -> (TType, Int) {
        let b = try readByte()
        guard let t = TType(rawValue: b & 0x0F) else { throw failure("unknown list element type \(b & 0x0F)") }
        var n = Int(b >> 4)
        if n == 15 {
            let v = try readVarint()
            guard v <= UInt64(end - position) else { throw failure("a list of \(v) elements runs past the end") }
            n = Int(v)
        }
        return (t, n)
    }

    /// Reads a struct: calls `field` with each field id and type; the callee
    /// reads the value or returns false to have it skipped.
    mutating func readStruct(_ field: (inout CompactReader, Int16, TType) throws -> Bool) throws {
        depth += 1
        defer { depth -= 1 }
        guard depth < 64 else { throw failure("structures are nested too deeply") }
        var last: Int16 = 0
        while true {
            let header = try readByte()
            guard let type = TType(rawValue: header & 0x0F) else { throw failure("unknown field type \(header & 0x0F)") }
            if type == .stop { return }
            let delta = Int16(header >> 4)
            let id: Int16
            if delta != 0 {
                id = last &+ delta
            } else {
                let v = try readZigzag()
                guard let i = Int16(exactly: v) else { throw failure("a field id is out of range") }
                id = i
            }
            last = id
            if try !field(&self, id, type) { try skip(type) }
        }
    }

    /// A bool field's value lives in its type code.
    static func bool(_ type: TType) -> Bool { type == .boolTrue }

    /// Reads a list of elements with `element`.
    mutating func readList<T>(_ element: (inout CompactReader, TType) throws -> T) throws -> [T] {
        let (t, n) = try readListHeader()
        var out: [T] = []
        out.reserveCapacity(min(n, 1 << 16))
        for _ in 0..<n { out.append(try element(&self, t)) }
        return out
    }

    /// Skips a value of `type`.
    mutating func skip(_ type: TType) throws {
        switch type {
        case .stop: return
        case .boolTrue, .boolFalse: return
        case .byte: _ = try readByte()
        case .i16, .i32, .i64: _ = try readVarint()
        case .double: for _ in 0..<8 { _ = try readByte() }
        case .binary: _ = try readBinary()
        case .list, .set:
            let (t, n) = try readListHeader()
            for _ in 0..<n {
                if t == .boolTrue || t == .boolFalse { _ = try readByte() } else { try skip(t) }
            }
        case .map:
            let n = try readVarint()
            if n == 0 { return }
            guard n <= UInt64(end - position) else { throw failure("a map of \(n) entries runs past the end") }
            let kv = try readByte()
            guard let k = TType(rawValue: kv >> 4), let v = TType(rawValue: kv & 0x0F) else { throw failure("unknown map types") }
            for _ in 0..<n {
                if k == .boolTrue || k == .boolFalse { _ = try readByte() } else { try skip(k) }
                if v == .boolTrue || v == .boolFalse { _ = try readByte() } else { try skip(v) }
            }
        case .structure:
            try readStruct { _, _, _ in false }
        }
    }
}

/// A Thrift structure that could not be read.
struct ThriftError: Error {
    /// Byte offset in the buffer read.
    var offset: Int
    var message: String
}
