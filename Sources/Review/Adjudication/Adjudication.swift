import Foundation
import SceneData

/// One conflict as the adjudicator sees it: the negative in context, every
/// annotator's current decision on it (verdict, note, tags) and its settlement.
public struct ConflictCase: Sendable {
    /// The negative.
    public var key: NegativeKey
    /// Its item, as the dataset has it now.
    public var item: Item
    /// The negative itself.
    public var negative: Negative
    /// Every annotator's decision on the negative as it is now (stale ones left
    /// out), skips included, sorted by annotator.
    public var decisions: [Decision]
    /// The settlement that applies, if it is settled.
    public var settlement: Settlement?
    /// The content hash a settlement made now records.
    public var contentHash: String { ContentHash.of(negative, in: item) }

    /// One JSON object (`scenelens review --list --json`): the negative, every decision, the settlement or null.
    public var jsonLine: String {
        JSONValue.object([
            ("id", .string(key.itemID)), ("negative_id", .string(key.negativeID)),
            ("operator", .string(PairText.operatorName(negative))),
            ("decisions", .array(decisions.map { d in
                .object([("annotator", .string(d.annotator)), ("verdict", .string(d.verdict.rawValue)),
                         ("note", JSONText.string(d.note)), ("tags", .array(d.tags.map(JSONValue.string)))])
            })),
            ("settled", settlement.map { s in
                .object([("verdict", .string(s.verdict.rawValue)), ("adjudicator", .string(s.adjudicator)),
                         ("note", JSONText.string(s.note)), ("time", .string(JSONText.time(s.time)))])
            } ?? .null),
        ]).jsonText
    }
}

/// `scenelens review`: finding the conflicts (the same ones `stats` lists) and settling them.
public enum Adjudication {
    /// Every conflict of the dataset in key order, with its decisions and
    /// settlement; `includeSettled` false leaves the settled ones out.
    public static func conflicts(items: some ReviewItemSource & Sendable, store: any AllDecisionsSource,
                                 includeSettled: Bool = true) throws -> [ConflictCase] {
        let report = try ReviewStats.compute(items: items, store: store)
        var out: [ConflictCase] = []
        for c in report.conflicts where includeSettled || c.settlement == nil {
            guard let item = items.reviewItem(id: c.key.itemID), let negative = item.negative(c.key.negativeID) else { continue }
            let hash = ContentHash.of(negative, in: item)
            let decisions = try store.allDecisions(itemID: c.key.itemID)
                .filter { $0.key == c.key && !ContentHash.isStale($0, currentHash: hash) }
                .sorted { $0.annotator < $1.annotator }
            out.append(ConflictCase(key: c.key, item: item, negative: negative, decisions: decisions, settlement: c.settlement))
        }
        return out
    }

    /// Settles `conflict` with `verdict` (accept or reject; nil reopens it), durably, and returns it updated.
    public static func settle(_ conflict: ConflictCase, verdict: Verdict?, note: String?, adjudicator: String,
                              in store: any SettlementStore) throws -> ConflictCase {
        var c = conflict
        c.settlement = try store.settle(c.key, verdict: verdict, contentHash: c.contentHash, note: note, adjudicator: adjudicator)
        return c
    }
}
