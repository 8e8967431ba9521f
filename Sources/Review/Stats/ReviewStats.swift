import Foundation
import SceneData

/// Counts for one operator or one annotator.
public struct Tally: Sendable, Hashable {
    /// Negatives in the dataset (per operator: of that operator; per annotator: all).
    public var negatives = 0
    /// Of those, decided (per operator: by anyone; per annotator: by them), stale decisions not counted.
    public var decided = 0
    /// Current decisions by verdict.
    public var verdicts = ReviewSummary()
    /// Of the negatives, those that cannot be decided until the dataset is fixed (see `Undecidable`).
    public var undecidable = 0

    /// Negatives that can be decided and are not.
    public var undecided: Int { negatives - decided - undecidable }
    /// accept / (accept + reject); skips are not judgements. nil when there are none.
    public var acceptanceRate: Double? {
        let judged = verdicts.accepted + verdicts.rejected
        return judged == 0 ? nil : Double(verdicts.accepted) / Double(judged)
    }
    /// Empty counts.
    public init() {}
}

/// Agreement between two annotators over the negatives both judged (accept or reject).
public struct PairAgreement: Sendable, Hashable {
    /// The two annotators, in name order.
    public var first: String
    public var second: String
    /// Negatives both accepted or rejected (skips and stale decisions left out).
    public var overlap: Int
    /// Share of those where they gave the same verdict.
    public var observed: Double?
    /// Cohen's kappa; nil when undefined (no overlap, or one verdict only).
    public var kappa: Double?
}

/// Agreement of three or more annotators over the negatives all of them judged.
public struct GroupAgreement: Sendable, Hashable {
    /// Every annotator with a decision, in name order.
    public var annotators: [String]
    /// Negatives all of them judged (accept or reject).
    public var overlap: Int
    /// Fleiss' kappa; nil when undefined.
    public var kappa: Double?
}

/// A negative on which annotators gave opposite verdicts.
public struct Conflict: Sendable, Hashable {
    /// The negative.
    public var key: NegativeKey
    /// Annotator and verdict, sorted by annotator.
    public var verdicts: [(String, Verdict)]
    /// The adjudicator's final verdict (`scenelens review`), when settled on the negative as it is now.
    public var settlement: Settlement?
    /// Same negative, same verdicts by the same annotators, same settlement.
    public static func == (a: Conflict, b: Conflict) -> Bool {
        a.key == b.key && a.verdicts.elementsEqual(b.verdicts) { $0.0 == $1.0 && $0.1 == $1.1 } && a.settlement == b.settlement
    }
    /// Hashes the negative's key.
    public func hash(into h: inout Hasher) { h.combine(key) }
}

/// Krippendorff's alpha (nominal, accept vs reject) over some negatives.
public struct AlphaAgreement: Sendable, Hashable {
    /// Negatives with at least two judgements (accept or reject): the pairable units.
    public var negatives: Int
    /// Judgements on them.
    public var judgements: Int
    /// Alpha; nil when undefined (no pairable negative, or one verdict only).
    public var alpha: Double?
}

/// After adjudication: how one annotator's judgements compare with the final verdicts.
public struct FinalAgreement: Sendable, Hashable {
    /// Negatives this annotator judged that have a final verdict.
    public var compared: Int
    /// Of those, where the annotator's verdict is the final one.
    public var agreed: Int
    /// Cohen's kappa between the annotator and the final verdicts; nil when undefined.
    public var kappa: Double?
    /// agreed / compared; nil when nothing was compared.
    public var observed: Double? { compared == 0 ? nil : Double(agreed) / Double(compared) }
}

/// A decision whose item or negative is no longer in the dataset.
public struct OrphanedDecision: Sendable, Hashable {
    /// The decision as stored.
    public var decision: Decision
    /// True when the whole item is gone (or unreadable); false when only the negative is.
    public var itemMissing: Bool
}

/// An id several items of the dataset have.
public struct RepeatedItemID: Sendable, Hashable {
    /// The id.
    public var id: String
    /// Where its items are: `line 3`, or `item 4` when the source has no lines.
    public var places: [String]
}

/// Everything `scenelens stats` reports.
public struct StatsReport: Sendable {
    /// Items (non-blank lines), unreadable ones included, as every command counts them.
    public var items = 0
    /// Items whose line could not be read (they hold no negatives to count).
    public var unreadableItems = 0
    /// The file lines of the unreadable items, where the source knows them.
    public var unreadableLines: [Int] = []
    /// Every negative and every current decision.
    public var overall = Tally()
    /// By operator (canonical name, or the name as written when unknown).
    public var byOperator: [String: Tally] = [:]
    /// By annotator.
    public var byAnnotator: [String: Tally] = [:]
    /// Cohen's kappa for every pair of annotators who judged a negative in common.
    public var pairs: [PairAgreement] = []
    /// Fleiss' kappa, with three or more annotators.
    public var group: GroupAgreement?
    /// Negatives judged both accept and reject, by key (with their settlement, if any).
    public var conflicts: [Conflict] = []
    /// Krippendorff's alpha over every annotator's judgements (before adjudication); nil without two annotators' judgements.
    public var alpha: AlphaAgreement?
    /// The same per operator (only operators with a pairable negative).
    public var alphaByOperator: [String: AlphaAgreement] = [:]
    /// After adjudication, per annotator: their judgements against the final verdicts (a settlement where a
    /// conflict was settled, the shared verdict where everyone agreed; open conflicts have none).
    public var finalAgreement: [String: FinalAgreement] = [:]
    /// Settlements that apply (made on the negative as it is now).
    public var settled = 0
    /// Settlements whose negative changed since, or is gone: they apply no more.
    public var staleSettlements: [Settlement] = []
    /// Conflicts without a settlement.
    public var openConflicts: Int { conflicts.filter { $0.settlement == nil }.count }
    /// Decisions made on content that has changed since.
    public var stale: [Decision] = []
    /// Decisions whose item or negative is gone.
    public var orphaned: [OrphanedDecision] = []
    /// Decisions on a negative id several negatives of the item share: which
    /// one they judged is unknown, so they are listed and not counted.
    public var ambiguous: [Decision] = []
    /// Negatives that cannot be decided, by reason (counted in `overall.undecidable`).
    public var undecidable: [Undecidable: Int] = [:]
    /// Ids several items have: their negatives cannot be decided, decisions on them are ambiguous.
    public var repeatedItemIDs: [RepeatedItemID] = []
    /// Decisions on negatives without rationale text: listed, not counted.
    public var withoutRationale: [Decision] = []
    /// Lint findings per operator; nil when the caller did not lint (no section is shown).
    public var lints: LintCounts?
}

/// Computes `StatsReport`s.
public enum ReviewStats {
    /// Walks the dataset once in order, matching each item's decisions from
    /// the store as they stream (see `compute(items:store:annotator:lint:)`).
    public static func compute(items: some ReviewItemSource & Sendable, store: any AllDecisionsSource) throws -> StatsReport {
        try compute(items: items, store: store, annotator: nil, settlements: try store.settlements())
    }

    /// The report from the store's decisions (of `annotator`, or everyone's)
    /// joined with the items as both stream: the decisions arrive ordered by
    /// item id (`forEachDecisionByItemID`), the items are read on every core
    /// a batch at a time and taken in dataset order, and an item is counted
    /// once the decisions have passed its id. Only the decisions of items
    /// further on in the file than their id says (a file not sorted by id)
    /// and of ids no item has wait in memory: for a sorted file memory stays
    /// at one batch of items, not one record per decision.
    /// `lint` (optional) gives each item's findings worth counting, worked out
    /// in the same walk on every core (`LintCounts.count` does it in one of its own).
    public static func compute(items: some ReviewItemSource & Sendable, store: any AllDecisionsSource, annotator: String?,
                               settlements: [Settlement] = [],
                               lint: (@Sendable (Item) -> [(name: String, negativeIndex: Int?)])? = nil) throws -> StatsReport {
        let annotators = try annotator.map { [$0] } ?? store.annotators()
        var walk = StatsWalk(items: items, annotators: annotators, settlements: settlements, lints: lint != nil)
        var pending: [String: [Decision]] = [:]
        var reader = OrderedItems(items, parts: lint == nil ? .review : .all) { item in
            item.map { i in lint?(i).map { f in (f.name, f.negativeIndex) } ?? [] } ?? []
        }
        /// Counts every item before the one whose id is `upTo` (all of them when nil), with the decisions waiting for them.
        func countItems(before upTo: String?, taking group: [Decision]) -> Bool {
            while let next = reader.peek() {
                guard let item = next.item else { walk.add(next.index, item: nil, decisions: [], lints: []); reader.drop(); continue }
                if let upTo, !IDOrder.precedes(item.id, upTo) {
                    guard item.id == upTo else { return false }
                    walk.add(next.index, item: item, decisions: group + (pending.removeValue(forKey: item.id) ?? []), lints: next.extra)
                    reader.drop()
                    return true
                }
                walk.add(next.index, item: item, decisions: pending.removeValue(forKey: item.id) ?? [], lints: next.extra)
                reader.drop()
            }
            return false
        }
        var groupID: String?
        var group: [Decision] = []
        func flush() {
            guard let id = groupID else { return }
            if !countItems(before: id, taking: group) { pending[id, default: []] += group }
            group = []
        }
        try store.forEachDecisionByItemID(annotator: annotator) { d in
            if d.key.itemID != groupID { flush(); groupID = d.key.itemID }
            group.append(d)
        }
        flush()
        _ = countItems(before: nil, taking: [])
        return walk.finish(orphans: pending)
    }

    /// The same from decisions already grouped by item id, and the store's settlements.
    public static func compute(items: some ReviewItemSource, decisions: [String: [Decision]],
                               settlements: [Settlement] = []) -> StatsReport {
        var pending = decisions
        let annotators = Set(decisions.values.joined().map(\.annotator)).sorted()
        var walk = StatsWalk(items: items, annotators: annotators, settlements: settlements, lints: false)
        for i in 0..<items.itemCount {
            let item = items.reviewItem(at: i)
            // The first item with a repeated id takes its decisions (all ambiguous); later ones find none.
            walk.add(i, item: item, decisions: item.flatMap { pending.removeValue(forKey: $0.id) } ?? [], lints: [])
        }
        return walk.finish(orphans: pending)
    }

    /// Alpha (overall and per operator), settlements on the conflicts, and each annotator against the final verdicts.
    /// `singles`: the tables' counts from negatives one annotator judged (see `StatsWalk`).
    static func adjudicated(_ judged: [NegativeKey: [String: Verdict]], settled: [NegativeKey: Settlement],
                            operatorOf: [NegativeKey: String], singles: [String: [[Int]]], into r: inout StatsReport) {
        func units(_ keys: [NegativeKey]) -> AlphaAgreement? {
            let rows = keys.compactMap { key -> [Int]? in
                guard let vs = judged[key], vs.count >= 2 else { return nil }
                let accepts = vs.values.filter { $0 == .accept }.count
                return [accepts, vs.count - accepts]
            }
            guard !rows.isEmpty else { return nil }
            return AlphaAgreement(negatives: rows.count, judgements: rows.joined().reduce(0, +), alpha: Kappa.krippendorffNominal(rows))
        }
        // In key order, so floating-point sums (and the printed figures) are reproducible.
        let keys = judged.keys.sorted()
        r.alpha = units(keys)
        for (op, opKeys) in Dictionary(grouping: keys, by: { operatorOf[$0] ?? "" }) {
            if let a = units(opKeys) { r.alphaByOperator[op] = a }
        }
        for i in r.conflicts.indices { r.conflicts[i].settlement = settled[r.conflicts[i].key] }
        func index(_ v: Verdict) -> Int { v == .accept ? 0 : 1 }
        var tables = singles
        for key in keys {
            guard let vs = judged[key] else { continue }
            let final: Verdict?
            if let s = settled[key] { final = s.verdict } else { final = Set(vs.values).count == 1 ? vs.values.first : nil }
            guard let final else { continue }
            for (a, v) in vs { tables[a, default: [[0, 0], [0, 0]]][index(v)][index(final)] += 1 }
        }
        for (a, t) in tables {
            r.finalAgreement[a] = FinalAgreement(compared: t.joined().reduce(0, +), agreed: t[0][0] + t[1][1], kappa: Kappa.cohen(t))
        }
    }

    static func agreement(_ judged: [NegativeKey: [String: Verdict]], annotators: [String], into r: inout StatsReport) {
        func index(_ v: Verdict) -> Int { v == .accept ? 0 : 1 }
        for (ai, a) in annotators.enumerated() {
            for b in annotators[(ai + 1)...] {
                var table = [[0, 0], [0, 0]]
                var n = 0
                for (_, vs) in judged {
                    guard let va = vs[a], let vb = vs[b] else { continue }
                    table[index(va)][index(vb)] += 1
                    n += 1
                }
                guard n > 0 else { continue }
                let observed = Double(table[0][0] + table[1][1]) / Double(n)
                r.pairs.append(PairAgreement(first: a, second: b, overlap: n, observed: observed, kappa: Kappa.cohen(table)))
            }
        }
        if annotators.count >= 3 {
            var rows: [[Int]] = []
            // In key order, so the floating-point sum (and the printed kappa) is reproducible.
            for (_, vs) in judged.sorted(by: { $0.key < $1.key }) where annotators.allSatisfy({ vs[$0] != nil }) {
                let accepts = vs.values.filter { $0 == .accept }.count
                rows.append([accepts, annotators.count - accepts])
            }
            r.group = GroupAgreement(annotators: annotators, overlap: rows.count, kappa: Kappa.fleiss(rows))
        }
        for (key, vs) in judged where Set(vs.values).count > 1 {
            r.conflicts.append(Conflict(key: key, verdicts: vs.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))
        }
        r.conflicts.sort { $0.key < $1.key }
    }
}
