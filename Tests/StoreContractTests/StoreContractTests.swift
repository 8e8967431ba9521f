import Foundation
import Testing
import Review
import SceneData

/// What every decision store promises, run against each backend: the
/// Inspector's stand-in, SQLite and (when a server is reachable) PostgreSQL.
/// A new store passes this suite before anything uses it.
@Suite struct StoreContractTests {
    @Test(arguments: Backend.available)
    func aDecisionReadsBackAsReturnedWithItsNoteTagsAndHash(_ backend: Backend) throws {
        let h = try backend.harness()
        let ana = try h.open("ana")
        let written = try ana.record(key("i1", "n1"), verdict: .reject, contentHash: Items.hash("i1", "n1"),
                                     note: "rides, not inspects", tags: ["Not hard", "implausible", "not-hard"])
        #expect(written.tags == ["not-hard", "implausible"])
        #expect(written.note == "rides, not inspects" && written.annotator == "ana")
        let again = try h.open("ana")
        #expect(try again.decisions(itemID: "i1") == ["n1": written])
        #expect(try again.decidedKeys() == [key("i1", "n1")])
        #expect(try again.summary() == ReviewSummary(accepted: 0, rejected: 1, skipped: 0))
        #expect(try again.currentDecisions() == [key("i1", "n1"): written])
    }

    @Test(arguments: Backend.available)
    func notesAreKeptByARecordAndClearedByAnEmptyOne(_ backend: Backend) throws {
        let store = try backend.harness().open("ana")
        try store.record(key("i1", "n1"), verdict: .reject, contentHash: "h", note: "first", tags: ["broken-text"])
        let changed = try store.record(key("i1", "n1"), verdict: .accept, contentHash: "h", note: nil, tags: nil)
        #expect(changed.verdict == .accept && changed.note == "first" && changed.tags == ["broken-text"])
        let noted = try store.setNote(key("i1", "n1"), note: "second")
        #expect(noted?.note == "second" && noted?.verdict == .accept)
        let cleared = try store.record(key("i1", "n1"), verdict: .accept, contentHash: "h", note: "", tags: [])
        #expect(cleared.note == nil && cleared.tags.isEmpty)
        #expect(try store.setNote(key("i1", "n1"), note: "")?.note == nil)
        // Nothing to attach a note or tags to: no decision appears.
        #expect(try store.setNote(key("i1", "n2"), note: "x") == nil)
        #expect(try store.setTags(key("i1", "n2"), tags: ["x"]) == nil)
        #expect(try store.decisions(itemID: "i1").keys.sorted() == ["n1"])
    }

    @Test(arguments: Backend.available)
    func tagsAreNormalisedAndUndoOfTagsKeepsTheVerdict(_ backend: Backend) throws {
        let store = try backend.harness().open("ana")
        let decided = try store.record(key("i1", "n1"), verdict: .reject, contentHash: "h", note: nil, tags: nil)
        let tagged = try store.setTags(key("i1", "n1"), tags: ["Not hard", "answer-leak", "not-hard"])
        #expect(tagged?.tags == ["not-hard", "answer-leak"])
        let undo = try store.undoLast()
        #expect(undo?.action == "tags" && undo?.restored == decided)
        #expect(try store.decisions(itemID: "i1")["n1"] == decided)
    }

    @Test(arguments: Backend.available)
    func undoWorksAcrossRestartsChangeByChange(_ backend: Backend) throws {
        let h = try backend.harness()
        var first: Decision
        do {
            let store = try h.open("ana")
            first = try store.record(key("i1", "n1"), verdict: .skip, contentHash: "h", note: "later", tags: nil)
            try store.record(key("i1", "n2"), verdict: .accept, contentHash: "h", note: nil, tags: nil)
            try store.record(key("i1", "n1"), verdict: .reject, contentHash: "h", note: nil, tags: nil)
            try store.setNote(key("i1", "n1"), note: "changed my mind")
        }
        let noteUndo = try h.open("ana").undoLast()
        #expect(noteUndo?.action == "note" && noteUndo?.restored?.note == "later" && noteUndo?.restored?.verdict == .reject)
        #expect(try h.open("ana").undoLast() == UndoResult(key: key("i1", "n1"), restored: first, action: "record"))
        let store = try h.open("ana")
        #expect(try store.undoLast() == UndoResult(key: key("i1", "n2"), restored: nil, action: "record"))
        #expect(try store.decisions(itemID: "i1") == ["n1": first])
        #expect(try store.undoLast() == UndoResult(key: key("i1", "n1"), restored: nil, action: "record"))
        #expect(try h.open("ana").undoLast() == nil)
        #expect(try h.open("ana").decidedKeys().isEmpty)
    }

    @Test(arguments: Backend.available)
    func repeatingADecisionIsNotAnExtraUndoStep(_ backend: Backend) throws {
        let store = try backend.harness().open("ana")
        let first = try store.record(key("i1", "n1"), verdict: .accept, contentHash: "h", note: nil, tags: nil)
        #expect(try store.record(key("i1", "n1"), verdict: .accept, contentHash: "h", note: nil, tags: nil) == first)
        #expect(try store.undoLast()?.restored == nil)
        #expect(try store.undoLast() == nil)
    }

    @Test(arguments: Backend.available)
    func aDecisionOnChangedContentIsStaleAndNeedsDecidingAgain(_ backend: Backend) throws {
        let store = try backend.harness().open("ana")
        let before = Items.item("i1")
        let hash = ContentHash.of(before.negatives[0], in: before)
        try store.record(key("i1", "n1"), verdict: .accept, contentHash: hash, note: nil, tags: nil)
        #expect(try store.decisions(itemID: "i1")["n1"]?.contentHash == hash)
        #expect(try store.unfinishedNegatives(of: before) == ["n2"])
        // The dataset changed the negative's rationale: the decision is stale.
        let after = Items.item("i1", n1Step: "The sphere is on the left of the cube.")
        #expect(try store.unfinishedNegatives(of: after) == ["n1", "n2"])
        let redone = try store.record(key("i1", "n1"), verdict: .reject, contentHash: ContentHash.of(after.negatives[0], in: after),
                                      note: nil, tags: nil)
        #expect(!ContentHash.isStale(redone, negative: after.negatives[0], in: after))
        #expect(try store.unfinishedNegatives(of: after) == ["n2"])
    }

    @Test(arguments: Backend.available)
    func twoAnnotatorsKeepTheirOwnDecisionsAndUndo(_ backend: Backend) throws {
        let h = try backend.harness()
        let ana = try h.open("ana"), bo = try h.open("bo")
        try ana.record(key("i1", "n1"), verdict: .accept, contentHash: "h", note: "fine", tags: nil)
        try bo.record(key("i1", "n1"), verdict: .reject, contentHash: "h", note: "leaks", tags: ["answer-leak"])
        try bo.record(key("i2", "n1"), verdict: .skip, contentHash: "h", note: nil, tags: nil)
        #expect(try ana.decisions(itemID: "i1")["n1"]?.verdict == .accept)
        #expect(try bo.decisions(itemID: "i1")["n1"]?.verdict == .reject)
        #expect(try ana.summary() == ReviewSummary(accepted: 1))
        #expect(try bo.summary() == ReviewSummary(rejected: 1, skipped: 1))
        // Every annotator's view, as stats and export read it.
        let reader = try h.open("")
        #expect(try reader.annotators() == ["ana", "bo"])
        #expect(try reader.allDecisions(itemID: "i1").map(\.annotator) == ["ana", "bo"])
        #expect(try reader.allDecisions().map { "\($0.key.itemID)/\($0.annotator)" } == ["i1/ana", "i1/bo", "i2/bo"])
        #expect(try reader.decisions(annotator: "bo").count == 2)
        // bo's undo takes back bo's last change only.
        #expect(try bo.undoLast()?.key == key("i2", "n1"))
        #expect(try bo.undoLast()?.key == key("i1", "n1"))
        #expect(try bo.decidedKeys().isEmpty)
        #expect(try ana.decisions(itemID: "i1")["n1"]?.note == "fine")
        #expect(try ana.undoLast()?.key == key("i1", "n1"))
    }

    @Test(arguments: Backend.available)
    func eachAnnotatorResumesAtTheirFirstUnfinishedItem(_ backend: Backend) throws {
        let h = try backend.harness()
        let items = (0..<4).map { Items.item("i\($0)") }
        let ana = try h.open("ana")
        #expect(try ana.resumeIndex(in: items) == 0)
        for item in items.prefix(2) {
            for n in item.negatives {
                try ana.record(key(item.id, n.id), verdict: .accept, contentHash: ContentHash.of(n, in: item), note: nil, tags: nil)
            }
        }
        try ana.record(key("i2", "n1"), verdict: .reject, contentHash: ContentHash.of(items[2].negatives[0], in: items[2]),
                       note: nil, tags: nil)
        #expect(try h.open("ana").resumeIndex(in: items) == 2)
        // bo has decided nothing: bo starts at the beginning.
        #expect(try h.open("bo").resumeIndex(in: items) == 0)
        // An item whose content changed is unfinished again.
        var changed = items
        changed[1] = Items.item("i1", n1Step: "Something else entirely.")
        #expect(try h.open("ana").resumeIndex(in: changed) == 1)
    }

    @Test(arguments: Backend.available)
    func aReturnedChangeIsVisibleToEveryOtherConnectionAtOnce(_ backend: Backend) throws {
        // "Saved" is shown when the call returns: by then the change must be
        // in the store itself, not in a buffer of this connection.
        let h = try backend.harness()
        let writer = try h.open("ana")
        let watcher = try h.open("ana")
        for i in 0..<20 {
            let d = try writer.record(key("i\(i)", "n1"), verdict: i % 2 == 0 ? .accept : .reject,
                                      contentHash: "h", note: "n\(i)", tags: nil)
            #expect(try watcher.decisions(itemID: "i\(i)")["n1"] == d)
            #expect(try h.open("ana").decisions(itemID: "i\(i)")["n1"] == d)
        }
        try writer.setTags(key("i3", "n1"), tags: ["not-hard"])
        #expect(try watcher.decisions(itemID: "i3")["n1"]?.tags == ["not-hard"])
        let undo = try writer.undoLast()
        #expect(undo?.action == "tags")
        #expect(try watcher.decisions(itemID: "i3")["n1"]?.tags == [])
        #expect(try watcher.summary() == ReviewSummary(accepted: 10, rejected: 10))
    }

    /// The resume mark (issue 17): per annotator and dataset, kept across
    /// connections; an undo made after it, by any connection of the
    /// annotator, makes it unusable until it is set again; records do not.
    @Test(arguments: Backend.available)
    func aResumeMarkHoldsUntilAnUndo(_ backend: Backend) throws {
        let h = try backend.harness()
        let ana = try h.open("ana")
        #expect(try ana.resumeMark(dataset: "d1") == nil)
        try ana.record(key("i0", "n1"), verdict: .accept, contentHash: "h", note: nil, tags: nil)
        try ana.saveResumeMark(dataset: "d1", position: 1, itemID: "i1")
        #expect(try h.open("ana").resumeMark(dataset: "d1") == ResumeMark(position: 1, itemID: "i1"))
        #expect(try h.open("ana").resumeMark(dataset: "d2") == nil, "another file")
        #expect(try h.open("bo").resumeMark(dataset: "d1") == nil, "another annotator")
        // A later record finishes more; the mark still holds. So do bo's undos.
        try ana.record(key("i1", "n1"), verdict: .reject, contentHash: "h", note: "x", tags: nil)
        let bo = try h.open("bo")
        try bo.record(key("i0", "n1"), verdict: .reject, contentHash: "h", note: nil, tags: nil)
        _ = try bo.undoLast()
        #expect(try h.open("ana").resumeMark(dataset: "d1") == ResumeMark(position: 1, itemID: "i1"))
        // ana's undo, from another connection: the mark cannot vouch for item 0 any more.
        _ = try h.open("ana").undoLast()
        #expect(try ana.resumeMark(dataset: "d1") == nil)
        // Set again (after the undo): it holds, and moves back as well as forward.
        try ana.saveResumeMark(dataset: "d1", position: 0, itemID: "i0")
        #expect(try h.open("ana").resumeMark(dataset: "d1") == ResumeMark(position: 0, itemID: "i0"))
        try ana.saveResumeMark(dataset: "d1", position: 7, itemID: "i7")
        #expect(try h.open("ana").resumeMark(dataset: "d1") == ResumeMark(position: 7, itemID: "i7"))
    }

    /// The decided negatives read a page at a time (issue 17) are every key
    /// of this annotator once, in key order, whatever the page size.
    @Test(arguments: Backend.available)
    func decidedKeysComeInPagesInKeyOrder(_ backend: Backend) throws {
        let h = try backend.harness()
        let ana = try h.open("ana")
        let keys = (0..<23).flatMap { i in ["n1", "n2"].map { key("i\(i)", $0) } }
        for k in keys.shuffled() { try ana.record(k, verdict: .accept, contentHash: "h", note: nil, tags: nil) }
        try h.open("bo").record(key("i5", "n3"), verdict: .reject, contentHash: "h", note: nil, tags: nil)
        _ = try ana.undoLast()
        let expected = try ana.decidedKeys()
        #expect(expected.count == keys.count - 1)
        for size in [1, 5, 45, 100] {
            var read: [NegativeKey] = []
            var after: NegativeKey?
            while true {
                let page = try h.open("ana").decidedKeys(after: after, limit: size)
                #expect(page.count <= size)
                read += page
                if page.count < size { break }
                after = page.last
            }
            #expect(read == expected.sorted(), "page size \(size)")
        }
    }

    /// A mark keeps where its item's line is (offset, line, length, checksum)
    /// so the next session indexes from there (issue 17); setting a mark
    /// without a place clears the old place rather than keeping a stale one.
    @Test(arguments: Backend.available)
    func aResumeMarkKeepsItsLinePlace(_ backend: Backend) throws {
        let h = try backend.harness()
        let ana = try h.open("ana")
        try ana.record(key("i0", "n1"), verdict: .accept, contentHash: "h", note: nil, tags: nil)
        let place = LinePlace(offset: 3_300_000_123, line: 333_334, length: 9_876, checksum: "00ff00ff00ff00ff")
        try ana.saveResumeMark(dataset: "d1", mark: ResumeMark(position: 333_333, itemID: "i333333", place: place))
        let read = try h.open("ana").resumeMark(dataset: "d1")
        #expect(read == ResumeMark(position: 333_333, itemID: "i333333", place: place))
        #expect(read?.place?.offset == 3_300_000_123, "offsets past 4 GB are kept whole")
        #expect(try h.open("bo").resumeMark(dataset: "d1") == nil)
        try ana.saveResumeMark(dataset: "d1", position: 5, itemID: "i5")
        #expect(try h.open("ana").resumeMark(dataset: "d1") == ResumeMark(position: 5, itemID: "i5"))
        // An undo voids a placed mark as it voids any other.
        try ana.saveResumeMark(dataset: "d1", mark: ResumeMark(position: 6, itemID: "i6", place: place))
        _ = try ana.undoLast()
        #expect(try h.open("ana").resumeMark(dataset: "d1") == nil)
    }
}

func key(_ i: String, _ n: String) -> NegativeKey { NegativeKey(itemID: i, negativeID: n) }

/// Small items with two negatives, built in code.
enum Items {
    /// Item `id`; `n1Step` changes the first negative's first step (the dataset edited it).
    static func item(_ id: String, n1Step: String = "The sphere is left of the cube.") -> Item {
        let graph = SceneGraph(entities: [Entity(id: "o1", name: "cube"), Entity(id: "o2", name: "sphere")],
                               relations: [Relation(subject: "o1", predicate: "left of", object: "o2")])
        let negatives = [
            Negative(id: "n1", op: .swap, operatorName: "swap",
                     edits: [.swap(relation: Relation(subject: "o1", predicate: "left of", object: "o2"))],
                     rationale: Rationale(steps: [n1Step, "So no."], answer: "no")),
            Negative(id: "n2", op: .shorten, operatorName: "shorten", rationale: Rationale(steps: ["So yes."], answer: "yes")),
        ]
        return Item(id: id, line: 1, image: .path("a.png"), question: "Is the cube left of the sphere?", answer: "yes",
                    sceneGraph: graph, chosen: Rationale(steps: ["The cube is left of the sphere.", "So yes."], answer: "yes"),
                    negatives: negatives)
    }

    /// The content hash of negative `n` of item `id`.
    static func hash(_ id: String, _ n: String) -> String {
        let it = item(id)
        return it.negative(n).map { ContentHash.of($0, in: it) } ?? "none"
    }
}
