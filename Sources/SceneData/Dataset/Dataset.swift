import Foundation
import Imaging
import Parquet
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A JSON Lines dataset file: opened without parsing, indexed by byte offset
/// in one streaming pass, items parsed when asked for.
///
/// Thread-safe: indexing may run in the background while other threads read
/// items; every access to the index takes a lock, held for one chunk at most.
public final class Dataset: @unchecked Sendable {
    /// The path as given to `open`.
    public let path: String
    /// The folder holding the file; relative paths in items resolve against it.
    public let directory: String
    /// The file's size when it was opened.
    public let totalBytes: Int64
    /// How the rows are laid out; every layout maps onto the one item model.
    public let layout: InputLayout
    /// The rows of a dataset that is not one JSON Lines file (Parquet, a JSON
    /// array, compressed JSON Lines, shards); nil for one JSON Lines file.
    private let rows: RowSource?
    /// `--map`: the user's columns for SceneLens's fields.
    public let map: FieldMap?
    /// The files read, in item order (one, or the shards of a folder or glob).
    public let files: [String]
    /// The columns an item is made from; nil for all of them.
    private let itemColumns: Set<String>?
    /// The column ids come from; nil when items are named by a hash of their row.
    private let idColumn: String?
    /// The columns that say how many negatives a row has (no images).
    private let countColumns: Set<String>?
    /// The columns images come from.
    private let imageColumns: Set<String>
    /// False: items come without their embedded image bytes (stats needs none).
    public let readsImages: Bool

    private let fd: Int32
    private let lock = NSLock()
    private var index = LineIndex()
    /// While indexing started at a remembered line (`startIndexing(at:item:)`):
    /// the index of the lines before it, scanned in the background up to it.
    private var prefix: LineIndex?
    private let idLock = NSLock()
    private var idMap: [String: Int]?
    /// Ids used by more than one item, with every position that has them (built with `idMap`).
    private var repeated: [String: [Int]] = [:]
    /// Image sizes read so far (see `imageSize(of:)`).
    /// Image sizes from headers, per resolved path (nil: unreadable).
    let imageSizes = PathMemo<ImageSize?>()
    /// `outsideFolder` answers, per path as written.
    private let outsidePaths = PathMemo<String?>()
    private let realDirectoryMemo = PathMemo<String>()

    private init(path: String, directory: String, fd: Int32, size: Int64, layout: InputLayout = .scenelens,
                 rows: RowSource? = nil, map: FieldMap? = nil, files: [String], keys: [String], images: Bool) {
        self.path = path; self.directory = directory; self.fd = fd; self.totalBytes = size; self.readsImages = images
        self.layout = layout; self.rows = rows; self.map = map; self.files = files
        // Item N reads only the columns its layout maps (all of them when the
        // id is a hash of the whole row); ids read only the id column.
        let present = Set(keys)
        if let map {
            idColumn = map.pairs.first { $0.field == "id" }?.column
            itemColumns = idColumn == nil ? nil : map.columns
        } else {
            idColumn = PreferenceRow.idColumns.first(where: present.contains)
            itemColumns = idColumn == nil ? nil : PreferenceRow.columns(for: layout)?.intersection(present)
        }
        let images: Set<String> = map.map { m in Set(m.pairs.filter { $0.field == "image" }.map(\.topColumn)) } ?? ["image", "images"]
        imageColumns = images
        countColumns = (map?.columns ?? PreferenceRow.columns(for: layout)?.intersection(present)).map { $0.subtracting(images) }
    }

    deinit {
        index.release()
        prefix?.release()
        if fd >= 0 { close(fd) }
    }

    /// Opens the dataset at `path` without indexing it; throws `DatasetError`.
    /// `path` is a file, a folder of shards or a glob (`data/train-*.parquet`);
    /// `layout` forces a layout, `map` maps the user's columns onto SceneLens fields.
    /// `images: false` leaves embedded image bytes unread (for counting and stats).
    public static func open(path: String, layout forced: InputLayout? = nil, map: FieldMap? = nil,
                            images: Bool = true) throws -> Dataset {
        let files = try DatasetFiles.expand(path)
        if files.count == 1, files[0] == path {
            return try openFile(path: path, layout: forced, map: map, images: images)
        }
        // Several files: each is a row source, read as one dataset in name order.
        var shards: [RowSource] = []
        var size: Int64 = 0
        for file in files {
            let fd = systemOpen(file)
            if fd < 0 { throw DatasetError.unreadable(file, reason: String(cString: strerror(errno))) }
            defer { close(fd) }
            var st = stat()
            if fstat(fd, &st) == 0 { size += Int64(st.st_size) }
            let (source, _) = try openRows(path: file, fd: fd)
            shards.append(try source ?? JSONLinesRows(path: file, bytes: readFile(file, limit: DatasetFiles.inMemoryLimit)))
        }
        let rows = ShardedRows(shards)
        let layout = try chooseLayout(forced: forced, map: map, keys: rows.keys, path: path)
        let directory = (absolutePath(files[0]) as NSString).deletingLastPathComponent
        return Dataset(path: path, directory: directory.isEmpty ? "/" : directory, fd: -1, size: size, layout: layout,
                       rows: rows, map: map, files: files, keys: rows.keys, images: images)
    }

    private static func openFile(path: String, layout forced: InputLayout?, map: FieldMap?, images: Bool) throws -> Dataset {
        var st = stat()
        if stat(path, &st) != 0 {
            if errno == ENOENT || errno == ENOTDIR { throw DatasetError.noSuchFile(path) }
            throw DatasetError.unreadable(path, reason: String(cString: strerror(errno)))
        }
        // A FIFO would block open() and a device never ends (issue 14).
        if (st.st_mode & S_IFMT) != S_IFREG {
            throw DatasetError.unreadable(path, reason: "it is not a regular file (a FIFO, device or socket)")
        }
        let fd = systemOpen(path)
        if fd < 0 { throw DatasetError.unreadable(path, reason: String(cString: strerror(errno))) }
        let absolute = Self.absolutePath(path)
        let dir = (absolute as NSString).deletingLastPathComponent
        let directory = dir.isEmpty ? "/" : dir
        do {
            let (rows, keys) = try openRows(path: path, fd: fd)
            let layout = try chooseLayout(forced: forced, map: map, keys: keys, path: path)
            return Dataset(path: path, directory: directory, fd: fd, size: Int64(st.st_size), layout: layout,
                           rows: rows, map: map, files: [path], keys: keys, images: images)
        } catch {
            close(fd)
            throw error
        }
    }

    /// The forced layout, else the one the keys (mapped, with `map`) say, else SceneLens's.
    /// A map naming a column the file does not have is an error naming it.
    private static func chooseLayout(forced: InputLayout?, map: FieldMap?, keys: [String], path: String) throws -> InputLayout {
        guard let map else { return forced ?? InputLayout.detect(keys: keys) ?? .scenelens }
        if let gap = map.missing(in: keys).first, !keys.isEmpty {
            throw DatasetError.unreadable(path, reason: "--map \(gap.field)=\(gap.column): there is no column '\(gap.topColumn)' "
                                          + "(its columns: \(keys.joined(separator: ", ")))")
        }
        // Mapped rows hold SceneLens's field names; they are read as preference rows.
        return forced ?? .trl
    }

    /// The rows of a Parquet file, a JSON array file or a compressed file, and
    /// the keys of the first row (of the first line, for JSON Lines, whose rows
    /// are read from the index: no row source).
    private static func openRows(path: String, fd: Int32) throws -> (RowSource?, [String]) {
        var head = [UInt8](repeating: 0, count: 64 * 1024)
        let n = head.withUnsafeMutableBytes { systemPread(fd, $0.baseAddress, $0.count, 0) }
        head.removeSubrange(max(n, 0)...)
        if ParquetFile.hasMagic(head) {
            do {
                let file = try ParquetFile.open(path: path)
                let rows = ParquetRows(file: file)
                return (rows, rows.keys)
            } catch var e as ParquetError {
                e.file = ""
                throw DatasetError.unreadable(path, reason: e.description)
            }
        }
        if let codec = DatasetFiles.Compression(magic: head) {
            // gzip or zstd JSON Lines (or a JSON array): decompressed into memory.
            let bytes = try DatasetFiles.decompress(readFile(path, limit: DatasetFiles.inMemoryLimit), codec, path: path)
            if let rows = try jsonArrayRows(bytes, path: path) { return (rows, rows.keys) }
            let rows = JSONLinesRows(path: path, bytes: bytes)
            return (rows, rows.keys)
        }
        if let rows = try jsonArrayRows(head.count < 64 * 1024 ? head : nil, path: path, fd: fd) { return (rows, rows.keys) }
        // JSON Lines: the first line's keys say the layout.
        let start = head.firstIndex { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
        let firstLine = head[(start ?? 0)...].prefix { $0 != 0x0A }
        let keys = (try? JSONParser.parse(Array(firstLine)))?.objectValue?.map(\.0) ?? []
        return (nil, keys)
    }

    /// The elements of a file holding one JSON array, nil when `bytes` (the
    /// whole file, read now when nil and `fd` is given) do not start with `[`.
    private static func jsonArrayRows(_ whole: [UInt8]?, path: String, fd: Int32? = nil) throws -> JSONArrayRows? {
        var bytes = whole
        if bytes == nil, let fd {
            var head = [UInt8](repeating: 0, count: 4096)
            let n = head.withUnsafeMutableBytes { systemPread(fd, $0.baseAddress, $0.count, 0) }
            head.removeSubrange(max(n, 0)...)
            bytes = head
        }
        guard let b = bytes, let start = b.firstIndex(where: { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }),
              b[start] == UInt8(ascii: "[") else { return nil }
        // A JSON array file: parsed whole (these files are small next to Parquet ones).
        let all = try whole ?? readFile(path, limit: DatasetFiles.inMemoryLimit)
        let value: JSONValue
        do { value = try JSONParser.parse(all) } catch {
            throw DatasetError.unreadable(path, reason: "it starts like a JSON array but is not valid JSON: \(error.message)")
        }
        return JSONArrayRows(path: path, values: value.arrayValue ?? [])
    }

    private static func systemOpen(_ path: String) -> Int32 {
        #if canImport(Glibc)
        return Glibc.open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        #else
        return Darwin.open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        #endif
    }

    private static func absolutePath(_ p: String) -> String {
        let joined = p.hasPrefix("/") ? p : FileManager.default.currentDirectoryPath + "/" + p
        return cleaned(joined)
    }

    /// An absolute path without `.` components and repeated slashes. `..` is
    /// kept: removing it by text would be wrong behind a symbolic link, and the
    /// kernel resolves it anyway. (NSString.standardizingPath also resolves
    /// symbolic links on Linux, which cost a system call per component.)
    static func cleaned(_ path: String) -> String {
        // Most paths are clean already; validate resolves one per item.
        if isClean(path) { return path }
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
        return "/" + parts.joined(separator: "/")
    }

    /// True when `cleaned` would return `path` unchanged: absolute, and no
    /// empty or `.` component (so no repeated or trailing slash).
    private static func isClean(_ path: String) -> Bool {
        let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
        var utf8 = path.utf8.makeIterator()
        guard utf8.next() == slash else { return false }
        var length = 0
        var isDot = false
        while let b = utf8.next() {
            if b == slash {
                if length == 0 || isDot { return false }
                length = 0
            } else {
                length += 1
                isDot = length == 1 && b == dot
            }
        }
        return length > 0 && !isDot
    }

    // MARK: - Indexing

    /// Indexes the rest of the file in one streaming pass, reporting progress
    /// after each chunk; returns when the whole file is indexed (after a
    /// start at a remembered line: the rest of the file, then the lines before it).
    public func indexAll(progress: ((IndexProgress) -> Void)? = nil) {
        if let rows {
            progress?(IndexProgress(bytesRead: totalBytes, totalBytes: totalBytes, items: rows.count))
            return
        }
        while true {
            lock.lock()
            let more = index.done ? stepPrefix() : index.step(fd: fd) || prefix != nil
            let p = IndexProgress(bytesRead: scannedBytes, totalBytes: totalBytes, items: index.count)
            lock.unlock()
            progress?(p)
            if !more { return }
        }
    }

    /// Bytes scanned so far (tests: resuming at a remembered line scans little before answering).
    var bytesScanned: Int64 { lock.withLock { scannedBytes } }

    /// Bytes scanned by the index and the prefix's. Call with `lock` held.
    private var scannedBytes: Int64 {
        guard let prefix else { return index.scanned }
        return prefix.scanned + index.scanned - (prefix.limit ?? 0)
    }

    /// Scans one chunk of the lines before the remembered one; once they are
    /// all indexed, puts them in front of the index. False when nothing is
    /// left to scan. Call with `lock` held.
    private func stepPrefix() -> Bool {
        guard var p = prefix else { return false }
        prefix = nil
        let more = p.step(fd: fd)
        if more { prefix = p; return true }
        if p.count == index.base && p.nextLine == index.line(ofItem: index.base) && p.failure == nil {
            index.prepend(p)
            return false
        }
        // The lines before did not add up to the remembered place (the file
        // changed without its size or time changing): index from the top again.
        p.release()
        index.release()
        index = LineIndex()
        return true
    }

    /// Indexes until item `i` is known or the file ends.
    private func ensureIndexed(through i: Int) {
        if rows != nil || i < 0 { return }
        while true {
            lock.lock()
            if i < index.base, let p = prefix, p.count > i { lock.unlock(); return }
            if i >= index.base && (index.count > i || index.done) { lock.unlock(); return }
            if i < index.base { _ = stepPrefix() } else { _ = index.step(fd: fd) }
            lock.unlock()
        }
    }

    /// Item `i`'s byte range, from the index or, before a remembered start, the prefix's. Call with `lock` held.
    private func range(ofItem i: Int) -> (start: Int64, upper: Int64)? {
        i < index.base ? prefix?.range(ofItem: i) : index.range(ofItem: i)
    }

    /// Starts indexing at a line remembered from an earlier session (item
    /// `item` at `place`) when that line is still there, byte for byte, and
    /// the index has not got that far: the lines before it are indexed in the
    /// background by `indexAll`, or as far as an item there is asked for.
    /// True when item `item` is at `place` now (started there or already indexed so).
    public func startIndexing(at place: LinePlace, item: Int) -> Bool {
        guard rows == nil, item > 0, place.offset > 0, place.length > 0, place.offset + Int64(place.length) <= totalBytes,
              let bytes = try? read(from: place.offset - 1, count: Int(min(Int64(place.length + 2), totalBytes - place.offset + 1)))
        else { return false }
        // A line end before it, the same bytes, and a line end (LF or CRLF) or the file's end after them.
        let follows: UInt8? = bytes.count > place.length + 1 ? bytes[place.length + 1] : nil
        guard bytes.first == 0x0A, follows == nil || follows == 0x0A || follows == 0x0D,
              LinePlace.checksum(bytes[1..<(1 + place.length)]) == place.checksum else { return false }
        let started: Bool? = lock.withLock {
            if prefix != nil || index.base > 0 { return index.base == item && index.range(ofItem: item)?.start == place.offset }
            if index.scanned > place.offset || index.done { return nil }
            // What is indexed so far becomes the prefix, which stops where the remembered line starts.
            var p = index
            p.limit = place.offset
            prefix = p
            index = LineIndex(at: place, item: item)
            return true
        }
        if let started { return started }
        // The index is past the place already: it says whether item `item` is there.
        ensureIndexed(through: item)
        return lock.withLock { index.range(ofItem: item)?.start == place.offset && index.line(ofItem: item) == place.line }
    }

    /// Where item `i`'s line is and a checksum of it, for `startIndexing`
    /// in a later session; nil for a dataset that is not one JSON Lines file.
    public func place(ofItem i: Int) -> LinePlace? {
        guard rows == nil else { return nil }
        ensureIndexed(through: i)
        let found: (Int64, Int64, Int)? = lock.withLock {
            guard let r = range(ofItem: i) else { return nil }
            return (r.start, r.upper, i < index.base ? prefix?.line(ofItem: i) ?? 0 : index.line(ofItem: i))
        }
        guard let (start, upper, line) = found, line > 0, let bytes = try? read(from: start, count: Int(upper - start)) else { return nil }
        var end = Self.firstNewline(in: bytes, from: 0, to: bytes.count)
        if end > 0 && bytes[end - 1] == 0x0D { end -= 1 }
        return LinePlace(offset: start, line: line, length: end, checksum: LinePlace.checksum(bytes[..<end]))
    }

    /// Items indexed so far (blank lines are not items).
    public var count: Int { rows?.count ?? lock.withLock { index.count } }

    /// True once the whole file has been scanned.
    public var isFullyIndexed: Bool { rows != nil || lock.withLock { index.done && prefix == nil } }

    /// Why indexing stopped early, when reading the file failed.
    public var indexingError: DatasetError? {
        lock.withLock { (index.failure ?? prefix?.failure).map { DatasetError.unreadable(path, reason: $0) } }
    }

    /// The 1-based line in the file of item `index` (its 1-based row, for Parquet
    /// and JSON array files, in its shard for several files); 0 when there is no such item.
    public func lineNumber(ofItem i: Int) -> Int {
        if let rows { return i >= 0 && i < rows.count ? rows.location(i).row : 0 }
        ensureIndexed(through: i)
        return lock.withLock { i < 0 ? 0 : i < index.base ? prefix?.line(ofItem: i) ?? 0 : index.line(ofItem: i) }
    }

    /// Where item `i`'s line starts in the file and how many bytes it spans
    /// (with its line ending); nil for other layouts and unknown items.
    public func lineSpan(ofItem i: Int) -> (offset: Int64, length: Int)? {
        if rows != nil { return nil }
        ensureIndexed(through: i)
        return lock.withLock { index.range(ofItem: i).map { ($0.start, Int($0.upper - $0.start)) } }
    }

    /// The file holding item `index`: `path`, or its shard when the dataset is several files.
    public func file(ofItem i: Int) -> String {
        guard let rows, files.count > 1, i >= 0, i < rows.count else { return path }
        return rows.location(i).file
    }

    // MARK: - Reading

    /// The bytes of item `index`'s line: no line ending, and no BOM on line 1.
    /// Rows of other layouts come as the SceneLens item they map onto, inline
    /// images as base64 (`item(at:)` reads them without this text).
    public func rawLine(ofItem i: Int) throws -> [UInt8] {
        if rows != nil {
            let (value, blobs) = try mappedItem(i)
            return Array(SourceRow.materialize(value, blobs).jsonText.utf8)
        }
        return mapped(try fileLine(ofItem: i))
    }

    /// Row `i` of a row source as the SceneLens item it maps onto, with its
    /// binary values; reads only the columns the item is made from (without
    /// the image columns when the dataset was opened with `images: false`).
    /// `counting`: only for its negatives, read without its image and id.
    private func mappedItem(_ i: Int, counting: Bool = false) throws -> (JSONValue, [[UInt8]]) {
        guard let rows else { throw DatasetError.noSuchItem(path, index: i, count: count) }
        guard i >= 0 && i < rows.count else { throw DatasetError.noSuchItem(path, index: i, count: rows.count) }
        func read(_ fields: Set<String>?) throws -> SourceRow {
            do { return try rows.row(i, fields: fields) } catch var e as ParquetError {
                e.file = ""
                throw DatasetError.unreadable(file(ofItem: i), reason: e.description)
            } catch let e as RowError {
                throw DatasetError.unreadable(file(ofItem: i), reason: e.message)
            }
        }
        let textOnly = !readsImages && itemColumns != nil
        var row = try read(counting ? countColumns : textOnly ? itemColumns?.subtracting(imageColumns) : itemColumns)
        var value = map?.apply(row.value) ?? row.value
        // The hash of the row as read for an item (the same columns on every
        // opening), only when the row has no id.
        var id = ""
        if !counting && PreferenceRow.id(value) == nil {
            if textOnly { row = try read(itemColumns) }
            id = rowHashID(row)
        }
        value = PreferenceRow.item(value, layout: layout, fallbackID: id, imageForID: visualGenomeImage)
        if textOnly, value["image"] == nil, case .object(var members) = value {
            members.insert(("image", .string("(embedded image, not read)")), at: 1)
            value = .object(members)
        }
        return (value, row.blobs)
    }

    /// A JSON Lines line of another layout as the SceneLens item it maps onto;
    /// a line that is not JSON stays as it is, for the reader to report.
    private func mapped(_ line: [UInt8]) -> [UInt8] {
        guard layout != .scenelens || map != nil, var row = try? JSONParser.parse(line) else { return line }
        let id = rowHashID(SourceRow(value: row))
        if let map { row = map.apply(row) }
        return Array(PreferenceRow.item(row, layout: layout, fallbackID: id, imageForID: visualGenomeImage).jsonText.utf8)
    }

    /// The image of a Visual Genome image id (HA-DPO): `VG_100K/ID.jpg` or
    /// `VG_100K_2/ID.jpg` beside the dataset when there, else `ID.jpg`.
    private func visualGenomeImage(_ id: String) -> String {
        for folder in ["VG_100K", "VG_100K_2", "images"] where FileManager.default.fileExists(atPath: resolve("\(folder)/\(id).jpg")) {
            return "\(folder)/\(id).jpg"
        }
        return "\(id).jpg"
    }

    private func fileLine(ofItem i: Int) throws -> [UInt8] {
        ensureIndexed(through: i)
        let r: (start: Int64, upper: Int64)? = lock.withLock { range(ofItem: i) }
        guard let r else { throw DatasetError.noSuchItem(path, index: i, count: count) }
        var bytes = try read(from: r.start, count: Int(r.upper - r.start))
        let nl = Self.firstNewline(in: bytes, from: 0, to: bytes.count)
        if nl < bytes.count { bytes.removeSubrange(nl...) }
        if bytes.last == 0x0D { bytes.removeLast() }
        return bytes
    }

    /// Reads `count` bytes at `offset` with `pread`, safe to call from any thread.
    func read(from offset: Int64, count: Int) throws -> [UInt8] {
        var failure: String?
        let bytes = [UInt8](unsafeUninitializedCapacity: max(count, 0)) { buf, initialized in
            failure = Self.pread(fd, into: UnsafeMutableRawBufferPointer(buf), count: max(count, 0), at: offset)
            initialized = failure == nil ? max(count, 0) : 0
        }
        if let failure { throw DatasetError.unreadable(path, reason: failure) }
        return bytes
    }

    /// Reads into the front of `bytes`, growing it when needed but never
    /// shrinking it: a scan over the whole file must not allocate and zero a
    /// fresh buffer per block. Only the first `count` bytes are meaningful.
    func read(into bytes: inout [UInt8], from offset: Int64, count: Int) throws {
        if bytes.count < count { bytes = [UInt8](repeating: 0, count: count) }
        let fd = self.fd
        let failure = bytes.withUnsafeMutableBytes { Self.pread(fd, into: $0, count: count, at: offset) }
        if let failure { throw DatasetError.unreadable(path, reason: failure) }
    }

    /// Fills `buf[0..<count]` from the file; the reason on failure.
    private static func pread(_ fd: Int32, into buf: UnsafeMutableRawBufferPointer, count: Int, at offset: Int64) -> String? {
        var got = 0
        while got < count {
            let n = systemPread(fd, buf.baseAddress.map { $0 + got }, count - got, off_t(offset + Int64(got)))
            if n < 0 { if errno == EINTR { continue }; return String(cString: strerror(errno)) }
            if n == 0 { return "the file became shorter while it was read" }
            got += n
        }
        return nil
    }

    private static func systemPread(_ fd: Int32, _ p: UnsafeMutableRawPointer?, _ n: Int, _ off: off_t) -> Int {
        #if canImport(Glibc)
        return Glibc.pread(fd, p, n, off)
        #else
        return Darwin.pread(fd, p, n, off)
        #endif
    }

    /// Whether item `i`'s line may hold a text `filter` looks for, from its
    /// bytes alone (`TextPrefilter`): a walk for text parses only the lines
    /// that may. True when unsure: rows of other layouts, a line that cannot be read.
    public func lineMightMatch(_ i: Int, _ filter: TextPrefilter) -> Bool {
        guard rows == nil, layout == .scenelens, map == nil, let bytes = try? fileLine(ofItem: i) else { return true }
        return filter.mightMatch(bytes)
    }

    /// Item `index`, parsed now; problems become diagnostics, never a throw.
    public func item(at i: Int) -> ParsedItem {
        item(at: i, attentionFiles: nil)
    }

    /// Item `index` with only `parts` built (see `ItemParts`): the line is
    /// checked whole, so it is unreadable exactly when `item(at:)` finds it so.
    public func item(at i: Int, parts: ItemParts) -> ParsedItem {
        item(at: i, attentionFiles: nil, parts: parts)
    }

    /// Item `index`, reading attention files through `attentionFiles` (one
    /// validation run shares it across items) when given.
    func item(at i: Int, attentionFiles: AttentionFileCache?, parts: ItemParts = .all) -> ParsedItem {
        let line = lineNumber(ofItem: i)
        let file = file(ofItem: i)
        if rows != nil {
            // Rows of other formats are mapped as values: no JSON text, images stay bytes.
            let value: JSONValue, blobs: [[UInt8]]
            do { (value, blobs) = try mappedItem(i) } catch {
                // The file is named in front already; the id comes from the id column alone.
                var message = "\(error)"
                if case .unreadable(_, let reason) = error as? DatasetError { message = "cannot be read: \(reason)" }
                return ParsedItem(index: i, line: line, item: nil,
                                  diagnostics: [Diagnostic(.error, file: file, line: line == 0 ? nil : line,
                                                           itemID: idOnly(i), message: message)])
            }
            var reader = ItemReader(file: file, line: line, dataset: self, attentionFiles: attentionFiles)
            reader.blobs = blobs
            reader.parts = parts
            let item = reader.readItem(value)
            var parsed = ParsedItem(index: i, line: line, item: item, diagnostics: namingMappedColumns(reader.diagnostics))
            if item == nil, let id = value["id"]?.stringValue {
                for k in parsed.diagnostics.indices where parsed.diagnostics[k].itemID == nil { parsed.diagnostics[k].itemID = id }
            }
            return parsed
        }
        let bytes: [UInt8]
        do {
            bytes = try rawLine(ofItem: i)
        } catch {
            return ParsedItem(index: i, line: line, item: nil,
                              diagnostics: [Diagnostic(.error, file: path, line: line == 0 ? nil : line,
                                                       message: "\(error)")])
        }
        var reader = ItemReader(file: path, line: line, dataset: self, attentionFiles: attentionFiles)
        reader.parts = parts
        let (item, diagnostics) = reader.read(bytes)
        var parsed = ParsedItem(index: i, line: line, item: item, diagnostics: namingMappedColumns(diagnostics))
        if item == nil { parsed.nameUnreadable(idIn: bytes) }
        return parsed
    }

    /// Item `i`'s id read from its id column alone, nil without one.
    private func idOnly(_ i: Int) -> String? {
        guard let rows, let idColumn else { return nil }
        let top = String(idColumn.split(separator: ".", maxSplits: 1).first ?? "")
        guard var row = try? rows.row(i, fields: [top]) else { return nil }
        if let map { row.value = map.apply(row.value) }
        return PreferenceRow.id(row.value)
    }

    /// With `--map`, a missing field's message names the column it was mapped from.
    private func namingMappedColumns(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        guard let map else { return diagnostics }
        return diagnostics.map { d in
            guard let field = d.field, let pair = map.pairs.first(where: { $0.field == field || ($0.field == "rejected" && field.hasPrefix("negatives[") && field.hasSuffix("].rationale")) }),
                  d.message == "required field is missing" else { return d }
            var d = d
            d.message = "required field is missing: column '\(pair.column)' is null or absent in this row (--map \(pair.field)=\(pair.column))"
            return d
        }
    }

    /// How many negatives item `index` has, from its JSON alone (no scene
    /// graphs built, no attention files read): enough for a progress total.
    /// Nil when the line cannot be read, is not JSON or is not an object.
    public func negativeCount(ofItem i: Int) -> Int? {
        if rows != nil {
            return (try? mappedItem(i, counting: true))?.0["negatives"]?.arrayValue?.count
        }
        guard let bytes = try? rawLine(ofItem: i) else { return nil }
        return Self.negativeCount(bytes[...])
    }

    /// The total of `negativeCount(ofItem:)` over every item (indexing the whole
    /// file first), reading the file in large blocks; lines that cannot be read count 0.
    public func negativeTotal() -> Int {
        indexAll()
        if rows != nil || layout != .scenelens {
            // A mapped row has one negative per rejected text: count without images.
            return (0..<count).reduce(0) { $0 + (negativeCount(ofItem: $1) ?? 0) }
        }
        var total = 0
        forEachRawLine { i, line in
            if let n = Self.negativeCount(line) { total += n; return }
            // A block that could not be read comes as no bytes: try the line on its own.
            if line.isEmpty { total += negativeCount(ofItem: i) ?? 0 }
        }
        return total
    }

    /// `negatives`, else `rejected`, counted as a full parse would count it,
    /// but checked by the parser without building values (200k-item files).
    static func negativeCount(_ line: ArraySlice<UInt8>) -> Int? {
        (try? JSONParser.arrayCount(ofFirstMemberNamed: ["negatives", "rejected"], in: line)) ?? nil
    }

    /// Offset of the first LF in `bytes[lo..<hi]`, or `hi`; memchr, because a
    /// byte-by-byte Swift loop over a 400 MB file is slower than reading it.
    static func firstNewline(in bytes: [UInt8], from lo: Int, to hi: Int) -> Int {
        guard lo < hi else { return hi }
        return bytes.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress, let hit = memchr(base + lo, 0x0A, hi - lo) else { return hi }
            return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }
    }

    // MARK: - Ids

    /// The index of the item with this id (the first, when ids repeat); indexes
    /// the whole file and builds the id map on first use.
    public func itemIndex(forID id: String) -> Int? {
        idLock.lock()
        defer { idLock.unlock() }
        if idMap == nil { buildIDMap() }
        return idMap?[id]
    }

    /// Every item id with the position of its first item (indexes the whole
    /// file and builds the id map on first use, like `itemIndex(forID:)`).
    public func itemIDs() -> [String: Int] {
        idLock.lock()
        defer { idLock.unlock() }
        if idMap == nil { buildIDMap() }
        return idMap ?? [:]
    }

    /// Ids that more than one item has, each with the positions (0-based, in
    /// file order) of all its items. Decisions are keyed by item id, so those
    /// items cannot be told apart in the store. Indexes the whole file and
    /// builds the id map on first use, like `itemIndex(forID:)`.
    public func repeatedItemIDs() -> [String: [Int]] {
        idLock.lock()
        defer { idLock.unlock() }
        if idMap == nil { buildIDMap() }
        return repeated
    }

    /// `repeatedItemIDs()` if the id map is built, else nil at once: for
    /// callers that must not wait for a whole large file to be read (the
    /// inspector's first decisions; its background count builds the map).
    public func repeatedItemIDsIfKnown() -> [String: [Int]]? {
        guard idLock.try() else { return nil }
        defer { idLock.unlock() }
        return idMap == nil ? nil : repeated
    }

    /// The id of every item, in file order (nil where a line has no readable id).
    public func allIDs() -> [String?] {
        indexAll()
        if let rows, let idColumn {
            // Only the id column is read: no images, no text.
            let top = String(idColumn.split(separator: ".", maxSplits: 1).first ?? "")
            return rows.column(top).enumerated().map { i, v -> String? in
                var id = v
                if map != nil, let v { id = map?.apply(.object([(top, v)]))["id"] }
                if let s = id.flatMap(ItemReader.idString), !s.isEmpty { return s }
                // No id in this row: the item's id is a hash of the row (or another id column).
                return (try? mappedItem(i))?.0["id"]?.stringValue
            }
        }
        var ids: [String?] = []
        ids.reserveCapacity(count)
        forEachRawLine { _, bytes in ids.append(IDScanner.id(in: bytes)) }
        return ids
    }

    /// Call with `idLock` held.
    private func buildIDMap() {
        var map: [String: Int] = [:]
        var again: [String: [Int]] = [:]
        for (i, id) in allIDs().enumerated() {
            guard let id else { continue }
            if let first = map[id] {
                again[id, default: [first]].append(i)
            } else {
                map[id] = i
            }
        }
        idMap = map
        repeated = again
    }

    /// Calls `body` with each indexed item's line bytes, reading the file in
    /// large blocks rather than one `pread` per line.
    public func forEachRawLine(_ body: (Int, ArraySlice<UInt8>) -> Void) {
        if rows != nil || layout != .scenelens || map != nil {
            // Other layouts are mapped row by row; a row that cannot be read comes as no bytes.
            for i in 0..<count { body(i, ((try? rawLine(ofItem: i)) ?? [])[...]) }
            return
        }
        let n = count
        var i = 0
        var block: [UInt8] = []
        while i < n {
            let ranges: [(Int64, Int64)] = lock.withLock {
                var out: [(Int64, Int64)] = []
                var j = i
                var size: Int64 = 0
                while j < n, let r = range(ofItem: j) {
                    if !out.isEmpty && size + (r.upper - r.start) > 1 << 20 { break }
                    out.append((r.start, r.upper)); size += r.upper - r.start; j += 1
                }
                return out
            }
            guard let first = ranges.first, let last = ranges.last,
                  (try? read(into: &block, from: first.0, count: Int(last.1 - first.0))) != nil else {
                for k in 0..<max(ranges.count, 1) where i + k < n { body(i + k, []) }
                i += max(ranges.count, 1)
                continue
            }
            for (k, r) in ranges.enumerated() {
                var lo = Int(r.0 - first.0)
                var hi = Int(r.1 - first.0)
                hi = Self.firstNewline(in: block, from: lo, to: hi)
                if hi > lo && block[hi - 1] == 0x0D { hi -= 1 }
                lo = min(lo, hi)
                body(i + k, block[lo..<hi])
            }
            i += ranges.count
        }
    }

    // MARK: - Paths and images

    /// The absolute path of a path written in the dataset (relative to `directory`).
    public func resolve(_ relativePath: String) -> String {
        if relativePath.hasPrefix("/") { return relativePath }
        return Self.cleaned(directory + "/" + relativePath)
    }

    /// Where a path written in the dataset really leads (symbolic links
    /// resolved) when that is outside the dataset's folder; nil when it stays
    /// inside. `validate` warns about such paths and `export` refuses them
    /// (issue 14); see `FolderContainment`.
    public func outsideFolder(_ writtenPath: String) -> String? {
        outsidePaths.value(for: writtenPath) {
            FolderContainment.outside(resolve(writtenPath), realFolder: realDirectory)
        }
    }

    /// `directory` with its symbolic links resolved, worked out on first use.
    private var realDirectory: String {
        realDirectoryMemo.value(for: "") { FolderContainment.realPath(directory) }
    }

    /// The bytes of an item's image file (or its inline bytes).
    public func imageBytes(for source: ImageSource) throws -> [UInt8] {
        switch source {
        case .inline(let bytes): return bytes
        case .path(let p): return try Self.readFile(resolve(p))
        }
    }

    /// Reads a whole file (see `FileRead`); throws `DatasetError` naming it.
    /// Only regular files are read, of at most `limit` bytes (`FileRead.Limit`).
    static func readFile(_ path: String, limit: Int = FileRead.Limit.image) throws -> [UInt8] {
        do {
            return try FileRead.all(atPath: path, limit: limit)
        } catch where error.isMissing {
            throw DatasetError.noSuchFile(path)
        } catch {
            throw DatasetError.unreadable(path, reason: error.reason)
        }
    }
}
