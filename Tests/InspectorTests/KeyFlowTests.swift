import Inspector
import Review
import SceneData
import Testing
import TerminalUI

@Suite struct KeyFlowTests {
    @Test func firstScreenShowsQuestionRationalesOperatorAndGraph() {
        let (s, _) = Fixture.app()
        let screen = s.screen
        #expect(screen.contains("Item 0: is the red cube left of the blue sphere?"))
        #expect(screen.contains("The cube is left of the sphere."))
        #expect(screen.contains("The sphere is left of the cube."))
        #expect(screen.contains("op swap"))
        #expect(screen.contains("- cube left of sphere"))
        #expect(screen.contains("+ sphere left of cube"))
        #expect(screen.contains("item 1 of 4"))
    }

    @Test func itemAndNegativeNavigation() {
        var (s, r) = Fixture.app()
        s.press("nn", r)
        #expect(s.nav.index == 2 && s.item?.id == "clevr-2")
        s.press("p<Left>", r)
        #expect(s.nav.index == 0)
        s.press("p", r)
        #expect(s.nav.index == 0 && s.flash?.text == "first item")
        s.press("G", r)
        #expect(s.nav.index == 3)
        s.press("g]", r)
        #expect(s.nav.index == 0 && s.negative?.id == "n2")
        #expect(s.screen.contains("op shorten"))
        s.press("]", r)
        #expect(s.negative?.id == "n1")
    }

    @Test func gotoByIdAndNumber() {
        var (s, r) = Fixture.app()
        s.press(":clevr-2<Enter>", r)
        #expect(s.item?.id == "clevr-2")
        s.press(":4<Enter>", r)
        #expect(s.nav.index == 3)
        s.press(":nope<Enter>", r)
        #expect(s.nav.index == 3)
        #expect(s.flash?.text.contains("nope") == true)
    }

    @Test func searchMovesBetweenMatchesAndEscEndsIt() {
        var (s, r) = Fixture.app()
        s.press("/Item 2:<Enter>", r)
        #expect(s.nav.index == 2)
        #expect(s.screen.contains("search \"Item 2:\""))
        s.press("n", r)
        #expect(s.nav.index == 2)  // the only match: wraps to itself
        s.press("<Esc>n", r)
        #expect(s.lookup.search == nil && s.nav.index == 3)
    }

    @Test func acceptRecordsMovesToNextUndecidedAndIntoNextItem() throws {
        let store = MemoryStore()
        var (s, r) = Fixture.app(store: store)
        s.press("a", r)
        #expect(try store.decisions(itemID: "clevr-0")["n1"]?.verdict == .accept)
        #expect(s.negative?.id == "n2" && s.nav.index == 0)
        #expect(s.flash?.text == "saved: accept n1")
        s.press("x", r)
        #expect(try store.decisions(itemID: "clevr-0")["n2"]?.verdict == .reject)
        #expect(s.nav.index == 1 && s.negative?.id == "n1")
        #expect(s.screen.contains("reviewed 2"))
        #expect(s.review.summary?.accepted == 1 && s.review.summary?.rejected == 1)
    }

    @Test func undoGoesBackToTheDecision() throws {
        let store = MemoryStore()
        var (s, r) = Fixture.app(store: store)
        s.press("as", r)
        #expect(s.nav.index == 1)
        s.press("u", r)
        #expect(s.nav.index == 0 && s.negative?.id == "n2")
        #expect(try store.decisions(itemID: "clevr-0")["n2"] == nil)
        #expect(s.review.verdicts["n1"] == .accept && s.review.verdicts["n2"] == nil)
    }

    @Test func noteBeforeDecisionIsSavedWithIt() throws {
        let store = MemoryStore()
        var (s, r) = Fixture.app(store: store)
        s.press("cwrong relation<Enter>", r)
        #expect(try store.decisions(itemID: "clevr-0").isEmpty)
        s.press("x", r)
        #expect(try store.decisions(itemID: "clevr-0")["n1"]?.note == "wrong relation")
        s.press("[c<C-u>fixed<Enter>", r)
        #expect(try store.decisions(itemID: "clevr-0")["n1"]?.note == "fixed")
    }

    @Test func resumeStartsAtFirstUnfinishedItem() throws {
        let store = MemoryStore()
        for n in ["n1", "n2"] {
            try store.record(NegativeKey(itemID: "clevr-0", negativeID: n), verdict: .accept, contentHash: "", note: nil, tags: nil)
        }
        try store.record(NegativeKey(itemID: "clevr-1", negativeID: "n1"), verdict: .reject, contentHash: "", note: nil, tags: nil)
        // Decisions recorded with the hash "": the runner must hash the same way to see them as current.
        let (s, _) = Fixture.app(index: nil, store: store, hash: { _, _ in "" })
        #expect(s.nav.index == 1 && s.negative?.id == "n2")
    }

    @Test func focusAndSelectionHighlightBoxAndScrollSteps() {
        var (s, r) = Fixture.app()
        #expect(s.panes.focus == .rationale)
        s.press("jj", r)
        #expect(s.panes.stepSelection == 2)
        s.press("j", r)
        #expect(s.panes.stepSelection == 2)
        s.press("<S-Tab>", r)
        #expect(s.panes.focus == .graph)
        s.press("<Tab><Tab><Tab>", r)
        #expect(s.panes.focus == .graph)
    }

    @Test func imageKeysToggleAndZoom() {
        var (s, r) = Fixture.app()
        #expect(s.image.loaded?.image != nil)
        s.press("hbI", r)
        #expect(!s.image.showHeatmap && !s.image.showBoxes && s.image.invert)
        s.press("z", r)
        #expect(s.image.zoomed)
        let zoomed = InspectorApp.view(s)
        #expect(!zoomed.plainText.contains("Q: "))
        s.press("<Esc>", r)
        #expect(!s.image.zoomed)
        s.press("i", r)
        #expect(s.image.mode == .palette256)
    }

    @Test func helpListsEveryKeyAndClosesWithEscOrQuestionMark() {
        var (s, r) = Fixture.app()
        s.press("?", r)
        // The help scrolls when it is taller than the screen: read it page by page.
        var screen = s.screen
        for _ in 0..<4 { s.press("<PgDn>", r); screen += s.screen }
        for key in ["a", "x", "s", "u", "Tab / Shift-Tab", "g / G", "/", "w", "F"] {
            #expect(screen.contains(key))
        }
        #expect(screen.contains("undo the last change"))
        #expect(screen.contains("filter by a query"))
        #expect(screen.contains("frequency table"))
        s.press("<Esc>", r)
        #expect(!s.panes.showHelp)
        s.press("??", r)
        #expect(!s.panes.showHelp)
    }

    @Test func filterByOperatorSelectsMatchingNegatives() {
        var (s, r) = Fixture.app()
        s.choose(.op(.swap), r)
        #expect(s.lookup.filter == .op(.swap))
        #expect(s.negative?.op == .swap)
        s.press("]", r)
        #expect(s.negative?.id == "n1")  // the only swap negative
        #expect(s.screen.contains("filter op=swap"))
    }

    @Test func resizeRedrawsWithoutOverlapAndSmallScreensUseTabs() {
        var (s, r) = Fixture.app()
        _ = InspectorApp.update(&s, .resize(width: 100, height: 30))
        let b = InspectorApp.view(s)
        #expect(b.width == 100 && b.height == 30)
        #expect(b.plainText.contains("1 Image"))
        s.press("<Tab>", r)
        #expect(s.panes.focus == .lints)
        _ = InspectorApp.update(&s, .resize(width: 20, height: 5))
        #expect(InspectorApp.view(s).height == 5)
        _ = InspectorApp.update(&s, .resize(width: 0, height: 0))
        #expect(InspectorApp.view(s).width == 0)
    }

    @Test func quitKeySetsQuitting() {
        var (s, r) = Fixture.app()
        s.press("q", r)
        #expect(s.quitting)
    }
}


@Suite struct HeldKeyTests {
    @Test func aBatchOfHeldKeysAsksForOneItemOnly() {
        var (s, _) = Fixture.app()
        var effects: [Effect] = []
        for _ in 0..<3 { effects += InspectorApp.update(&s, .key(.char("n"))) }
        let loads = EffectRunner.coalesce(effects).filter { if case .loadItem = $0 { return true }; return false }
        #expect(loads == [.loadItem(3)])
        #expect(s.nav.index == 3)
    }

    @Test func staleItemResultsAreIgnored() {
        var (s, r) = Fixture.app()
        _ = InspectorApp.update(&s, .key(.char("n")))
        _ = InspectorApp.update(&s, .key(.char("n")))
        if let m = r.perform(.loadItem(1)) { _ = InspectorApp.update(&s, m) }
        #expect(s.item == nil)  // item 1 arrived late: item 2 is wanted
        if let m = r.perform(.loadItem(2)) { _ = InspectorApp.update(&s, m) }
        #expect(s.item?.id == "clevr-2")
    }

    @Test func graphSelectionSkipsHeadings() {
        var (s, r) = Fixture.app()
        s.press("<S-Tab>", r)
        for _ in 0..<12 {
            s.press("j", r)
            let rows = GraphRows.build(s.item!, negative: s.negative)
            #expect(rows[s.panes.graphSelection].kind != .heading)
        }
    }
}
