import Foundation

/// An adjudicator's final verdict on a negative whose annotators disagreed
/// (`scenelens review`). It is per negative, not per annotator: there is one
/// final verdict, and `export` and `stats` use it over the annotators' ones.
public struct Settlement: Sendable, Hashable {
    /// The negative.
    public var key: NegativeKey
    /// The final verdict: accept or reject (a skip settles nothing).
    public var verdict: Verdict
    /// Who settled it.
    public var adjudicator: String
    /// Why, in the adjudicator's words.
    public var note: String?
    /// When (UTC; stored as Unix milliseconds).
    public var time: Date
    /// Hash of the negative's content when it was settled: a settlement on content
    /// that changed since is stale and applies no more, as a stale decision.
    public var contentHash: String

    /// A settlement from its parts.
    public init(key: NegativeKey, verdict: Verdict, adjudicator: String, note: String? = nil, time: Date, contentHash: String) {
        self.key = key; self.verdict = verdict; self.adjudicator = adjudicator; self.note = note
        self.time = time; self.contentHash = contentHash
    }
}

/// A store that records settlements (every store `scenelens review` writes to).
public protocol SettlementStore: AllDecisionsSource {
    /// Records (or replaces) the final verdict on `key`, durably; `verdict` nil
    /// reopens the conflict (removes the settlement). Returns what is stored now.
    @discardableResult
    func settle(_ key: NegativeKey, verdict: Verdict?, contentHash: String, note: String?, adjudicator: String) throws -> Settlement?
}

extension Settlement {
    /// The settlement a `settle` call stores, checked: only accept or reject settle a conflict.
    public static func make(_ key: NegativeKey, verdict: Verdict, contentHash: String, note: String?,
                            adjudicator: String, path: String) throws -> Settlement {
        guard verdict != .skip else {
            throw ReviewStoreError(path: path, message: "a conflict is settled by accept or reject, not skip")
        }
        let trimmed = note?.trimmingCharacters(in: .whitespacesAndNewlines)
        // Milliseconds, as the stores keep them, so the value read back is the value returned.
        return Settlement(key: key, verdict: verdict, adjudicator: adjudicator,
                          note: (trimmed?.isEmpty ?? true) ? nil : trimmed,
                          time: DecisionChanges.date(millis: DecisionChanges.millis(Date())), contentHash: contentHash)
    }

    /// A settlement from its columns; nil when the verdict is not accept or reject.
    public static func from(itemID: String, negativeID: String, verdict: String, adjudicator: String,
                            note: String?, millis: Int64, contentHash: String) -> Settlement? {
        guard let v = Verdict(rawValue: verdict), v != .skip else { return nil }
        return Settlement(key: NegativeKey(itemID: itemID, negativeID: negativeID), verdict: v, adjudicator: adjudicator,
                          note: note, time: DecisionChanges.date(millis: millis), contentHash: contentHash)
    }
}

/// The one rule for which settlement applies, shared by `stats`, `export` and `review`.
public enum Settlements {
    /// Settlements by negative.
    public static func byKey(_ settlements: [Settlement]) -> [NegativeKey: Settlement] {
        Dictionary(settlements.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// `settlement` when it was made on the negative as it is now (`currentHash`);
    /// nil when there is none or the negative changed since (a stale settlement applies no more).
    public static func applying(_ settlement: Settlement?, currentHash: String) -> Settlement? {
        guard let settlement, settlement.contentHash == currentHash else { return nil }
        return settlement
    }
}
