import Foundation
import Parquet

/// Rows of a file that is not JSON Lines (Parquet, a JSON array), each as a JSON value.
protocol RowSource: Sendable {
    var count: Int { get }
    /// The top-level keys of the rows, for layout detection.
    var keys: [String] { get }
    /// Row `i`; throws with a message naming where the file is broken.
    func row(_ i: Int) throws -> JSONValue
}

/// The rows of a Parquet file, read a row group at a time; binary values
/// become `{"base64": ...}`, the inline image form of SceneLens items.
struct ParquetRows: RowSource {
    let file: ParquetFile
    var count: Int { file.rowCount }
    var keys: [String] { file.schema.fieldNames }

    func row(_ i: Int) throws -> JSONValue {
        let record = try file.row(i)
        return .object(zip(record.names, record.values).map { ($0, Self.json($1)) })
    }

    static func json(_ v: ParquetValue) -> JSONValue {
        switch v {
        case .null: .null
        case .bool(let b): .bool(b)
        case .int(let n): .number(Double(n))
        case .double(let d): .number(d)
        case .string(let s): .string(s)
        case .bytes(let b): .object([("base64", .string(Data(b).base64EncodedString()))])
        case .list(let xs): .array(xs.map(json))
        case .record(let r): .object(zip(r.names, r.values).map { ($0, json($1)) })
        }
    }
}

/// The elements of a file holding one JSON array (POVID, mDPO, LLaVA).
struct JSONArrayRows: RowSource {
    let values: [JSONValue]
    var count: Int { values.count }
    var keys: [String] { values.first?.objectValue?.map(\.0) ?? [] }
    func row(_ i: Int) throws -> JSONValue { values[i] }
}

/// A stable id for a row without an id column: FNV-1a of its JSON text, so
/// the same row gets the same id every time the file is opened.
func rowHashID(_ row: JSONValue) -> String {
    var h: UInt64 = 0xcbf29ce484222325
    for b in row.jsonText.utf8 { h = (h ^ UInt64(b)) &* 0x100000001b3 }
    return "row-" + String(h, radix: 16)
}
