import Foundation
import Testing
import CLITestSupport
import Review
@testable import ReviewPostgres

/// `scenelens store copy`: a person's local work joins a team project and comes back unchanged.
@Suite struct StoreCopyTests {
    /// A local SQLite store with two annotators' work, an undone change and a note.
    static func localWork(_ path: String) throws {
        let ana = try SQLiteReviewStore(path: path, annotator: "ana")
        try ana.record(key("i1", "n1"), verdict: .reject, contentHash: "h1", note: "leaks", tags: ["answer-leak"])
        try ana.record(key("i1", "n2"), verdict: .accept, contentHash: "h2", note: nil, tags: nil)
        try ana.record(key("i2", "n1"), verdict: .skip, contentHash: "h3", note: nil, tags: nil)
        _ = try ana.undoLast()
        let bo = try SQLiteReviewStore(path: path, annotator: "bo")
        try bo.record(key("i1", "n1"), verdict: .accept, contentHash: "h1", note: nil, tags: nil)
        try bo.setNote(key("i1", "n1"), note: "fine by me")
    }

    static func tempDir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("storecopy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func sqliteToSQLiteCopiesDecisionsAndKeepsUndo() throws {
        let dir = try Self.tempDir(); defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.sqlite").path, b = dir.appendingPathComponent("b.sqlite").path
        try Self.localWork(a)
        let run = try ScenelensCLI.run(["store", "copy", a, b])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("copied 3 decisions and 6 changes by 2 annotator(s)"))
        let src = try SQLiteReviewStore(path: a, annotator: "ana"), dst = try SQLiteReviewStore(path: b, annotator: "ana")
        #expect(try dst.allDecisions() == src.allDecisions())
        // ana's undone skip stays undone: the next undo takes back the accept on n2.
        #expect(try dst.undoLast() == UndoResult(key: key("i1", "n2"), restored: nil, action: "record"))
        // Copying again would mix two logs of one annotator: refused, nothing written.
        let again = try ScenelensCLI.run(["store", "copy", a, b])
        #expect(again.status == 1 && again.stderr.contains("already holds work by ana, bo"))
        #expect(try SQLiteReviewStore(path: b, annotator: "bo").history(annotator: "bo").count == 2)
    }

    @Test(.enabled(if: Backend.testServer != nil))
    func sqliteToPostgresAndBackLosesNothing() throws {
        let server = try #require(Backend.testServer)
        let (url, drop) = try scratchDatabase(server)
        defer { drop() }
        let dir = try Self.tempDir(); defer { try? FileManager.default.removeItem(at: dir) }
        let local = dir.appendingPathComponent("local.sqlite").path, back = dir.appendingPathComponent("back.sqlite").path
        try Self.localWork(local)
        // A teammate already works on the project: the copy joins it.
        try PostgresReviewStore(url: url, project: "team", annotator: "cy")
            .record(key("i9", "n1"), verdict: .accept, contentHash: "h9", note: nil, tags: nil)
        let up = try ScenelensCLI.run(["store", "copy", local, url, "--project", "team"])
        #expect(up.status == 0, "\(up.stderr)")
        let pg = try PostgresReviewStore(url: url, project: "team", annotator: "ana")
        #expect(try pg.annotators() == ["ana", "bo", "cy"])
        let down = try ScenelensCLI.run(["store", "copy", url, back, "--project", "team"])
        #expect(down.status == 0, "\(down.stderr)")
        let before = try SQLiteReviewStore(path: local, annotator: "ana")
        let after = try SQLiteReviewStore(path: back, annotator: "ana")
        #expect(try after.decisions(annotator: "ana") == before.decisions(annotator: "ana"))
        #expect(try after.decisions(annotator: "bo") == before.decisions(annotator: "bo"))
        #expect(try after.history(annotator: "bo").map(\.action) == ["record", "note"])
        #expect(try after.decisions(annotator: "cy").count == 1)
        #expect(try after.undoLast()?.key == key("i1", "n2"))
        // A server store needs a project.
        let noProject = try ScenelensCLI.run(["store", "copy", local, url])
        #expect(noProject.status != 0 && noProject.stderr.contains("--project"))
    }
}
