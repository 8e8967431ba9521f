import Foundation
import Parquet

/// One row of a file that is not SceneLens JSON Lines, as JSON values. Binary
/// values (embedded images) stay bytes: in `value` each is `{"$blob": K}`,
/// its bytes `blobs[K]`, so an image is never turned into text and back.
struct SourceRow: Sendable {
    var value: JSONValue
    var blobs: [[UInt8]] = []

    /// The row as JSON text, binary values as `{"base64": ...}` (for `rawLine`).
    var materialized: JSONValue { Self.materialize(value, blobs) }

    static func materialize(_ v: JSONValue, _ blobs: [[UInt8]]) -> JSONValue {
        switch v {
        case .array(let xs): return .array(xs.map { materialize($0, blobs) })
        case .object(let members):
            if let k = blobIndex(v), blobs.indices.contains(k) {
                return .object([("base64", .string(Data(blobs[k]).base64EncodedString()))])
            }
            return .object(members.map { ($0, materialize($1, blobs)) })
        default: return v
        }
    }

    /// K when `v` is `{"$blob": K}`.
    static func blobIndex(_ v: JSONValue) -> Int? {
        guard case .object(let members) = v, members.count == 1, members[0].0 == "$blob",
              let n = members[0].1.numberValue else { return nil }
        return Int(exactly: n)
    }
}

/// Rows of a file that is not SceneLens JSON Lines (Parquet, a JSON array,
/// compressed JSON Lines, several shards), read one at a time.
protocol RowSource: Sendable {
    var count: Int { get }
    /// The top-level keys of the rows, for layout detection and `--map`.
    var keys: [String] { get }
    /// Row `i` with only the top-level `fields` (all when nil); throws with a
    /// message naming where the file is broken.
    func row(_ i: Int, fields: Set<String>?) throws -> SourceRow
    /// Where row `i` is: the file and its 1-based row (or line) in it.
    func location(_ i: Int) -> (file: String, row: Int)
    /// Field `name` of every row (nil where a row cannot be read): for ids,
    /// reading only that column where the format allows.
    func column(_ name: String) -> [JSONValue?]
}

extension RowSource {
    func column(_ name: String) -> [JSONValue?] {
        (0..<count).map { (try? row($0, fields: [name]))?.value[name] }
    }
}

/// The rows of a Parquet file, read a row group and the asked-for columns at a time.
struct ParquetRows: RowSource {
    let file: ParquetFile
    var count: Int { file.rowCount }
    var keys: [String] { file.schema.fieldNames }

    func row(_ i: Int, fields: Set<String>?) throws -> SourceRow {
        let record = try file.row(i, fields: fields.map { Array($0) })
        var blobs: [[UInt8]] = []
        let members = zip(record.names, record.values).map { ($0, Self.json($1, &blobs)) }
        return SourceRow(value: .object(members), blobs: blobs)
    }

    func location(_ i: Int) -> (file: String, row: Int) { (file.path, i + 1) }

    /// One column of every row group, each group decoded once.
    func column(_ name: String) -> [JSONValue?] {
        var out: [JSONValue?] = []
        out.reserveCapacity(min(count, 1 << 20))
        for g in 0..<file.rowGroupCount {
            for r in file.rows(inRowGroup: g) {
                var blobs: [[UInt8]] = []
                out.append((try? file.row(r, fields: [name]))?[name].map { Self.json($0, &blobs) })
            }
        }
        return out
    }

    static func json(_ v: ParquetValue, _ blobs: inout [[UInt8]]) -> JSONValue {
        switch v {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let n): return .number(Double(n))
        case .double(let d): return .number(d)
        case .string(let s): return .string(s)
        case .bytes(let b):
            blobs.append(b)
            return .object([("$blob", .number(Double(blobs.count - 1)))])
        case .list(let xs): return .array(xs.map { json($0, &blobs) })
        case .record(let r): return .object(zip(r.names, r.values).map { ($0, json($1, &blobs)) })
        }
    }
}

/// The elements of a file holding one JSON array (POVID, mDPO, LLaVA, HA-DPO).
struct JSONArrayRows: RowSource {
    let path: String
    let values: [JSONValue]
    var count: Int { values.count }
    var keys: [String] { values.first?.objectValue?.map(\.0) ?? [] }
    func row(_ i: Int, fields: Set<String>?) throws -> SourceRow { SourceRow(value: values[i]) }
    func location(_ i: Int) -> (file: String, row: Int) { (path, i + 1) }
}

/// JSON Lines held in memory (a decompressed `.jsonl.gz` or `.jsonl.zst`, or a
/// plain shard of several); each line parsed when asked for.
struct JSONLinesRows: RowSource {
    let path: String
    let bytes: [UInt8]
    /// Start and end of each non-blank line, and its 1-based line number.
    let lines: [(start: Int, end: Int, line: Int)]

    init(path: String, bytes: [UInt8]) {
        self.path = path; self.bytes = bytes
        var lines: [(Int, Int, Int)] = []
        var start = 0, number = 1
        func add(_ end: Int) {
            var hi = end
            if hi > start && bytes[hi - 1] == 0x0D { hi -= 1 }
            var lo = start
            if number == 1 && bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { lo = min(3, hi) }
            if bytes[lo..<hi].contains(where: { ![0x20, 0x09].contains($0) }) { lines.append((lo, hi, number)) }
        }
        for (i, b) in bytes.enumerated() where b == 0x0A {
            add(i); start = i + 1; number += 1
        }
        if start < bytes.count { add(bytes.count) }
        self.lines = lines
    }

    var count: Int { lines.count }
    var keys: [String] {
        guard let first = lines.first else { return [] }
        return (try? JSONParser.parse(Array(bytes[first.start..<first.end])))?.objectValue?.map(\.0) ?? []
    }
    func row(_ i: Int, fields: Set<String>?) throws -> SourceRow {
        let l = lines[i]
        do { return SourceRow(value: try JSONParser.parse(Array(bytes[l.start..<l.end]))) } catch {
            throw RowError(message: "JSON syntax error: \(error.message)")
        }
    }
    func location(_ i: Int) -> (file: String, row: Int) { (path, lines[i].line) }
}

/// A row that cannot be read, with the reason (the place is added by the caller).
struct RowError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Several files read as one dataset, in the order given; item numbers run on
/// from one shard to the next.
struct ShardedRows: RowSource {
    let shards: [RowSource]
    /// The first item of each shard, and one past the last.
    let starts: [Int]

    init(_ shards: [RowSource]) {
        self.shards = shards
        var starts = [0]
        for s in shards { starts.append(starts[starts.count - 1] + s.count) }
        self.starts = starts
    }

    var count: Int { starts[starts.count - 1] }
    var keys: [String] { shards.first { $0.count > 0 }?.keys ?? shards.first?.keys ?? [] }

    /// The shard holding item `i` and the item's index in it.
    func shard(of i: Int) -> (Int, Int) {
        var lo = 0, hi = shards.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= i { lo = mid } else { hi = mid - 1 }
        }
        return (lo, i - starts[lo])
    }

    func row(_ i: Int, fields: Set<String>?) throws -> SourceRow {
        let (s, k) = shard(of: i)
        return try shards[s].row(k, fields: fields)
    }
    func location(_ i: Int) -> (file: String, row: Int) {
        let (s, k) = shard(of: i)
        return shards[s].location(k)
    }
    func column(_ name: String) -> [JSONValue?] { shards.flatMap { $0.column(name) } }
}

/// A stable id for a row without an id column: FNV-1a of its JSON text and
/// of its binary values, so the same row gets the same id on every opening.
func rowHashID(_ row: SourceRow) -> String {
    var h: UInt64 = 0xcbf29ce484222325
    for b in row.value.jsonText.utf8 { h = (h ^ UInt64(b)) &* 0x100000001b3 }
    for blob in row.blobs { for b in blob { h = (h ^ UInt64(b)) &* 0x100000001b3 } }
    return "row-" + String(h, radix: 16)
}
