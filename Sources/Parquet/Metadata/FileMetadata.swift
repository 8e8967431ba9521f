/// Parquet's physical storage types.
public enum PhysicalType: Int32, Sendable {
    case boolean = 0, int32 = 1, int64 = 2, int96 = 3, float = 4, double = 5, byteArray = 6, fixedLenByteArray = 7
}

/// How a schema field repeats.
public enum Repetition: Int32, Sendable {
    case required = 0, optional = 1, repeated = 2
}

/// The compression of a column chunk's pages.
public enum Codec: Int32, Sendable {
    case uncompressed = 0, snappy = 1, gzip = 2, lzo = 3, brotli = 4, lz4 = 5, zstd = 6, lz4Raw = 7

    /// The name Parquet's documentation uses.
    public var name: String {
        switch self {
        case .uncompressed: "UNCOMPRESSED"
        case .snappy: "SNAPPY"
        case .gzip: "GZIP"
        case .lzo: "LZO"
        case .brotli: "BROTLI"
        case .lz4: "LZ4"
        case .zstd: "ZSTD"
        case .lz4Raw: "LZ4_RAW"
        }
    }
}

/// Value and level encodings.
enum Encoding: Int32 {
    case plain = 0, plainDictionary = 2, rle = 3, bitPacked = 4, deltaBinaryPacked = 5
    case deltaLengthByteArray = 6, deltaByteArray = 7, rleDictionary = 8, byteStreamSplit = 9

    var name: String {
        switch self {
        case .plain: "PLAIN"
        case .plainDictionary: "PLAIN_DICTIONARY"
        case .rle: "RLE"
        case .bitPacked: "BIT_PACKED"
        case .deltaBinaryPacked: "DELTA_BINARY_PACKED"
        case .deltaLengthByteArray: "DELTA_LENGTH_BYTE_ARRAY"
        case .deltaByteArray: "DELTA_BYTE_ARRAY"
        case .rleDictionary: "RLE_DICTIONARY"
        case .byteStreamSplit: "BYTE_STREAM_SPLIT"
        }
    }
}

/// The annotation that says how to read a field's bytes or group (strings,
/// lists, maps); only the ones that change how values are assembled.
public enum FieldAnnotation: Sendable, Equatable {
    case none, string, list, map, json, enumeration
}

/// One element of the flat schema list in the footer.
struct SchemaElement {
    var type: PhysicalType?
    var typeLength: Int32?
    var repetition: Repetition?
    var name = ""
    var numChildren: Int32 = 0
    var annotation: FieldAnnotation = .none
}

/// One column chunk's metadata.
struct ColumnChunkMeta {
    var type: PhysicalType = .byteArray
    var path: [String] = []
    var codec: Int32 = 0
    var numValues: Int64 = 0
    var totalCompressedSize: Int64 = 0
    var dataPageOffset: Int64 = 0
    var dictionaryPageOffset: Int64?
}

/// One row group: its row count and column chunks, in schema leaf order.
struct RowGroupMeta {
    var numRows: Int64 = 0
    var columns: [ColumnChunkMeta] = []
}

/// The footer: schema, row groups, key-value metadata.
struct FileMetadata {
    var version: Int32 = 0
    var schema: [SchemaElement] = []
    var numRows: Int64 = 0
    var rowGroups: [RowGroupMeta] = []
    var keyValues: [(String, String)] = []
    var createdBy: String?
}

// MARK: - Reading from Thrift

extension FileMetadata {
    init(thrift r: inout CompactReader) throws {
        try r.readStruct { r, id, t in
            switch (id, t) {
            case (1, .i32): self.version = try r.readI32()
            case (2, .list): self.schema = try r.readList { r, _ in try SchemaElement(thrift: &r) }
            case (3, .i64): self.numRows = try r.readI64()
            case (4, .list): self.rowGroups = try r.readList { r, _ in try RowGroupMeta(thrift: &r) }
            case (5, .list):
                self.keyValues = try r.readList { r, _ in
                    var k = "", v = ""
                    try r.readStruct { r, id, t in
                        switch (id, t) {
                        case (1, .binary): k = try r.readString()
                        case (2, .binary): v = try r.readString()
                        default: return false
                        }
                        return true
                    }
                    return (k, v)
                }
            case (6, .binary): self.createdBy = try r.readString()
            default: return false
            }
            return true
        }
    }
}

extension SchemaElement {
    init(thrift r: inout CompactReader) throws {
        var converted: Int32?
        var logical: FieldAnnotation?
        try r.readStruct { r, id, t in
            switch (id, t) {
            case (1, .i32): self.type = PhysicalType(rawValue: try r.readI32())
            case (2, .i32): self.typeLength = try r.readI32()
            case (3, .i32): self.repetition = Repetition(rawValue: try r.readI32())
            case (4, .binary): self.name = try r.readString()
            case (5, .i32): self.numChildren = try r.readI32()
            case (6, .i32): converted = try r.readI32()
            case (10, .structure):
                // LogicalType is a union: the id of its one set field names it.
                try r.readStruct { r, id, t in
                    switch id {
                    case 1: logical = .string
                    case 2: logical = .map
                    case 3: logical = .list
                    case 4: logical = .enumeration
                    case 12: logical = .json
                    default: break
                    }
                    try r.skip(t)
                    return true
                }
            default: return false
            }
            return true
        }
        if let logical {
            annotation = logical
        } else if let converted {
            switch converted {
            case 0: annotation = .string
            case 1, 2: annotation = .map
            case 3: annotation = .list
            case 4: annotation = .enumeration
            case 19: annotation = .json
            default: annotation = .none
            }
        }
    }
}

extension RowGroupMeta {
    init(thrift r: inout CompactReader) throws {
        try r.readStruct { r, id, t in
            switch (id, t) {
            case (1, .list): self.columns = try r.readList { r, _ in try ColumnChunkMeta(chunk: &r) }
            case (3, .i64): self.numRows = try r.readI64()
            default: return false
            }
            return true
        }
    }
}

extension ColumnChunkMeta {
    /// Reads a ColumnChunk, keeping its ColumnMetaData.
    init(chunk r: inout CompactReader) throws {
        var meta: ColumnChunkMeta?
        var externalPath: String?
        try r.readStruct { r, id, t in
            switch (id, t) {
            case (1, .binary): externalPath = try r.readString()
            case (3, .structure): meta = try ColumnChunkMeta(meta: &r)
            default: return false
            }
            return true
        }
        guard let meta else {
            throw ThriftError(offset: r.position, message: externalPath.map { "a column chunk lives in another file (\($0)), which is not supported" }
                              ?? "a column chunk has no metadata")
        }
        self = meta
    }

    init(meta r: inout CompactReader) throws {
        try r.readStruct { r, id, t in
            switch (id, t) {
            case (1, .i32):
                let raw = try r.readI32()
                guard let p = PhysicalType(rawValue: raw) else { throw ThriftError(offset: r.position, message: "unknown physical type \(raw)") }
                self.type = p
            case (3, .list): self.path = try r.readList { r, _ in try r.readString() }
            case (4, .i32): self.codec = try r.readI32()
            case (5, .i64): self.numValues = try r.readI64()
            case (7, .i64): self.totalCompressedSize = try r.readI64()
            case (9, .i64): self.dataPageOffset = try r.readI64()
            case (11, .i64): self.dictionaryPageOffset = try r.readI64()
            default: return false
            }
            return true
        }
    }
}
