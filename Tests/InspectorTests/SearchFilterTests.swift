import Inspector
import Review
import SceneData
import Testing
import TerminalUI

/// Search (`/`, `n`, `N`) looks only among the items the filter (`f`) lets
/// through, and says so, naming the filter, when nothing there matches.
@Suite struct SearchFilterTests {
    /// Item 0 has swap and shorten negatives; items 1 and 3 only a replace
    /// negative; item 2 a swap one. "cylinder" is in the questions of 1, 2 and 3;
    /// "pyramid" only in item 1's.
    static func app() -> (AppState, EffectRunner) {
        var items = Fixture.items
        let replace = Negative(id: "r1", op: .replace, operatorName: "replace",
                               edits: [.replace(from: .entity("o2"), to: .element(.entity("o3")))],
                               rationale: Rationale(steps: ["The cube is left of the cylinder.", "So yes."], answer: "yes"))
        items[1].negatives = [replace]
        items[1].question = "Item 1: is the pyramid left of the cylinder?"
        items[2].negatives = [items[2].negatives[0]]
        items[2].question = "Item 2: is the cube left of the cylinder?"
        items[3].negatives = [replace]
        items[3].question = "Item 3: is the cylinder behind the cube?"
        let source = InMemorySource(items: items, images: Dictionary(uniqueKeysWithValues: (0..<4).map { ("img\($0).png", [UInt8(1)]) }))
        let r = EffectRunner(services: .init(source: source, store: MemoryStore(), decode: Fixture.decode, contentHash: Fixture.realHash))
        var s = AppState(width: 160, height: 48, datasetName: "fixture", annotator: "tester")
        s.nav.itemCount = items.count; s.nav.fullyIndexed = true; s.nav.indexFraction = 1
        Headless.settle(&s, InspectorApp.start(&s, at: 0), runner: r)
        return (s, r)
    }

    @Test func searchSkipsItemsTheFilterHides() {
        var (s, r) = Self.app()
        s.choose(.op(.swap), r)
        #expect(s.lookup.filter == .op(.swap) && s.nav.index == 0)
        s.press("/cylinder<Enter>", r)
        #expect(s.nav.index == 2, "item 1 matches but has no swap negative")
        #expect(s.negative?.op == .swap)
        #expect(s.flash?.text == "match for \"cylinder\" within filter op=swap")
        s.press("n", r)
        #expect(s.nav.index == 2)  // items 1 and 3 are hidden: item 2 is the only match
        #expect(s.flash?.text == "the only match for \"cylinder\" within filter op=swap")
        s.press("N", r)
        #expect(s.nav.index == 2)
    }

    @Test func noMatchWithinTheFilterSaysSoAndNamesIt() {
        var (s, r) = Self.app()
        s.choose(.op(.swap), r)
        s.press("/pyramid<Enter>", r)
        #expect(s.nav.index == 0)
        let message = "no item matches \"pyramid\" within filter op=swap (1 item outside it does; f changes the filter)"
        #expect(s.flash?.text == message)
        #expect(s.screen.contains(message))
    }

    @Test func changingTheFilterKeepsSearchingWithinIt() {
        var (s, r) = Self.app()
        s.press("/cylinder<Enter>", r)
        #expect(s.nav.index == 1)  // no filter: the first match
        s.choose(.undecided, r)  // item 1 passes, so it stays
        #expect(s.lookup.filter == .undecided && s.nav.index == 1)
        s.choose(.op(.swap), r)  // on to the next match with a swap negative
        #expect(s.lookup.filter == .op(.swap) && s.nav.index == 2)
        #expect(s.lookup.search == "cylinder")
        s.press("n", r)
        #expect(s.nav.index == 2)
    }

    @Test func withoutAFilterSearchStillVisitsEveryMatch() {
        var (s, r) = Self.app()
        s.press("/cylinder<Enter>", r)
        #expect(s.nav.index == 1 && s.flash?.text == "match for \"cylinder\"")
        s.press("n", r)
        #expect(s.nav.index == 2)
        s.press("n", r)
        #expect(s.nav.index == 3)
    }
}
