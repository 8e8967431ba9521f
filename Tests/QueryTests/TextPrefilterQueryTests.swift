import Foundation
import Testing
import Review
import SceneData
@testable import Query

/// `text~`, `question~` and `answer~` walks check each line's bytes before
/// parsing it: the matches must be exactly those of a walk that parses every
/// line, with matches planted behind escapes, case and accents.
@Suite struct TextPrefilterQueryTests {
    static let lines = [
        Planted.item("plain", question: "Is the CUBE red?", negatives: [Planted.negative("n1", op: "swap")]),
        Planted.item("escaped", question: #"Is the cu\u0062e \"red\"?"#, negatives: [Planted.negative("n1", op: "swap")]),
        Planted.item("accent", question: #"Is the caf\u00e9 open?"#, negatives: [Planted.negative("n1", op: "swap")]),
        Planted.item("step", negatives: [Planted.negative("n1", op: "swap", steps: [#"A Cube \/ a CAFE."#])]),
        Planted.item("none", negatives: [Planted.negative("n1", op: "swap")]),
        "not json at all",
    ]

    @Test(arguments: [
        "text~cube", "question~cube", #"question~"\"red\"""#, "text~cafe", "question~CAFÉ", "text~cube and operator=swap",
        "text~zebra", "answer~YES", "text~cube,cafe", "not text~cube", "text~cube or text~sun", #"text~"/ a""#,
    ])
    func matchesAreThoseOfAFullWalk(_ query: String) throws {
        let (dir, dataset) = try planted()
        defer { try? FileManager.default.removeItem(at: dir) }
        let expr = try QueryExpr.parse(query)
        let prefiltered = DatasetQuery.run(expr, items: dataset, sources: DatasetQuery.Sources())
        // The same items held in memory: no lines, so every item is parsed and asked.
        let parsed = ArrayReviewItemSource((0..<dataset.count).map { dataset.item(at: $0).item }, directory: dir.path)
        let full = DatasetQuery.run(expr, items: parsed, sources: DatasetQuery.Sources())
        #expect(prefiltered.items == full.items, "\(query)")
        #expect(prefiltered.negatives == full.negatives, "\(query)")
    }

    @Test func plantedMatchesAreFound() throws {
        let (dir, dataset) = try planted()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cube = DatasetQuery.run(try QueryExpr.parse("text~cube"), items: dataset, sources: DatasetQuery.Sources())
        #expect(cube.items == [0, 1, 3])
        let cafe = DatasetQuery.run(try QueryExpr.parse("text~cafe"), items: dataset, sources: DatasetQuery.Sources())
        #expect(cafe.items == [2, 3])
    }

    @Test func requiredTextsComeOnlyFromConjunctions() throws {
        #expect(try QueryExpr.parse("text~a and question~b,c").requiredTexts == [["a"], ["b", "c"]])
        #expect(try QueryExpr.parse("text~a or question~b").requiredTexts.isEmpty)
        #expect(try QueryExpr.parse("not text~a").requiredTexts.isEmpty)
        #expect(try QueryExpr.parse("text!~a").requiredTexts.isEmpty)
        #expect(try QueryExpr.parse("operator=swap and (text~a or text~b)").requiredTexts.isEmpty)
    }

    /// The planted lines as a dataset file in a fresh folder (the caller removes it).
    func planted() throws -> (URL, Dataset) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("prefilter-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("d.jsonl").path
        try Data((Self.lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
        let dataset = try Dataset.open(path: path)
        dataset.indexAll()
        return (dir, dataset)
    }
}
