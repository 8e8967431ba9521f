import Foundation
import GRDB
import SceneData
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The review store: an SQLite file (through GRDB) holding every annotator's
/// decisions and the history of every change.
///
/// Durability: WAL journal with `synchronous=FULL`, so a call that returned has
/// reached the disk and `kill -9` at any moment leaves a consistent store.
/// Concurrency: each process holds one connection; writes are short
/// `BEGIN IMMEDIATE` transactions and a busy timeout makes a second process
/// wait for the first instead of failing, so two annotators can work on one
/// store at the same time without losing a write.
public final class SQLiteReviewStore: DecisionStore, CopyableStore, SettlementStore, Sendable {
    /// Whose decisions `record`, `undoLast` and the other protocol calls read and write.
    public let annotator: String
    /// The store file (`:memory:` for an in-memory store).
    public let path: String
    /// True when the store was opened with `readOnly`: every write throws.
    public let isReadOnly: Bool
    /// How long a write waits for another process's transaction before failing.
    public static let busyTimeout: TimeInterval = 10

    let dbQueue: DatabaseQueue

    /// Opens (creating it if needed) the store at `path` for `annotator`, for reading and writing.
    public convenience init(path: String, annotator: String) throws {
        try self.init(path: path, annotator: annotator, readOnly: false)
    }

    /// When the pass over every page (`PRAGMA quick_check`) runs.
    public enum IntegrityCheck: Sendable {
        /// Before the store is opened: a damaged store is refused at once (commands that read all of it).
        case beforeUse
        /// On another connection while the store is used (the inspector,
        /// `render`): 2 s for a store of a million decisions must not hold the
        /// first frame (issue 17). Every write waits for its answer, so nothing
        /// is written to a damaged store; once it has found damage, reads are
        /// refused too. A store that needs a migration is checked first, as
        /// `beforeUse`, since migrating writes.
        case inBackground
    }

    /// The answer of the background integrity check.
    private let integrity = IntegrityGate()

    /// Opens the store at `path`; with `readOnly` the file must exist and is never written (stats, export).
    public init(path: String, annotator: String, readOnly: Bool, integrityCheck: IntegrityCheck = .beforeUse) throws {
        self.path = path
        self.annotator = annotator
        self.isReadOnly = readOnly
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
        if readOnly && !exists {
            throw ReviewStoreError(path: path, message: "no review store here (nothing has been decided yet)")
        }
        // SQLite says "disk I/O error" for a folder; say what is wrong.
        if exists && isFolder.boolValue {
            throw ReviewStoreError(path: path, message: "is a directory; --store needs a file name")
        }
        var config = Configuration()
        config.label = "scenelens.review"
        config.readonly = readOnly
        config.busyMode = .timeout(Self.busyTimeout)
        config.prepareDatabase { [path] db in
            guard !db.configuration.readonly else { return }
            // Set here rather than through `journalMode = .wal`, because GRDB's
            // WAL setup lowers `synchronous` to NORMAL, which may lose the last
            // commits on power loss; FULL syncs the WAL at every commit.
            let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            if mode?.lowercased() != "wal" && mode?.lowercased() != "memory" {
                throw ReviewStoreError(path: path, message: "could not switch the store to WAL mode (got \(mode ?? "nothing"))")
            }
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        do {
            dbQueue = try DatabaseQueue(path: path, configuration: config)
        } catch let e as ReviewStoreError {
            throw e
        } catch {
            throw Self.describe(error, path: path, doing: "open the store")
        }
        if path == ":memory:" {
            integrity.finish(nil)
        } else if integrityCheck == .inBackground, (try? dbQueue.read { try Schema.migrator.hasCompletedMigrations($0) }) == true {
            checkIntegrityInBackground(config)
        } else {
            try checkIntegrity()
            integrity.finish(nil)
        }
        try prepareSchema()
    }

    /// Runs `PRAGMA quick_check` on a connection of its own (WAL lets it read
    /// beside the store's), posting the answer to `integrity`.
    private func checkIntegrityInBackground(_ config: Configuration) {
        var copy = config
        copy.readonly = true
        copy.label = "scenelens.review.check"
        let readOnly = copy
        let path = path
        let fallback = dbQueue
        DispatchQueue.global(qos: .utility).async { [integrity] in
            let result: [String]
            do {
                let checker = try? DatabaseQueue(path: path, configuration: readOnly)
                result = try (checker ?? fallback).read { try String.fetchAll($0, sql: "PRAGMA quick_check") }
            } catch {
                integrity.finish(Self.describe(error, path: path, doing: "check the store"))
                return
            }
            integrity.finish(result == ["ok"] ? nil : Self.damaged(path, result))
        }
    }

    /// Waits for the background integrity check (at once when it ran before use); throws when it found damage.
    public func waitForIntegrityCheck() throws { try integrity.wait() }

    /// True when nothing has been decided at `path`: no file, or an empty one.
    /// SQLite takes a zero-byte file for an empty database, and so does the
    /// inspector, which creates the store in it; `stats` and `export` say
    /// "no review store yet" for both (issue 14).
    public static func holdsNothing(at path: String) -> Bool {
        var st = stat()
        guard stat(path, &st) == 0 else { return true }
        return (st.st_mode & S_IFMT) == S_IFREG && st.st_size == 0
    }

    /// `PRAGMA quick_check` (a pass over every page, without the index
    /// comparisons of `integrity_check`): a store with a damaged page is
    /// refused, for reading and writing, instead of being written further.
    private func checkIntegrity() throws {
        let result: [String]
        do {
            result = try dbQueue.read { try String.fetchAll($0, sql: "PRAGMA quick_check") }
        } catch {
            throw Self.describe(error, path: path, doing: "check the store")
        }
        guard result == ["ok"] else { throw Self.damaged(path, result) }
    }

    /// What a failed `quick_check` says.
    private static func damaged(_ path: String, _ result: [String]) -> ReviewStoreError {
        let detail = result.prefix(3).joined(separator: "; ")
        return ReviewStoreError(path: path, message: "is damaged (SQLite quick_check: \(detail)); SceneLens will not write to it. "
            + "Keep a copy, then recover it with `sqlite3 STORE .recover` or move it aside")
    }

    /// A fresh store that lives in memory only (tests, or a dataset with no store yet).
    public static func inMemory(annotator: String) throws -> SQLiteReviewStore {
        try SQLiteReviewStore(path: ":memory:", annotator: annotator, readOnly: false)
    }

    /// The default store path for a dataset: `DATASET.review.sqlite` for `DATASET.jsonl`.
    public static func defaultPath(forDataset dataset: String) -> String {
        let url = URL(fileURLWithPath: dataset)
        let base = url.pathExtension.lowercased() == "jsonl" ? url.deletingPathExtension() : url
        return base.path + ".review.sqlite"
    }

    private func prepareSchema() throws {
        let migrator = Schema.migrator
        if isReadOnly {
            let ok = try read("read the schema version") { db -> Bool in
                if try migrator.hasBeenSuperseded(db) { return false }
                // Read-only, a store of an older version reads as it is (no settlements yet).
                return try migrator.appliedIdentifiers(db).contains(Schema.first)
            }
            if !ok { throw ReviewStoreError(path: path, message: "is not a review store of this SceneLens version (open it for writing once to upgrade it, or use a newer SceneLens)") }
            return
        }
        // Processes opening a new store at the same moment race to create the
        // tables (GRDB's migrator checks, then migrates, in separate
        // transactions), so a failed attempt is retried until the winner's
        // work is visible or the busy timeout has passed.
        let deadline = Date().addingTimeInterval(Self.busyTimeout)
        while true {
            do {
                let newer = try dbQueue.read { try migrator.hasBeenSuperseded($0) }
                if newer {
                    throw ReviewStoreError(path: path, message: "was written by a newer SceneLens; refusing to change it")
                }
                try migrator.migrate(dbQueue)
                return
            } catch let e as ReviewStoreError {
                throw e
            } catch {
                let done = (try? dbQueue.read { try migrator.hasCompletedMigrations($0) }) ?? false
                if done { return }
                if Date() > deadline { throw Self.describe(error, path: path, doing: "set up the store's tables") }
                usleep(UInt32.random(in: 5_000...30_000))
            }
        }
    }

    // MARK: - DecisionStore

    /// Records (or replaces) this annotator's decision; `note`/`tags` nil keep the current ones, an empty note clears it.
    @discardableResult
    public func record(_ key: NegativeKey, verdict: Verdict, contentHash: String, note: String?, tags: [String]?) throws -> Decision {
        try write("record the decision on \(key.itemID)/\(key.negativeID)") {
            try DecisionChanges.record($0, key, verdict: verdict, contentHash: contentHash, note: note, tags: tags)
        }
    }

    /// Sets (or with nil or "" clears) the note; nil when this annotator has no decision on `key`.
    @discardableResult
    public func setNote(_ key: NegativeKey, note: String?) throws -> Decision? {
        try write("set the note on \(key.itemID)/\(key.negativeID)") { try DecisionChanges.setNote($0, key, note: note) }
    }

    /// Sets the reason tags (normalised); nil when this annotator has no decision on `key`.
    @discardableResult
    public func setTags(_ key: NegativeKey, tags: [String]) throws -> Decision? {
        try write("set the tags on \(key.itemID)/\(key.negativeID)") { try DecisionChanges.setTags($0, key, tags: tags) }
    }

    /// Reverts this annotator's latest change not yet undone, restoring the state before it.
    public func undoLast() throws -> UndoResult? {
        try write("undo") { try DecisionChanges.undoLast($0) }
    }

    /// This annotator's decisions on one item, by negative id.
    public func decisions(itemID: String) throws -> [String: Decision] {
        try read("read the decisions on \(itemID)") { db in
            var out: [String: Decision] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT * FROM decisions WHERE item_id = ? AND annotator = ?",
                                           arguments: [itemID, annotator])
            while let row = try rows.next() {
                if let d = DecisionRow.decision(from: row) { out[d.key.negativeID] = d }
            }
            return out
        }
    }

    /// The mark, unless an undo came after it (see `ResumeMark`). A store of
    /// an older version opened read-only has no marks, or marks without a place.
    public func resumeMark(dataset: String) throws -> ResumeMark? {
        try read("read the resume mark") { db -> ResumeMark? in
            guard try db.tableExists("resume_marks") else { return nil }
            let placed = try db.columns(in: "resume_marks").contains { $0.name == "byte_offset" }
            let columns = placed ? "position, item_id, history_id, byte_offset, line, line_length, line_checksum" : "position, item_id, history_id"
            guard let row = try Row.fetchOne(db, sql: "SELECT \(columns) FROM resume_marks WHERE annotator = ? AND dataset = ?",
                                             arguments: [annotator, dataset]) else { return nil }
            let since: Int64 = row["history_id"]
            let undone = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM history WHERE annotator = ? AND id > ? AND action = 'undo')",
                                           arguments: [annotator, since]) ?? true
            if undone { return nil }
            var mark = ResumeMark(position: row["position"], itemID: row["item_id"])
            if placed, let offset: Int64 = row["byte_offset"], let line: Int = row["line"], let length: Int = row["line_length"],
               let checksum: String = row["line_checksum"] {
                mark.place = LinePlace(offset: offset, line: line, length: length, checksum: checksum)
            }
            return mark
        }
    }

    /// Sets the mark, counting every change of this annotator up to now.
    public func saveResumeMark(dataset: String, mark: ResumeMark) throws {
        try write("save the resume mark") { tx in
            let last = try Int64.fetchOne(tx.db, sql: "SELECT MAX(id) FROM history WHERE annotator = ?", arguments: [annotator]) ?? 0
            let p = mark.place
            try tx.db.execute(sql: """
                INSERT INTO resume_marks (annotator, dataset, position, item_id, history_id, byte_offset, line, line_length, line_checksum)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (annotator, dataset) DO UPDATE SET position = excluded.position, item_id = excluded.item_id,
                    history_id = excluded.history_id, byte_offset = excluded.byte_offset, line = excluded.line,
                    line_length = excluded.line_length, line_checksum = excluded.line_checksum
                """, arguments: [annotator, dataset, mark.position, mark.itemID, last, p?.offset, p?.line, p?.length, p?.checksum])
        }
    }

    /// Every negative this annotator has decided.
    public func decidedKeys() throws -> Set<NegativeKey> {
        try read("read the decided negatives") { db in
            var out = Set<NegativeKey>()
            let rows = try Row.fetchCursor(db, sql: "SELECT item_id, negative_id FROM decisions WHERE annotator = ?",
                                           arguments: [annotator])
            while let row = try rows.next() {
                out.insert(NegativeKey(itemID: row["item_id"] ?? "", negativeID: row["negative_id"] ?? ""))
            }
            return out
        }
    }

    /// A page of this annotator's decided negatives, in key order (the annotator's index).
    public func decidedKeys(after: NegativeKey?, limit: Int) throws -> [NegativeKey] {
        try read("read the decided negatives") { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT item_id, negative_id FROM decisions WHERE annotator = ? AND (item_id, negative_id) > (?, ?)
                ORDER BY item_id, negative_id LIMIT ?
                """, arguments: [annotator, after?.itemID ?? "", after?.negativeID ?? "", limit])
            var out: [NegativeKey] = []
            while let row = try rows.next() {
                out.append(NegativeKey(itemID: row["item_id"] ?? "", negativeID: row["negative_id"] ?? ""))
            }
            return out
        }
    }

    /// This annotator's counts by verdict.
    public func summary() throws -> ReviewSummary {
        try read("count the decisions") { db in
            var s = ReviewSummary()
            let rows = try Row.fetchCursor(db, sql: "SELECT verdict, COUNT(*) AS n FROM decisions WHERE annotator = ? GROUP BY verdict",
                                           arguments: [annotator])
            while let row = try rows.next() {
                let n: Int = row["n"] ?? 0
                switch Verdict(rawValue: row["verdict"] ?? "") {
                case .accept: s.accepted += n
                case .reject: s.rejected += n
                case .skip: s.skipped += n
                case nil: break
                }
            }
            return s
        }
    }

    /// Every current decision of this annotator, by negative.
    public func currentDecisions() throws -> [NegativeKey: Decision] {
        var out: [NegativeKey: Decision] = [:]
        try forEachDecision(annotator: annotator) { out[$0.key] = $0 }
        return out
    }

    // MARK: - Every annotator (stats, export)

    /// Calls `body` for every decision (of `annotator`, or of everyone), ordered by item, negative, annotator,
    /// without loading them all; the whole walk sees one consistent snapshot.
    public func forEachDecision(annotator: String?, _ body: (Decision) throws -> Void) throws {
        try read("read the decisions") { db in
            let rows: RowCursor
            if let annotator {
                rows = try Row.fetchCursor(db, sql: "SELECT * FROM decisions WHERE annotator = ? ORDER BY item_id, negative_id",
                                           arguments: [annotator])
            } else {
                rows = try Row.fetchCursor(db, sql: "SELECT * FROM decisions ORDER BY item_id, negative_id, annotator")
            }
            while let row = try rows.next() {
                if let d = DecisionRow.decision(from: row) { try body(d) }
            }
        }
    }

    /// Streams: `ORDER BY item_id` compares with SQLite's BINARY collation,
    /// the bytes of the text, which is `IDOrder`.
    public func forEachDecisionByItemID(annotator: String?, _ body: (Decision) throws -> Void) throws {
        try forEachDecision(annotator: annotator, body)
    }

    /// Every annotator's decisions on one item (for export, one item at a time).
    public func allDecisions(itemID: String) throws -> [Decision] {
        try read("read the decisions on \(itemID)") { db in
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM decisions WHERE item_id = ? ORDER BY negative_id, annotator",
                                        arguments: [itemID])
            return rows.compactMap(DecisionRow.decision(from:))
        }
    }

    /// The annotators that have at least one decision, sorted.
    public func annotators() throws -> [String] {
        try read("list the annotators") { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT annotator FROM decisions ORDER BY annotator")
        }
    }

    /// Every settlement, ordered by negative; none in a store from before settlements existed.
    public func settlements() throws -> [Settlement] {
        try read("read the settlements") { db in
            guard try db.tableExists("settlements") else { return [] }
            return try Row.fetchAll(db, sql: "SELECT * FROM settlements ORDER BY item_id, negative_id").compactMap(Self.settlement(from:))
        }
    }

    /// Records (or with `verdict` nil removes) the final verdict on `key`, committed before it returns.
    @discardableResult
    public func settle(_ key: NegativeKey, verdict: Verdict?, contentHash: String, note: String?, adjudicator: String) throws -> Settlement? {
        let s = try verdict.map { try Settlement.make(key, verdict: $0, contentHash: contentHash, note: note, adjudicator: adjudicator, path: path) }
        return try write("settle \(key.itemID)/\(key.negativeID)") { tx in
            if let s { try Self.upsert(s, tx.db) } else {
                try tx.db.execute(sql: "DELETE FROM settlements WHERE item_id = ? AND negative_id = ?",
                                  arguments: [key.itemID, key.negativeID])
            }
            return s
        }
    }

    private static func upsert(_ s: Settlement, _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO settlements (item_id, negative_id, verdict, adjudicator, note, time, content_hash)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (item_id, negative_id) DO UPDATE SET verdict = excluded.verdict, adjudicator = excluded.adjudicator,
                note = excluded.note, time = excluded.time, content_hash = excluded.content_hash
            """, arguments: [s.key.itemID, s.key.negativeID, s.verdict.rawValue, s.adjudicator, s.note,
                             DecisionChanges.millis(s.time), s.contentHash])
    }

    private static func settlement(from row: Row) -> Settlement? {
        Settlement.from(itemID: row["item_id"] ?? "", negativeID: row["negative_id"] ?? "", verdict: row["verdict"] ?? "",
                        adjudicator: row["adjudicator"] ?? "", note: row["note"], millis: row["time"] ?? 0,
                        contentHash: row["content_hash"] ?? "")
    }

    /// The change log, oldest first (of `annotator`, or of everyone).
    public func history(annotator: String? = nil) throws -> [HistoryEntry] {
        try read("read the history") { db in
            let rows = annotator == nil
                ? try Row.fetchAll(db, sql: "SELECT * FROM history ORDER BY id")
                : try Row.fetchAll(db, sql: "SELECT * FROM history WHERE annotator = ? ORDER BY id", arguments: [annotator])
            return rows.map { HistoryEntry(row: $0) }
        }
    }

    /// The file, as `store copy` names it.
    public var shownLocation: String { path }

    /// Adds decisions and log entries in one transaction (see `CopyableStore`).
    public func importRecords(decisions: [Decision], history: [HistoryEntry], settlements: [Settlement]) throws {
        try write("copy decisions into the store") { tx in
            for s in settlements { try Self.upsert(s, tx.db) }
            for d in decisions {
                try SQLiteTransaction(db: tx.db, annotator: d.annotator).upsert(d)
            }
            var newID: [Int64: Int64] = [:]
            for e in history {
                try tx.db.execute(sql: """
                    INSERT INTO history (annotator, item_id, negative_id, action, before, after, time)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [e.annotator, e.key.itemID, e.key.negativeID, e.action, DecisionCoding.encodeState(e.before),
                                     DecisionCoding.encodeState(e.after), DecisionChanges.millis(e.time)])
                newID[e.id] = tx.db.lastInsertedRowID
            }
            for e in history where e.undoneBy != nil {
                try tx.db.execute(sql: "UPDATE history SET undone_by = ? WHERE id = ?",
                                  arguments: [StoreCopy.remapUndone(e, newID), newID[e.id]])
            }
        }
    }

    /// `PRAGMA integrity_check`: `["ok"]` for a sound store, otherwise SQLite's findings.
    public func integrityCheck() throws -> [String] {
        try read("check the store") { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
    }

    // MARK: - Internals

    /// One short IMMEDIATE transaction: the write lock is taken up front, so a
    /// concurrent writer waits (busy timeout) instead of failing on upgrade.
    private func write<T>(_ doing: String, _ body: (SQLiteTransaction) throws -> T) throws -> T {
        if isReadOnly { throw ReviewStoreError(path: path, message: "is open read-only; cannot \(doing)") }
        // Nothing is written to a store before its integrity check has passed.
        try integrity.wait()
        var result: T?
        do {
            try dbQueue.inTransaction(.immediate) { db in
                result = try body(SQLiteTransaction(db: db, annotator: annotator))
                return .commit
            }
        } catch let e as ReviewStoreError {
            throw e
        } catch {
            throw Self.describe(error, path: path, doing: doing)
        }
        guard let result else { throw ReviewStoreError(path: path, message: "could not \(doing)") }
        return result
    }

    private func read<T>(_ doing: String, _ body: (Database) throws -> T) throws -> T {
        try integrity.failIfDamaged()
        do {
            return try dbQueue.read(body)
        } catch let e as ReviewStoreError {
            throw e
        } catch {
            throw Self.describe(error, path: path, doing: doing)
        }
    }

    static func describe(_ error: Error, path: String, doing: String) -> ReviewStoreError {
        if let db = error as? DatabaseError {
            let why: String
            switch db.resultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                why = "the store stayed locked by another process for more than \(Int(busyTimeout)) s"
            case .SQLITE_NOTADB:
                why = "the file is not an SQLite database"
            case .SQLITE_CORRUPT:
                why = "the store is damaged (\(db.message ?? "corrupt"))"
            case .SQLITE_CANTOPEN:
                why = "cannot open the file (does its folder exist, is it writable?)"
            case .SQLITE_READONLY:
                why = "the file or its folder is read-only"
            default:
                why = db.message ?? "\(db.resultCode)"
            }
            return ReviewStoreError(path: path, message: "could not \(doing): \(why)")
        }
        return ReviewStoreError(path: path, message: "could not \(doing): \(error)")
    }
}

/// One write transaction of the SQLite store, as `DecisionChanges` uses it.
struct SQLiteTransaction: DecisionTransaction {
    let db: Database
    let annotator: String

    func current(_ key: NegativeKey) throws -> Decision? {
        try Row.fetchOne(db, sql: "SELECT * FROM decisions WHERE item_id = ? AND negative_id = ? AND annotator = ?",
                         arguments: [key.itemID, key.negativeID, annotator]).flatMap(DecisionRow.decision(from:))
    }

    /// Puts `d` in place as its annotator's decision.
    func upsert(_ d: Decision) throws {
        try db.execute(sql: """
            INSERT INTO decisions (item_id, negative_id, annotator, verdict, note, tags, time, content_hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (item_id, negative_id, annotator) DO UPDATE SET
                verdict = excluded.verdict, note = excluded.note, tags = excluded.tags,
                time = excluded.time, content_hash = excluded.content_hash
            """, arguments: [d.key.itemID, d.key.negativeID, d.annotator, d.verdict.rawValue, d.note,
                             DecisionCoding.encodeTags(d.tags), DecisionChanges.millis(d.time), d.contentHash])
    }

    @discardableResult
    func apply(_ key: NegativeKey, action: String, before: Decision?, after: Decision?) throws -> Int64 {
        if let after {
            try upsert(after)
        } else {
            try db.execute(sql: "DELETE FROM decisions WHERE item_id = ? AND negative_id = ? AND annotator = ?",
                           arguments: [key.itemID, key.negativeID, annotator])
        }
        try db.execute(sql: """
            INSERT INTO history (annotator, item_id, negative_id, action, before, after, time)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [annotator, key.itemID, key.negativeID, action,
                             DecisionCoding.encodeState(before), DecisionCoding.encodeState(after),
                             DecisionChanges.millis(Date())])
        return db.lastInsertedRowID
    }

    func lastUndoable() throws -> LoggedChange? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT id, item_id, negative_id, action, before FROM history
            WHERE annotator = ? AND action != 'undo' AND undone_by IS NULL
            ORDER BY id DESC LIMIT 1
            """, arguments: [annotator]) else { return nil }
        let key = NegativeKey(itemID: row["item_id"] ?? "", negativeID: row["negative_id"] ?? "")
        return LoggedChange(id: row["id"] ?? 0, key: key, action: row["action"] ?? "",
                            before: DecisionCoding.decodeState(row["before"], key: key, annotator: annotator))
    }

    func markUndone(_ id: Int64, by undoID: Int64) throws {
        try db.execute(sql: "UPDATE history SET undone_by = ? WHERE id = ?", arguments: [undoID, id])
    }
}

/// The answer of a store's integrity check, waited for by writes.
private final class IntegrityGate: @unchecked Sendable {
    private let condition = NSCondition()
    private var done = false
    private var failure: ReviewStoreError?

    func finish(_ error: ReviewStoreError?) {
        condition.lock()
        done = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for the answer; throws the damage it found.
    func wait() throws {
        condition.lock()
        while !done { condition.wait() }
        let f = failure
        condition.unlock()
        if let f { throw f }
    }

    /// Throws when the check has already found damage; does not wait.
    func failIfDamaged() throws {
        condition.lock()
        let f = failure
        condition.unlock()
        if let f { throw f }
    }
}
