import Foundation

/// What an annotator said about one negative.
public enum Verdict: String, Sendable, Hashable, CaseIterable {
    case accept, reject, skip
}

/// Identifies one negative of one item.
public struct NegativeKey: Sendable, Hashable, Comparable {
    public var itemID: String
    public var negativeID: String
    /// A key from its parts.
    public init(itemID: String, negativeID: String) { self.itemID = itemID; self.negativeID = negativeID }
    /// Orders by item id, then negative id.
    public static func < (a: NegativeKey, b: NegativeKey) -> Bool {
        (a.itemID, a.negativeID) < (b.itemID, b.negativeID)
    }
}

/// A decision as stored: one per (item, negative, annotator).
public struct Decision: Sendable, Hashable {
    public var key: NegativeKey
    public var annotator: String
    public var verdict: Verdict
    public var note: String?
    /// Reason tags: the documented set (`ReasonTag`) plus free ones.
    public var tags: [String]
    public var time: Date
    /// Hash of the negative's content when the decision was made (see `ContentHash`).
    public var contentHash: String
    /// A decision from its parts.
    public init(key: NegativeKey, annotator: String, verdict: Verdict, note: String? = nil,
                tags: [String] = [], time: Date, contentHash: String) {
        self.key = key; self.annotator = annotator; self.verdict = verdict; self.note = note
        self.tags = tags; self.time = time; self.contentHash = contentHash
    }
}

/// What undo did: which negative it went back to and what that negative's
/// decision is now (nil: undecided again).
public struct UndoResult: Sendable, Hashable {
    public var key: NegativeKey
    public var restored: Decision?
    /// The kind of change taken back, as the history names it (`record`, `note`, `tags`);
    /// nil when the store does not say.
    public var action: String?
    /// An undo result from its parts.
    public init(key: NegativeKey, restored: Decision?, action: String? = nil) {
        self.key = key; self.restored = restored; self.action = action
    }
}

/// Counts of one annotator's current decisions.
public struct ReviewSummary: Sendable, Hashable {
    public var accepted = 0
    public var rejected = 0
    public var skipped = 0
    /// Decided negatives (any verdict).
    public var decided: Int { accepted + rejected + skipped }
    /// Counts from their parts.
    public init(accepted: Int = 0, rejected: Int = 0, skipped: Int = 0) {
        self.accepted = accepted; self.rejected = rejected; self.skipped = skipped
    }
    /// Counts one more decision with this verdict.
    public mutating func add(_ verdict: Verdict) {
        switch verdict {
        case .accept: accepted += 1
        case .reject: rejected += 1
        case .skip: skipped += 1
        }
    }
}

/// Where decisions live. Every mutating call is durable when it returns: the
/// inspector shows a decision as saved only after the call came back.
public protocol DecisionStore: AnyObject {
    /// Whose decisions this store reads and writes.
    var annotator: String { get }
    /// Records (or replaces) this annotator's decision on a negative; keeps the
    /// note and tags already there unless new ones are given.
    @discardableResult
    func record(_ key: NegativeKey, verdict: Verdict, contentHash: String, note: String?, tags: [String]?) throws -> Decision
    /// Sets the note on the decision for `key`; returns nil when there is no decision to attach it to.
    @discardableResult
    func setNote(_ key: NegativeKey, note: String?) throws -> Decision?
    /// Undoes this annotator's last change (also one made before a restart); nil when there is nothing to undo.
    func undoLast() throws -> UndoResult?
    /// This annotator's current decision on each negative of an item, by negative id.
    func decisions(itemID: String) throws -> [String: Decision]
    /// Every negative this annotator has decided.
    func decidedKeys() throws -> Set<NegativeKey>
    /// This annotator's decided negatives after `after` in key order (from
    /// the first when nil), at most `limit`: read a page at a time, a million
    /// keys do not hold the store for a second while a resume or a record waits.
    func decidedKeys(after: NegativeKey?, limit: Int) throws -> [NegativeKey]
    /// This annotator's counts.
    func summary() throws -> ReviewSummary
    /// Sets the reason tags on the decision for `key`; returns nil when there is no decision to attach them to.
    @discardableResult
    func setTags(_ key: NegativeKey, tags: [String]) throws -> Decision?
    /// Every current decision of this annotator, by negative (read once, e.g. to find where to resume).
    func currentDecisions() throws -> [NegativeKey: Decision]
    /// This annotator's resume mark for `dataset` (a file identity, see
    /// `ResumeMark`), nil when there is none or a change made since may have
    /// undone a decision before it (an undo after the mark was set).
    func resumeMark(dataset: String) throws -> ResumeMark?
    /// Sets this annotator's resume mark for `dataset`: every item before
    /// `mark.position` was found finished, with every change up to now counted.
    func saveResumeMark(dataset: String, mark: ResumeMark) throws
}

extension DecisionStore {
    /// Default: re-records the existing verdict with the new tags.
    @discardableResult
    public func setTags(_ key: NegativeKey, tags: [String]) throws -> Decision? {
        guard let existing = try decisions(itemID: key.itemID)[key.negativeID] else { return nil }
        return try record(key, verdict: existing.verdict, contentHash: existing.contentHash, note: nil, tags: tags)
    }

    /// Default: every key read, sorted, and the page cut from it.
    public func decidedKeys(after: NegativeKey?, limit: Int) throws -> [NegativeKey] {
        let all = try decidedKeys().sorted()
        let from = after.map { a in all.firstIndex { $0 > a } ?? all.count } ?? 0
        return Array(all[from...].prefix(limit))
    }

    /// Default: a store that keeps no marks (resuming walks from the first item).
    public func resumeMark(dataset: String) throws -> ResumeMark? { nil }
    /// Default: kept nowhere.
    public func saveResumeMark(dataset: String, mark: ResumeMark) throws {}
    /// A mark without a line place.
    public func saveResumeMark(dataset: String, position: Int, itemID: String) throws {
        try saveResumeMark(dataset: dataset, mark: ResumeMark(position: position, itemID: itemID))
    }

    /// Default: one `decisions(itemID:)` call per decided item.
    public func currentDecisions() throws -> [NegativeKey: Decision] {
        var out: [NegativeKey: Decision] = [:]
        for itemID in Set(try decidedKeys().map(\.itemID)) {
            for (_, d) in try decisions(itemID: itemID) { out[d.key] = d }
        }
        return out
    }
}
