import Foundation
import Testing
import Analysis
import Query
import Review
import SceneData
@testable import Inspector

/// `F`: the negatives counted by a field or two, as `stats --by` counts them;
/// Enter filters to a row, Tab shows other fields, Esc closes.
@Suite struct FrequencyViewTests {
    func tableFromTheCommandLine(_ spec: String, _ dataset: Dataset, decisions: [Decision] = [], within: String? = nil) throws -> FrequencyTable {
        let linter = Linter()
        var grouped: [String: [Decision]] = [:]
        for d in decisions { grouped[d.key.itemID, default: []].append(d) }
        let sources = DatasetQuery.Sources(decisions: grouped, lint: { linter.lint($0, imageSize: dataset.attentionImageSize(for: $0)) })
        let matches = try within.map { DatasetQuery.run(try QueryExpr.parse($0), items: dataset, sources: sources) }
        return FrequencyTable.count(by: try FrequencyTable.fields(spec), items: dataset, matches: matches, sources: sources)
    }

    @Test func theViewCountsWhatStatsByCountsAndEnterFiltersToTheRow() throws {
        var (s, r, dataset) = try QueryPromptTests().samplesApp()
        s.press("ax", r)   // two decisions, so the verdict column has more than undecided
        s.press("F", r)
        #expect(s.frequency?.fields.map(\.name) == ["operator"])
        #expect(s.screen.contains("Negatives by operator"))
        s.press("<Tab><Tab>", r)
        let view = try #require(s.frequency)
        #expect(view.fields.map(\.name) == ["operator", "verdict"])
        let store = try #require(r.store)
        var mine: [Decision] = []
        for i in 0..<dataset.itemCount { if let it = dataset.reviewItem(at: i) { mine += try store.decisions(itemID: it.id).values } }
        #expect(mine.count == 2)
        let expected = try tableFromTheCommandLine("operator,verdict", dataset, decisions: mine)
        #expect(view.rows.map(\.values) == expected.rows.map(\.values))
        #expect(view.rows.map(\.count) == expected.rows.map(\.count))
        #expect(view.rows.contains { $0.values[1] == "accept" && $0.count == 1 })
        // The rows on screen, with their counts.
        for row in expected.rows.prefix(3) { #expect(s.screen.contains(row.values[0]) && s.screen.contains(" \(row.count) ")) }
        // Enter on the "replace, undecided" row: the filter, and n visits only such negatives.
        let k = try #require(view.rows.firstIndex { $0.values == ["replace", "undecided"] })
        for _ in 0..<k { s.press("j", r) }
        s.press("<Enter>", r)
        #expect(s.frequency == nil)
        #expect(s.lookup.filter == .query(try QueryExpr.parse("operator=replace and verdict=undecided")))
        #expect(s.negative?.op == .replace)
        #expect(s.review.verdicts[s.negative?.id ?? ""] == nil)
    }

    @Test func overAQueryFilterTheViewCountsWithinIt() throws {
        var (s, r, dataset) = try QueryPromptTests().samplesApp()
        s.press("w", r)
        Headless.press(&s, "severity>=warning".map { .char($0) } + [.enter], runner: r)
        s.press("F", r)
        let view = try #require(s.frequency)
        #expect(view.within == "severity>=warning")
        #expect(s.screen.contains("within where severity>=warning"))
        let expected = try tableFromTheCommandLine("operator", dataset, within: "severity>=warning")
        #expect(view.rows.map(\.count) == expected.rows.map(\.count))
        #expect(view.table?.negatives == expected.negatives)
        // A row chosen here narrows the filter further.
        s.press("<Enter>", r)
        guard case .query(let q) = s.lookup.filter else { Issue.record("no query filter"); return }
        #expect(q.text.contains("severity>=warning") && q.text.contains("operator="))
    }

    @Test func escQAndFCloseItAndKeysDoNotReachThePanes() throws {
        var (s, r, _) = try QueryPromptTests().samplesApp()
        let index = s.nav.index
        for close in ["<Esc>", "q", "F"] {
            s.press("F", r)
            #expect(s.frequency != nil)
            s.press("n", r)   // not "next item" while the view is open
            #expect(s.nav.index == index)
            s.press(close, r)
            #expect(s.frequency == nil, "\(close) closes the view")
            #expect(!s.quitting)
        }
    }
}
