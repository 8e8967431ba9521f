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
    /// Walks the dataset once in order, matching each item's decisions from the store.
    public static func compute(items: some ReviewItemSource, store: any AllDecisionsSource) throws -> StatsReport {
        var pending: [String: [Decision]] = [:]
        try store.forEachDecision { pending[$0.key.itemID, default: []].append($0) }
        return compute(items: items, decisions: pending, settlements: try store.settlements())
    }

    /// The same from decisions already grouped by item id, and the store's settlements.
    public static func compute(items: some ReviewItemSource, decisions: [String: [Decision]],
                               settlements: [Settlement] = []) -> StatsReport {
        var pending = decisions
        var unsettled = Settlements.byKey(settlements)
        var settled: [NegativeKey: Settlement] = [:]
        var operatorOf: [NegativeKey: String] = [:]
        var r = StatsReport()
        let annotators = Set(decisions.values.joined().map(\.annotator)).sorted()
        for a in annotators { r.byAnnotator[a] = Tally() }
        // Judgements (accept/reject) per negative, for agreement.
        var judged: [NegativeKey: [String: Verdict]] = [:]
        let repeated = items.repeatedItemIDs()
        r.repeatedItemIDs = repeated.sorted { ($0.value.first ?? 0) < ($1.value.first ?? 0) }
            .map { RepeatedItemID(id: $0.key, places: $0.value.map(items.place(ofItem:))) }
        for i in 0..<items.itemCount {
            r.items += 1
            guard let item = items.reviewItem(at: i) else {
                r.unreadableItems += 1
                if let line = items.line(ofItem: i) { r.unreadableLines.append(line) }
                continue
            }
            // The first item with a repeated id takes its decisions (all ambiguous); later ones find none.
            let decisionsHere = pending.removeValue(forKey: item.id) ?? []
            let repeats = repeated[item.id] != nil
            let sharedIDs = item.duplicateNegativeIDs
            let negativeIDs = Set(item.negatives.map(\.id))
            var judgeable: [Decision] = []
            for d in decisionsHere {
                if repeats || sharedIDs.contains(d.key.negativeID) { r.ambiguous.append(d) }
                else if !negativeIDs.contains(d.key.negativeID) { r.orphaned.append(OrphanedDecision(decision: d, itemMissing: false)) }
                else { judgeable.append(d) }
            }
            for (negative, n) in zip(item.negatives, NegativeDecisions.of(item, decisions: judgeable, itemIDRepeats: repeats)) {
                let op = PairText.operatorName(negative)
                r.overall.negatives += 1
                r.byOperator[op, default: Tally()].negatives += 1
                for a in annotators { r.byAnnotator[a]?.negatives += 1 }
                // Counted apart exactly as `export` skips them, so the two tell the same story.
                if let reason = n.undecidable {
                    r.undecidable[reason, default: 0] += 1
                    r.overall.undecidable += 1
                    r.byOperator[op]?.undecidable += 1
                    for a in annotators { r.byAnnotator[a]?.undecidable += 1 }
                    if reason == .noRationale { r.withoutRationale += n.all }
                    continue
                }
                operatorOf[n.key] = op
                if let s = unsettled.removeValue(forKey: n.key) {
                    if let applying = Settlements.applying(s, currentHash: n.hash) { settled[n.key] = applying } else { r.staleSettlements.append(s) }
                }
                r.stale += n.stale
                let fresh = n.current
                if !fresh.isEmpty {
                    r.overall.decided += 1
                    r.byOperator[op]?.decided += 1
                }
                for d in fresh {
                    r.overall.verdicts.add(d.verdict)
                    r.byOperator[op]?.verdicts.add(d.verdict)
                    r.byAnnotator[d.annotator]?.decided += 1
                    r.byAnnotator[d.annotator]?.verdicts.add(d.verdict)
                    if d.verdict != .skip { judged[d.key, default: [:]][d.annotator] = d.verdict }
                }
            }
        }
        for (_, ds) in pending { r.orphaned += ds.map { OrphanedDecision(decision: $0, itemMissing: true) } }
        r.orphaned.sort { ($0.decision.key, $0.decision.annotator) < ($1.decision.key, $1.decision.annotator) }
        r.stale.sort { ($0.key, $0.annotator) < ($1.key, $1.annotator) }
        r.ambiguous.sort { ($0.key, $0.annotator) < ($1.key, $1.annotator) }
        r.withoutRationale.sort { ($0.key, $0.annotator) < ($1.key, $1.annotator) }
        r.staleSettlements += unsettled.values
        r.staleSettlements.sort { $0.key < $1.key }
        r.settled = settled.count
        agreement(judged, annotators: annotators, into: &r)
        adjudicated(judged, settled: settled, operatorOf: operatorOf, into: &r)
        return r
    }

    /// Alpha (overall and per operator), settlements on the conflicts, and each annotator against the final verdicts.
    private static func adjudicated(_ judged: [NegativeKey: [String: Verdict]], settled: [NegativeKey: Settlement],
                                    operatorOf: [NegativeKey: String], into r: inout StatsReport) {
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
        var tables: [String: [[Int]]] = [:]
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

    private static func agreement(_ judged: [NegativeKey: [String: Verdict]], annotators: [String], into r: inout StatsReport) {
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
