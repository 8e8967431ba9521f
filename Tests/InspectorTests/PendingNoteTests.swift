import Foundation
import Inspector
import Review
import SceneData
import Testing

/// A note typed before its decision belongs to the negative it was typed on:
/// shown there, saved only with that negative's decision, and guarded at quit.
@Suite struct PendingNoteTests {
    @Test func aWaitingNoteIsSavedOnlyWithItsOwnNegative() throws {
        let store = MemoryStore()
        var (s, r) = Fixture.app(store: store)
        s.press("cNOTE FOR N1<Enter>", r)
        #expect(s.screen.contains("note pending: NOTE FOR N1"))
        s.press("]", r)
        #expect(s.negative?.id == "n2")
        // n2's decision row does not claim n1's note.
        #expect(!s.screen.contains("NOTE FOR N1"))
        s.press("a", r)
        let saved = try store.decisions(itemID: "clevr-0")
        #expect(saved["n2"]?.verdict == .accept)
        #expect(saved["n2"]?.note == nil)
        // Back on n1 (the next undecided), the note still waits there, and goes with n1's decision.
        #expect(s.negative?.id == "n1")
        #expect(s.screen.contains("note pending: NOTE FOR N1"))
        s.press("x", r)
        #expect(try store.decisions(itemID: "clevr-0")["n1"]?.note == "NOTE FOR N1")
        #expect(!s.screen.contains("note pending"))
    }

    @Test func aWaitingNoteDoesNotTravelToAnotherItem() throws {
        let store = MemoryStore()
        var (s, r) = Fixture.app(store: store)
        s.press("]cON N2 OF ITEM 0<Enter>n", r)
        #expect(s.nav.index == 1 && s.negative?.id == "n1")
        s.press("s", r)
        #expect(try store.decisions(itemID: "clevr-1")["n1"]?.note == nil)
        #expect(try store.decisions(itemID: "clevr-0").isEmpty)
        // Still waiting on item 0's n2: quitting asks first, and names where it is.
        s.press("q", r)
        #expect(!s.quitting)
        #expect(s.screen.contains("not saved yet"))
        #expect(s.screen.contains("n2 of clevr-0"))
        s.press("pa", r)
        // `p` lands on n1 (the first negative); n2's note is shown only on n2.
        #expect(try store.decisions(itemID: "clevr-0")["n1"]?.note == nil)
        #expect(s.negative?.id == "n2" && s.screen.contains("note pending: ON N2 OF ITEM 0"))
        s.press("a", r)
        #expect(try store.decisions(itemID: "clevr-0")["n2"]?.note == "ON N2 OF ITEM 0")
        s.press("q", r)
        #expect(s.quitting)
    }

    @Test func anEmptyNoteKeepsNothing() throws {
        let store = MemoryStore()
        var (s, r) = Fixture.app(store: store)
        s.press("c<Enter>", r)
        #expect(!s.screen.contains("note kept"))
        #expect(s.screen.contains("empty note: nothing kept"))
        s.press("q", r)
        #expect(s.quitting)
    }

    @Test func anEmptyNoteClearsTheWaitingOne() throws {
        let store = MemoryStore()
        var (s, r) = Fixture.app(store: store)
        s.press("cfirst thought<Enter>", r)
        #expect(s.screen.contains("note pending: first thought"))
        s.press("c<C-u><Enter>", r)
        #expect(!s.screen.contains("note pending"))
        #expect(s.screen.contains("note on n1 cleared"))
        s.press("a", r)
        #expect(try store.decisions(itemID: "clevr-0")["n1"]?.note == nil)
    }

    @Test func theNotePromptStartsFromThisNegativesOwnNote() throws {
        var (s, r) = Fixture.app()
        s.press("cabout n1<Enter>]c", r)
        #expect(s.screen.contains("note on n2: _"))
        s.press("<Esc>[c", r)
        #expect(s.screen.contains("note on n1: about n1_"))
    }

    @Test func aNoteTypedWhileTheDecisionIsSavedIsForTheNegativeAfterIt() throws {
        let store = MemoryStore()
        var (s, r) = Fixture.app(store: store)
        // The decision is on its way when `c` is typed: the keys wait in the
        // phase's queue for it, and act as if typed after it (the selection moved on).
        let saving = InspectorApp.update(&s, .key(.char("a")))
        #expect(s.negative?.id == "n1")
        for k in try Headless.parseKeys("clate note<Enter>") { #expect(InspectorApp.update(&s, .key(k)).isEmpty) }
        #expect(s.work.queue.count == 11 && s.prompt == nil)
        Headless.settle(&s, saving, runner: r)
        #expect(try store.decisions(itemID: "clevr-0")["n1"]?.verdict == .accept)
        var (slow, r2) = Fixture.app(store: MemoryStore())
        slow.press("aclate note<Enter>", r2)
        #expect(s.negative?.id == "n2" && s.selectedPending?.note == "late note")
        #expect(s.screen == slow.screen)
    }
}
