import Inspector
import Review
import TerminalUI
import Testing

/// The phases of docs/ARCHITECTURE.md's table, walked one message at a time.
@Suite struct PhaseTests {
    /// Runs the effects one step: each answer is applied, its own effects returned.
    static func step(_ s: inout AppState, _ fx: [Effect], _ r: EffectRunner, only: (Effect) -> Bool) -> [Effect] {
        var next: [Effect] = []
        for e in fx where only(e) { if let m = r.perform(e) { next += InspectorApp.update(&s, m) } }
        return next
    }

    @Test func nextItemLoadsReadsDecisionsThenIdles() {
        var (s, r) = Fixture.app()
        #expect(s.phase == .idle)
        let fx = InspectorApp.update(&s, .key(.char("n")))
        #expect(s.phase == .loadingItem(1))
        // A key typed now waits for the item.
        _ = InspectorApp.update(&s, .key(.char("j")))
        #expect(s.work.queue == [.char("j")])
        let afterLoad = Self.step(&s, fx, r) { if case .loadItem = $0 { return true }; return false }
        #expect(s.phase == .readingDecisions(itemID: "clevr-1"))
        _ = Self.step(&s, afterLoad, r) { if case .loadDecisions = $0 { return true }; return false }
        #expect(s.phase == .idle && s.work.queue.isEmpty)
    }

    @Test func aDecisionIsSavingUntilTheStoreAnswers() {
        let store = MemoryStore()
        var (s, r) = Fixture.app(store: store)
        let fx = InspectorApp.update(&s, .key(.char("a")))
        #expect(s.phase == .savingDecision(NegativeKey(itemID: "clevr-0", negativeID: "n1")))
        // A second decision key waits in the decision queue, with its message.
        _ = InspectorApp.update(&s, .key(.char("x")))
        #expect(s.work.queue == [.char("x")] && s.flash?.text == "queued reject (1 waiting)")
        Headless.settle(&s, fx, runner: r)
        // Both saved, in order; the item is done, so the next one is shown.
        #expect(s.phase == .idle && s.nav.index == 1)
        #expect(store.current[NegativeKey(itemID: "clevr-0", negativeID: "n1")]?.verdict == .accept)
        #expect(store.current[NegativeKey(itemID: "clevr-0", negativeID: "n2")]?.verdict == .reject)
    }

    @Test func promptsAndLookupsAreTheirOwnPhases() {
        var (s, r) = Fixture.app()
        s.press("/", r)
        #expect(s.phase == .prompt(Prompt(kind: .search)))
        _ = InspectorApp.update(&s, .key(.char("I")))
        _ = InspectorApp.update(&s, .key(.enter))
        #expect(s.phase == .lookingUp(.searching))
        _ = InspectorApp.update(&s, .key(.escape))
        #expect(s.phase == .idle)
        // The help is an overlay over whatever phase: it opens at once.
        s.press("?", r)
        #expect(s.panes.showHelp && s.phase == .idle)
    }

    @Test func keysTypedWhileADecisionSavesWaitInTheOneQueueAndActAsIfTypedSlowly() throws {
        let store = MemoryStore()
        var (s, r) = Fixture.app(store: store)
        s.press("3", r)
        let saving = InspectorApp.update(&s, .key(.char("a")))
        // A step and a decision key after it: both wait, in the order typed.
        #expect(InspectorApp.update(&s, .key(.char("j"))).isEmpty)
        #expect(InspectorApp.update(&s, .key(.char("x"))).isEmpty)
        #expect(s.work.queue == [.char("j"), .char("x")])
        #expect(s.flash?.text == "queued reject (1 waiting)")
        Headless.settle(&s, saving, runner: r)
        let slowStore = MemoryStore()
        var (slow, r2) = Fixture.app(store: slowStore)
        slow.press("3ajx", r2)
        #expect(s.work.queue.isEmpty && s.phase == .idle)
        #expect(store.current.mapValues(\.verdict) == slowStore.current.mapValues(\.verdict))
        #expect(store.current[NegativeKey(itemID: "clevr-0", negativeID: "n2")]?.verdict == .reject)
        #expect(s.screen == slow.screen)
    }

    @Test func aFailedSaveEndsThePhaseAndDropsTheQueueSayingSo() {
        var (s, _) = Fixture.app()
        _ = InspectorApp.update(&s, .key(.char("a")))
        _ = InspectorApp.update(&s, .key(.char("j")))
        _ = InspectorApp.update(&s, .key(.char("x")))
        _ = InspectorApp.update(&s, .failed("saving the decision: disk full"))
        #expect(s.phase == .idle && s.work.queue.isEmpty)
        #expect(s.flash?.severity == .error)
        #expect(s.screen.contains("error: saving the decision: disk full (2 queued key(s) not applied)"))
    }

    @Test func aLookupAnswerAfterEscIsIgnored() {
        var (s, r) = Fixture.app()
        s.press(":", r)
        for c in "3" { _ = InspectorApp.update(&s, .key(.char(c))) }
        let fx = InspectorApp.update(&s, .key(.enter))
        #expect(s.phase == .lookingUp(.lookingFor("3")))
        _ = InspectorApp.update(&s, .key(.escape))
        // The goto was already running; its answer must not move the user after all.
        Headless.settle(&s, fx, runner: r)
        #expect(s.nav.index == 0 && s.phase == .idle)
    }
}
