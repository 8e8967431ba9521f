import Foundation
import Testing
import GRDB
import SceneData
@testable import Review

@Suite struct StoreTests {
    @Test func decisionsRoundTripThroughTheFile() throws {
        let dir = try makeTempDir(); defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("d.review.sqlite").path
        let item = makeItem("i1")
        var written: Decision
        do {
            let store = try SQLiteReviewStore(path: path, annotator: "ana")
            written = try decide(store, item, "n1", .reject, note: "rides, not inspects", tags: ["Not hard", "implausible", "not-hard"])
            try decide(store, item, "n2", .accept)
        }
        let reopened = try SQLiteReviewStore(path: path, annotator: "ana")
        let got = try reopened.decisions(itemID: "i1")
        #expect(got.count == 2)
        #expect(got["n1"] == written)
        #expect(got["n1"]?.tags == ["not-hard", "implausible"])
        #expect(got["n1"]?.note == "rides, not inspects")
        #expect(got["n1"]?.contentHash == ContentHash.of(item.negatives[0], in: item))
        #expect(got["n2"]?.verdict == .accept)
        #expect(try reopened.decidedKeys() == [key("i1", "n1"), key("i1", "n2")])
        #expect(try reopened.summary() == ReviewSummary(accepted: 1, rejected: 1, skipped: 0))
        #expect(try reopened.integrityCheck() == ["ok"])
    }

    @Test func annotatorsDoNotSeeEachOthersDecisions() throws {
        let dir = try makeTempDir(); defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("s.sqlite").path
        let item = makeItem("i1")
        let ana = try SQLiteReviewStore(path: path, annotator: "ana")
        let bo = try SQLiteReviewStore(path: path, annotator: "bo")
        try decide(ana, item, "n1", .accept)
        try decide(bo, item, "n1", .reject)
        #expect(try ana.decisions(itemID: "i1")["n1"]?.verdict == .accept)
        #expect(try bo.decisions(itemID: "i1")["n1"]?.verdict == .reject)
        #expect(try ana.allDecisions(itemID: "i1").map(\.annotator) == ["ana", "bo"])
        #expect(try ana.annotators() == ["ana", "bo"])
        // Undo is per annotator: bo's undo leaves ana's decision alone.
        #expect(try bo.undoLast()?.key == key("i1", "n1"))
        #expect(try bo.decisions(itemID: "i1").isEmpty)
        #expect(try ana.decisions(itemID: "i1")["n1"]?.verdict == .accept)
    }

    @Test func recordKeepsNoteAndTagsUnlessGivenAndEmptyNoteClears() throws {
        let store = try SQLiteReviewStore.inMemory(annotator: "ana")
        let item = makeItem("i1")
        try decide(store, item, "n1", .reject, note: "first", tags: ["broken-text"])
        let changed = try decide(store, item, "n1", .accept)
        #expect(changed.verdict == .accept && changed.note == "first" && changed.tags == ["broken-text"])
        let cleared = try decide(store, item, "n1", .accept, note: "", tags: [])
        #expect(cleared.note == nil && cleared.tags.isEmpty)
        #expect(try store.setNote(key("i1", "n2"), note: "x") == nil)
        #expect(try store.setTags(key("i1", "n2"), tags: ["x"]) == nil)
    }

    @Test func undoRestoresTheEarlierVerdictRatherThanDeleting() throws {
        let store = try SQLiteReviewStore.inMemory(annotator: "ana")
        let item = makeItem("i1")
        let first = try decide(store, item, "n1", .accept, note: "good")
        try decide(store, item, "n1", .reject)
        let undo = try store.undoLast()
        #expect(undo == UndoResult(key: key("i1", "n1"), restored: first, action: "record"))
        #expect(try store.decisions(itemID: "i1")["n1"] == first)
        // The next undo goes back to "no decision"; then there is nothing left.
        #expect(try store.undoLast() == UndoResult(key: key("i1", "n1"), restored: nil, action: "record"))
        #expect(try store.decisions(itemID: "i1").isEmpty)
        #expect(try store.undoLast() == nil)
    }

    @Test func undoOfTagsSaysSoAndKeepsTheVerdict() throws {
        let store = try SQLiteReviewStore.inMemory(annotator: "ana")
        let item = makeItem("i1")
        let decided = try decide(store, item, "n1", .reject)
        try store.setTags(key("i1", "n1"), tags: ["Not hard"])
        let undo = try store.undoLast()
        #expect(undo?.action == "tags")
        #expect(undo?.restored == decided)
        #expect(try store.decisions(itemID: "i1")["n1"]?.verdict == .reject)
        #expect(try store.decisions(itemID: "i1")["n1"]?.tags == [])
    }

    @Test func repeatingTheSameDecisionIsNotAnExtraUndoStep() throws {
        let store = try SQLiteReviewStore.inMemory(annotator: "ana")
        let item = makeItem("i1")
        try decide(store, item, "n1", .accept)
        try decide(store, item, "n1", .accept)
        #expect(try store.undoLast()?.restored == nil)
        #expect(try store.undoLast() == nil)
    }

    @Test func undoWorksAfterClosingAndReopening() throws {
        let dir = try makeTempDir(); defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("u.sqlite").path
        let item = makeItem("i1")
        var first: Decision
        do {
            let store = try SQLiteReviewStore(path: path, annotator: "ana")
            first = try decide(store, item, "n1", .skip)
            try decide(store, item, "n2", .accept)
            try decide(store, item, "n1", .reject)
        }
        do {
            let store = try SQLiteReviewStore(path: path, annotator: "ana")
            #expect(try store.undoLast() == UndoResult(key: key("i1", "n1"), restored: first, action: "record"))
        }
        let store = try SQLiteReviewStore(path: path, annotator: "ana")
        #expect(try store.undoLast() == UndoResult(key: key("i1", "n2"), restored: nil, action: "record"))
        #expect(try store.decisions(itemID: "i1") == ["n1": first])
        // The log keeps every change, undos included, and marks what was undone.
        let log = try store.history(annotator: "ana")
        #expect(log.map(\.action) == ["record", "record", "record", "undo", "undo"])
        #expect(log[2].undoneBy == log[3].id && log[1].undoneBy == log[4].id && log[0].undoneBy == nil)
    }

    @Test func undoOfANoteChangeBringsTheOldNoteBack() throws {
        let store = try SQLiteReviewStore.inMemory(annotator: "ana")
        let item = makeItem("i1")
        try decide(store, item, "n1", .reject, note: "old note")
        let changed = try store.setNote(key("i1", "n1"), note: "new note")
        #expect(changed?.note == "new note" && changed?.verdict == .reject)
        let undo = try store.undoLast()
        #expect(undo?.restored?.note == "old note")
        #expect(try store.decisions(itemID: "i1")["n1"]?.note == "old note")
        #expect(try store.decisions(itemID: "i1")["n1"]?.verdict == .reject)
    }

    @Test func storeIsWALWithFullSync() throws {
        let dir = try makeTempDir(); defer { try? FileManager.default.removeItem(at: dir) }
        let store = try SQLiteReviewStore(path: dir.appendingPathComponent("w.sqlite").path, annotator: "ana")
        let (mode, sync) = try store.dbQueue.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA synchronous"))
        }
        #expect(mode == "wal")
        #expect(sync == 2) // FULL
    }

    @Test func readOnlyStoreReadsButRefusesWrites() throws {
        let dir = try makeTempDir(); defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("r.sqlite").path
        let item = makeItem("i1")
        do {
            let store = try SQLiteReviewStore(path: path, annotator: "ana")
            try decide(store, item, "n1", .accept)
        }
        let ro = try SQLiteReviewStore(path: path, annotator: "ana", readOnly: true)
        #expect(try ro.allDecisions().count == 1)
        #expect(throws: ReviewStoreError.self) { try decide(ro, item, "n2", .reject) }
        let missing = dir.appendingPathComponent("none.sqlite").path
        #expect(throws: ReviewStoreError.self) { try SQLiteReviewStore(path: missing, annotator: "ana", readOnly: true) }
        #expect(!FileManager.default.fileExists(atPath: missing))
    }

    @Test func aFileThatIsNotAStoreGivesAnErrorNamingIt() throws {
        let dir = try makeTempDir(); defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("junk.sqlite").path
        try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: path))
        do {
            _ = try SQLiteReviewStore(path: path, annotator: "ana")
            Issue.record("opening a junk file should fail")
        } catch let e as ReviewStoreError {
            #expect(e.description.hasPrefix(path))
            #expect(e.message.contains("not an SQLite database"))
        }
    }

    /// A store written before resume marks existed (v2) is read as it is when
    /// opened read-only (no mark), and upgraded, its decisions and undo kept,
    /// when opened for writing.
    @Test func aStoreFromBeforeResumeMarksIsReadAndUpgraded() throws {
        let dir = try makeTempDir(); defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("old.sqlite").path
        let k = NegativeKey(itemID: "i1", negativeID: "n1")
        do {
            let store = try SQLiteReviewStore(path: path, annotator: "ana")
            try store.record(k, verdict: .reject, contentHash: "h", note: "kept", tags: nil)
            // What the previous version left: no resume_marks table, no migration recorded for it.
            try store.dbQueue.write { db in
                try db.execute(sql: "DROP TABLE resume_marks")
                try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier IN ('v3-resume-marks', 'v4-resume-places')")
            }
        }
        let reader = try SQLiteReviewStore(path: path, annotator: "ana", readOnly: true)
        #expect(try reader.resumeMark(dataset: "d") == nil)
        #expect(try reader.decisions(itemID: "i1")["n1"]?.note == "kept")
        let writer = try SQLiteReviewStore(path: path, annotator: "ana")
        #expect(try writer.decisions(itemID: "i1")["n1"]?.verdict == .reject)
        try writer.saveResumeMark(dataset: "d", position: 3, itemID: "i3")
        #expect(try SQLiteReviewStore(path: path, annotator: "ana").resumeMark(dataset: "d") == ResumeMark(position: 3, itemID: "i3"))
        #expect(try writer.undoLast()?.key == k)
        #expect(try writer.resumeMark(dataset: "d") == nil)
    }

    /// A store whose marks were set before places were kept (v3) keeps them:
    /// read without a place when opened read-only, and still after the
    /// upgrade; a mark set after the upgrade has its place.
    @Test func aStoreWithMarksFromBeforePlacesKeepsThem() throws {
        let dir = try makeTempDir(); defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("v3.sqlite").path
        do {
            let store = try SQLiteReviewStore(path: path, annotator: "ana")
            try store.record(NegativeKey(itemID: "i1", negativeID: "n1"), verdict: .accept, contentHash: "h", note: nil, tags: nil)
            // What v3 left: resume_marks without the place's columns, no v4 migration recorded.
            try store.dbQueue.write { db in
                try db.execute(sql: "DROP TABLE resume_marks")
                try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v4-resume-places'")
                try db.execute(sql: """
                    CREATE TABLE resume_marks (annotator TEXT NOT NULL, dataset TEXT NOT NULL, position INTEGER NOT NULL,
                        item_id TEXT NOT NULL, history_id INTEGER NOT NULL, PRIMARY KEY (annotator, dataset));
                    INSERT INTO resume_marks VALUES ('ana', 'd', 4, 'i4', 1);
                    """)
            }
        }
        #expect(try SQLiteReviewStore(path: path, annotator: "ana", readOnly: true).resumeMark(dataset: "d")
                == ResumeMark(position: 4, itemID: "i4"))
        let writer = try SQLiteReviewStore(path: path, annotator: "ana")
        #expect(try writer.resumeMark(dataset: "d") == ResumeMark(position: 4, itemID: "i4"))
        let place = LinePlace(offset: 40, line: 5, length: 12, checksum: "0123456789abcdef")
        try writer.saveResumeMark(dataset: "d", mark: ResumeMark(position: 4, itemID: "i4", place: place))
        #expect(try SQLiteReviewStore(path: path, annotator: "ana", readOnly: true).resumeMark(dataset: "d")?.place == place)
    }

    @Test func aStoreFromANewerVersionIsRefused() throws {
        let dir = try makeTempDir(); defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("n.sqlite").path
        do {
            let store = try SQLiteReviewStore(path: path, annotator: "ana")
            try store.dbQueue.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99')") }
        }
        #expect(throws: ReviewStoreError.self) { try SQLiteReviewStore(path: path, annotator: "ana") }
    }
}

@Suite struct StoreFolderTests {
    @Test(arguments: [false, true])
    func aFolderGivenAsTheStoreIsNamedAsOne(readOnly: Bool) throws {
        let dir = try makeTempDir(); defer { try? FileManager.default.removeItem(at: dir) }
        do {
            _ = try SQLiteReviewStore(path: dir.path, annotator: "a", readOnly: readOnly)
            Issue.record("a folder opened as a store")
        } catch let e as ReviewStoreError {
            #expect("\(e)".contains("is a directory; --store needs a file name"))
        }
    }
}
