/// A page's header, in front of its (compressed) bytes in a column chunk.
struct PageHeader {
    enum Kind: Int32 { case data = 0, index = 1, dictionary = 2, dataV2 = 3 }

    var kind: Int32 = -1
    var uncompressedSize: Int32 = 0
    var compressedSize: Int32 = 0
    /// Values in the page, nulls included (levels count).
    var numValues: Int32 = 0
    var encoding: Int32 = 0
    var definitionLevelEncoding: Int32 = 3
    var repetitionLevelEncoding: Int32 = 3
    // Data page v2 only.
    var numRows: Int32 = 0
    var definitionLevelsByteLength: Int32 = 0
    var repetitionLevelsByteLength: Int32 = 0
    var isCompressed = true

    init(thrift r: inout CompactReader) throws {
        try r.readStruct { r, id, t in
            switch (id, t) {
            case (1, .i32): self.kind = try r.readI32()
            case (2, .i32): self.uncompressedSize = try r.readI32()
            case (3, .i32): self.compressedSize = try r.readI32()
            case (5, .structure):
                try r.readStruct { r, id, t in
                    switch (id, t) {
                    case (1, .i32): self.numValues = try r.readI32()
                    case (2, .i32): self.encoding = try r.readI32()
                    case (3, .i32): self.definitionLevelEncoding = try r.readI32()
                    case (4, .i32): self.repetitionLevelEncoding = try r.readI32()
                    default: return false
                    }
                    return true
                }
            case (7, .structure):
                try r.readStruct { r, id, t in
                    switch (id, t) {
                    case (1, .i32): self.numValues = try r.readI32()
                    case (2, .i32): self.encoding = try r.readI32()
                    default: return false
                    }
                    return true
                }
            case (8, .structure):
                try r.readStruct { r, id, t in
                    switch (id, t) {
                    case (1, .i32): self.numValues = try r.readI32()
                    case (3, .i32): self.numRows = try r.readI32()
                    case (4, .i32): self.encoding = try r.readI32()
                    case (5, .i32): self.definitionLevelsByteLength = try r.readI32()
                    case (6, .i32): self.repetitionLevelsByteLength = try r.readI32()
                    case (7, .boolTrue), (7, .boolFalse): self.isCompressed = CompactReader.bool(t)
                    default: return false
                    }
                    return true
                }
            default: return false
            }
            return true
        }
    }
}
