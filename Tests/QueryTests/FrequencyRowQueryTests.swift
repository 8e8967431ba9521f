import Foundation
import Testing
import Analysis
import Review
import SceneData
@testable import Query

/// Choosing a row of a frequency table (the inspector's `F`) filters with
/// `FrequencyTable.query(forRow:)`: that query must pick out exactly the
/// negatives the row counts, for names, bins, `(none)` and pairs of fields.
@Suite struct FrequencyRowQueryTests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Samples/scenes.jsonl").path

    @Test(arguments: ["operator", "lint", "severity", "j", "confidence", "margin", "steps", "tag", "operator,lint", "j,operator"])
    func eachRowsQueryMatchesTheNegativesTheRowCounts(_ spec: String) throws {
        let dataset = try Dataset.open(path: Self.samples)
        dataset.indexAll()
        let linter = Linter()
        let sources = DatasetQuery.Sources(lint: { linter.lint($0, imageSize: dataset.attentionImageSize(for: $0)) })
        let table = FrequencyTable.count(by: try FrequencyTable.fields(spec), items: dataset, matches: nil, sources: sources)
        #expect(!table.rows.isEmpty)
        for row in table.rows {
            let text = table.query(forRow: row.values)
            let matches = DatasetQuery.run(try QueryExpr.parse(text), items: dataset, sources: sources)
            #expect(matches.negativeCount == row.count, "\(row.values) -> \(text)")
        }
    }

    @Test func binsAndNoValueReadAsConditions() throws {
        let dataset = try Dataset.open(path: Self.samples)
        dataset.indexAll()
        let j = FrequencyTable.count(by: try FrequencyTable.fields("j"), items: dataset, matches: nil, sources: .init())
        let first = try #require(j.rows.first)
        #expect(j.query(forRow: first.values).hasPrefix("j>="))
        let tags = FrequencyTable.count(by: try FrequencyTable.fields("tag"), items: dataset, matches: nil, sources: .init())
        #expect(tags.query(forRow: [FrequencyTable.noValue]) == "tag=none")
    }
}
