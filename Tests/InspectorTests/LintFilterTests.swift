import Testing
import Analysis
@testable import Inspector

/// `f` filters by lint: "has lints" ignores info findings (every negative has
/// its J as info), and each lint can be picked by name.
@Suite struct LintFilterTests {
    /// The fixture with lints: every negative has an info line; item 2's n2 is identical.
    func app() -> (AppState, EffectRunner) {
        let source = InMemorySource(items: Fixture.items, images: Dictionary(uniqueKeysWithValues: (0..<4).map { ("img\($0).png", [UInt8(1)]) }))
        let runner = EffectRunner(services: .init(source: source, store: MemoryStore(), decode: Fixture.decode, lint: { item in
            var out: [String: [String]] = ["n1": ["info: overlap: J(SG-, SG+) = 0.50"]]
            if item.id == "clevr-2" { out["n2"] = ["error: identical: the negative's text equals the chosen text"] }
            return ItemLints(byNegativeID: out, of: item)
        }))
        var s = AppState(width: 160, height: 48, datasetName: "fixture", annotator: "t", imageMode: .truecolor)
        s.nav.itemCount = Fixture.items.count; s.nav.fullyIndexed = true; s.nav.indexFraction = 1
        Headless.settle(&s, InspectorApp.start(&s, at: 0), runner: runner)
        return (s, runner)
    }

    @Test func infoFindingsDoNotCountAsLints() {
        #expect(ReviewFilter.linted.matches(lintLine: "error: identical: same text"))
        #expect(ReviewFilter.linted.matches(lintLine: "warning: same-answer: reaches yes"))
        #expect(!ReviewFilter.linted.matches(lintLine: "info: overlap: J = 0.5"))
        #expect(ReviewFilter.lint("identical").matches(lintLine: "error: identical: same text"))
        #expect(!ReviewFilter.lint("identical").matches(lintLine: "warning: same-answer: reaches yes"))
    }

    @Test func everyWarningAndErrorLintCanBeChosenByName() {
        let names = FilterPicker.choices.compactMap { f -> String? in if case .lint(let n) = f { return n }; return nil }
        #expect(names.contains("identical"))
        #expect(names.contains("evidence-leak"))
        #expect(!names.contains("overlap"))   // info: on every negative
    }

    @Test func filteringByALintLandsOnTheItemAndNegativeThatHaveIt() {
        var (s, r) = app()
        s.lookup.filter = .lint("identical")
        s.press("n", r)
        #expect(s.nav.index == 2)
        #expect(s.negative?.id == "n2")
        // "has lints" also skips items whose only findings are info.
        var (t, r2) = app()
        t.lookup.filter = .linted
        t.press("n", r2)
        #expect(t.nav.index == 2)
    }
}
