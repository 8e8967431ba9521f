import Foundation
import Review
import SceneData

/// The review store on a PostgreSQL server, for teams: the same contract as
/// `SQLiteReviewStore` (the store contract suite runs against both).
///
/// Durability: every change is one transaction and a call returns only after
/// the server answered COMMIT (with `synchronous_commit` on, so the commit is
/// on the server's disk). Concurrency: one connection per store, used by one
/// call at a time; an annotator's writes take an advisory lock, so two
/// connections of one annotator never interleave a change and its log entry.
/// Datasets are kept apart by `project`.
public final class PostgresReviewStore: DecisionStore, CopyableStore, SettlementStore, @unchecked Sendable {
    /// Whose decisions the `DecisionStore` calls read and write.
    public let annotator: String
    /// Which dataset's decisions: several projects share one database.
    public let project: String
    /// True when opened for reading only: every write throws.
    public let isReadOnly: Bool
    /// The server's URL with any password replaced by `***`.
    public var location: String { connection.shownURL }

    let connection: PGConnection
    private let lock = NSLock()

    /// Connects to `url` and, unless `readOnly`, creates or upgrades the tables.
    /// A database written by a newer SceneLens is refused; read-only, one without tables is too.
    public init(url: String, project: String, annotator: String, readOnly: Bool = false) throws {
        self.annotator = annotator
        self.project = project
        self.isReadOnly = readOnly
        connection = try PGConnection(url: url)
        try prepareSchema()
    }

    private func prepareSchema() throws {
        let latest = PostgresSchema.latest
        if isReadOnly {
            let exists = try connection.exec("SELECT to_regclass('scenelens_schema') IS NOT NULL AS t").value(0, "t") == "t"
            guard exists else { throw connection.error("no SceneLens review store in this database (nothing has been decided yet)") }
            let v = try version()
            if v > latest { throw connection.error("was written by a newer SceneLens (schema \(v), this one knows \(latest)); use a newer SceneLens") }
            // An older schema reads as it is: tables added later (settlements) read as empty.
            if v < 1 { throw connection.error("has no SceneLens tables yet; open it for writing once to create them") }
            return
        }
        try connection.transaction {
            // One process at a time creates or upgrades the tables.
            try connection.exec("SELECT pg_advisory_xact_lock(hashtext('scenelens.schema'))")
            try connection.exec("CREATE TABLE IF NOT EXISTS scenelens_schema (version INTEGER NOT NULL)")
            let v = try version()
            if v > latest {
                throw connection.error("was written by a newer SceneLens (schema \(v), this one knows \(latest)); refusing to change it")
            }
            for n in v..<latest { try connection.exec(PostgresSchema.migrations[n]) }
            if v < latest {
                try connection.exec("DELETE FROM scenelens_schema")
                try connection.exec("INSERT INTO scenelens_schema (version) VALUES ($1)", [String(latest)])
            }
        }
    }

    private func version() throws -> Int {
        Int(try connection.exec("SELECT COALESCE(MAX(version), 0) AS v FROM scenelens_schema").value(0, "v") ?? "0") ?? 0
    }

    // MARK: - DecisionStore

    @discardableResult
    public func record(_ key: NegativeKey, verdict: Verdict, contentHash: String, note: String?, tags: [String]?) throws -> Decision {
        // Two round trips: BEGIN, the annotator's lock and `prepareRecord` (the current
        // decision, the team check with a row lock); then the change, its log entry and COMMIT.
        try write("record the decision on \(key.itemID)/\(key.negativeID)", first: [prepareRecord(key)]) { tx, first in
            var tx = tx
            tx.prefetched = (key, try checkRecord(key, first[0]))
            tx.changesAtCommit = true
            return try DecisionChanges.record(tx, key, verdict: verdict, contentHash: contentHash, note: note, tags: tags)
        }
    }

    @discardableResult
    public func setNote(_ key: NegativeKey, note: String?) throws -> Decision? {
        try write("set the note on \(key.itemID)/\(key.negativeID)") { try DecisionChanges.setNote($0, key, note: note) }
    }

    @discardableResult
    public func setTags(_ key: NegativeKey, tags: [String]) throws -> Decision? {
        try write("set the tags on \(key.itemID)/\(key.negativeID)") { try DecisionChanges.setTags($0, key, tags: tags) }
    }

    public func undoLast() throws -> UndoResult? {
        try write("undo") { try DecisionChanges.undoLast($0) }
    }

    public func decisions(itemID: String) throws -> [String: Decision] {
        var out: [String: Decision] = [:]
        for d in try select("WHERE project = $1 AND annotator = $2 AND item_id = $3", [project, annotator, itemID]) {
            out[d.key.negativeID] = d
        }
        return out
    }

    /// The mark, unless an undo came after it (see `ResumeMark`).
    public func resumeMark(dataset: String) throws -> ResumeMark? {
        try locked("read the resume mark") {
            let r = try connection.exec("""
                SELECT m.position, m.item_id, EXISTS (SELECT 1 FROM history h WHERE h.project = m.project AND h.annotator = m.annotator
                                                     AND h.id > m.history_id AND h.action = 'undo'),
                       m.byte_offset, m.line, m.line_length, m.line_checksum
                FROM resume_marks m WHERE m.project = $1 AND m.annotator = $2 AND m.dataset = $3
                """, [project, annotator, dataset])
            guard let row = r.rows.first, let p = row[0].flatMap({ Int($0) }), let id = row[1], row[2] == "f" else { return nil }
            var mark = ResumeMark(position: p, itemID: id)
            if row.count > 6, let offset = row[3].flatMap({ Int64($0) }), let line = row[4].flatMap({ Int($0) }),
               let length = row[5].flatMap({ Int($0) }), let checksum = row[6] {
                mark.place = LinePlace(offset: offset, line: line, length: length, checksum: checksum)
            }
            return mark
        }
    }

    /// Sets the mark, counting every change of this annotator up to now.
    public func saveResumeMark(dataset: String, mark: ResumeMark) throws {
        let p = mark.place
        try write("save the resume mark") { _ in
            _ = try connection.exec("""
                INSERT INTO resume_marks (project, annotator, dataset, position, item_id, history_id, byte_offset, line, line_length, line_checksum)
                SELECT $1, $2, $3, $4::BIGINT, $5, COALESCE(MAX(id), 0), $6::BIGINT, $7::BIGINT, $8::BIGINT, $9 FROM history
                WHERE project = $1 AND annotator = $2
                ON CONFLICT (project, annotator, dataset) DO UPDATE SET position = excluded.position, item_id = excluded.item_id,
                    history_id = excluded.history_id, byte_offset = excluded.byte_offset, line = excluded.line,
                    line_length = excluded.line_length, line_checksum = excluded.line_checksum
                """, [project, annotator, dataset, String(mark.position), mark.itemID,
                      p.map { String($0.offset) }, p.map { String($0.line) }, p.map { String($0.length) }, p?.checksum])
        }
    }

    public func decidedKeys() throws -> Set<NegativeKey> {
        Set(try select("WHERE project = $1 AND annotator = $2", [project, annotator]).map(\.key))
    }

    /// A page of this annotator's decided negatives, in key order (byte order, as the primary key's index is read).
    public func decidedKeys(after: NegativeKey?, limit: Int) throws -> [NegativeKey] {
        try locked("read the decided negatives") {
            let r = try connection.exec("""
                SELECT item_id, negative_id FROM decisions WHERE project = $1 AND annotator = $2
                  AND (item_id COLLATE "C", negative_id COLLATE "C") > ($3 COLLATE "C", $4 COLLATE "C")
                ORDER BY item_id COLLATE "C", negative_id COLLATE "C" LIMIT $5::BIGINT
                """, [project, annotator, after?.itemID ?? "", after?.negativeID ?? "", String(limit)])
            return r.rows.map { NegativeKey(itemID: $0[0] ?? "", negativeID: $0[1] ?? "") }
        }
    }

    public func summary() throws -> ReviewSummary {
        var s = ReviewSummary()
        for d in try select("WHERE project = $1 AND annotator = $2", [project, annotator]) { s.add(d.verdict) }
        return s
    }

    public func currentDecisions() throws -> [NegativeKey: Decision] {
        var out: [NegativeKey: Decision] = [:]
        for d in try select("WHERE project = $1 AND annotator = $2", [project, annotator]) { out[d.key] = d }
        return out
    }

    // MARK: - AllDecisionsSource

    public func forEachDecision(annotator: String?, _ body: (Decision) throws -> Void) throws {
        let rows = try annotator.map { try select("WHERE project = $1 AND annotator = $2", [project, $0]) }
            ?? select("WHERE project = $1", [project])
        for d in rows { try body(d) }
    }

    public func allDecisions(itemID: String) throws -> [Decision] {
        try select("WHERE project = $1 AND item_id = $2", [project, itemID])
    }

    public func annotators() throws -> [String] {
        try locked("list the annotators") {
            try connection.exec("SELECT DISTINCT annotator COLLATE \"C\" AS a FROM decisions WHERE project = $1 ORDER BY 1", [project])
                .rows.compactMap { $0[0] }
        }
    }

    /// Every project (dataset) with decisions in this database, sorted.
    public func projects() throws -> [String] {
        try locked("list the projects") {
            try connection.exec("SELECT DISTINCT project COLLATE \"C\" AS p FROM decisions ORDER BY 1").rows.compactMap { $0[0] }
        }
    }

    // MARK: - SettlementStore

    public func settlements() throws -> [Settlement] {
        try locked("read the settlements") {
            guard try connection.exec("SELECT to_regclass('settlements') IS NOT NULL AS t").value(0, "t") == "t" else { return [] }
            let rows = try connection.exec("""
                SELECT * FROM settlements WHERE project = $1 ORDER BY item_id COLLATE "C", negative_id COLLATE "C"
                """, [project])
            return (0..<rows.rows.count).compactMap { i in
                Settlement.from(itemID: rows.value(i, "item_id") ?? "", negativeID: rows.value(i, "negative_id") ?? "",
                                verdict: rows.value(i, "verdict") ?? "", adjudicator: rows.value(i, "adjudicator") ?? "",
                                note: rows.value(i, "note"), millis: Int64(rows.value(i, "time") ?? "") ?? 0,
                                contentHash: rows.value(i, "content_hash") ?? "")
            }
        }
    }

    @discardableResult
    public func settle(_ key: NegativeKey, verdict: Verdict?, contentHash: String, note: String?, adjudicator: String) throws -> Settlement? {
        if isReadOnly { throw connection.error("is open read-only; cannot settle \(key.itemID)/\(key.negativeID)") }
        let s = try verdict.map { try Settlement.make(key, verdict: $0, contentHash: contentHash, note: note,
                                                      adjudicator: adjudicator, path: location) }
        return try locked("settle \(key.itemID)/\(key.negativeID)") {
            try connection.transaction {
                if let s { try upsert(s) } else {
                    try connection.exec("DELETE FROM settlements WHERE project = $1 AND item_id = $2 AND negative_id = $3",
                                        [project, key.itemID, key.negativeID])
                }
                return s
            }
        }
    }

    private func upsert(_ s: Settlement) throws {
        try connection.exec("""
            INSERT INTO settlements (project, item_id, negative_id, verdict, adjudicator, note, time, content_hash)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (project, item_id, negative_id) DO UPDATE SET verdict = excluded.verdict,
                adjudicator = excluded.adjudicator, note = excluded.note, time = excluded.time, content_hash = excluded.content_hash
            """, [project, s.key.itemID, s.key.negativeID, s.verdict.rawValue, s.adjudicator, s.note,
                  String(DecisionChanges.millis(s.time)), s.contentHash])
    }

    // MARK: - CopyableStore

    /// The server (password redacted) and project, as `store copy` names them.
    public var shownLocation: String { "\(location) (project \(project))" }

    /// This project's change log, oldest first (of `annotator`, or of everyone).
    public func history(annotator: String?) throws -> [HistoryEntry] {
        try locked("read the history") {
            let rows = try annotator.map {
                try connection.exec("SELECT * FROM history WHERE project = $1 AND annotator = $2 ORDER BY id", [project, $0])
            } ?? connection.exec("SELECT * FROM history WHERE project = $1 ORDER BY id", [project])
            return (0..<rows.rows.count).map { i in
                let a = rows.value(i, "annotator") ?? ""
                let key = NegativeKey(itemID: rows.value(i, "item_id") ?? "", negativeID: rows.value(i, "negative_id") ?? "")
                return HistoryEntry(id: Int64(rows.value(i, "id") ?? "") ?? 0, annotator: a, key: key,
                                    action: rows.value(i, "action") ?? "",
                                    before: DecisionCoding.decodeState(rows.value(i, "before"), key: key, annotator: a),
                                    after: DecisionCoding.decodeState(rows.value(i, "after"), key: key, annotator: a),
                                    time: DecisionChanges.date(millis: Int64(rows.value(i, "time") ?? "") ?? 0),
                                    undoneBy: rows.value(i, "undone_by").flatMap { Int64($0) })
            }
        }
    }

    /// Adds decisions and log entries in one transaction (see `CopyableStore`).
    public func importRecords(decisions: [Decision], history: [HistoryEntry], settlements: [Settlement]) throws {
        if isReadOnly { throw connection.error("is open read-only; cannot copy decisions into it") }
        try locked("copy decisions into the store") {
            try connection.transaction {
                for s in settlements { try upsert(s) }
                for d in decisions {
                    try PGTransaction(connection: connection, project: project, annotator: d.annotator).upsert(d)
                }
                var newID: [Int64: Int64] = [:]
                for e in history {
                    let rows = try connection.exec("""
                        INSERT INTO history (project, annotator, item_id, negative_id, action, before, after, time)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id
                        """, [project, e.annotator, e.key.itemID, e.key.negativeID, e.action, DecisionCoding.encodeState(e.before),
                              DecisionCoding.encodeState(e.after), String(DecisionChanges.millis(e.time))])
                    newID[e.id] = Int64(rows.value(0, "id") ?? "")
                }
                for e in history where e.undoneBy != nil {
                    try connection.exec("UPDATE history SET undone_by = $1 WHERE id = $2",
                                        [StoreCopy.remapUndone(e, newID).map(String.init), newID[e.id].map(String.init)])
                }
            }
        }
    }

    // MARK: - Internals

    private func select(_ whereClause: String, _ params: [String]) throws -> [Decision] {
        try locked("read the decisions") {
            let rows = try connection.exec("SELECT * FROM decisions \(whereClause) ORDER BY item_id COLLATE \"C\", negative_id COLLATE \"C\", annotator COLLATE \"C\"", params)
            return (0..<rows.rows.count).compactMap { PGTransaction.decision(rows, $0) }
        }
    }

    func locked<T>(_ doing: String, _ body: () throws -> T) throws -> T {
        lock.lock(); defer { lock.unlock() }
        do {
            try connection.ensureConnected()
            return try body()
        } catch let e as ReviewStoreError {
            throw ReviewStoreError(path: e.path, message: "could not \(doing): \(e.message)", unreachable: e.unreachable)
        }
    }

    private func write<T>(_ doing: String, _ body: (PGTransaction) throws -> T) throws -> T {
        try write(doing, first: []) { tx, _ in try body(tx) }
    }

    /// A write transaction whose first round trip also runs `first` (their rows go to `body`).
    private func write<T>(_ doing: String, first: [PGConnection.Statement],
                          _ body: (PGTransaction, [PGRows]) throws -> T) throws -> T {
        if isReadOnly { throw connection.error("is open read-only; cannot \(doing)") }
        return try locked(doing) {
            // The annotator's lock: two connections of one annotator never interleave a change and its log entry.
            try connection.transaction(lock: project + "\u{1F}" + annotator, first: first) {
                try body(PGTransaction(connection: connection, project: project, annotator: annotator), $0)
            }
        }
    }
}

/// One write transaction of the PostgreSQL store, as `DecisionChanges` uses it.
struct PGTransaction: DecisionTransaction {
    let connection: PGConnection
    let project: String
    let annotator: String
    /// This annotator's current decision on a negative, when already read in this transaction.
    var prefetched: (key: NegativeKey, decision: Decision?)?
    /// True: `apply` sends the change with the COMMIT (one round trip less) and returns 0 for its log id.
    var changesAtCommit = false

    static func decision(_ rows: PGRows, _ i: Int) -> Decision? {
        DecisionCoding.decision(itemID: rows.value(i, "item_id") ?? "", negativeID: rows.value(i, "negative_id") ?? "",
                                annotator: rows.value(i, "annotator") ?? "", verdict: rows.value(i, "verdict") ?? "",
                                note: rows.value(i, "note"), tags: rows.value(i, "tags"),
                                millis: Int64(rows.value(i, "time") ?? "") ?? 0, contentHash: rows.value(i, "content_hash") ?? "")
    }

    func current(_ key: NegativeKey) throws -> Decision? {
        if let prefetched, prefetched.key == key { return prefetched.decision }
        let rows = try connection.exec("""
            SELECT * FROM decisions WHERE project = $1 AND item_id = $2 AND negative_id = $3 AND annotator = $4
            """, [project, key.itemID, key.negativeID, annotator])
        return rows.rows.isEmpty ? nil : Self.decision(rows, 0)
    }

    /// The statement that puts a decision in place, with its parameters ($1 to $9).
    static let upsertSQL = """
        INSERT INTO decisions (project, item_id, negative_id, annotator, verdict, note, tags, time, content_hash)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
        ON CONFLICT (project, item_id, negative_id, annotator) DO UPDATE SET
            verdict = excluded.verdict, note = excluded.note, tags = excluded.tags,
            time = excluded.time, content_hash = excluded.content_hash
        """

    private func upsertParameters(_ d: Decision) -> [String?] {
        [project, d.key.itemID, d.key.negativeID, d.annotator, d.verdict.rawValue, d.note,
         DecisionCoding.encodeTags(d.tags), String(DecisionChanges.millis(d.time)), d.contentHash]
    }

    /// Puts `d` in place as its annotator's decision.
    func upsert(_ d: Decision) throws {
        try connection.exec(Self.upsertSQL, upsertParameters(d))
    }

    /// The change and its log entry in one statement (one round trip).
    @discardableResult
    func apply(_ key: NegativeKey, action: String, before: Decision?, after: Decision?) throws -> Int64 {
        let change: String, params: [String?]
        if let after {
            change = Self.upsertSQL
            params = upsertParameters(after)
        } else {
            change = "DELETE FROM decisions WHERE project = $1 AND item_id = $2 AND negative_id = $3 AND annotator = $4"
            params = [project, key.itemID, key.negativeID, annotator]
        }
        let n = params.count
        let statement: PGConnection.Statement = ("""
            WITH change AS (\(change))
            INSERT INTO history (project, annotator, item_id, negative_id, action, before, after, time)
            VALUES ($1, $\(n + 1), $2, $3, $\(n + 2), $\(n + 3), $\(n + 4), $\(n + 5)) RETURNING id
            """, params + [annotator, action, DecisionCoding.encodeState(before), DecisionCoding.encodeState(after),
                           String(DecisionChanges.millis(Date()))])
        if changesAtCommit {
            connection.atCommit.append(statement)
            return 0
        }
        let rows = try connection.exec(statement.sql, statement.params)
        return Int64(rows.value(0, "id") ?? "") ?? 0
    }

    func lastUndoable() throws -> LoggedChange? {
        let rows = try connection.exec("""
            SELECT id, item_id, negative_id, action, before FROM history
            WHERE project = $1 AND annotator = $2 AND action != 'undo' AND undone_by IS NULL
            ORDER BY id DESC LIMIT 1
            """, [project, annotator])
        guard !rows.rows.isEmpty else { return nil }
        let key = NegativeKey(itemID: rows.value(0, "item_id") ?? "", negativeID: rows.value(0, "negative_id") ?? "")
        return LoggedChange(id: Int64(rows.value(0, "id") ?? "") ?? 0, key: key, action: rows.value(0, "action") ?? "",
                            before: DecisionCoding.decodeState(rows.value(0, "before"), key: key, annotator: annotator))
    }

    func markUndone(_ id: Int64, by undoID: Int64) throws {
        try connection.exec("UPDATE history SET undone_by = $1 WHERE id = $2", [String(undoID), String(id)])
    }
}
