import Foundation
import Testing
import SceneData
@testable import Review

@Suite struct ContentHashTests {
    @Test func sameContentSameHashAndTheValueIsStable() {
        let a = makeItem("i1"), b = makeItem("i1")
        let h = ContentHash.of(a.negatives[0], in: a)
        #expect(h == ContentHash.of(b.negatives[0], in: b))
        #expect(h.hasPrefix("fnv1a64:") && h.count == "fnv1a64:".count + 16)
        // The two negatives differ, so must their hashes.
        #expect(h != ContentHash.of(a.negatives[1], in: a))
    }

    @Test func fnv1aMatchesThePublishedTestVectors() {
        // Test vectors from the FNV reference (Fowler, Noll, Vo): "" and "a".
        var empty = Hasher64()
        #expect(empty.hex == "cbf29ce484222325")
        empty.byte(UInt8(ascii: "a"))
        #expect(empty.hex == "af63dc4c8601ec8c")
    }

    @Test func everyFieldThatMattersChangesTheHash() {
        let base = makeItem("i1")
        let h0 = ContentHash.of(base.negatives[0], in: base)
        var q = base; q.question = "What is the woman doing?"
        var c = base; c.chosen.steps[1] = "He looks at the tyre."
        var r = base; r.negatives[0].rationale.answer = "parking it"
        var o = base; o.negatives[0].op = .replace; o.negatives[0].operatorName = "replace"
        var e = base; e.negatives[0].edits = []
        for changed in [q, c, r, o, e] {
            #expect(ContentHash.of(changed.negatives[0], in: changed) != h0)
        }
        // Scores and the image are not what the annotator judged the text on.
        var s = base; s.negatives[0].scores = Scores(confidence: 0.1)
        #expect(ContentHash.of(s.negatives[0], in: s) == h0)
    }

    @Test func reflowingWhiteSpaceOrSpellingTheOperatorBySynonymIsNotAChange() {
        let base = makeItem("i1")
        var w = base
        w.negatives[0].rationale.steps[0] = "  The motorcycle   is next to\nthe man. "
        w.negatives[0].operatorName = "misgrounded_relation"
        #expect(ContentHash.of(w.negatives[0], in: w) == ContentHash.of(base.negatives[0], in: base))
    }

    @Test func movingTextBetweenStepsChangesTheHash() {
        let base = makeItem("i1")
        var m = base
        m.negatives[0].rationale.steps = ["The motorcycle is next to the man. So he rides it."]
        #expect(ContentHash.of(m.negatives[0], in: m) != ContentHash.of(base.negatives[0], in: base))
    }

    @Test func aDecisionBecomesStaleWhenTheDatasetChangesUnderIt() throws {
        let store = try SQLiteReviewStore.inMemory(annotator: "ana")
        let before = makeItem("i1")
        try decide(store, before, "n1", .accept)
        let d = try #require(try store.decisions(itemID: "i1")["n1"])
        #expect(!ContentHash.isStale(d, negative: before.negatives[0], in: before))
        var after = before
        after.negatives[0].rationale.steps[1] = "So he is washing it."
        #expect(ContentHash.isStale(d, negative: after.negatives[0], in: after))
        // The stale negative counts as still to do.
        #expect(try store.unfinishedNegatives(of: after) == ["n1", "n2"])
        try decide(store, after, "n2", .reject)
        #expect(try store.unfinishedNegatives(of: after) == ["n1"])
        #expect(try store.unfinishedNegatives(of: before) == [])
    }

    @Test func reasonTagsNormaliseAndFreeTagsAreKept() {
        #expect(ReasonTag(rawValue: " Not  Hard ") == .notHard)
        #expect(ReasonTag(rawValue: "wrong_operator") == .wrongOperator)
        #expect(ReasonTag(rawValue: "   ") == nil)
        let free = ReasonTag(rawValue: "Color Mixup")
        #expect(free?.rawValue == "color-mixup" && free?.isKnown == false)
        #expect(ReasonTag.known.map(\.rawValue).starts(with: ["implausible", "not-hard", "wrong-operator", "answer-leak", "broken-text", "ungrammatical"]))
        #expect(ReasonTag.normalize(["b", "A", "a", ""]) == ["b", "a"])
    }
}

@Suite struct ResumeTests {
    let items = [makeItem("i0"), makeItem("i1"), makeItem("i2", negatives: []), makeItem("i3")]

    @Test func resumesAtTheFirstItemWithAnUndecidedNegative() throws {
        let store = try SQLiteReviewStore.inMemory(annotator: "ana")
        #expect(try store.resumeIndex(in: items) == 0)
        try decide(store, items[0], "n1", .accept)
        #expect(try store.resumeIndex(in: items) == 0)
        try decide(store, items[0], "n2", .skip)
        #expect(try store.resumeIndex(in: items) == 1)
        try decide(store, items[1], "n1", .reject)
        try decide(store, items[1], "n2", .reject)
        // i2 has no negatives: nothing to do there.
        #expect(try store.resumeIndex(in: items) == 3)
        try decide(store, items[3], "n2", .accept)
        try decide(store, items[3], "n1", .accept)
        #expect(try store.resumeIndex(in: items) == nil)
    }

    @Test func anotherAnnotatorsWorkDoesNotMoveMyPlace() throws {
        let dir = try makeTempDir(); defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("s.sqlite").path
        let bo = try SQLiteReviewStore(path: path, annotator: "bo")
        for n in ["n1", "n2"] { try decide(bo, items[0], n, .accept) }
        let ana = try SQLiteReviewStore(path: path, annotator: "ana")
        #expect(try ana.resumeIndex(in: items) == 0)
        #expect(try bo.resumeIndex(in: items) == 1)
    }

    @Test func unreadableItemsArePassedOverAndStaleOnesAreUnfinished() throws {
        let store = try SQLiteReviewStore.inMemory(annotator: "ana")
        for n in ["n1", "n2"] { try decide(store, items[1], n, .accept) }
        var read: [Int] = []
        let i = try store.resumeIndex(itemCount: 3) { idx -> Item? in
            read.append(idx)
            return idx == 0 ? nil : items[idx]
        }
        #expect(i == nil) // i2 has no negatives, so nothing is left
        #expect(read == [0, 1, 2])
        var changed = items[1]
        changed.question = "Why is the man kneeling?"
        #expect(try store.resumeIndex(in: [items[2], changed]) == 1)
    }
}

/// The ASCII fast path of a field's hash gives the very hash the general
/// path (split on `Character.isWhitespace`, joined with one space) gives:
/// a change would make every stored decision stale.
@Suite struct ContentHashASCIITests {
    @Test func theASCIIPathHashesAsTheGeneralOne() {
        var cases = ["", " ", "a", " a ", "a  b", "\ta\r\nb\u{0B}c\u{0C}d ", "  lead", "trail  ", "one two\n\nthree",
                     "The red cube is left of the sphere.", "\u{1C}x\u{1F}", "\u{7F}del", "é non-ASCII  falls back"]
        // Every ASCII byte between letters, alone and in runs.
        for c in 0..<128 {
            let ch = String(UnicodeScalar(UInt8(c)))
            cases += ["a\(ch)b", "\(ch)a\(ch)\(ch)b\(ch)", ch]
        }
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("ab \t\n\r\u{0B}\u{0C}.,x")
        for _ in 0..<500 {
            cases.append(String((0..<Int.random(in: 0..<24, using: &rng)).map { _ in alphabet.randomElement(using: &rng) ?? "a" }))
        }
        for s in cases {
            #expect(Hasher64.fieldHash(s, general: false) == Hasher64.fieldHash(s, general: true), "\(s.debugDescription)")
        }
    }
}
