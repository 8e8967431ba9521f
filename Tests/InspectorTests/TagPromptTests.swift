import Foundation
import Inspector
import Review
import SceneData
import Testing

/// `t`: reason tags on the selected negative, saved on its decision or kept with it until it is decided.
@Suite struct TagPromptTests {
    @Test func theTagPromptListsTheStandardTagsWithNumbers() {
        var (s, r) = Fixture.app()
        s.press("t", r)
        let screen = s.screen
        #expect(screen.contains("1 [ ] implausible"))
        #expect(screen.contains("2 [ ] not-hard"))
        #expect(screen.contains("8 [ ] duplicate"))
        s.press("2", r)
        #expect(s.screen.contains("2 [x] not-hard"))
        s.press("<Esc>", r)
        #expect(!s.screen.contains("[x] not-hard"))
        #expect(!s.screen.contains("tags pending"))
    }

    @Test func tagsOnADecidedNegativeAreSavedAtOnce() throws {
        let store = MemoryStore()
        var (s, r) = Fixture.app(store: store)
        s.press("x[", r)
        #expect(s.negative?.id == "n1")
        s.press("t24<Enter>", r)
        let d = try #require(try store.decisions(itemID: "clevr-0")["n1"])
        #expect(d.tags == ["not-hard", "answer-leak"])
        #expect(d.verdict == .reject)
        #expect(s.screen.contains("tags: not-hard, answer-leak"))
        // The prompt opens on the saved tags: a number toggles one off.
        s.press("t2<Enter>", r)
        #expect(try store.decisions(itemID: "clevr-0")["n1"]?.tags == ["answer-leak"])
        #expect(s.screen.contains("tags: answer-leak"))
    }

    @Test func tagsBeforeTheDecisionWaitOnTheirNegative() throws {
        let store = MemoryStore()
        var (s, r) = Fixture.app(store: store)
        s.press("t1<Enter>", r)
        #expect(try store.decisions(itemID: "clevr-0").isEmpty)
        #expect(s.screen.contains("tags pending: implausible"))
        s.press("]", r)
        #expect(!s.screen.contains("implausible"))
        s.press("a", r)
        #expect(try store.decisions(itemID: "clevr-0")["n2"]?.tags == [])
        #expect(s.negative?.id == "n1")
        s.press("q", r)
        #expect(!s.quitting)
        #expect(s.screen.contains("not saved yet"))
        s.press("x", r)
        #expect(try store.decisions(itemID: "clevr-0")["n1"]?.tags == ["implausible"])
    }

    @Test func aFreeTagIsTypedAndNormalised() throws {
        let store = MemoryStore()
        var (s, r) = Fixture.app(store: store)
        // Back on n1 (decided): the prompt takes text once something is typed; digits then type too.
        s.press("a[t", r)
        s.press("Too long 2", r)
        // Before Enter the list shows what the typed text will be.
        #expect(s.screen.contains("[x] too-long-2"))
        #expect(s.screen.contains("typed: Enter adds it"))
        s.press("<Enter>", r)
        #expect(try store.decisions(itemID: "clevr-0")["n1"]?.tags == ["too-long-2"])
        #expect(s.screen.contains("tags: too-long-2"))
    }

    @Test func undoAfterTagsTakesBackOnlyTheTags() throws {
        let store = MemoryStore()
        var (s, r) = Fixture.app(store: store)
        s.press("a[t3<Enter>", r)
        #expect(try store.decisions(itemID: "clevr-0")["n1"]?.tags == ["wrong-operator"])
        s.press("u", r)
        let d = try #require(try store.decisions(itemID: "clevr-0")["n1"])
        #expect(d.tags == [] && d.verdict == .accept)
        #expect(s.screen.contains("undone: tags on n1"))
        #expect(s.screen.contains("decision: accept"))
        #expect(!s.screen.contains("wrong-operator"))
        s.press("u", r)
        #expect(try store.decisions(itemID: "clevr-0")["n1"] == nil)
        #expect(s.screen.contains("undecided"))
    }

    @Test func undoOfTagsAndNotesOnTheRealStoreKeepsTheDecision() throws {
        var s = try fixtureApp("tiny", annotator: "t", keys: "x[t2<Enter>u")
        #expect(s.screen.contains("undone: tags on n1 of clevr-000"))
        #expect(s.screen.contains("decision: reject") && !s.screen.contains("not-hard"))
        s = try fixtureApp("tiny", annotator: "t", keys: "x[cagreed<Enter>u")
        #expect(s.screen.contains("undone: note on n1 of clevr-000"))
        #expect(s.screen.contains("decision: reject") && !s.screen.contains("agreed"))
    }

    @Test func helpListsTheTagKey() {
        var (s, r) = Fixture.app(height: 60)
        #expect(s.helpText(r).contains("reason tags"))
    }

    @Test func tagsWorkOnTheRealStore() throws {
        var s = try fixtureApp("tiny", annotator: "t", keys: "t5<Enter>x")
        // n1 decided with its pending tag; the selection moved on to n2.
        #expect(s.negative?.id == "n2")
        s = try fixtureApp("tiny", annotator: "t", keys: "t5<Enter>x[")
        #expect(s.screen.contains("decision: reject") && s.screen.contains("tags: broken-text"))
    }
}
