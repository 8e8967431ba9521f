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
        let copies = params.map { $0.map { strdup($0) } ?? nil }
        defer { copies.forEach { free($0) } }
        let values: [UnsafePointer<CChar>?] = copies.map { $0.map { UnsafePointer($0) } }
        // Without parameters, the simple protocol: it also runs several statements (the migrations).
        let res = values.isEmpty ? PQexec(conn, sql)
            : values.withUnsafeBufferPointer { PQexecParams(conn, sql, Int32(values.count), nil, $0.baseAddress, nil, nil, 0) }
        defer { PQclear(res) }
        let status = PQresultStatus(res)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else {
            let message = res.flatMap { PQresultErrorMessage($0) }.map { String(cString: $0) } ?? ""
            let why = message.isEmpty ? errorText() : message.trimmingCharacters(in: .whitespacesAndNewlines)
            throw isConnected ? error(why) : error("lost the connection to the server: \(why)", unreachable: true)
        }
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
    /// With `lock`, the transaction first takes the advisory lock `hashtext(lock)`,
    /// sent with BEGIN in one round trip.
    func transaction<T>(lock: String? = nil, _ body: () throws -> T) throws -> T {
        try ensureConnected()
        do {
            if let lock {
                try exec("BEGIN; SELECT pg_advisory_xact_lock(hashtext(\(try literal(lock))))")
            } else {
                try exec("BEGIN")
            }
            let result = try body()
            try exec("COMMIT")
            return result
        } catch {
            if isConnected { _ = try? exec("ROLLBACK") }
            throw error
        }
    }

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
