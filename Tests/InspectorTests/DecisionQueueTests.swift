import Inspector
import Review
import Testing

/// Decision keys pressed faster than the store answers: none may be lost.
@Suite struct DecisionQueueTests {
    @Test func keysPressedWhileSavingAreQueuedAndAppliedInOrder() throws {
        let store = MemoryStore()
        var (s, r) = Fixture.app(store: store)
        // Three keys before the first save has been answered.
        let first = InspectorApp.update(&s, .key(.char("a")))
        #expect(InspectorApp.update(&s, .key(.char("x"))).isEmpty)
        #expect(InspectorApp.update(&s, .key(.char("s"))).isEmpty)
        #expect(s.flash?.text.contains("queued") == true)
        Headless.settle(&s, first, runner: r)
        #expect(try store.decisions(itemID: "clevr-0")["n1"]?.verdict == .accept)
        #expect(try store.decisions(itemID: "clevr-0")["n2"]?.verdict == .reject)
        #expect(try store.decisions(itemID: "clevr-1")["n1"]?.verdict == .skip)
        #expect(s.nav.index == 1 && s.negative?.id == "n2")
        #expect(s.work.queue.isEmpty && s.phase == .idle)
    }

    @Test func savingMessageClearsWhenTheSaveLandsAfterMovingOn() {
        var (s, r) = Fixture.app()
        let save = InspectorApp.update(&s, .key(.char("a")))
        #expect(s.flash?.text == "saving accept n1...")
        Headless.settle(&s, InspectorApp.update(&s, .key(.char("n"))), runner: r)
        Headless.settle(&s, InspectorApp.update(&s, .key(.char("n"))), runner: r)
        #expect(s.nav.index == 2)
        Headless.settle(&s, save, runner: r)
        #expect(s.flash?.text.contains("saving") != true)
        #expect(s.flash?.text == "saved: accept n1")
    }
}

@Suite struct DecisionQueueEdgeTests {
    @Test func queuedKeysDoNotWaitForeverOnAnUnreadableLine() {
        var (s, _) = Fixture.app()
        _ = InspectorApp.update(&s, .key(.char("n")))   // item 1 requested, not loaded yet
        _ = InspectorApp.update(&s, .key(.char("a")))
        #expect(s.work.queue == [.char("a")])
        _ = InspectorApp.update(&s, .itemLoaded(LoadedItem(index: 1, item: nil, diagnostics: [])))
        #expect(s.work.queue.isEmpty)
        #expect(s.flash?.text.contains("not applied") == true)
    }
}

@Suite struct NegativeStepQueueTests {
    /// `n` then `]` typed before the next item has loaded: the step applies to
    /// that item once it arrives, and a decision typed after it lands on the
    /// negative it selected.
    @Test func aNegativeStepTypedAheadOfTheItemIsApplied() throws {
        let store = MemoryStore()
        var (s, r) = Fixture.app(store: store)
        let load = InspectorApp.update(&s, .key(.char("n")))
        #expect(InspectorApp.update(&s, .key(.char("]"))).isEmpty)
        #expect(s.flash?.text != "no negatives")
        _ = InspectorApp.update(&s, .key(.char("x")))
        Headless.settle(&s, load, runner: r)
        #expect(try store.decisions(itemID: "clevr-1")["n2"]?.verdict == .reject)
        #expect(try store.decisions(itemID: "clevr-1")["n1"] == nil)
    }

    @Test func stepsTypedForAnItemLeftBehindAreDropped() {
        var (s, r) = Fixture.app()
        var fx = InspectorApp.update(&s, .key(.char("n")))
        fx += InspectorApp.update(&s, .key(.char("[")))
        fx += InspectorApp.update(&s, .key(.char("[")))
        fx += InspectorApp.update(&s, .key(.char("[")))
        fx += InspectorApp.update(&s, .key(.char("n")))   // on to item 2: the steps were for item 1
        Headless.settle(&s, fx, runner: r)
        #expect(s.nav.index == 2 && s.nav.negativeIndex == s.visibleNegatives.first?.offset)
    }
}
