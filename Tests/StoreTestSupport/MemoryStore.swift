import Foundation
import Review

/// A decision store in memory: the stand-in for a real store in the Inspector
/// tests. It keeps the same contract as `SQLiteReviewStore` (the store
/// contract suite runs against both): several `MemoryStore`s over one
/// `Storage` behave like connections to one store file, so "reopening" and
/// "a second annotator" can be tested without a disk.
public final class MemoryStore: DecisionStore, SettlementStore, @unchecked Sendable {
    /// What every store opened on it shares: the stand-in for the file or the server.
    public final class Storage: @unchecked Sendable {
        fileprivate let lock = NSLock()
        fileprivate var decisions: [String: [NegativeKey: Decision]] = [:]
        fileprivate var log: [Change] = []
        fileprivate var settled: [NegativeKey: Settlement] = [:]
        /// Resume marks by annotator and dataset: position, item id and the log length counted.
        fileprivate var marks: [String: (mark: ResumeMark, counted: Int)] = [:]
        /// An empty store.
        public init() {}
    }

    fileprivate struct Change {
        var annotator: String
        var key: NegativeKey
        var action: String
        var before: Decision?
        var undone = false
    }

    /// The storage, locked, as `DecisionChanges` changes it.
    fileprivate struct MemoryTransaction: DecisionTransaction {
        let storage: Storage
        let annotator: String

        func current(_ key: NegativeKey) throws -> Decision? { storage.decisions[annotator]?[key] }

        func apply(_ key: NegativeKey, action: String, before: Decision?, after: Decision?) throws -> Int64 {
            storage.log.append(Change(annotator: annotator, key: key, action: action, before: before))
            storage.decisions[annotator, default: [:]][key] = after
            return Int64(storage.log.count - 1)
        }

        func lastUndoable() throws -> LoggedChange? {
            guard let i = storage.log.lastIndex(where: { $0.annotator == annotator && $0.action != "undo" && !$0.undone })
            else { return nil }
            let c = storage.log[i]
            return LoggedChange(id: Int64(i), key: c.key, action: c.action, before: c.before)
        }

        func markUndone(_ id: Int64, by undoID: Int64) throws { storage.log[Int(id)].undone = true }
    }

    /// Whose decisions this store reads and writes.
    public let annotator: String
    /// The shared contents.
    public let storage: Storage

    /// A store for `annotator` over `storage` (a fresh, empty one by default).
    public init(annotator: String = "tester", storage: Storage = Storage()) {
        self.annotator = annotator
        self.storage = storage
    }

    /// This annotator's current decisions.
    public var current: [NegativeKey: Decision] { locked { storage.decisions[annotator] ?? [:] } }

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        storage.lock.lock(); defer { storage.lock.unlock() }
        return try body()
    }

    /// Runs `body` as one transaction: the storage stays locked throughout.
    private func write<T>(_ body: (MemoryTransaction) throws -> T) rethrows -> T {
        try locked { try body(MemoryTransaction(storage: storage, annotator: annotator)) }
    }

    @discardableResult
    public func record(_ key: NegativeKey, verdict: Verdict, contentHash: String, note: String?, tags: [String]?) throws -> Decision {
        try write { try DecisionChanges.record($0, key, verdict: verdict, contentHash: contentHash, note: note, tags: tags) }
    }

    @discardableResult
    public func setNote(_ key: NegativeKey, note: String?) throws -> Decision? {
        try write { try DecisionChanges.setNote($0, key, note: note) }
    }

    @discardableResult
    public func setTags(_ key: NegativeKey, tags: [String]) throws -> Decision? {
        try write { try DecisionChanges.setTags($0, key, tags: tags) }
    }

    /// The mark, unless an undo by this annotator came after it (as the real stores).
    public func resumeMark(dataset: String) throws -> ResumeMark? {
        locked {
            guard let m = storage.marks[annotator + "\u{1F}" + dataset] else { return nil }
            let undone = storage.log[m.counted...].contains { $0.annotator == annotator && $0.action == "undo" }
            return undone ? nil : m.mark
        }
    }

    public func saveResumeMark(dataset: String, mark: ResumeMark) throws {
        locked { storage.marks[annotator + "\u{1F}" + dataset] = (mark, storage.log.count) }
    }

    public func undoLast() throws -> UndoResult? {
        try write { try DecisionChanges.undoLast($0) }
    }

    public func decisions(itemID: String) throws -> [String: Decision] {
        var out: [String: Decision] = [:]
        for (k, d) in current where k.itemID == itemID { out[k.negativeID] = d }
        return out
    }

    public func decidedKeys() throws -> Set<NegativeKey> { Set(current.keys) }

    public func summary() throws -> ReviewSummary {
        var s = ReviewSummary()
        for d in current.values { s.add(d.verdict) }
        return s
    }

    public func currentDecisions() throws -> [NegativeKey: Decision] { current }

    // MARK: - AllDecisionsSource

    public func forEachDecision(annotator: String?, _ body: (Decision) throws -> Void) throws {
        let all = locked { storage.decisions }
        let rows = all.filter { annotator == nil || $0.key == annotator }.flatMap(\.value.values)
        for d in rows.sorted(by: { ($0.key, $0.annotator) < ($1.key, $1.annotator) }) { try body(d) }
    }

    public func allDecisions(itemID: String) throws -> [Decision] {
        var out: [Decision] = []
        try forEachDecision(annotator: nil) { if $0.key.itemID == itemID { out.append($0) } }
        return out
    }

    public func annotators() throws -> [String] {
        locked { storage.decisions.filter { !$0.value.isEmpty }.keys.sorted() }
    }

    // MARK: - SettlementStore

    public func settlements() throws -> [Settlement] {
        locked { storage.settled.values.sorted { $0.key < $1.key } }
    }

    @discardableResult
    public func settle(_ key: NegativeKey, verdict: Verdict?, contentHash: String, note: String?, adjudicator: String) throws -> Settlement? {
        let s = try verdict.map { try Settlement.make(key, verdict: $0, contentHash: contentHash, note: note,
                                                      adjudicator: adjudicator, path: ":memory:") }
        locked { storage.settled[key] = s }
        return s
    }
}
