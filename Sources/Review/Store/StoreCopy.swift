import Foundation

/// A store whose whole contents (decisions and the change log) can be read
/// and added to another store: what `scenelens store copy` needs.
public protocol CopyableStore: AllDecisionsSource {
    /// Where the store is, fit to show (passwords redacted).
    var shownLocation: String { get }
    /// The change log, oldest first (of `annotator`, or of everyone).
    func history(annotator: String?) throws -> [HistoryEntry]
    /// Adds `decisions`, `history` (oldest first) and `settlements` in one
    /// transaction; log entries get new ids here and `undoneBy` is mapped to
    /// them, so undo goes on working after the copy.
    func importRecords(decisions: [Decision], history: [HistoryEntry], settlements: [Settlement]) throws
}

/// What a copy moved.
public struct StoreCopyResult: Sendable, Hashable {
    /// Decisions copied.
    public var decisions: Int
    /// Change log entries copied.
    public var changes: Int
    /// Annotators whose work was copied.
    public var annotators: [String]
    /// Settlements (adjudicated verdicts) copied.
    public var settlements: Int = 0
}

/// `scenelens store copy`: every annotator's decisions and change log from one store to another.
public enum StoreCopy {
    /// Copies everything in `from` to `to`. Refuses when `to` already holds
    /// decisions or changes by an annotator of `from` (their logs cannot be
    /// merged without losing undo), and checks at the end that `to` holds
    /// exactly what `from` held for those annotators.
    public static func copy(from: some CopyableStore, to: some CopyableStore) throws -> StoreCopyResult {
        let decisions = try from.allDecisions()
        let history = try from.history(annotator: nil)
        let annotators = Set(decisions.map(\.annotator)).union(history.map(\.annotator)).sorted()
        let there = Set(try to.annotators()).union(try to.history(annotator: nil).map(\.annotator))
        let clash = annotators.filter(there.contains)
        if !clash.isEmpty {
            throw ReviewStoreError(path: to.shownLocation, message: """
                already holds work by \(clash.joined(separator: ", ")); copying would mix two change logs. \
                Copy into an empty store (or another --project) instead
                """)
        }
        let settlements = try from.settlements()
        let settledThere = Set(try to.settlements().map(\.key))
        if let first = settlements.first(where: { settledThere.contains($0.key) }) {
            throw ReviewStoreError(path: to.shownLocation, message: "already holds a settlement on "
                + "\(first.key.itemID)/\(first.key.negativeID); copying would replace an adjudicator's verdict. "
                + "Copy into an empty store (or another --project) instead")
        }
        try to.importRecords(decisions: decisions, history: history, settlements: settlements)
        // Counts and contents, annotator by annotator.
        for a in annotators {
            let want = decisions.filter { $0.annotator == a }, got = try to.decisions(annotator: a)
            let wantLog = history.filter { $0.annotator == a }, gotLog = try to.history(annotator: a)
            guard got == want, gotLog.count == wantLog.count,
                  zip(gotLog, wantLog).allSatisfy({ $0.action == $1.action && $0.before == $1.before && $0.after == $1.after
                                                    && ($0.undoneBy == nil) == ($1.undoneBy == nil) }) else {
                throw ReviewStoreError(path: to.shownLocation, message: """
                    the copy does not match for annotator \(a): \(got.count) of \(want.count) decisions, \
                    \(gotLog.count) of \(wantLog.count) changes
                    """)
            }
        }
        let settledNow = Dictionary(try to.settlements().map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        for s in settlements where settledNow[s.key] != s {
            let found = settledNow[s.key].map { "\($0.verdict.rawValue) by \($0.adjudicator)" } ?? "missing"
            throw ReviewStoreError(path: to.shownLocation, message: "the copy does not match: the settlement on "
                + "\(s.key.itemID)/\(s.key.negativeID) is \(found)")
        }
        return StoreCopyResult(decisions: decisions.count, changes: history.count, annotators: annotators,
                               settlements: settlements.count)
    }

    /// `history` with each entry's `undoneBy` mapped through `newID` (old id to new id).
    public static func remapUndone(_ entry: HistoryEntry, _ newID: [Int64: Int64]) -> Int64? {
        entry.undoneBy.flatMap { newID[$0] }
    }
}
