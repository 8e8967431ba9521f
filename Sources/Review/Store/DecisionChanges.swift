import Foundation

/// A change in a store's log that undo can take back.
public struct LoggedChange: Sendable, Hashable {
    /// The log entry's id (increasing).
    public var id: Int64
    /// Which negative.
    public var key: NegativeKey
    /// `record`, `note` or `tags`.
    public var action: String
    /// The decision before the change (nil: there was none).
    public var before: Decision?
    /// A logged change from its parts.
    public init(id: Int64, key: NegativeKey, action: String, before: Decision?) {
        self.id = id; self.key = key; self.action = action; self.before = before
    }
}

/// One open transaction of a store, as the change rules (`DecisionChanges`)
/// need it: each backend (SQLite, PostgreSQL, the tests' memory store)
/// implements these few reads and writes inside its own transaction.
public protocol DecisionTransaction {
    /// Whose decisions the transaction changes.
    var annotator: String { get }
    /// This annotator's current decision on `key`.
    func current(_ key: NegativeKey) throws -> Decision?
    /// Puts `after` in place (nil removes the decision) and logs the change; returns the log entry's id.
    @discardableResult
    func apply(_ key: NegativeKey, action: String, before: Decision?, after: Decision?) throws -> Int64
    /// This annotator's latest change (not an undo) that no undo has taken back yet.
    func lastUndoable() throws -> LoggedChange?
    /// Marks the change `id` as taken back by the undo entry `undoID`.
    func markUndone(_ id: Int64, by undoID: Int64) throws
}

/// The rules of changing decisions, the same for every store: what a new
/// decision keeps of the old one, when a change is no change (and so no undo
/// step), and what undo restores.
public enum DecisionChanges {
    /// Milliseconds since the Unix epoch: the precision every store keeps.
    public static func millis(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    /// The date for stored milliseconds.
    public static func date(millis: Int64) -> Date {
        Date(timeIntervalSince1970: Double(millis) / 1000)
    }

    /// Now, at the stores' precision, so a returned decision equals the one read back.
    public static func now() -> Date { date(millis: millis(Date())) }

    /// Records (or replaces) the decision; `note`/`tags` nil keep the current ones, an empty note clears it.
    public static func record(_ tx: some DecisionTransaction, _ key: NegativeKey, verdict: Verdict, contentHash: String,
                              note: String?, tags: [String]?) throws -> Decision {
        let before = try tx.current(key)
        let after = Decision(key: key, annotator: tx.annotator, verdict: verdict,
                             note: note.map { $0.isEmpty ? nil : $0 } ?? before?.note,
                             tags: tags.map(ReasonTag.normalize) ?? before?.tags ?? [],
                             time: now(), contentHash: contentHash)
        if let before, sameContent(before, after) { return before }
        try tx.apply(key, action: "record", before: before, after: after)
        return after
    }

    /// Sets (or with nil or "" clears) the note; nil when there is no decision on `key`.
    public static func setNote(_ tx: some DecisionTransaction, _ key: NegativeKey, note: String?) throws -> Decision? {
        try change(tx, key, action: "note") { $0.note = (note?.isEmpty ?? true) ? nil : note }
    }

    /// Sets the reason tags (normalised); nil when there is no decision on `key`.
    public static func setTags(_ tx: some DecisionTransaction, _ key: NegativeKey, tags: [String]) throws -> Decision? {
        try change(tx, key, action: "tags") { $0.tags = ReasonTag.normalize(tags) }
    }

    /// Reverts the annotator's latest change not yet undone, restoring the state before it.
    public static func undoLast(_ tx: some DecisionTransaction) throws -> UndoResult? {
        guard let change = try tx.lastUndoable() else { return nil }
        let current = try tx.current(change.key)
        let undoID = try tx.apply(change.key, action: "undo", before: current, after: change.before)
        try tx.markUndone(change.id, by: undoID)
        return UndoResult(key: change.key, restored: change.before, action: change.action)
    }

    private static func change(_ tx: some DecisionTransaction, _ key: NegativeKey, action: String,
                               _ edit: (inout Decision) -> Void) throws -> Decision? {
        guard let before = try tx.current(key) else { return nil }
        var after = before
        edit(&after)
        if sameContent(before, after) { return before }
        after.time = now()
        try tx.apply(key, action: action, before: before, after: after)
        return after
    }

    /// True when the two differ at most in time: recording one over the other changes nothing.
    public static func sameContent(_ a: Decision, _ b: Decision) -> Bool {
        a.verdict == b.verdict && a.note == b.note && a.tags == b.tags && a.contentHash == b.contentHash
    }
}
