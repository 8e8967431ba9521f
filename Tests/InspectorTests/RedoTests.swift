import Foundation
import Testing
import Review
@testable import Inspector

/// Ctrl-R: what `u` took back in this session is recorded again, note and
/// tags included; a new decision ends what can be redone.
@Suite struct RedoTests {
    @Test func redoRecordsTheUndoneDecisionsAgainInTurn() throws {
        let store = MemoryStore()
        var (s, r) = Fixture.app(store: store)
        s.press("cblurry<Enter>", r)
        s.press("ax", r)   // accept n1 (with its note), reject n2
        s.press("uu", r)   // both taken back
        #expect(try store.decisions(itemID: "clevr-0").isEmpty)
        #expect(s.review.redo.map(\.key.negativeID) == ["n2", "n1"])
        s.press("<C-r>", r)
        let n1 = try #require(try store.decisions(itemID: "clevr-0")["n1"])
        #expect(n1.verdict == .accept && n1.note == "blurry", "the note came back with the decision")
        #expect(s.flash?.text.hasPrefix("saved: accept n1") == true)
        s.press("<C-r>", r)
        #expect(try store.decisions(itemID: "clevr-0")["n2"]?.verdict == .reject)
        #expect(s.review.redo.isEmpty)
        s.press("<C-r>", r)
        #expect(s.flash?.text.hasPrefix("nothing to redo") == true)
    }

    @Test func aNewDecisionEndsWhatCanBeRedone() throws {
        let store = MemoryStore()
        var (s, r) = Fixture.app(store: store)
        s.press("au", r)
        #expect(s.review.redo.count == 1)
        s.press("s", r)   // skip n1 instead
        #expect(s.review.redo.isEmpty)
        s.press("<C-r>", r)
        #expect(try store.decisions(itemID: "clevr-0")["n1"]?.verdict == .skip)
        #expect(s.flash?.text.hasPrefix("nothing to redo") == true)
    }

    @Test func onAnotherItemRedoGoesThereFirst() throws {
        let store = MemoryStore()
        var (s, r) = Fixture.app(store: store)
        s.press("au", r)
        s.press("nn", r)
        #expect(s.nav.index == 2)
        s.press("<C-r>", r)
        #expect(s.nav.index == 0 && s.negative?.id == "n1")
        #expect(try store.decisions(itemID: "clevr-0").isEmpty, "going there saves nothing yet")
        s.press("<C-r>", r)
        #expect(try store.decisions(itemID: "clevr-0")["n1"]?.verdict == .accept)
    }
}
