import Foundation
import Analysis
import Imaging
import Review
import SceneData
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a dataset's summary is kept and how it is written and read:
/// `$XDG_CACHE_HOME/scenelens/summaries/NAME-HASH.summary` (`~/.cache`
/// without XDG_CACHE_HOME), HASH a hash of the dataset's absolute path.
/// Written through `TempFile` (a crash leaves the old file or none); read
/// with every length checked and the whole file's checksum compared, so a
/// damaged, truncated or foreign file is refused (and rebuilt), never trusted.
public enum SummaryFile {
    static let magic = Array("SCENELENS-SUMMARY\n".utf8)

    /// The folder summaries are kept in.
    public static func folder(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let dir = environment["XDG_CACHE_HOME"], dir.hasPrefix("/") { return dir + "/scenelens/summaries" }
        return (environment["HOME"] ?? NSTemporaryDirectory()) + "/.cache/scenelens/summaries"
    }

    /// `path` made absolute, `.` and `..` resolved: `data.jsonl` and `./data.jsonl` are one dataset.
    public static func standardPath(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// The summary file of the dataset at `path` in `folder`.
    public static func path(forDataset path: String, in folder: String) -> String {
        let absolute = standardPath(path)
        let name = (absolute as NSString).lastPathComponent
        let hash = String(SummaryHash.of(Array(absolute.utf8)[...]), radix: 16)
        return folder + "/" + name + "-" + hash + ".summary"
    }

    /// Why a summary file was not used.
    public enum Refusal: Error, Equatable, CustomStringConvertible {
        case missing
        case damaged(String)
        public var description: String {
            switch self {
            case .missing: "no summary yet"
            case .damaged(let why): "the summary file is damaged (\(why)); it is made again"
            }
        }
    }

    /// The summary at `path`; `.missing` or `.damaged` when there is none to trust.
    public static func read(_ path: String) -> Result<DatasetSummary, Refusal> {
        guard let data = FileManager.default.contents(atPath: path) else { return .failure(.missing) }
        let bytes = [UInt8](data)
        do { return .success(try decode(bytes)) } catch { return .failure(.damaged(error.reason)) }
    }

    /// Writes `summary` to `path` atomically, making its folder.
    public static func write(_ summary: DatasetSummary, to path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let bytes = encode(summary)
        let temp = try TempFile(for: path)
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { b -> Int in
                guard let base = b.baseAddress else { return 0 }
                #if canImport(Glibc)
                return Glibc.write(temp.fd, base + done, b.count - done)
                #else
                return Darwin.write(temp.fd, base + done, b.count - done)
                #endif
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw WriteFailure(reason: String(cString: strerror(errno)))
            }
            done += n
        }
        try temp.commit(sync: false)
    }

    /// A write that did not finish.
    public struct WriteFailure: Error, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
    }

    // MARK: - Encoding

    struct DecodeError: Error { var reason: String }

    /// The short form of a content hash: `fnv1a64:` and 16 hex digits as 8 bytes.
    static func packedHash(_ h: String) -> UInt64? {
        guard h.hasPrefix(ContentHash.prefix), h.utf8.count == ContentHash.prefix.utf8.count + 16,
              let x = UInt64(h.dropFirst(ContentHash.prefix.count), radix: 16), unpackedHash(x) == h else { return nil }
        return x
    }

    static func unpackedHash(_ x: UInt64) -> String {
        let hex = String(x, radix: 16)
        return ContentHash.prefix + String(repeating: "0", count: max(0, 16 - hex.count)) + hex
    }

    /// The file: header, vocabulary, a table of the names that repeat (operators,
    /// lints, severities, score keys, reasons), the lines, and a checksum of all before it.
    static func encode(_ s: DatasetSummary) -> [UInt8] {
        var names: [String: Int] = [:]
        var table: [String] = []
        func name(_ n: String) -> Int {
            if let k = names[n] { return k }
            names[n] = table.count; table.append(n)
            return table.count - 1
        }
        var b = Writer()
        b.varint(s.lines.count)
        for line in s.lines {
            b.varint(Int(line.offset + 1)); b.varint(line.length); b.u64(line.hash)
            b.optionalString(line.scannedID)
            b.u8(line.otherText ? 1 : 0)
            b.varint(line.words.count)
            for x in line.words { b.varint(Int(x)) }
            guard let r = line.record else { b.u8(0); continue }
            b.u8(1)
            b.string(r.id)
            b.u8(r.measuredJ ? 1 : 0)
            if let findings = r.findings {
                b.u8(1); b.varint(findings.count)
                for f in findings {
                    b.varint(name(f.name)); b.varint(name(f.severity.rawValue))
                    b.varint((f.negative ?? -1) + 1); b.optionalDouble(f.value)
                }
            } else { b.u8(0) }
            b.varint(r.negatives.count)
            for n in r.negatives {
                b.string(n.id); b.varint(name(n.operatorName)); b.optionalDouble(n.j)
                b.optionalDouble(n.confidence); b.optionalDouble(n.chosen); b.optionalDouble(n.rejected)
                b.varint(n.other.count)
                for (k, v) in n.other.sorted(by: { $0.key < $1.key }) { b.varint(name(k)); b.double(v) }
                b.varint(n.steps)
                if let x = packedHash(n.hash) { b.u8(1); b.u64(x) } else { b.u8(0); b.string(n.hash) }
                b.varint(n.undecidable.map { name($0.rawValue) + 1 } ?? 0)
            }
        }
        var w = Writer()
        w.bytes(magic)
        w.u32(DatasetSummary.formatVersion)
        let id = s.identity
        w.string(id.path); w.i64(id.size); w.i64(id.mtimeSeconds); w.i64(id.mtimeNanoseconds)
        w.u64(id.inode); w.u64(id.device); w.u64(id.headHash); w.u64(id.tailHash)
        w.string(s.lintKey)
        w.varint(s.vocabulary.count)
        for v in s.vocabulary { w.string(v) }
        w.varint(table.count)
        for t in table { w.string(t) }
        w.out += b.out
        w.u64(SummaryHash.of(w.out[...]))
        return w.out
    }

    static func decode(_ bytes: [UInt8]) throws(DecodeError) -> DatasetSummary {
        guard bytes.count >= magic.count + 12, Array(bytes[0..<magic.count]) == magic else {
            throw DecodeError(reason: "not a SceneLens summary")
        }
        let body = bytes[0..<(bytes.count - 8)]
        var check = Reader(bytes: bytes, at: bytes.count - 8)
        guard try check.u64() == SummaryHash.of(body) else { throw DecodeError(reason: "checksum does not match") }
        var r = Reader(bytes: bytes, at: magic.count, end: bytes.count - 8)
        let version = try r.u32()
        guard version == DatasetSummary.formatVersion else { throw DecodeError(reason: "format version \(version)") }
        let identity = SummaryIdentity(path: try r.string(), size: try r.i64(), mtimeSeconds: try r.i64(), mtimeNanoseconds: try r.i64(),
                                       inode: try r.u64(), device: try r.u64(), headHash: try r.u64(), tailHash: try r.u64())
        let lintKey = try r.string()
        let words = try r.count(atLeast: 1)
        var vocabulary: [String] = []
        vocabulary.reserveCapacity(words)
        for _ in 0..<words { vocabulary.append(try r.string()) }
        var table: [String] = []
        for _ in 0..<(try r.count(atLeast: 1)) { table.append(try r.string()) }
        func name(_ k: Int) throws(DecodeError) -> String {
            guard table.indices.contains(k) else { throw DecodeError(reason: "a name out of range") }
            return table[k]
        }
        let count = try r.count(atLeast: 12)
        var lines: [SummaryLine] = []
        lines.reserveCapacity(count)
        for _ in 0..<count {
            let offset = Int64(try r.varint()) - 1, length = try r.varint(), hash = try r.u64()
            let scanned = try r.optionalString()
            let other = try r.u8() == 1
            let n = try r.count(atLeast: 1)
            var ws: [UInt32] = []
            ws.reserveCapacity(n)
            for _ in 0..<n {
                let x = try r.varint()
                guard x < vocabulary.count else { throw DecodeError(reason: "a word out of range") }
                ws.append(UInt32(x))
            }
            var record: ItemRecord?
            if try r.u8() == 1 {
                let id = try r.string()
                let measured = try r.u8() == 1
                var findings: [FindingFact]?
                if try r.u8() == 1 {
                    var fs: [FindingFact] = []
                    for _ in 0..<(try r.count(atLeast: 4)) {
                        let lint = try name(try r.varint())
                        guard let severity = Severity(rawValue: try name(try r.varint())) else { throw DecodeError(reason: "an unknown severity") }
                        let neg = try r.varint() - 1
                        fs.append(FindingFact(name: lint, severity: severity, negative: neg < 0 ? nil : neg, value: try r.optionalDouble()))
                    }
                    findings = fs
                }
                var negatives: [NegativeFact] = []
                for _ in 0..<(try r.count(atLeast: 12)) {
                    let nid = try r.string(), op = try name(try r.varint()), j = try r.optionalDouble()
                    let conf = try r.optionalDouble(), chosen = try r.optionalDouble(), rejected = try r.optionalDouble()
                    var scores: [String: Double] = [:]
                    for _ in 0..<(try r.count(atLeast: 9)) { let key = try name(try r.varint()); scores[key] = try r.double() }
                    let steps = try r.varint()
                    let h = try r.u8() == 1 ? unpackedHash(try r.u64()) : try r.string()
                    let why = try r.varint()
                    var undecidable: Undecidable?
                    if why > 0 {
                        let raw = try name(why - 1)
                        guard let u = Undecidable(rawValue: raw) else { throw DecodeError(reason: "an unknown reason '\(raw)'") }
                        undecidable = u
                    }
                    negatives.append(NegativeFact(id: nid, operatorName: op, j: j, confidence: conf, chosen: chosen, rejected: rejected,
                                                  other: scores, steps: steps, hash: h, undecidable: undecidable))
                }
                record = ItemRecord(id: id, negatives: negatives, findings: findings, measuredJ: measured)
            }
            lines.append(SummaryLine(offset: offset, length: length, hash: hash, scannedID: scanned, record: record,
                                     words: ws, otherText: other))
        }
        guard r.at == r.end else { throw DecodeError(reason: "bytes after the last item") }
        return DatasetSummary(identity: identity, lintKey: lintKey, lines: lines, vocabulary: vocabulary)
    }

    struct Writer {
        var out: [UInt8] = []
        mutating func bytes(_ b: [UInt8]) { out += b }
        mutating func u8(_ x: UInt8) { out.append(x) }
        mutating func u32(_ x: UInt32) { withUnsafeBytes(of: x.littleEndian) { out += $0 } }
        mutating func u64(_ x: UInt64) { withUnsafeBytes(of: x.littleEndian) { out += $0 } }
        mutating func i64(_ x: Int64) { u64(UInt64(bitPattern: x)) }
        /// LEB128: 7 bits a byte, low first (never negative here).
        mutating func varint(_ x: Int) {
            var v = UInt64(max(0, x))
            while v >= 0x80 { out.append(UInt8(v & 0x7F) | 0x80); v >>= 7 }
            out.append(UInt8(v))
        }
        mutating func double(_ x: Double) { u64(x.bitPattern) }
        mutating func optionalDouble(_ x: Double?) {
            if let x { u8(1); double(x) } else { u8(0) }
        }
        mutating func string(_ s: String) {
            var s = s
            s.withUTF8 { b in u32(UInt32(b.count)); out += b }
        }
        mutating func optionalString(_ s: String?) {
            if let s { u8(1); string(s) } else { u8(0) }
        }
    }

    struct Reader {
        let bytes: [UInt8]
        var at: Int
        var end: Int
        init(bytes: [UInt8], at: Int, end: Int? = nil) { self.bytes = bytes; self.at = at; self.end = end ?? bytes.count }

        mutating func take(_ n: Int) throws(DecodeError) -> ArraySlice<UInt8> {
            guard n >= 0, end - at >= n else { throw DecodeError(reason: "it ends early") }
            defer { at += n }
            return bytes[at..<(at + n)]
        }
        mutating func u8() throws(DecodeError) -> UInt8 { try take(1).first ?? 0 }
        mutating func u32() throws(DecodeError) -> UInt32 {
            guard end - at >= 4 else { throw DecodeError(reason: "it ends early") }
            defer { at += 4 }
            return UInt32(littleEndian: bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: at, as: UInt32.self) })
        }
        mutating func u64() throws(DecodeError) -> UInt64 {
            guard end - at >= 8 else { throw DecodeError(reason: "it ends early") }
            defer { at += 8 }
            return UInt64(littleEndian: bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: at, as: UInt64.self) })
        }
        mutating func i64() throws(DecodeError) -> Int64 { Int64(bitPattern: try u64()) }
        mutating func varint() throws(DecodeError) -> Int {
            var v: UInt64 = 0
            for shift in stride(from: 0, to: 63, by: 7) {
                guard at < end else { throw DecodeError(reason: "it ends early") }
                let b = bytes[at]
                at += 1
                v |= UInt64(b & 0x7F) << UInt64(shift)
                if b < 0x80 { return Int(truncatingIfNeeded: v) & Int.max }
            }
            throw DecodeError(reason: "a number too long")
        }
        mutating func double() throws(DecodeError) -> Double { Double(bitPattern: try u64()) }
        mutating func optionalDouble() throws(DecodeError) -> Double? { try u8() == 1 ? try double() : nil }
        mutating func string() throws(DecodeError) -> String {
            let n = Int(try u32())
            return String(decoding: try take(n), as: UTF8.self)
        }
        mutating func optionalString() throws(DecodeError) -> String? { try u8() == 1 ? try string() : nil }
        /// A count of things each at least `size` bytes long, checked against what is left.
        mutating func count(atLeast size: Int) throws(DecodeError) -> Int {
            let n = try varint()
            guard n <= (end - at) / max(size, 1) else { throw DecodeError(reason: "a count larger than the file") }
            return n
        }
    }
}

extension SummaryFile {
    /// What `prepare` did.
    public enum Outcome: Sendable, Equatable {
        /// The kept summary was fresh.
        case kept
        /// The file changed: `summarised` lines were read again, the rest kept.
        case updated(summarised: Int)
        /// Made from nothing (none kept, or the kept one was damaged: `damaged` says why).
        case built(damaged: String?)
        /// None for this dataset: not one JSON Lines file, or empty.
        case none
    }

    /// Whether `dataset` can have a summary: one JSON Lines file with items.
    public static func applies(to dataset: Dataset) -> Bool {
        dataset.files.count == 1 && dataset.map == nil && dataset.lineSpan(ofItem: 0) != nil
    }

    /// The summary of `dataset` kept in `folder`, brought up to date (and
    /// written back) when the file changed, made when there is none or it is
    /// damaged. `lint` must be the linter `config` describes. A summary that
    /// cannot be written is still returned; `writeFailed` hears why.
    public static func prepare(_ dataset: Dataset, folder: String, config: LintConfig,
                               lint: @escaping @Sendable (Item) -> [LintFinding],
                               progress: ((Int, Int) -> Void)? = nil,
                               writeFailed: (String) -> Void = { _ in }) -> (summary: DatasetSummary?, outcome: Outcome) {
        guard applies(to: dataset) else { return (nil, .none) }
        let key = DatasetSummary.lintKey(config)
        let file = path(forDataset: dataset.path, in: folder)
        var previous: DatasetSummary?
        var damaged: String?
        switch read(file) {
        case .success(let kept):
            if kept.isFresh(for: SummaryIdentity.of(path: dataset.path), lintKey: key) { return (kept, .kept) }
            previous = kept
        case .failure(.damaged(let why)): damaged = why
        case .failure(.missing): break
        }
        guard let made = DatasetSummary.build(dataset, previous: previous, lintKey: key, lint: lint, progress: progress) else {
            return (nil, .none)
        }
        // A file that changed while it was read is summarised again next time.
        if SummaryIdentity.of(path: dataset.path) == made.identity {
            do { try write(made, to: file) } catch { writeFailed("\(file): \(error)") }
        }
        return (made, previous == nil ? .built(damaged: damaged) : .updated(summarised: made.summarised))
    }
}
