import CLibPQ
import Foundation
import Review

/// The rows of one query's result, as text (libpq's text format).
struct PGRows {
    var columns: [String]
    var rows: [[String?]]

    /// The value of column `name` in row `i`; nil for NULL or an unknown column.
    func value(_ i: Int, _ name: String) -> String? {
        guard let c = columns.firstIndex(of: name), i < rows.count else { return nil }
        return rows[i][c]
    }
}

/// One libpq connection. Not thread-safe: `PostgresReviewStore` locks around it.
/// Passwords are libpq's business (`PGPASSWORD`, `~/.pgpass`); every message
/// this type makes names the server by its redacted URL and has secrets scrubbed.
final class PGConnection {
    private var conn: OpaquePointer?
    /// The URL as given (it may hold a password: never print it).
    private let url: String
    /// The URL fit to show.
    let shownURL: String

    /// Connects to `url` (a `postgresql://` URL or libpq connection string).
    init(url: String) throws {
        self.url = url
        shownURL = StoreLocation.redact(url)
        // The URL's own settings win; these are defaults: fail fast when the
        // server is away, and notice a dead network within seconds, not hours.
        var params: [(String, String)] = [("dbname", url), ("fallback_application_name", "scenelens")]
        for (k, v) in [("connect_timeout", "5"), ("keepalives_idle", "5"), ("keepalives_interval", "2"),
                       ("keepalives_count", "3")] where !url.contains(k + "=") {
            params.insert((k, v), at: 0)
        }
        conn = Self.connect(params)
        guard PQstatus(conn) == CONNECTION_OK else {
            let why = errorText()
            PQfinish(conn); conn = nil
            throw error("could not connect to the server: \(why)")
        }
        _ = try exec(Self.sessionSettings)
    }

    deinit { PQfinish(conn) }

    /// Every session's settings: a commit returns only once it is on the
    /// server's disk, whatever the server's default; and the server's notices
    /// (such as "relation already exists, skipping") are not printed on the terminal.
    static let sessionSettings = "SET synchronous_commit TO on; SET client_min_messages TO warning"

    private static func connect(_ params: [(String, String)]) -> OpaquePointer? {
        let keys = params.map { strdup($0.0) }, values = params.map { strdup($0.1) }
        defer { keys.forEach { free($0) }; values.forEach { free($0) } }
        var k: [UnsafePointer<CChar>?] = keys.map { UnsafePointer($0) } + [nil]
        var v: [UnsafePointer<CChar>?] = values.map { UnsafePointer($0) } + [nil]
        return PQconnectdbParams(&k, &v, 1)
    }

    /// True while the connection is up (as far as the last call knew).
    var isConnected: Bool { PQstatus(conn) == CONNECTION_OK }

    /// Reconnects when the connection was lost; throws when the server is still away.
    func ensureConnected() throws {
        if isConnected { return }
        PQreset(conn)
        guard isConnected else { throw error("the server is not reachable: \(errorText())", unreachable: true) }
        _ = try exec(Self.sessionSettings)
    }

    /// Runs `sql` with `params` ($1, $2, ... as text; nil is NULL) and returns its rows.
    @discardableResult
    func exec(_ sql: String, _ params: [String?] = []) throws -> PGRows {
        try withValues(params) { values in
            // Without parameters, the simple protocol: it also runs several statements (the migrations).
            let res = values.isEmpty ? PQexec(conn, sql)
                : PQexecParams(conn, sql, Int32(values.count), nil, values.baseAddress, nil, nil, 0)
            defer { PQclear(res) }
            return try rows(res, sql: sql)
        }
    }

    /// A statement and its parameters, for `pipeline`.
    typealias Statement = (sql: String, params: [String?])

    /// Runs `statements` in order in one round trip (libpq's pipeline mode)
    /// and returns their rows; the first that fails throws (the server skips
    /// the rest). One statement each, in the extended protocol.
    func pipeline(_ statements: [Statement]) throws -> [PGRows] {
        guard PQenterPipelineMode(conn) == 1 else { throw failure(nil) }
        defer { _ = PQexitPipelineMode(conn) }
        for st in statements {
            let sent = withValues(st.params) { values in
                PQsendQueryParams(conn, st.sql, Int32(values.count), nil, values.baseAddress, nil, nil, 0)
            }
            guard sent == 1 else { throw failure(nil) }
        }
        guard PQpipelineSync(conn) == 1 else { throw failure(nil) }
        var out: [PGRows] = [], first: Error?
        for st in statements {
            // Each statement's result, then a NULL; a broken connection gives NULL at once.
            var got = false
            while let res = PQgetResult(conn) {
                defer { PQclear(res) }
                got = true
                if PQresultStatus(res) == PGRES_PIPELINE_ABORTED { continue }
                do { out.append(try rows(res, sql: st.sql)) } catch { first = first ?? error }
            }
            if !got { first = first ?? failure(nil); break }
        }
        // The end of the pipeline (PGRES_PIPELINE_SYNC).
        while isConnected, let res = PQgetResult(conn) {
            let status = PQresultStatus(res)
            PQclear(res)
            if status == PGRES_PIPELINE_SYNC { break }
        }
        if let first { throw first }
        return out
    }

    /// `params` as C strings for the duration of `body` (nil is NULL).
    private func withValues<T>(_ params: [String?], _ body: (UnsafeBufferPointer<UnsafePointer<CChar>?>) throws -> T) rethrows -> T {
        let copies = params.map { $0.map { strdup($0) } ?? nil }
        defer { copies.forEach { free($0) } }
        let values: [UnsafePointer<CChar>?] = copies.map { $0.map { UnsafePointer($0) } }
        return try values.withUnsafeBufferPointer(body)
    }

    /// The error for a failed call: the result's message, else the connection's.
    private func failure(_ res: OpaquePointer?) -> ReviewStoreError {
        let message = res.flatMap { PQresultErrorMessage($0) }.map { String(cString: $0) } ?? ""
        let why = message.isEmpty ? errorText() : message.trimmingCharacters(in: .whitespacesAndNewlines)
        // Class 08 (connection exception) and 57P (the server shutting down): in a pipeline the
        // server's FATAL comes back as a result before libpq has seen the connection close.
        let state = res.flatMap { PQresultErrorField($0, Int32(UInt8(ascii: "C"))) }.map { String(cString: $0) } ?? ""
        let gone = !isConnected || state.hasPrefix("08") || state.hasPrefix("57P")
        return gone ? error("lost the connection to the server: \(why)", unreachable: true) : error(why)
    }

    /// The rows of `res`, the result of `sql`; throws when it failed, or when a COMMIT was answered with ROLLBACK.
    private func rows(_ res: OpaquePointer?, sql: String) throws -> PGRows {
        let status = PQresultStatus(res)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else { throw failure(res) }
        let nf = Int(PQnfields(res)), nt = Int(PQntuples(res))
        var out = PGRows(columns: (0..<nf).map { String(cString: PQfname(res, Int32($0))) }, rows: [])
        out.rows.reserveCapacity(nt)
        for r in 0..<nt {
            out.rows.append((0..<nf).map { c in
                PQgetisnull(res, Int32(r), Int32(c)) == 1 ? nil : String(cString: PQgetvalue(res, Int32(r), Int32(c)))
            })
        }
        if status == PGRES_COMMAND_OK, sql == "COMMIT", let tag = PQcmdStatus(res), String(cString: tag) != "COMMIT" {
            // The server rolled the transaction back (it had failed): nothing was saved.
            throw error("the server did not commit (it answered \(String(cString: tag)))")
        }
        return out
    }

    /// Runs `body` in one transaction; the result counts only once COMMIT came back.
    func transaction<T>(_ body: () throws -> T) throws -> T {
        try transaction { (_: [PGRows]) in try body() }
    }

    /// Runs `body` in one transaction whose first round trip is BEGIN, the
    /// advisory lock `hashtext(lock)` when given, and the statements `first`
    /// (their rows go to `body`); the last is whatever `body` left for the
    /// commit (`atCommit`) and COMMIT. The result counts only once COMMIT came back.
    func transaction<T>(lock: String? = nil, first: [Statement] = [], _ body: ([PGRows]) throws -> T) throws -> T {
        try ensureConnected()
        atCommit = []
        defer { atCommit = [] }
        do {
            var opening: [Statement] = [("BEGIN", [])]
            if let lock { opening.append(("SELECT pg_advisory_xact_lock(hashtext($1))", [lock])) }
            let results = try pipeline(opening + first)
            let result = try body(Array(results.dropFirst(opening.count)))
            _ = try pipeline(atCommit + [("COMMIT", [])])
            return result
        } catch {
            if isConnected { _ = try? exec("ROLLBACK") }
            throw error
        }
    }

    /// Statements a transaction's body sends with its COMMIT, in one round
    /// trip; their results are not read, and a failure fails the commit.
    var atCommit: [Statement] = []

    /// `text` as an SQL string literal, quoted and escaped by libpq for this connection.
    func literal(_ text: String) throws -> String {
        guard let quoted = PQescapeLiteral(conn, text, text.utf8.count) else { throw error("could not quote a value: \(errorText())") }
        defer { PQfreemem(quoted) }
        return String(cString: quoted)
    }

    private func errorText() -> String {
        let text = conn.flatMap { PQerrorMessage($0) }.map { String(cString: $0) } ?? "no connection"
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// An error about this server with secrets scrubbed from `message`.
    func error(_ message: String, unreachable: Bool = false) -> ReviewStoreError {
        ReviewStoreError(path: shownURL, message: StoreLocation.scrub(message, url: url), unreachable: unreachable)
    }
}
