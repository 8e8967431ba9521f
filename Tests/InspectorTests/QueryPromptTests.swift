import Foundation
import Testing
import Analysis
import Query
import Review
import SceneData
@testable import Inspector

/// `w`: a query typed in the inspector counts its matches as it changes (the
/// same counts `scenelens render/stats --where` give), Tab completes fields
/// and values, Enter filters to the matches and `n`/`p` move through them.
@Suite struct QueryPromptTests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Samples/scenes.jsonl").path

    /// The inspector over the bundled samples, as `scenelens Samples/scenes.jsonl` opens it.
    func samplesApp() throws -> (AppState, EffectRunner, Dataset) {
        let dataset = try Dataset.open(path: Self.samples)
        let source = DatasetSource(dataset)
        let store = try SQLiteReviewStore.inMemory(annotator: "ann")
        let runner = EffectRunner(services: .standard(source: source, store: store))
        var s = AppState(width: 160, height: 48, datasetName: "scenes.jsonl", annotator: "ann", imageMode: .truecolor)
        source.indexAll { _, _, _ in }
        s.nav.itemCount = source.count; s.nav.fullyIndexed = true; s.nav.indexFraction = 1
        Headless.settle(&s, InspectorApp.start(&s, at: 0), runner: runner)
        return (s, runner, dataset)
    }

    /// What the command line's `--where` finds for `query` (the Query module's walk, no decisions).
    func commandLine(_ query: String, _ dataset: Dataset) throws -> QueryMatches {
        let linter = Linter()
        let sources = DatasetQuery.Sources(lint: { linter.lint($0, imageSize: dataset.attentionImageSize(for: $0)) })
        return DatasetQuery.run(try QueryExpr.parse(query), items: dataset, sources: sources)
    }

    @Test(arguments: ["operator=swap", "j<0.7 and operator=replace", "lint=identical", "severity>=warning",
                      "text~cube and not operator=overthink", "steps>=4 or margin<0.5"])
    func theCountWhileTypingIsTheCommandLinesCount(_ query: String) throws {
        var (s, r, dataset) = try samplesApp()
        s.press("w", r)
        for c in query { Headless.press(&s, [c == " " ? .char(" ") : .char(c)], runner: r) }
        let expected = try commandLine(query, dataset)
        #expect(expected.items.count > 0, "the sample data has matches for \(query)")
        let count = try #require(s.lookup.queryCount)
        #expect(count.done)
        #expect(count.items == expected.items.count)
        #expect(count.negatives == expected.negativeCount)
        // On screen, on the prompt line, while the prompt is still open.
        #expect(s.screen.contains("where: \(query)"))
        #expect(s.screen.contains("\(expected.items.count) item\(expected.items.count == 1 ? "" : "s"), \(expected.negativeCount) negative"))
    }

    @Test func enterFiltersAndNVisitsExactlyTheMatchingItems() throws {
        var (s, r, dataset) = try samplesApp()
        let query = "operator=shorten and j>0.2"
        let expected = try commandLine(query, dataset)
        s.press("w", r)
        Headless.press(&s, query.map { .char($0) } + [.enter], runner: r)
        #expect(s.lookup.filter == .query(try QueryExpr.parse(query)))
        #expect(s.screen.contains("filter where operator=shorten and j>0.2 (\(expected.items.count))"))
        var visited: [Int] = []
        for _ in 0..<(expected.items.count + 2) {
            visited.append(s.nav.index)
            #expect(s.negative?.op == .shorten, "the selected negative is one the query matched")
            s.press("n", r)
        }
        #expect(Set(visited) == Set(expected.items))
        // `n` from the last match wraps to the first.
        #expect(visited.first == expected.items.first)
    }

    @Test func aVerdictQueryIsCountedAgainAfterADecision() throws {
        var (s, r, _) = try samplesApp()
        s.press("w", r)
        Headless.press(&s, "verdict=undecided and operator=swap".map { .char($0) } + [.enter], runner: r)
        let before = try #require(s.lookup.queryCount)
        #expect(before.done && before.negatives == 10)
        #expect(s.negative?.op == .swap)
        s.press("x", r)   // reject the selected swap negative
        let after = try #require(s.lookup.queryCount)
        #expect(after.done)
        #expect(after.negatives == before.negatives - 1)
    }

    @Test func aMistakeIsShownWithItsColumnAndEnterKeepsThePromptOpen() throws {
        var (s, r, _) = try samplesApp()
        s.press("w", r)
        Headless.press(&s, "operator=".map { .char($0) }, runner: r)
        #expect(s.lookup.queryError?.hasPrefix("column ") == true)
        #expect(s.screen.contains(s.lookup.queryError ?? "?"))
        s.press("<Enter>", r)
        #expect(s.prompt?.kind == .query, "a query that does not parse is not applied")
        #expect(s.lookup.filter == .none)
        s.press("<Esc>", r)
        #expect(s.prompt == nil)
        #expect(s.lookup.filter == .none)
        #expect(s.lookup.queryCount == nil)
    }

    @Test func tabCompletesFieldNamesAndValues() throws {
        var (s, r, _) = try samplesApp()
        s.press("wop<Tab>", r)
        #expect(s.prompt?.text == "operator")
        s.press("=<Tab>", r)
        #expect(s.prompt?.choices == ["swap", "replace", "shorten", "overthink", "unlabelled"])
        #expect(s.screen.contains("swap replace shorten overthink"))
        s.press("sh<Tab>", r)
        #expect(s.prompt?.text == "operator=shorten ")
        s.press("and sev<Tab>>=w<Tab>", r)
        #expect(s.prompt?.text == "operator=shorten and severity>=warning ")
    }

    @Test func anEmptyQueryEndsTheFilterAndWReopensOnTheQueryInForce() throws {
        var (s, r, _) = try samplesApp()
        s.press("w", r)
        Headless.press(&s, "operator=swap".map { .char($0) } + [.enter], runner: r)
        s.press("w", r)
        #expect(s.prompt?.text == "operator=swap", "w opens on the query in force, to refine")
        s.press("<C-u><Enter>", r)
        #expect(s.lookup.filter == .none)
        #expect(s.screen.contains("filter all"))
    }

    @Test func promptsEditLikeAShellLineAndRecallWhatWasEntered() throws {
        var (s, r, _) = try samplesApp()
        s.press("/cube<Left><Left>X", r)
        #expect(s.prompt?.text == "cuXbe")
        s.press("<C-a>Z<C-e>!", r)
        #expect(s.prompt?.text == "ZcuXbe!")
        s.press(" two words<C-w>", r)
        #expect(s.prompt?.text == "ZcuXbe! two ")
        s.press("<C-a><Right><C-k>", r)
        #expect(s.prompt?.text == "Z")
        s.press("<BS>sphere<Enter>", r)
        #expect(s.lookup.search == "sphere")
        s.press("/cyl<Up>", r)
        #expect(s.prompt?.text == "sphere", "Up recalls the last search")
        s.press("<Down>", r)
        #expect(s.prompt?.text == "cyl", "Down past the newest gives back the line being typed")
    }

    /// `/`: the status bar says which match of how many this is, and the
    /// search's text is marked wherever the panes show it.
    @Test func aSearchSaysWhichMatchOfHowManyAndMarksTheText() throws {
        var (s, r, dataset) = try samplesApp()
        let all = (0..<dataset.itemCount).compactMap { dataset.reviewItem(at: $0) }
        let expected = all.enumerated().filter { _, item in
            ([item.question, item.answer] + item.chosen.steps + item.negatives.flatMap(\.rationale.steps))
                .contains { $0.range(of: "sphere", options: .caseInsensitive) != nil }
        }.map(\.offset)
        #expect(expected.count > 2)
        s.press("/sphere<Enter>", r)
        let first = try #require(expected.firstIndex(of: s.nav.index))
        #expect(s.screen.contains("search \"sphere\" \(first + 1) of \(expected.count)"))
        s.press("n", r)
        let second = try #require(expected.firstIndex(of: s.nav.index))
        #expect(second == (first + 1) % expected.count)
        #expect(s.screen.contains("\(second + 1) of \(expected.count)"))
        // Marked: black on yellow where "sphere" is written (any case).
        let b = InspectorApp.view(s)
        var marked = ""
        for y in 0..<b.height { for x in 0..<b.width where b[x, y].bg == .indexed(11) { marked += b[x, y].symbol } }
        #expect(marked.lowercased().contains("sphere"))
        #expect(marked.lowercased().replacingOccurrences(of: "sphere", with: "").isEmpty, "only the search's text is marked: \(marked)")
        // Within a filter the list is the filter's matches; Esc ends the search and its count.
        s.press("w", r)
        Headless.press(&s, "operator=shorten".map { .char($0) } + [.enter], runner: r)
        let within = try #require(s.lookup.matches)
        #expect(within.done && within.items.count < expected.count)
        s.press("<Esc>", r)
        #expect(s.lookup.search == nil && s.lookup.matches == nil)
    }

    /// `:` takes an exact id, a number, the start of an id or its letters in order.
    @Test func goToTakesAPrefixOrTheLettersOfAnIdInOrder() throws {
        var (s, r, _) = try samplesApp()
        s.press(":clevr-show-1<Enter>", r)
        #expect(s.item?.id == "clevr-show-10", "the first of the ids that start so")
        #expect(s.flash?.text.hasPrefix("6 ids start with \"clevr-show-1\": choose one (Enter), Esc keeps clevr-show-10") == true, "\(s.flash?.text ?? "")")
        // The six are listed over the first; Esc keeps it.
        #expect(s.idChoices?.rows.map(\.id) == (10...15).map { "clevr-show-\($0)" })
        #expect(s.screen.contains("Go to: ids that start with \"clevr-show-1\"") && s.screen.contains("clevr-show-13  item 13"))
        s.press("<Esc>", r)
        #expect(s.idChoices == nil && s.item?.id == "clevr-show-10")
        // j j Enter goes to the third.
        s.press(":clevr-show-1<Enter>jj<Enter>", r)
        #expect(s.idChoices == nil && s.item?.id == "clevr-show-12")
        s.press(":cs12<Enter>", r)
        #expect(s.idChoices == nil, "one match: no list")
        #expect(s.item?.id == "clevr-show-12", "only one id holds c, s, 1, 2 in order")
        s.press(":SHOW-04<Enter>", r)
        #expect(s.item?.id == "clevr-show-04", "case does not matter")
        let before = s.nav.index
        s.press(":zebra<Enter>", r)
        #expect(s.nav.index == before)
        #expect(s.flash?.text.hasPrefix("no item has the id \"zebra\"") == true)
    }
}
