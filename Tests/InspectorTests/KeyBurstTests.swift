import Inspector
import Review
import TerminalUI
import Testing

/// Keys typed as one burst, before the item the first of them asks for has
/// arrived, must do what the same keys typed slowly do.
@Suite struct KeyBurstTests {
    /// Sends every key of `keys` before running any effect (a burst from the
    /// terminal), then lets the background work finish.
    static func burst(_ s: inout AppState, _ keys: String, _ r: EffectRunner) {
        var fx: [Effect] = []
        for k in (try? Headless.parseKeys(keys)) ?? [] { fx += InspectorApp.update(&s, .key(k)) }
        Headless.settle(&s, fx, runner: r)
    }

    /// The text of the rows drawn selected (in reverse video), as a user picks them out.
    func selectedRow(_ s: AppState) -> [String] {
        let b = InspectorApp.view(s)
        var out: [String] = []
        for y in 0..<b.height {
            var row = ""
            for x in 0..<b.width where b[x, y].attributes.contains(.reverse) { row += b[x, y].symbol }
            if row.contains(where: { $0 != " " }) { out.append(row) }
        }
        return out
    }

    @Test(arguments: [("2", "njjj"), ("3", "njj"), ("2", "<Right>jj"), ("3", "pjj"), ("3", "n]j")])
    func aBurstAfterAnItemKeyIsAppliedToTheNextItem(pane: String, keys: String) {
        var (fast, r1) = Fixture.app(index: 1)
        fast.press(pane, r1)
        Self.burst(&fast, keys, r1)
        var (slow, r2) = Fixture.app(index: 1)
        slow.press(pane + keys, r2)
        var (first, r3) = Fixture.app(index: 1)
        first.press(pane + String(keys.prefix(keys.hasPrefix("<") ? 7 : 1)), r3)
        #expect(fast.nav.index == slow.nav.index)
        #expect(fast.panes.graphSelection == slow.panes.graphSelection && fast.panes.stepSelection == slow.panes.stepSelection)
        #expect(fast.screen == slow.screen)
        #expect(selectedRow(fast) == selectedRow(slow))
        // The keys after the item key did move the selection a user sees.
        #expect(selectedRow(fast) != selectedRow(first) || fast.screen != first.screen)
        #expect(fast.work.queue.isEmpty)
    }

    @Test func aBurstWithinAFilterWaitsForTheLookup() {
        var (fast, r1) = Fixture.app()
        fast.press("fj<Enter>3", r1)   // the filter undecided (the picker's second row), then the rationale pane
        Self.burst(&fast, "njj", r1)
        var (slow, r2) = Fixture.app()
        slow.press("fj<Enter>3njj", r2)
        #expect(fast.nav.index == 1 && fast.panes.stepSelection == 2)
        #expect(fast.screen == slow.screen)
    }

    @Test func gThenDownSelectsInTheFirstItem() {
        var (s, r) = Fixture.app(index: 2)
        s.press("2", r)
        Self.burst(&s, "gjj", r)
        var (slow, r2) = Fixture.app(index: 2)
        slow.press("2gjj", r2)
        #expect(s.nav.index == 0 && s.panes.graphSelection == slow.panes.graphSelection && s.panes.graphSelection > 1)
    }

    @Test func quitActsAtOnceWhileAnItemLoads() {
        var (s, _) = Fixture.app()
        _ = InspectorApp.update(&s, .key(.char("n")))
        let fx = InspectorApp.update(&s, .key(.char("q")))
        #expect(s.quitting && fx.contains(.quit))
    }

    @Test func helpOpensAtOnceDuringALookup() {
        var (s, _) = Fixture.app()
        _ = InspectorApp.update(&s, .key(.char("/")))
        for c in "Item 3:" { _ = InspectorApp.update(&s, .key(.char(c))) }
        _ = InspectorApp.update(&s, .key(.enter))
        #expect(s.busy != nil)
        _ = InspectorApp.update(&s, .key(.char("?")))
        // The title says how to scroll when the keys do not fit the screen.
        #expect(s.screen.contains("? or Esc closes)"))
    }

    @Test func qTypedIntoAQueuedSearchIsText() {
        var (s, r) = Fixture.app()
        Self.burst(&s, "n/quit", r)
        #expect(!s.quitting)
        #expect(s.prompt?.text == "quit")
        #expect(s.screen.contains("search: quit"))
    }

    @Test func qTypedIntoAQueuedTagPromptIsText() {
        // `t` opens a prompt too: a free tag spelled with a q is typed, not a quit.
        var (s, r) = Fixture.app()
        Self.burst(&s, "ntquick", r)
        #expect(!s.quitting)
        #expect(s.prompt?.kind == .tags && s.prompt?.text == "quick")
    }

    @Test func escCancelsALookupAndDropsTheKeysWaitingForIt() {
        var (s, r) = Fixture.app()
        s.choose(.undecided, r)
        _ = InspectorApp.update(&s, .key(.char("n")))   // a lookup starts
        #expect(s.busy != nil)
        _ = InspectorApp.update(&s, .key(.char("j")))
        _ = InspectorApp.update(&s, .key(.char("j")))
        #expect(s.work.queue.count == 2)
        let fx = InspectorApp.update(&s, .key(.escape))
        #expect(fx.contains(.cancelFind))
        #expect(s.work.queue.isEmpty && s.busy == nil)
        #expect(s.screen.contains("cancelled; 2 queued key(s) not applied"))
    }

    @Test func choosingAllWhileAFilterLooksClearsItsProgress() throws {
        var (s, r) = Fixture.app()
        s.press("f", r)
        let counts = try #require(s.filters?.counts)
        s.press("j", r)                                   // undecided, the row after all
        _ = InspectorApp.update(&s, .key(.enter))         // its lookup runs (not answered here)
        #expect(s.lookup.filter == .undecided)
        _ = InspectorApp.update(&s, .findProgress(0.17))
        #expect(s.screen.contains("filtering"))
        _ = InspectorApp.update(&s, .key(.char("f")))     // the picker opens while the lookup runs
        _ = InspectorApp.update(&s, .filtersCounted(counts))
        _ = InspectorApp.update(&s, .key(.char("g")))     // all
        let fx = InspectorApp.update(&s, .key(.enter))
        #expect(s.lookup.filter == .none)
        #expect(fx.contains(.cancelFind))
        _ = InspectorApp.update(&s, .findProgress(0.17))
        #expect(!s.screen.contains("filtering"))
        #expect(!s.screen.contains("17%"))
        #expect(s.screen.contains("filter: all"))
    }
}
