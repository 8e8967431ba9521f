import Foundation
import Testing
import Review
import SceneData
@testable import Inspector

/// Two negatives of one item with the same id: a decision keyed by that id
/// would land on both, so the inspector refuses to record one.
@Suite struct DuplicateNegativeIDTests {
    /// The fixture with item 1's second negative renamed to `n1`.
    static let items: [Item] = {
        var items = Fixture.items
        items[1].negatives[1].id = "n1"
        return items
    }()

    func app(store: MemoryStore, index: Int? = 1,
             lint: @escaping @Sendable (Item) -> ItemLints = { _ in .none }) -> (AppState, EffectRunner) {
        let source = InMemorySource(items: Self.items, images: Dictionary(uniqueKeysWithValues: (0..<4).map { ("img\($0).png", [UInt8(1)]) }))
        let runner = EffectRunner(services: .init(source: source, store: store, decode: Fixture.decode, contentHash: { _, _ in "" }, lint: lint))
        var s = AppState(width: 160, height: 48, datasetName: "fixture", annotator: store.annotator, imageMode: .truecolor)
        s.nav.itemCount = Self.items.count; s.nav.fullyIndexed = true; s.nav.indexFraction = 1
        Headless.settle(&s, InspectorApp.start(&s, at: index), runner: runner)
        return (s, runner)
    }

    @Test func decidingANegativeWhoseIDRepeatsIsRefusedAndSaysWhy() throws {
        let store = MemoryStore()
        var (s, r) = app(store: store)
        s.press("]a", r)
        #expect(store.current.isEmpty)
        #expect(s.flash?.text == "n1 is not unique in clevr-1: fix the dataset (validate reports it); not saved")
        #expect(s.screen.contains("not saved"))
        s.press("[x", r)
        s.press("cmy note<Enter>", r)
        #expect(store.current.isEmpty)
        // Other items are decided as usual.
        s.press("na", r)
        #expect(try store.decisions(itemID: "clevr-2")["n1"]?.verdict == .accept)
    }

    @Test func anOldDecisionOnARepeatedIDShowsOnNeitherNegative() throws {
        let store = MemoryStore()
        try store.record(NegativeKey(itemID: "clevr-1", negativeID: "n1"), verdict: .accept, contentHash: "", note: nil, tags: nil)
        var (s, r) = app(store: store)
        #expect(!s.screen.contains("decision: accept"))
        s.press("]", r)
        #expect(s.nav.negativeIndex == 1)
        #expect(!s.screen.contains("decision: accept"))
    }

    @Test func resumePassesOverNegativesThatCannotBeDecided() throws {
        let store = MemoryStore()
        for n in ["n1", "n2"] {
            try store.record(NegativeKey(itemID: "clevr-0", negativeID: n), verdict: .accept, contentHash: "", note: nil, tags: nil)
        }
        // Item 1 has only the two negatives sharing n1: nothing there can be decided.
        let (s, _) = app(store: store, index: nil)
        #expect(s.nav.index == 2)
    }

    @Test func lintLinesOfNegativesSharingAnIDSayWhichNegative() {
        let item = Self.items[1]
        let findings = [
            LintFindingFixture.make("identical", .error, item, index: 0),
            LintFindingFixture.make("operator-mismatch", .error, item, index: 1),
        ]
        let lints = InspectorLints.lines(findings, item: item)
        #expect(lints.own(negativeAt: 0).count == 1)
        #expect(lints.own(negativeAt: 0).first?.hasPrefix("error: identical: negative 1/2 (negatives[0], op swap): ") == true)
        let second = lints.own(negativeAt: 1)
        #expect(second.count == 1)
        #expect(second.first?.hasPrefix("error: operator-mismatch: negative 2/2 (negatives[1], op shorten): ") == true)
        // The filter still reads them.
        #expect(second.contains(where: ReviewFilter.lint("operator-mismatch").matches(lintLine:)))
    }

    @Test func itemLevelFindingsCountForTheLintFilter() {
        let store = MemoryStore()
        var (s, r) = app(store: store, index: 0, lint: { item in
            item.id == "clevr-3" ? ItemLints(item: ["error: evidence-leak: the evidence states the answer \"yes\""]) : .none
        })
        s.lookup.filter = .lint("evidence-leak")
        s.press("n", r)
        #expect(s.nav.index == 3)
        #expect(s.flash?.text.contains("no item passes") != true)
    }
}

import Analysis

enum LintFindingFixture {
    static func make(_ name: String, _ severity: Severity, _ item: Item, index: Int) -> LintFinding {
        LintFinding(name: name, severity: severity, itemID: item.id, negativeID: item.negatives[index].id,
                    line: item.line, message: "m", negativeIndex: index)
    }
}
