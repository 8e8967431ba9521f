/// One value read from a Parquet file, nested as the schema says.
public enum ParquetValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// INT32 and INT64.
    case int(Int64)
    /// FLOAT and DOUBLE.
    case double(Double)
    /// BYTE_ARRAY annotated as a string (or JSON, or an enum).
    case string(String)
    /// Other BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY and INT96 values.
    case bytes([UInt8])
    /// A LIST (or a bare repeated field).
    case list([ParquetValue])
    /// A group: named fields in schema order.
    case record(ParquetRecord)

    /// The field `name` of a record.
    public subscript(name: String) -> ParquetValue? {
        if case .record(let r) = self { return r[name] }
        return nil
    }
}

/// The fields of a group, in schema order.
public struct ParquetRecord: Sendable, Hashable {
    public var names: [String]
    public var values: [ParquetValue]
    /// A record from names and values of equal count.
    public init(names: [String], values: [ParquetValue]) { self.names = names; self.values = values }
    /// The value of the field `name`, if there is one.
    public subscript(name: String) -> ParquetValue? {
        names.firstIndex(of: name).map { values[$0] }
    }
}
