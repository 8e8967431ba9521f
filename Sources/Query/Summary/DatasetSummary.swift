import Foundation
import Analysis
import SceneData
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the file was when a summary was made: enough to tell at once that it
/// has not changed (same size, modification time, inode and first and last
/// bytes) without reading it.
public struct SummaryIdentity: Sendable, Hashable {
    public var path: String
    public var size: Int64
    public var mtimeSeconds: Int64
    public var mtimeNanoseconds: Int64
    public var inode: UInt64
    public var device: UInt64
    /// FNV-1a 64 of the first and of the last 64 KiB.
    public var headHash: UInt64
    public var tailHash: UInt64

    /// The identity of the file at `path` now; nil when it cannot be read.
    public static func of(path: String) -> SummaryIdentity? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        let size = Int64(st.st_size)
        func hash(at offset: Int64, count: Int) -> UInt64 {
            var bytes = [UInt8](repeating: 0, count: count)
            let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, count, off_t(offset)) }
            return SummaryHash.of(bytes[0..<max(0, n)])
        }
        let window = 1 << 16
        #if canImport(Darwin)
        let mtime = st.st_mtimespec
        #else
        let mtime = st.st_mtim
        #endif
        return SummaryIdentity(path: SummaryFile.standardPath(path), size: size, mtimeSeconds: Int64(mtime.tv_sec), mtimeNanoseconds: Int64(mtime.tv_nsec),
                               inode: UInt64(st.st_ino), device: UInt64(st.st_dev),
                               headHash: hash(at: 0, count: Int(min(Int64(window), size))),
                               tailHash: hash(at: max(0, size - Int64(window)), count: Int(min(Int64(window), size))))
    }
}

/// FNV-1a 64 over bytes: line content hashes and the file's checksum.
public enum SummaryHash {
    public static func of(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.withUnsafeBufferPointer { of($0) }
    }

    public static func of(_ b: UnsafeBufferPointer<UInt8>, seed: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
        var h = seed
        for c in b { h = (h ^ UInt64(c)) &* 0x0000_0100_0000_01b3 }
        return h
    }
}

/// One line of the dataset as the summary keeps it.
public struct SummaryLine: Sendable, Hashable {
    /// Where the line starts in the file (-1 when unknown).
    public var offset: Int64
    /// Its bytes, without the line ending.
    public var length: Int
    /// FNV-1a 64 of those bytes: a line with the same hash and length is not summarised again.
    public var hash: UInt64
    /// The id the id map reads from the raw line (repeated ids count unreadable lines too).
    public var scannedID: String?
    /// The item's facts; nil when the line is not a usable item.
    public var record: ItemRecord?
    /// The item's words (ids into the summary's vocabulary), folded to lower case.
    public var words: [UInt32]
    /// Some text of the item is not ASCII: the word index cannot rule it out.
    public var otherText: Bool

    public init(offset: Int64, length: Int, hash: UInt64, scannedID: String?, record: ItemRecord?, words: [UInt32], otherText: Bool) {
        self.offset = offset; self.length = length; self.hash = hash; self.scannedID = scannedID
        self.record = record; self.words = words; self.otherText = otherText
    }
}

/// What every query, frequency table and sort asks of a dataset, kept
/// between runs (docs/query.md, "The summary"): per item its id, content hash
/// and place in the file; per negative its operator, J, judge scores, steps,
/// content hash; the lint findings; and the words of its texts for search.
/// Decisions are not in it: they are the store's, joined when a query runs.
///
/// Made once on every core (`build`), brought up to date by summarising only
/// the lines whose content changed (`update`), kept in the XDG cache
/// (`SummaryFile`).
public struct DatasetSummary: Sendable {
    /// The format written; a file of another version is rebuilt.
    public static let formatVersion: UInt32 = 2
    /// The file it describes, as it was.
    public var identity: SummaryIdentity
    /// The lints' configuration and catalogue the findings were made with.
    public var lintKey: String
    /// One per item, in file order.
    public var lines: [SummaryLine]
    /// The words, by id.
    public var vocabulary: [String]
    /// How many lines were summarised (parsed) by the last build or update; the rest were kept.
    public var summarised: Int = 0

    public init(identity: SummaryIdentity, lintKey: String, lines: [SummaryLine], vocabulary: [String]) {
        self.identity = identity; self.lintKey = lintKey; self.lines = lines; self.vocabulary = vocabulary
    }

    /// The key of the default lints: their names and severities and the configuration.
    public static func lintKey(_ config: LintConfig) -> String {
        "v1 " + Lint.all.map { "\($0.name):\($0.severity.rawValue)" }.joined(separator: ",") + " \(config)"
    }

    /// Items.
    public var count: Int { lines.count }

    /// Whether it describes `dataset` as the file is now (its identity and lint key unchanged).
    public func isFresh(for identity: SummaryIdentity?, lintKey: String) -> Bool {
        identity == self.identity && lintKey == self.lintKey
    }

    /// Ids several items have, with their positions, as `Dataset.repeatedItemIDs` finds them.
    public func repeatedItemIDs() -> [String: [Int]] {
        var first: [String: Int] = [:]
        var again: [String: [Int]] = [:]
        for (i, line) in lines.enumerated() {
            guard let id = line.scannedID else { continue }
            if let f = first[id] { again[id, default: [f]].append(i) } else { first[id] = i }
        }
        return again
    }

    /// Summarises `dataset`, reusing the lines of `previous` whose content is
    /// unchanged (same hash and length); `lint` is the item's findings, all
    /// severities. New lines are read and linted on every core;
    /// `progress(done, total)` is called between batches.
    public static func build(_ dataset: Dataset, previous: DatasetSummary? = nil, lintKey: String,
                             lint: @escaping @Sendable (Item) -> [LintFinding],
                             progress: ((Int, Int) -> Void)? = nil) -> DatasetSummary? {
        guard let identity = SummaryIdentity.of(path: dataset.path) else { return nil }
        dataset.indexAll()
        let total = dataset.count
        // Pass 1: every line's hash and raw id, one sequential read in large blocks.
        var hashes = [UInt64](repeating: 0, count: total)
        var lengths = [Int](repeating: 0, count: total)
        var ids = [String?](repeating: nil, count: total)
        dataset.forEachRawLine { i, bytes in
            guard i < total else { return }
            hashes[i] = SummaryHash.of(bytes)
            lengths[i] = bytes.count
            ids[i] = Dataset.scannedID(in: bytes)
        }
        // Lines kept from before, by content.
        let reuse = previous.flatMap { $0.lintKey == lintKey ? $0 : nil }
        var keeping: [UInt64: Int] = [:]
        if let reuse {
            for (k, line) in reuse.lines.enumerated() { keeping[line.hash &+ UInt64(line.length)] = k }
        }
        let kept = keeping, hashed = hashes, lengthOf = lengths
        var vocabulary = Vocabulary()
        var oldWords: [UInt32: UInt32] = [:]
        var lines: [SummaryLine] = []
        lines.reserveCapacity(total)
        var summarised = 0
        for batch in ParallelMap.batches(count: total, size: 2048) {
            progress?(batch.lowerBound, total)
            let fresh = ParallelMap.map(batch) { i -> (ItemRecord?, [String], Bool)? in
                if let reuse, let k = kept[hashed[i] &+ UInt64(lengthOf[i])], reuse.lines[k].hash == hashed[i],
                   reuse.lines[k].length == lengthOf[i] { return nil }
                guard let item = dataset.item(at: i).item else { return (nil, [], false) }
                let record = ItemRecord(item, needs: [.lints, .overlap, .decisions], findings: lint(item))
                let (words, other) = SummaryWords.of(item)
                return (record, words, other)
            }
            for (i, answer) in zip(batch, fresh) {
                let offset = dataset.lineSpan(ofItem: i)?.offset ?? -1
                if let answer {
                    summarised += 1
                    lines.append(SummaryLine(offset: offset, length: lengths[i], hash: hashes[i], scannedID: ids[i],
                                             record: answer.0, words: answer.1.map { vocabulary.id($0) }, otherText: answer.2))
                } else if let reuse, let k = kept[hashes[i] &+ UInt64(lengths[i])] {
                    var line = reuse.lines[k]
                    line.offset = offset
                    line.scannedID = ids[i]
                    line.words = line.words.map { w in
                        if let n = oldWords[w] { return n }
                        let n = vocabulary.id(reuse.vocabulary[Int(w)])
                        oldWords[w] = n
                        return n
                    }
                    lines.append(line)
                }
            }
        }
        progress?(total, total)
        var out = DatasetSummary(identity: identity, lintKey: lintKey, lines: lines, vocabulary: vocabulary.words)
        out.summarised = summarised
        return out
    }
}

/// Words to ids, in the order first seen.
struct Vocabulary {
    var ids: [String: UInt32] = [:]
    var words: [String] = []
    mutating func id(_ w: String) -> UInt32 {
        if let k = ids[w] { return k }
        let k = UInt32(words.count)
        ids[w] = k
        words.append(w)
        return k
    }
}

/// The words of an item's texts as the word index keeps them.
public enum SummaryWords {
    /// Every text a `text`, `question` or `answer` test reads.
    static func texts(_ item: Item) -> [String] {
        var texts = [item.question, item.answer] + item.chosen.steps + (item.chosen.answer.map { [$0] } ?? [])
        for n in item.negatives { texts += n.rationale.steps + (n.rationale.answer.map { [$0] } ?? []) }
        return texts
    }

    /// The distinct runs of ASCII letters and digits, in lower case, and
    /// whether some text has other characters (then no word rules the item out).
    static func of(_ item: Item) -> (words: [String], otherText: Bool) {
        var seen: Set<String> = []
        var other = false
        for var text in texts(item) {
            text.withUTF8 { b in
                var start = -1
                for (k, c) in b.enumerated() {
                    if c >= 0x80 { other = true }
                    let word = isWordByte(c)
                    if word && start < 0 { start = k }
                    if !word && start >= 0 { seen.insert(lowered(b[start..<k])); start = -1 }
                }
                if start >= 0 { seen.insert(lowered(b[start..<b.count])) }
            }
        }
        return (seen.sorted(), other)
    }

    static func isWordByte(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
    }

    static func lowered(_ b: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        String(decoding: b.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    /// The word runs of a text looked for, lower case; nil when it has
    /// characters other than ASCII or no letter or digit (nothing to look up).
    static func runs(of needle: String) -> [String]? {
        var needle = needle
        return needle.withUTF8 { b -> [String]? in
            if b.contains(where: { $0 >= 0x80 }) { return nil }
            var out: [String] = []
            var start = -1
            for (k, c) in b.enumerated() {
                let word = isWordByte(c)
                if word && start < 0 { start = k }
                if !word && start >= 0 { out.append(lowered(b[start..<k])); start = -1 }
            }
            if start >= 0 { out.append(lowered(b[start..<b.count])) }
            return out.isEmpty ? nil : out
        }
    }
}
