import Testing
import Analysis
import Review
import SceneData
@testable import Inspector

/// The lints pane as a reviewer reads it: each negative's own findings (by
/// position, also where ids repeat), an honest count, and long lines in full.
@Suite struct LintPaneTests {
    /// The fixture with item 1's two negatives both called `n1`.
    static let items: [Item] = DuplicateNegativeIDTests.items

    /// An app on `items` at item `index`, linted by `lint`.
    func app(index: Int, width: Int = 160, height: Int = 48, ascii: Bool = false,
             lint: @escaping @Sendable (Item) -> ItemLints) -> (AppState, EffectRunner) {
        let source = InMemorySource(items: Self.items, images: Dictionary(uniqueKeysWithValues: (0..<4).map { ("img\($0).png", [UInt8(1)]) }))
        let runner = EffectRunner(services: .init(source: source, store: MemoryStore(), decode: Fixture.decode, lint: lint))
        var s = AppState(width: width, height: height, datasetName: "fixture", annotator: "t",
                         asciiOnly: ascii, imageMode: ascii ? .ascii : .truecolor)
        s.nav.itemCount = Self.items.count; s.nav.fullyIndexed = true; s.nav.indexFraction = 1
        Headless.settle(&s, InspectorApp.start(&s, at: index), runner: runner)
        return (s, runner)
    }

    /// On item 1: `identical` on negatives[0], `operator-mismatch` on negatives[1], both id n1.
    static let sharedIDLints: @Sendable (Item) -> ItemLints = { item in
        guard item.id == "clevr-1" else { return .none }
        return InspectorLints.lines([LintFindingFixture.make("identical", .error, item, index: 0),
                                     LintFindingFixture.make("operator-mismatch", .error, item, index: 1)], item: item)
    }

    /// The screen rows inside the lints pane's border (the text between the side borders).
    static func paneRows(_ s: AppState) -> [String] {
        let r = ScreenLayout.inner(ScreenLayout.of(s).lints)
        let rows = s.screen.split(separator: "\n", omittingEmptySubsequences: false).map { Array(String($0)) }
        return (r.top..<r.bottom).compactMap { y in
            guard y < rows.count, r.right <= rows[y].count else { return nil }
            return String(rows[y][r.left..<r.right])
        }
    }

    /// The lints pane's bottom border, where the overflow marks go.
    static func bottomBorder(_ s: AppState) -> String {
        let r = ScreenLayout.of(s).lints
        let rows = s.screen.split(separator: "\n", omittingEmptySubsequences: false)
        return r.bottom - 1 < rows.count ? String(rows[r.bottom - 1]) : ""
    }

    @Test func negativesSharingAnIDEachShowOnlyTheirOwnFindings() {
        var (s, r) = app(index: 1, lint: Self.sharedIDLints)
        #expect(s.nav.negativeIndex == 0)
        #expect(s.screen.contains("error: identical: negative 1/2"))
        #expect(!s.screen.contains("operator-mismatch"))
        #expect(s.screen.contains("Lints (1)"))
        s.press("]", r)
        #expect(s.nav.negativeIndex == 1)
        #expect(s.screen.contains("error: operator-mismatch: negative 2/2"))
        #expect(!s.screen.contains("error: identical"))
        #expect(s.screen.contains("Lints (1)"))
    }

    @Test func theLintFilterSelectsTheNegativeThatHasTheFinding() {
        var (s, r) = app(index: 0, lint: Self.sharedIDLints)
        s.lookup.filter = .lint("operator-mismatch")
        s.press("n", r)
        #expect(s.nav.index == 1)
        #expect(s.nav.negativeIndex == 1)
        #expect(s.screen.contains("error: operator-mismatch"))
        // And the other way round: identical is on the first of the two.
        var (t, r2) = app(index: 2, lint: Self.sharedIDLints)
        t.lookup.filter = .lint("identical")
        t.press("p", r2)
        #expect(t.nav.index == 1)
        #expect(t.nav.negativeIndex == 0)
    }

    @Test func theTitleCountsReadingProblemsToo() throws {
        // Item "4" of the panes fixture has a reading warning (its id is a number).
        let s = try fixtureApp("panes", annotator: "panes", item: "4", keys: "")
        let problems = try #require(s.nav.current?.diagnostics).count
        try #require(problems > 0)
        let findings = s.review.lints.shown(negativeAt: s.negative == nil ? nil : s.nav.negativeIndex).count
        let noun = problems == 1 ? "reading problem" : "reading problems"
        #expect(s.screen.contains("Lints (\(findings), \(problems) \(noun))"))
        // Without problems the title stays as it was.
        let clean = try fixtureApp("panes", annotator: "panes", item: "long-03", keys: "")
        #expect(clean.nav.current?.diagnostics.isEmpty == true)
        #expect(clean.screen.contains("Lints (\(clean.review.lints.shown(negativeAt: clean.nav.negativeIndex).count))"))
    }

    /// A finding longer than the pane: its words, in order, with a marker at the end.
    static let longLine = "warning: untouched-text: "
        + (1...30).map { "word\($0)" }.joined(separator: " ") + " LASTWORD"

    @Test(arguments: [false, true])
    func aLongLineWrapsWithAHangingIndentInsteadOfBeingCut(ascii: Bool) {
        let (s, _) = app(index: 0, ascii: ascii, lint: { item in
            ItemLints(negatives: [0: [Self.longLine, "info: overlap: J(SG-, SG^c) = 0.50"]])
        })
        let rows = Self.paneRows(s)
        let text = rows.joined(separator: " ").split(separator: " ").joined(separator: " ")
        #expect(text.contains(Self.longLine))
        #expect(text.contains("info: overlap: J(SG-, SG^c) = 0.50"))
        #expect(!text.contains(ascii ? "..." : "…"))
        // The first row starts at the border; the rows it continues on are indented.
        // Without colour a warning starts with its marker.
        let start = rows.firstIndex { $0.hasPrefix((ascii ? "!  " : "") + "warning: untouched-text:") }
        #expect(start == 0)
        #expect(rows.count > 2 && rows[1].hasPrefix("    word") && rows[2].hasPrefix("    "))
        #expect(rows.contains { $0.hasPrefix("info: overlap") })
    }

    @Test func wrappedRowsScrollToTheEndAndMarkWhatIsHidden() {
        let lines = (1...4).map { "warning: same-answer: finding \($0) " + (1...30).map { "w\($0)" }.joined(separator: " ") + " END\($0)" }
        var (s, r) = app(index: 0, lint: { _ in ItemLints(negatives: [0: lines]) })
        #expect(Self.bottomBorder(s).contains("more ↓"))
        #expect(!s.screen.contains("END4"))
        s.press("4<End>", r)
        let rows = Self.paneRows(s)
        // The last row of the last finding sits on the bottom row.
        #expect(rows.last?.contains("END4") == true)
        #expect(Self.bottomBorder(s).contains("more ↑"))
        #expect(!Self.bottomBorder(s).contains("more ↑↓"))
        s.press("k", r)
        #expect(Self.bottomBorder(s).contains("more ↑↓"))
        #expect(!s.screen.contains("END4"))
    }
}
