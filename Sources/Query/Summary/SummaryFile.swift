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

    /// The summary file of the dataset at `path` in `folder`.
    public static func path(forDataset path: String, in folder: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
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

    static func encode(_ s: DatasetSummary) -> [UInt8] {
        var w = Writer()
        w.bytes(magic)
        w.u32(DatasetSummary.formatVersion)
        let id = s.identity
        w.string(id.path); w.i64(id.size); w.i64(id.mtimeSeconds); w.i64(id.mtimeNanoseconds)
        w.u64(id.inode); w.u64(id.device); w.u64(id.headHash); w.u64(id.tailHash)
        w.string(s.lintKey)
        w.u64(UInt64(s.vocabulary.count))
        for v in s.vocabulary { w.string(v) }
        w.u64(UInt64(s.lines.count))
        for line in s.lines {
            w.i64(line.offset); w.u64(UInt64(line.length)); w.u64(line.hash)
            w.optionalString(line.scannedID)
            w.u8(line.otherText ? 1 : 0)
            w.u32(UInt32(line.words.count))
            for x in line.words { w.u32(x) }
            guard let r = line.record else { w.u8(0); continue }
            w.u8(1)
            w.string(r.id)
            w.u8(r.measuredJ ? 1 : 0)
            if let findings = r.findings {
                w.u8(1); w.u32(UInt32(findings.count))
                for f in findings {
                    w.string(f.name); w.string(f.severity.rawValue)
                    w.i64(Int64(f.negative ?? -1)); w.optionalDouble(f.value)
                }
            } else { w.u8(0) }
            w.u32(UInt32(r.negatives.count))
            for n in r.negatives {
                w.string(n.id); w.string(n.operatorName); w.optionalDouble(n.j)
                w.optionalDouble(n.confidence); w.optionalDouble(n.chosen); w.optionalDouble(n.rejected)
                w.u32(UInt32(n.other.count))
                for (k, v) in n.other.sorted(by: { $0.key < $1.key }) { w.string(k); w.double(v) }
                w.u64(UInt64(n.steps)); w.string(n.hash); w.optionalString(n.undecidable?.rawValue)
            }
        }
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
        let words = try r.count(atLeast: 4)
        var vocabulary: [String] = []
        vocabulary.reserveCapacity(words)
        for _ in 0..<words { vocabulary.append(try r.string()) }
        let count = try r.count(atLeast: 30)
        var lines: [SummaryLine] = []
        lines.reserveCapacity(count)
        for _ in 0..<count {
            let offset = try r.i64(), length = Int(try r.u64()), hash = try r.u64()
            let scanned = try r.optionalString()
            let other = try r.u8() == 1
            let n = try r.count32(atLeast: 4)
            var ws: [UInt32] = []
            ws.reserveCapacity(n)
            for _ in 0..<n {
                let x = try r.u32()
                guard Int(x) < vocabulary.count else { throw DecodeError(reason: "a word out of range") }
                ws.append(x)
            }
            var record: ItemRecord?
            if try r.u8() == 1 {
                let id = try r.string()
                let measured = try r.u8() == 1
                var findings: [FindingFact]?
                if try r.u8() == 1 {
                    let k = try r.count32(atLeast: 17)
                    var fs: [FindingFact] = []
                    for _ in 0..<k {
                        let name = try r.string()
                        guard let severity = Severity(rawValue: try r.string()) else { throw DecodeError(reason: "an unknown severity") }
                        let neg = try r.i64()
                        fs.append(FindingFact(name: name, severity: severity, negative: neg < 0 ? nil : Int(neg), value: try r.optionalDouble()))
                    }
                    findings = fs
                }
                let k = try r.count32(atLeast: 29)
                var negatives: [NegativeFact] = []
                negatives.reserveCapacity(k)
                for _ in 0..<k {
                    let nid = try r.string(), op = try r.string(), j = try r.optionalDouble()
                    let conf = try r.optionalDouble(), chosen = try r.optionalDouble(), rejected = try r.optionalDouble()
                    let m = try r.count32(atLeast: 12)
                    var other: [String: Double] = [:]
                    for _ in 0..<m { let key = try r.string(); other[key] = try r.double() }
                    let steps = Int(try r.u64()), h = try r.string()
                    let why = try r.optionalString()
                    var undecidable: Undecidable?
                    if let why {
                        guard let u = Undecidable(rawValue: why) else { throw DecodeError(reason: "an unknown reason '\(why)'") }
                        undecidable = u
                    }
                    negatives.append(NegativeFact(id: nid, operatorName: op, j: j, confidence: conf, chosen: chosen, rejected: rejected,
                                                  other: other, steps: steps, hash: h, undecidable: undecidable))
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
            try take(4).reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        }
        mutating func u64() throws(DecodeError) -> UInt64 {
            try take(8).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        }
        mutating func i64() throws(DecodeError) -> Int64 { Int64(bitPattern: try u64()) }
        mutating func double() throws(DecodeError) -> Double { Double(bitPattern: try u64()) }
        mutating func optionalDouble() throws(DecodeError) -> Double? { try u8() == 1 ? try double() : nil }
        mutating func string() throws(DecodeError) -> String {
            let n = Int(try u32())
            return String(decoding: try take(n), as: UTF8.self)
        }
        mutating func optionalString() throws(DecodeError) -> String? { try u8() == 1 ? try string() : nil }
        /// A count of things each at least `size` bytes long, checked against what is left.
        mutating func count(atLeast size: Int) throws(DecodeError) -> Int {
            let n = try u64()
            guard n <= UInt64((end - at) / max(size, 1)) else { throw DecodeError(reason: "a count larger than the file") }
            return Int(n)
        }
        mutating func count32(atLeast size: Int) throws(DecodeError) -> Int {
            let n = Int(try u32())
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
