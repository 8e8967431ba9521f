import Foundation
import Testing
import Review
@testable import ReviewPostgres

/// What only the PostgreSQL store has to show: it runs in CI, refuses a newer
/// schema, and never shows a password.
@Suite struct PostgresStoreTests {
    @Test func theServerIsThereInCI() throws {
        // CI starts a server (.ci/run); the PostgreSQL contract must run there, not be skipped.
        if ProcessInfo.processInfo.environment["CI"] != nil {
            #expect(Backend.testServer != nil, "CI=true but SCENELENS_TEST_PG is not set")
            #expect(Backend.available.contains(.postgresql))
        }
    }

    @Test(.enabled(if: Backend.testServer != nil))
    func aDatabaseFromANewerVersionIsRefused() throws {
        let server = try #require(Backend.testServer)
        // A database of its own: the other tests share the test database and must not see schema 99.
        let (url, drop) = try scratchDatabase(server)
        defer { drop() }
        let project = "newer"
        let store = try PostgresReviewStore(url: url, project: project, annotator: "ana")
        try store.record(NegativeKey(itemID: "i1", negativeID: "n1"), verdict: .accept, contentHash: "h", note: nil, tags: nil)
        try store.connection.exec("UPDATE scenelens_schema SET version = 99")
        for readOnly in [false, true] {
            do {
                _ = try PostgresReviewStore(url: url, project: project, annotator: "ana", readOnly: readOnly)
                Issue.record("a newer schema was opened (readOnly: \(readOnly))")
            } catch let e as ReviewStoreError {
                #expect(e.message.contains("newer SceneLens"))
            }
        }
    }

    @Test(.enabled(if: Backend.testServer != nil))
    func aReadOnlyStoreReadsButRefusesWrites() throws {
        let url = try #require(Backend.testServer)
        let project = "ro-\(UUID().uuidString)"
        try PostgresReviewStore(url: url, project: project, annotator: "ana")
            .record(NegativeKey(itemID: "i1", negativeID: "n1"), verdict: .reject, contentHash: "h", note: nil, tags: nil)
        let ro = try PostgresReviewStore(url: url, project: project, annotator: "ana", readOnly: true)
        #expect(try ro.allDecisions().map(\.verdict) == [.reject])
        #expect(throws: ReviewStoreError.self) {
            try ro.record(NegativeKey(itemID: "i1", negativeID: "n2"), verdict: .accept, contentHash: "h", note: nil, tags: nil)
        }
    }

    @Test func aPasswordIsNeverInAnErrorMessage() throws {
        // Nothing listens on port 1: the connection fails, and the message must not carry the password.
        let url = "postgresql://alice:s3cr%40t-pw@127.0.0.1:1/team?connect_timeout=2"
        do {
            _ = try PostgresReviewStore(url: url, project: "p", annotator: "alice")
            Issue.record("connected to a closed port")
        } catch let e as ReviewStoreError {
            let text = "\(e)"
            #expect(!text.contains("s3cr"))
            #expect(text.contains("postgresql://alice:***@127.0.0.1:1/team"))
            #expect(text.contains("could not connect"))
        }
    }

    @Test func redactionCoversURLPasswordsAndParameters() {
        #expect(StoreLocation.redact("postgresql://bo:pw@db.example:5432/x") == "postgresql://bo:***@db.example:5432/x")
        #expect(StoreLocation.redact("postgresql://bo@db:5432/x?password=pw&sslmode=require")
                == "postgresql://bo@db:5432/x?password=***&sslmode=require")
        #expect(StoreLocation.redact("postgresql://bo@db/x") == "postgresql://bo@db/x")
        #expect(StoreLocation.scrub("auth failed for pw123", url: "postgresql://bo@db/x", environment: ["PGPASSWORD": "pw123"])
                == "auth failed for ***")
        #expect(StoreLocation("postgres://h/db") == .postgres(url: "postgres://h/db"))
        #expect(StoreLocation("data/x.review.sqlite") == .sqlite(path: "data/x.review.sqlite"))
    }
}

/// A new, empty database on the test server and a closure that drops it.
func scratchDatabase(_ server: String) throws -> (url: String, drop: () -> Void) {
    let name = "scenelens_scratch_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
    let admin = try PGConnection(url: server)
    try admin.exec("CREATE DATABASE \(name)")
    guard let slash = server.range(of: "/", options: .backwards) else { throw NoTestServer() }
    let rest = server[slash.upperBound...]
    let query = rest.firstIndex(of: "?").map { String(rest[$0...]) } ?? ""
    let url = server[..<slash.upperBound] + name + query
    return (url, { _ = try? admin.exec("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") })
}

/// Issue 19, item 5, at the store: a connection the server dropped fails as
/// "unreachable" (the inspector keeps such a write and resends it), and the
/// same store reconnects on the next call, so the resend goes through.
@Suite struct ServerGoneTests {
    @Test(.enabled(if: Backend.testServer != nil))
    func aDroppedConnectionIsUnreachableAndTheNextCallReconnects() throws {
        let server = try #require(Backend.testServer)
        let project = "gone-\(UUID().uuidString)"
        let store = try PostgresReviewStore(url: server, project: project, annotator: "qa")
        let k = NegativeKey(itemID: "i1", negativeID: "n1")
        try store.record(k, verdict: .accept, contentHash: "h", note: nil, tags: nil)
        let pid = try #require(try store.connection.exec("SELECT pg_backend_pid() AS p").value(0, "p"))
        // The server ends this connection (as a restart or a dead network would).
        let admin = try PGConnection(url: server)
        try admin.exec("SELECT pg_terminate_backend($1::int)", [pid])
        do {
            try store.record(k, verdict: .reject, contentHash: "h", note: nil, tags: nil)
            Issue.record("a write on a dropped connection went through")
        } catch let e as ReviewStoreError {
            #expect(e.unreachable, "\(e)")
        }
        // Nothing was changed meanwhile; the resend reconnects and is saved.
        let other = try PostgresReviewStore(url: server, project: project, annotator: "qa")
        #expect(try other.decisions(itemID: "i1")["n1"]?.verdict == .accept)
        try store.record(k, verdict: .reject, contentHash: "h", note: nil, tags: nil)
        #expect(try other.decisions(itemID: "i1")["n1"]?.verdict == .reject)
        // A refusal is not "unreachable": read-only writes are refused for good.
        let readOnly = try PostgresReviewStore(url: server, project: project, annotator: "qa", readOnly: true)
        do { try readOnly.record(k, verdict: .accept, contentHash: "h", note: nil, tags: nil) } catch let e as ReviewStoreError {
            #expect(!e.unreachable)
        }
    }
}
