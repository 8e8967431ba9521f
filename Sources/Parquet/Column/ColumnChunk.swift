/// One column chunk decoded: a repetition and definition level per entry
/// (each a value or a null or an empty list) and the non-null values.
struct ColumnChunk {
    var repetition: [UInt16]
    var definition: [UInt16]
    var values = ChunkValues()
    /// Where each row's entries start in the levels, and its first value; one more than rows.
    var rowEntryStart: [Int] = []
    var rowValueStart: [Int] = []

    /// Fills `rowEntryStart` and `rowValueStart` for `rows` rows.
    mutating func indexRows(maxDefinition: Int, rows: Int) throws {
        rowEntryStart = []
        rowValueStart = []
        // A required top-level column has no levels: one entry per value.
        let n = repetition.isEmpty && definition.isEmpty ? values.count : max(repetition.count, definition.count)
        // The row count comes from the file's metadata and may be anything;
        // the levels bound how many rows there can be.
        rowEntryStart.reserveCapacity(min(max(rows, 0), n) + 1)
        rowValueStart.reserveCapacity(min(max(rows, 0), n) + 1)
        var valueIndex = 0
        let full = UInt16(maxDefinition)
        for i in 0..<n {
            if repetition.isEmpty || repetition[i] == 0 {
                rowEntryStart.append(i); rowValueStart.append(valueIndex)
            }
            if definition.isEmpty || definition[i] == full { valueIndex += 1 }
        }
        guard rowEntryStart.count == rows else {
            throw PageError("the column holds \(rowEntryStart.count) rows, its row group \(rows)")
        }
        guard valueIndex == values.count else {
            throw PageError("the levels call for \(valueIndex) values, the pages hold \(values.count)")
        }
        rowEntryStart.append(n); rowValueStart.append(valueIndex)
    }
}

/// Reads the pages of one column chunk from its bytes.
struct ColumnChunkReader {
    let leaf: LeafColumn
    let meta: ColumnChunkMeta
    /// Index of the page being read, for error messages.
    private(set) var page = 0

    /// Data pages of PLAIN byte arrays at least this big (decompressed), snappy or
    /// uncompressed, are read lazily (`LazyByteArrays`), named by `place`.
    let lazyFrom: Int
    let place: LazyByteArrays.Place?

    init(leaf: LeafColumn, meta: ColumnChunkMeta, lazyFrom: Int = .max, place: LazyByteArrays.Place? = nil) {
        self.leaf = leaf; self.meta = meta; self.lazyFrom = lazyFrom; self.place = place
    }

    /// Entries (values and nulls) one page may hold. Writers cut pages at
    /// about 1 MB or 20,000 rows; a count far past that is a damaged header,
    /// and decoding it would allocate for the count before finding out.
    static let maxPageEntries = 1 << 26

    /// The entry count a page header claims, checked against the chunk.
    private func entries(_ header: PageHeader, after levelsRead: Int64) throws -> Int {
        let n = Int(header.numValues)
        guard n >= 0 else { throw PageError("a page with a negative value count (\(n))") }
        guard n <= Self.maxPageEntries else {
            throw PageError("a page claims \(n) values, more than one page can hold (\(Self.maxPageEntries))")
        }
        guard Int64(n) <= meta.numValues - levelsRead else {
            throw PageError("a page claims \(n) values, but only \(meta.numValues - levelsRead) of the column chunk's \(meta.numValues) remain")
        }
        return n
    }

    /// Decodes every page of the chunk, reading its bytes from `source` as
    /// they are needed: a page header, then its body (a snappy body straight
    /// into the decompressed page, never held whole compressed).
    mutating func read(_ source: ChunkBytes) throws -> ColumnChunk {
        guard let codec = Codec(rawValue: meta.codec) else { throw PageError("unknown compression codec \(meta.codec)") }
        let maxDef = leaf.maxDefinition, maxRep = leaf.maxRepetition
        let leafNode = leaf.leaf
        let decoder = ValueDecoder(type: meta.type, typeLength: leafNode.typeLength,
                                   asString: [.string, .json, .enumeration].contains(leafNode.annotation))
        var out = ColumnChunk(repetition: [], definition: [])
        var dictionary: [ParquetValue]?
        var position = 0
        var levelsRead: Int64 = 0
        page = 0
        while levelsRead < meta.numValues {
            guard position < source.count else {
                throw PageError("the column chunk ends after \(levelsRead) of \(meta.numValues) values")
            }
            let (header, bodyStart) = try source.pageHeader(at: position)
            let compressed = Int(header.compressedSize)
            guard compressed >= 0, bodyStart + compressed <= source.count else {
                throw PageError("the page claims \(header.compressedSize) bytes, more than the column chunk holds")
            }
            let body = bodyStart..<(bodyStart + compressed)
            position = bodyStart + compressed
            switch PageHeader.Kind(rawValue: header.kind) {
            case .dictionary:
                let plain = try source.decompress(body, codec, size: Int(header.uncompressedSize))
                guard header.numValues >= 0 else { throw PageError("a dictionary with a negative size") }
                guard Int(header.numValues) <= Self.maxPageEntries else {
                    throw PageError("a dictionary claims \(header.numValues) entries, more than one page can hold (\(Self.maxPageEntries))")
                }
                var c = ByteCursor(plain)
                dictionary = try decoder.plain(&c, count: Int(header.numValues))
            case .data where Int(header.uncompressedSize) >= lazyFrom && header.encoding == Encoding.plain.rawValue
                    && decoder.type == .byteArray && (codec == .snappy || codec == .uncompressed):
                let n = try entries(header, after: levelsRead)
                let stream = try PageStream(source: source, body: body, codec: codec, size: Int(header.uncompressedSize))
                // The levels, each a 4-byte length and the hybrid data, come first.
                var at = 0
                func levels(_ width: Int) throws -> [UInt64] {
                    try stream.advance(to: at + 4)
                    guard at + 4 <= stream.size else { throw PageError("the page ends in the middle of a value") }
                    let length = stream.littleEndian32(at: at)
                    guard length <= stream.size - at - 4 else { throw PageError("the levels claim \(length) bytes, more than the page holds") }
                    try stream.advance(to: at + 4 + length)
                    var c = ByteCursor(stream.bytes((at + 4)..<(at + 4 + length)))
                    at += 4 + length
                    return try RLEHybrid.decode(&c, width: width, count: n)
                }
                if maxRep > 0 {
                    try checkLevelEncoding(header.repetitionLevelEncoding)
                    try append(levels(RLEHybrid.bitWidth(maxRep)), to: &out.repetition, max: maxRep, "repetition")
                }
                if maxDef > 0 {
                    try checkLevelEncoding(header.definitionLevelEncoding)
                    try append(levels(RLEHybrid.bitWidth(maxDef)), to: &out.definition, max: maxDef, "definition")
                }
                var where_ = place ?? LazyByteArrays.Place(file: "", column: leaf.dottedPath, rowGroup: 0, page: 0)
                where_.page = page
                let values = present(entries: n, out)
                // A page of nulls only: nothing will ask, so it is checked now.
                if values == 0 { try stream.finish() }
                out.values.append(lazy: LazyByteArrays(stream: stream, valuesAt: at, count: values,
                                                       asString: decoder.asString, place: where_))
                levelsRead += Int64(n)
            case .data:
                let plain = try source.decompress(body, codec, size: Int(header.uncompressedSize))
                var c = ByteCursor(plain)
                let n = try entries(header, after: levelsRead)
                if maxRep > 0 {
                    try checkLevelEncoding(header.repetitionLevelEncoding)
                    try append(RLEHybrid.decodePrefixed(&c, width: RLEHybrid.bitWidth(maxRep), count: n), to: &out.repetition, max: maxRep, "repetition")
                }
                if maxDef > 0 {
                    try checkLevelEncoding(header.definitionLevelEncoding)
                    try append(RLEHybrid.decodePrefixed(&c, width: RLEHybrid.bitWidth(maxDef), count: n), to: &out.definition, max: maxDef, "definition")
                }
                try decodeValues(header, &c, entries: n, out: &out, decoder: decoder, dictionary: dictionary)
                levelsRead += Int64(n)
            case .dataV2:
                let n = try entries(header, after: levelsRead)
                let repLen = Int(header.repetitionLevelsByteLength), defLen = Int(header.definitionLevelsByteLength)
                guard repLen >= 0, defLen >= 0, repLen + defLen <= compressed else {
                    throw PageError("the level lengths do not fit the page")
                }
                let levelBytes = try source.bytes(body.lowerBound..<(body.lowerBound + repLen + defLen))
                if maxRep > 0 {
                    var c = ByteCursor(levelBytes, start: 0, end: repLen)
                    try append(RLEHybrid.decode(&c, width: RLEHybrid.bitWidth(maxRep), count: n), to: &out.repetition, max: maxRep, "repetition")
                }
                if maxDef > 0 {
                    var c = ByteCursor(levelBytes, start: repLen, end: repLen + defLen)
                    try append(RLEHybrid.decode(&c, width: RLEHybrid.bitWidth(maxDef), count: n), to: &out.definition, max: maxDef, "definition")
                }
                let valuesBody = (body.lowerBound + repLen + defLen)..<body.upperBound
                let size = Int(header.uncompressedSize) - repLen - defLen
                let plain = try source.decompress(valuesBody, header.isCompressed ? codec : .uncompressed, size: size)
                var c = ByteCursor(plain)
                try decodeValues(header, &c, entries: n, out: &out, decoder: decoder, dictionary: dictionary)
                levelsRead += Int64(n)
            case .index, nil:
                break
            }
            page += 1
        }
        return out
    }

    private func checkLevelEncoding(_ e: Int32) throws {
        guard e == Encoding.rle.rawValue else {
            throw PageError("levels in encoding \(Encoding(rawValue: e)?.name ?? String(e)) are not supported (RLE is)")
        }
    }

    private func append(_ levels: [UInt64], to out: inout [UInt16], max: Int, _ what: String) throws {
        out.reserveCapacity(out.count + levels.count)
        for l in levels {
            guard l <= UInt64(max) else { throw PageError("a \(what) level of \(l) is above the column's maximum \(max)") }
            out.append(UInt16(l))
        }
    }

    /// Entries of the page just read (the last `entries` levels) that hold a value.
    private func present(entries: Int, _ out: ColumnChunk) -> Int {
        let maxDef = UInt16(leaf.maxDefinition)
        return maxDef == 0 ? entries : out.definition.suffix(entries).reduce(0) { $0 + ($1 == maxDef ? 1 : 0) }
    }

    private func decodeValues(_ header: PageHeader, _ c: inout ByteCursor, entries: Int, out: inout ColumnChunk,
                              decoder: ValueDecoder, dictionary: [ParquetValue]?) throws {
        let present = present(entries: entries, out)
        guard let encoding = Encoding(rawValue: header.encoding) else { throw PageError("unknown value encoding \(header.encoding)") }
        switch encoding {
        case .plainDictionary, .rleDictionary:
            guard let dictionary else { throw PageError("a dictionary-encoded page comes before any dictionary page") }
            if present == 0 { return }
            let width = Int(try c.byte())
            let indices = try RLEHybrid.decode(&c, width: width, count: present)
            var looked: [ParquetValue] = []
            looked.reserveCapacity(present)
            for i in indices {
                guard i < UInt64(dictionary.count) else {
                    throw PageError("a dictionary index \(i) is past the dictionary's \(dictionary.count) entries")
                }
                looked.append(dictionary[Int(i)])
            }
            out.values.append(contentsOf: looked)
        case .plain where decoder.type == .byteArray:
            try out.values.appendPlainByteArrays(&c, count: present, asString: decoder.asString)
        default:
            out.values.append(contentsOf: try decoder.decode(encoding, &c, count: present))
        }
    }
}

/// The bytes of one column chunk, read from the file when a page needs them.
struct ChunkBytes {
    /// The chunk's length.
    let count: Int
    /// Fills the buffer with the chunk's bytes from an offset (within the chunk).
    let read: Snappy.Reader

    /// The chunk's bytes in `range`.
    func bytes(_ range: Range<Int>) throws -> [UInt8] {
        guard range.lowerBound >= 0, range.upperBound <= count else {
            throw PageError("a page runs past the end of the column chunk")
        }
        var failure: Error?
        let out = [UInt8](unsafeUninitializedCapacity: range.count) { buffer, initialized in
            do { try read(range.lowerBound, UnsafeMutableRawBufferPointer(buffer)); initialized = range.count } catch {
                failure = error; initialized = 0
            }
        }
        if let failure { throw failure }
        return out
    }

    /// The page header at `position`, and where the page's body starts. A
    /// header is a few dozen bytes, but statistics may make it longer: a
    /// window too short for it is doubled until the header fits.
    func pageHeader(at position: Int) throws -> (PageHeader, Int) {
        var window = 1024
        while true {
            let end = min(count, position + window)
            let bytes = try self.bytes(position..<end)
            var thrift = CompactReader(bytes)
            do {
                let header = try PageHeader(thrift: &thrift)
                return (header, position + thrift.position)
            } catch let e as ThriftError {
                // Perhaps only cut off by the window: retry with more, up to the chunk's end.
                if end < count { window *= 4; continue }
                throw PageError("the page header is unreadable: \(e.message)")
            }
        }
    }

    /// The page body in `range` decompressed to `size` bytes. Snappy (what
    /// pyarrow and `datasets` write) is decoded as it is read; the other
    /// codecs get the body in memory first.
    func decompress(_ range: Range<Int>, _ codec: Codec, size: Int) throws -> [UInt8] {
        guard range.upperBound <= count else { throw PageError("a page runs past the end of the column chunk") }
        if codec == .snappy {
            return try Snappy.decode(count: range.count, size: size) { offset, destination in
                try read(range.lowerBound + offset, destination)
            }
        }
        if codec == .uncompressed {
            guard range.count == size else { throw PageError("an uncompressed page holds \(range.count) bytes, its header says \(size)") }
            return try bytes(range)
        }
        return try Decompress.run(codec, try bytes(range)[...], size: size)
    }
}
