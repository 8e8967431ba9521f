import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A Parquet file opened for reading: the footer is read at once, a row
/// group's pages only when one of its rows is asked for.
///
/// Thread-safe: the last decoded row group is cached behind a lock.
public final class ParquetFile: @unchecked Sendable {
    /// The path as given to `open`.
    public let path: String
    /// The schema's top-level fields and leaves.
    public let schema: Schema
    /// Rows in the whole file.
    public let rowCount: Int
    /// `created_by` from the footer.
    public let createdBy: String?
    /// The footer's key-value metadata (pandas and Hugging Face put their schemas here).
    public let keyValueMetadata: [(String, String)]

    private let fd: Int32
    private let rowGroups: [RowGroupMeta]
    /// First row of each row group, and one past the last.
    private let rowGroupStarts: [Int]
    private let lock = NSLock()
    /// The last decoded row groups, newest last: one per core, so threads that
    /// read rows of different row groups at once (validate's batches) do not
    /// evict each other's group on every row.
    private var cache: [(group: Int, fields: Set<String>, columns: [Int: ColumnChunk])] = []
    private let cacheLimit = max(2, ProcessInfo.processInfo.activeProcessorCount)

    /// Data pages of byte arrays this big or bigger are decoded only as far
    /// as the rows asked for (`LazyByteArrays`): a row group's embedded images.
    static let lazyPageSize = 1 << 20
    private let lazyPagesFrom: Int

    private init(path: String, fd: Int32, meta: FileMetadata, schema: Schema, lazyPagesFrom: Int) {
        self.path = path; self.fd = fd; self.schema = schema; self.lazyPagesFrom = lazyPagesFrom
        self.rowGroups = meta.rowGroups
        var starts = [0]
        for g in meta.rowGroups { starts.append(starts[starts.count - 1] + Int(max(g.numRows, 0))) }
        self.rowGroupStarts = starts
        self.rowCount = starts[starts.count - 1]
        self.createdBy = meta.createdBy
        self.keyValueMetadata = meta.keyValues
    }

    deinit { close(fd) }

    /// The number of row groups.
    public var rowGroupCount: Int { rowGroups.count }

    /// The rows of row group `g`.
    public func rows(inRowGroup g: Int) -> Range<Int> { rowGroupStarts[g]..<rowGroupStarts[g + 1] }

    /// True when the first bytes are Parquet's magic `PAR1`.
    public static func hasMagic(_ bytes: some Collection<UInt8>) -> Bool {
        Array(bytes.prefix(4)) == Array("PAR1".utf8)
    }

    /// Opens `path` and reads its footer; throws `ParquetError` naming what is wrong.
    public static func open(path: String) throws -> ParquetFile {
        try open(path: path, lazyPagesFrom: lazyPageSize)
    }

    /// `open`, with lazily read pages from another size (tests use 0: every such page).
    static func open(path: String, lazyPagesFrom: Int) throws -> ParquetFile {
        let fd = systemOpen(path)
        if fd < 0 { throw ParquetError(file: path, message: "cannot open: \(String(cString: strerror(errno)))") }
        do {
            var st = stat()
            guard fstat(fd, &st) == 0 else { throw ParquetError(file: path, message: "cannot read: \(String(cString: strerror(errno)))") }
            let size = Int64(st.st_size)
            guard size >= 12 else { throw ParquetError(file: path, message: "is \(size) bytes, too short to be a Parquet file") }
            let head = try pread(fd, path: path, at: 0, count: 4)
            guard hasMagic(head) else { throw ParquetError(file: path, message: "does not start with the Parquet magic PAR1") }
            let tail = try pread(fd, path: path, at: size - 8, count: 8)
            guard Array(tail[4...]) == Array("PAR1".utf8) else {
                throw ParquetError(file: path, message: "does not end with PAR1: the footer is missing (a truncated file?)")
            }
            let footerLength = Int64(tail[0]) | Int64(tail[1]) << 8 | Int64(tail[2]) << 16 | Int64(tail[3]) << 24
            guard footerLength > 0, footerLength <= size - 12 else {
                throw ParquetError(file: path, message: "the footer claims \(footerLength) bytes, the file has \(size - 12) to hold it")
            }
            let footer = try pread(fd, path: path, at: size - 8 - footerLength, count: Int(footerLength))
            var r = CompactReader(footer)
            let meta: FileMetadata
            do { meta = try FileMetadata(thrift: &r) } catch let e as ThriftError {
                throw ParquetError(file: path, message: "the footer is unreadable at byte \(e.offset) of \(footerLength): \(e.message)")
            }
            let schema: Schema
            do { schema = try Schema(elements: meta.schema) } catch var e as ParquetError { e.file = path; throw e }
            for (g, group) in meta.rowGroups.enumerated() {
                guard group.columns.count == schema.leaves.count else {
                    throw ParquetError(file: path, rowGroup: g, message: "has \(group.columns.count) column chunks, the schema \(schema.leaves.count) columns")
                }
                guard group.numRows >= 0 else {
                    throw ParquetError(file: path, rowGroup: g, message: "claims \(group.numRows) rows")
                }
                for (c, chunk) in group.columns.enumerated() {
                    let start = chunk.dictionaryPageOffset.flatMap { $0 > 0 ? $0 : nil } ?? chunk.dataPageOffset
                    let dataEnd = size - 8 - footerLength
                    guard start >= 4, start <= dataEnd, chunk.totalCompressedSize >= 0,
                          chunk.totalCompressedSize <= dataEnd - start else {
                        throw ParquetError(file: path, column: schema.leaves[c].dottedPath, rowGroup: g,
                                           message: "the column chunk lies outside the file's data (a truncated file?)")
                    }
                    // Every row has at least one entry (a value, a null or an
                    // empty list) in every column, and each page header takes
                    // bytes: counts past these are a damaged footer, which
                    // would otherwise size arrays before any page is read.
                    let pagesAtMost = chunk.totalCompressedSize / 4 + 1
                    guard chunk.numValues >= 0, chunk.numValues / Int64(ColumnChunkReader.maxPageEntries) < pagesAtMost else {
                        throw ParquetError(file: path, column: schema.leaves[c].dottedPath, rowGroup: g,
                                           message: "the column chunk claims \(chunk.numValues) values in \(chunk.totalCompressedSize) bytes")
                    }
                    guard group.numRows <= chunk.numValues else {
                        throw ParquetError(file: path, column: schema.leaves[c].dottedPath, rowGroup: g,
                                           message: "the row group claims \(group.numRows) rows, its column chunk holds \(chunk.numValues) values")
                    }
                }
            }
            var total: Int64 = 0
            for group in meta.rowGroups {
                let (sum, overflow) = total.addingReportingOverflow(group.numRows)
                guard !overflow else { throw ParquetError(file: path, message: "its row groups claim more rows than can be counted") }
                total = sum
            }
            return ParquetFile(path: path, fd: fd, meta: meta, schema: schema, lazyPagesFrom: lazyPagesFrom)
        } catch {
            close(fd)
            throw error
        }
    }

    /// The row group holding `row`.
    public func rowGroup(ofRow row: Int) -> Int? {
        guard row >= 0, row < rowCount else { return nil }
        var lo = 0, hi = rowGroups.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if rowGroupStarts[mid] <= row { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// Row `row` as a record of its top-level fields (only `fields` when given),
    /// reading only its row group's column chunks.
    public func row(_ row: Int, fields: [String]? = nil) throws -> ParquetRecord {
        guard let g = rowGroup(ofRow: row) else {
            throw ParquetError(file: path, message: "has no row \(row) (it has \(rowCount))")
        }
        let wanted = schema.fields.filter { fields == nil || fields?.contains($0.name) == true }
        let columns = try decodedColumns(group: g, fields: Set(wanted.map(\.name)))
        let local = row - rowGroupStarts[g]
        var names: [String] = [], values: [ParquetValue] = []
        for field in wanted {
            let leaves = schema.leaves.enumerated().filter { $0.element.path.first == field.name }
                .compactMap { (i, leaf) in columns[i].map { (leaf, $0) } }
            names.append(field.name)
            values.append(try RecordAssembler.value(of: field, leaves: leaves, row: local))
        }
        return ParquetRecord(names: names, values: values)
    }

    /// Decodes every row group in turn, calling `body` with each row; stops at the first error.
    public func forEachRow(fields: [String]? = nil, _ body: (Int, ParquetRecord) throws -> Void) throws {
        for g in 0..<rowGroups.count {
            for r in rows(inRowGroup: g) { try body(r, try row(r, fields: fields)) }
        }
    }

    private func decodedColumns(group g: Int, fields: Set<String>) throws -> [Int: ColumnChunk] {
        let cached: [Int: ColumnChunk]? = lock.withLock {
            guard let k = cache.firstIndex(where: { $0.group == g && fields.isSubset(of: $0.fields) }) else { return nil }
            let hit = cache.remove(at: k)
            cache.append(hit)
            return hit.columns
        }
        if let cached { return cached }
        // Decoded outside the lock: validate's other thread goes on with its own row group.
        var columns: [Int: ColumnChunk] = [:]
        let rows = Int(rowGroups[g].numRows)
        for (i, leaf) in schema.leaves.enumerated() where fields.contains(leaf.path[0]) {
            let meta = rowGroups[g].columns[i]
            var reader = ColumnChunkReader(leaf: leaf, meta: meta, lazyFrom: lazyPagesFrom,
                                           place: LazyByteArrays.Place(file: path, column: leaf.dottedPath, rowGroup: g, page: 0))
            do {
                let start = meta.dictionaryPageOffset.flatMap { $0 > 0 ? $0 : nil } ?? meta.dataPageOffset
                let fd = self.fd, path = self.path
                let source = ChunkBytes(count: Int(meta.totalCompressedSize)) { offset, destination in
                    try Self.pread(fd, path: path, at: start + Int64(offset), into: destination)
                }
                var chunk = try reader.read(source)
                try chunk.indexRows(maxDefinition: leaf.maxDefinition, rows: rows)
                columns[i] = chunk
            } catch let e as PageError {
                throw ParquetError(file: path, column: leaf.dottedPath, rowGroup: g, page: reader.page, message: e.message)
            } catch var e as ParquetError {
                e.column = leaf.dottedPath; e.rowGroup = g
                throw e
            }
        }
        lock.withLock {
            // A wider read of the same group replaces the narrower one.
            cache.removeAll { $0.group == g && $0.fields.isSubset(of: fields) }
            if cache.count >= cacheLimit { cache.removeFirst() }
            cache.append((g, fields, columns))
        }
        return columns
    }

    private static func systemOpen(_ path: String) -> Int32 {
        #if canImport(Glibc)
        return Glibc.open(path, O_RDONLY | O_CLOEXEC)
        #else
        return Darwin.open(path, O_RDONLY | O_CLOEXEC)
        #endif
    }

    private static func pread(_ fd: Int32, path: String, at offset: Int64, count: Int) throws -> [UInt8] {
        var failure: Error?
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buf, initialized in
            do { try pread(fd, path: path, at: offset, into: UnsafeMutableRawBufferPointer(buf)); initialized = count } catch {
                failure = error; initialized = 0
            }
        }
        if let failure { throw failure }
        return bytes
    }

    /// Fills `destination` with the file's bytes from `offset`.
    private static func pread(_ fd: Int32, path: String, at offset: Int64, into destination: UnsafeMutableRawBufferPointer) throws {
        let count = destination.count
        var got = 0
        while got < count {
            #if canImport(Glibc)
            let n = Glibc.pread(fd, destination.baseAddress.map { $0 + got }, count - got, off_t(offset + Int64(got)))
            #else
            let n = Darwin.pread(fd, destination.baseAddress.map { $0 + got }, count - got, off_t(offset + Int64(got)))
            #endif
            if n < 0 {
                if errno == EINTR { continue }
                throw ParquetError(file: path, message: String(cString: strerror(errno)))
            }
            if n == 0 { throw ParquetError(file: path, message: "the file ends before byte \(offset + Int64(count))") }
            got += n
        }
    }
}
