import Analysis
import Foundation
import Review
import SceneData
import Testing
@testable import Query

/// The summary answers exactly as the walk over the items does: the same
/// queries and frequency tables both ways, on the samples and on a planted
/// dataset with every awkward case (unreadable lines, repeated item ids,
/// duplicate negative ids, a negative without rationale, text other than
/// ASCII, stale and conflicting decisions); and it is kept, updated, and
/// refused when damaged as docs/query.md says.
@Suite struct SummaryTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let samples = root.appendingPathComponent("Samples/scenes.jsonl").path

    /// A folder with the samples' lines plus planted ones, the samples' images beside them.
    static func planted() throws -> (dir: URL, path: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("scenelens-summary-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for sub in ["images", "attn"] {
            try FileManager.default.createSymbolicLink(at: dir.appendingPathComponent(sub),
                                                       withDestinationURL: root.appendingPathComponent("Samples/" + sub))
        }
        let sample = try String(contentsOfFile: samples, encoding: .utf8).split(separator: "\n").map(String.init)
        var lines = sample
        lines += Planted.lines
        // The same id again, a line that is not an item, a duplicate negative id, no rationale, accents.
        lines.append(Planted.item("a", question: "Is the sun above the bike again?", negatives: [Planted.negative("n1", op: "swap")]))
        lines.append(#"{"id":"broken","question": oops}"#)
        lines.append(Planted.item("d", negatives: [Planted.negative("n1", op: "swap"), Planted.negative("n1", op: "replace")]))
        lines.append(Planted.item("e", negatives: [#"{"id":"n1","operator":"swap","rationale":{"steps":[]}}"#]))
        lines.append(Planted.item("f", question: "Is the café red cube above the bike?", negatives: [Planted.negative("n1", op: "shorten", steps: ["Une vélo rouge."])]))
        let path = dir.appendingPathComponent("d.jsonl").path
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
        try Data("P6 2 2 255\n".utf8 + [UInt8](repeating: 128, count: 12)).write(to: dir.appendingPathComponent("img.ppm"))
        return (dir, path)
    }

    /// Decisions on a few negatives: two annotators, a conflict, a skip, a tag, a note and a stale one.
    static func decisions(_ data: Dataset) -> [String: [Decision]] {
        var out: [Decision] = []
        var k = 0
        for i in 0..<data.count {
            guard let item = data.reviewItem(at: i) else { continue }
            for n in item.negatives {
                k += 1
                let hash = k % 7 == 0 ? "fnv1a64:0000" : ContentHash.of(n, in: item)
                let verdict: Verdict = [.accept, .reject, .skip][k % 3]
                out.append(Decision(key: NegativeKey(itemID: item.id, negativeID: n.id), annotator: "alice", verdict: verdict,
                                    note: k % 4 == 0 ? "the bike is red" : nil, tags: k % 5 == 0 ? ["wrong-relation"] : [],
                                    time: Date(timeIntervalSince1970: Double(1_700_000_000 + k)), contentHash: hash))
                if k % 6 == 0 {
                    out.append(Decision(key: NegativeKey(itemID: item.id, negativeID: n.id), annotator: "bob",
                                        verdict: verdict == .accept ? .reject : .accept,
                                        time: Date(timeIntervalSince1970: Double(1_700_000_000 + k)), contentHash: hash))
                }
            }
        }
        return Dictionary(grouping: out, by: \.key.itemID)
    }

    static let queries = [
        "operator=swap", "operator=overthink", "j<0.3", "j>=0.3 and j<=0.7", "j=none", "confidence>0.5", "confidence=none",
        "margin>0.3", "score.chosen>=0.8", "score.rejected<0.3", "steps>1", "attention<0.5", "attention=none",
        "lint=identical", "lint=evidence-leak", "lint=same-answer", "severity>=warning", "severity=error", "severity=none",
        "verdict=accept", "verdict=undecided", "verdict=conflict", "verdict=stale", "verdict=undecidable", "verdict=skip",
        "annotator=bob", "tag=wrong-relation", "tag=none", "note~red", "id=a", "id~clevr", "item<5", "negative=n1",
        "text~cube", #"text~"red cube""#, "question~dog", "answer=yes", "not text~sun", "text!~sun", "cube and operator=swap",
        #"text~"café""#, #"text~"vélo""#, #"text~"?""#, "question=5", "operator=swap or text~moon",
        "not (verdict=accept or lint=identical)", "score.foo>0", "text~zzzz", #"question="Is there a dog?""#,
    ]

    static let tables = ["operator", "lint", "severity", "j", "confidence", "margin", "steps", "tag", "verdict", "annotator",
                         "operator,verdict", "lint,verdict", "j,operator", "attention", "id", "question"]

    static func sources(_ data: Dataset, decisions: [String: [Decision]]) -> DatasetQuery.Sources {
        let linter = Linter()
        return DatasetQuery.Sources(decisions: decisions, lint: { linter.lint($0, imageSize: data.attentionImageSize(for: $0)) })
    }

    static func summary(_ data: Dataset, folder: String) throws -> SummaryIndex {
        let linter = Linter()
        let made = SummaryFile.prepare(data, folder: folder, config: LintConfig(),
                                       lint: { linter.lint($0, imageSize: data.attentionImageSize(for: $0)) })
        return SummaryIndex(try #require(made.summary))
    }

    /// Every query and table, both ways, must agree.
    static func expectSameAnswers(_ path: String, folder: String) throws {
        let data = try Dataset.open(path: path)
        data.indexAll()
        let decisions = decisions(data)
        let sources = sources(data, decisions: decisions)
        let summary = try summary(data, folder: folder)
        for text in queries {
            let q = try QueryExpr.parse(text)
            let walked = DatasetQuery.run(q, items: data, sources: sources)
            let kept = DatasetQuery.run(q, items: data, sources: sources, summary: summary)
            #expect(kept == walked, "\(text): \(kept.summary) from the summary, \(walked.summary) walking")
            for spec in tables.prefix(4) {
                let fields = try FrequencyTable.fields(spec)
                #expect(FrequencyTable.count(by: fields, items: data, matches: kept, sources: sources, summary: summary)
                        == FrequencyTable.count(by: fields, items: data, matches: walked, sources: sources), "\(spec) within \(text)")
            }
        }
        for spec in tables {
            let fields = try FrequencyTable.fields(spec)
            let walked = FrequencyTable.count(by: fields, items: data, matches: nil, sources: sources)
            #expect(FrequencyTable.count(by: fields, items: data, matches: nil, sources: sources, summary: summary) == walked, "\(spec)")
            #expect(!walked.rows.isEmpty)
        }
    }

    @Test func theSamplesAnswerAlikeFromTheSummary() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scenelens-sum-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.expectSameAnswers(Self.samples, folder: folder)
    }

    @Test func aPlantedDatasetAnswersAlikeFromTheSummary() throws {
        let (dir, path) = try Self.planted()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.expectSameAnswers(path, folder: dir.appendingPathComponent("cache").path)
        // The planted cases are there to be answered: each query finds what was planted.
        let data = try Dataset.open(path: path)
        data.indexAll()
        let summary = try Self.summary(data, folder: dir.appendingPathComponent("cache").path)
        let sources = Self.sources(data, decisions: Self.decisions(data))
        func count(_ q: String) throws -> Int {
            DatasetQuery.run(try QueryExpr.parse(q), items: data, sources: sources, summary: summary).items.count
        }
        #expect(try count("verdict=undecidable") >= 4)     // both "a" items, the duplicate "d/n1" and "e/n1"
        #expect(try count(#"text~"vélo""#) == 1)
        #expect(try count(#"text~"red cube""#) >= 1)
        #expect(DatasetQuery.run(try QueryExpr.parse("operator=swap"), items: data, sources: sources, summary: summary).unreadable.count == 1)
    }

    @Test func aTextTestReadsOnlyTheItemsTheWordIndexCannotRuleOut() throws {
        let (dir, path) = try Self.planted()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = try Dataset.open(path: path)
        data.indexAll()
        let summary = try Self.summary(data, folder: dir.path + "/cache")
        let counting = CountingItems(data)
        let none = DatasetQuery.run(try QueryExpr.parse("text~zzzz"), items: counting, sources: .init(), summary: summary)
        #expect(none.items.isEmpty)
        // Only the items with text other than ASCII (two in the samples, one planted) may hold it.
        let other = summary.summary.lines.filter(\.otherText).count
        #expect(other == 3)
        #expect(counting.reads == other)
        let dog = DatasetQuery.run(try QueryExpr.parse("question~dog"), items: counting, sources: .init(), summary: summary)
        #expect(dog.items.count == 1)
        #expect(counting.reads == 2 * other + 1)
        // Without text in the query, no item is read at all.
        let before = counting.reads
        _ = DatasetQuery.run(try QueryExpr.parse("operator=swap and lint=none"), items: counting, sources: .init(), summary: summary)
        #expect(counting.reads == before)
        let bits = try #require(summary.text.candidates("Red Cube"))
        #expect(bits.count >= 1 && bits.count < data.count)
    }

    @Test func aSummaryIsKeptThenUpdatedOnlyWhereTheFileChanged() throws {
        let (dir, path) = try Self.planted()
        defer { try? FileManager.default.removeItem(at: dir) }
        let folder = dir.path + "/cache"
        let linter = Linter()
        func prepare() throws -> (DatasetSummary?, SummaryFile.Outcome) {
            let data = try Dataset.open(path: path)
            data.indexAll()
            return SummaryFile.prepare(data, folder: folder, config: LintConfig(),
                                       lint: { linter.lint($0, imageSize: data.attentionImageSize(for: $0)) })
        }
        let (first, built) = try prepare()
        #expect(built == .built(damaged: nil))
        let total = try #require(first).count
        #expect(first?.summarised == total)
        #expect(try prepare().1 == .kept)
        // The same file by another spelling of its path is the same dataset.
        let spelled = (path as NSString).deletingLastPathComponent + "/./" + (path as NSString).lastPathComponent
        let other = try Dataset.open(path: spelled)
        other.indexAll()
        #expect(SummaryFile.prepare(other, folder: folder, config: LintConfig(), lint: { _ in [] }).outcome == .kept)
        // Edit one line (same length is not enough to fool it) and append one.
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text = text.replacingOccurrences(of: "Is there a dog?", with: "Is there a cat?")
        text += Planted.item("g", negatives: [Planted.negative("n1", op: "swap")]) + "\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let (second, updated) = try prepare()
        #expect(updated == .updated(summarised: 2))
        #expect(second?.count == total + 1)
        #expect(try prepare().1 == .kept)
        // And it answers as a walk of the edited file does.
        try Self.expectSameAnswers(path, folder: folder)
        let data = try Dataset.open(path: path)
        data.indexAll()
        let summary = try Self.summary(data, folder: folder)
        #expect(DatasetQuery.run(try QueryExpr.parse("question~cat"), items: data, sources: .init(), summary: summary).items.count == 1)
        #expect(DatasetQuery.run(try QueryExpr.parse("question~dog"), items: data, sources: .init(), summary: summary).items.isEmpty)
    }

    @Test func aDamagedOrTruncatedSummaryIsRefusedAndMadeAgain() throws {
        let (dir, path) = try Self.planted()
        defer { try? FileManager.default.removeItem(at: dir) }
        let folder = dir.path + "/cache"
        let data = try Dataset.open(path: path)
        data.indexAll()
        let linter = Linter()
        let lint: @Sendable (Item) -> [LintFinding] = { linter.lint($0, imageSize: data.attentionImageSize(for: $0)) }
        let made = try #require(SummaryFile.prepare(data, folder: folder, config: LintConfig(), lint: lint).summary)
        let file = SummaryFile.path(forDataset: path, in: folder)
        // Read back, it is the summary that was written.
        guard case .success(let back) = SummaryFile.read(file) else { Issue.record("not read back"); return }
        #expect(back.lines == made.lines && back.vocabulary == made.vocabulary && back.identity == made.identity)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
        bytes[bytes.count / 2] ^= 0xFF
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        guard case .failure(.damaged(let why)) = SummaryFile.read(file) else { Issue.record("a flipped byte was trusted"); return }
        #expect(why.contains("checksum"))
        let again = SummaryFile.prepare(data, folder: folder, config: LintConfig(), lint: lint)
        #expect(again.outcome == .built(damaged: why))
        #expect(again.summary?.lines == made.lines)
        let whole = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
        try Data(whole.prefix(whole.count - 100)).write(to: URL(fileURLWithPath: file))
        guard case .failure(.damaged) = SummaryFile.read(file) else { Issue.record("a truncated file was trusted"); return }
        try Data("not a summary".utf8).write(to: URL(fileURLWithPath: file))
        guard case .failure(.damaged) = SummaryFile.read(file) else { Issue.record("a foreign file was trusted"); return }
        // Another lint configuration is not this summary's: made again in full.
        var strict = LintConfig()
        strict.attentionThreshold = 0.9
        _ = SummaryFile.prepare(data, folder: folder, config: LintConfig(), lint: lint)
        let other = SummaryFile.prepare(data, folder: folder, config: strict, lint: lint)
        #expect(other.outcome == .updated(summarised: made.count))
    }

    @Test func aDatasetThatIsNotOneJSONLinesFileHasNone() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("scenelens-sum-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("d.json").path
        try Data(("[" + Planted.lines.joined(separator: ",") + "]").utf8).write(to: URL(fileURLWithPath: path))
        let data = try Dataset.open(path: path)
        data.indexAll()
        let made = SummaryFile.prepare(data, folder: dir.path, config: LintConfig(), lint: { _ in [] })
        #expect(made.summary == nil && made.outcome == .none)
    }
}

/// A dataset that counts the items read through it.
final class CountingItems: ReviewItemSource, @unchecked Sendable {
    let base: Dataset
    private let lock = NSLock()
    private var count = 0
    init(_ base: Dataset) { self.base = base }
    var reads: Int { lock.withLock { count } }
    var itemCount: Int { base.itemCount }
    func reviewItem(at index: Int) -> Item? {
        lock.withLock { count += 1 }
        return base.reviewItem(at: index)
    }
    func reviewItem(id: String) -> Item? { base.reviewItem(id: id) }
    func absolutePath(_ path: String) -> String { base.absolutePath(path) }
    func outsideFolder(_ path: String) -> String? { base.outsideFolder(path) }
    func repeatedItemIDs() -> [String: [Int]] { base.repeatedItemIDs() }
}
