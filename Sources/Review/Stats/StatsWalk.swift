import SceneData

/// The counting of `ReviewStats`, one item at a time in dataset order: what
/// the streaming and the in-memory computation share.
///
/// What is kept grows with what the report lists (stale, orphaned, ambiguous
/// decisions, conflicts), not with the decisions: a negative judged by one
/// annotator adds its final-agreement count at once and is not remembered;
/// only negatives two or more annotators judged (agreement, alpha, conflicts
/// need them together) are kept with their verdicts and operator.
struct StatsWalk<Source: ReviewItemSource> {
    private let items: Source
    private let annotators: [String]
    private let repeated: [String: [Int]]
    private var r = StatsReport()
    private var unsettled: [NegativeKey: Settlement]
    private var settled: [NegativeKey: Settlement] = [:]
    /// Negatives judged (accept or reject) by two or more annotators: their verdicts and operator.
    private var judged: [NegativeKey: [String: Verdict]] = [:]
    private var operatorOf: [NegativeKey: String] = [:]
    /// Final-agreement tables from the negatives one annotator judged.
    private var singles: [String: [[Int]]] = [:]
    private var lintCounts: LintCounts?

    init(items: Source, annotators: [String], settlements: [Settlement], lints: Bool) {
        self.items = items
        self.annotators = annotators
        unsettled = Settlements.byKey(settlements)
        for a in annotators { r.byAnnotator[a] = Tally() }
        repeated = items.repeatedItemIDs()
        r.repeatedItemIDs = repeated.sorted { ($0.value.first ?? 0) < ($1.value.first ?? 0) }
            .map { RepeatedItemID(id: $0.key, places: $0.value.map(items.place(ofItem:))) }
        if lints { lintCounts = LintCounts() }
    }

    /// Counts item `index` (nil: its line could not be read) with its decisions
    /// (the first item of a repeated id takes them all, as ambiguous) and, when
    /// linting, its findings (lint name, negative position or nil).
    mutating func add(_ index: Int, item: Item?, decisions decisionsHere: [Decision], lints: [(String, Int?)]) {
        r.items += 1
        guard let item else {
            r.unreadableItems += 1
            if let line = items.line(ofItem: index) { r.unreadableLines.append(line) }
            return
        }
        if lintCounts != nil {
            for (name, k) in lints {
                lintCounts?.add(name, operator: k.flatMap { item.negatives.indices.contains($0) ? item.negatives[$0] : nil }
                    .map(PairText.operatorName))
            }
        }
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
            if let s = unsettled.removeValue(forKey: n.key) {
                if let applying = Settlements.applying(s, currentHash: n.hash) { settled[n.key] = applying } else { r.staleSettlements.append(s) }
            }
            r.stale += n.stale
            let fresh = n.current
            if !fresh.isEmpty {
                r.overall.decided += 1
                r.byOperator[op]?.decided += 1
            }
            var verdicts: [String: Verdict] = [:]
            for d in fresh {
                r.overall.verdicts.add(d.verdict)
                r.byOperator[op]?.verdicts.add(d.verdict)
                r.byAnnotator[d.annotator]?.decided += 1
                r.byAnnotator[d.annotator]?.verdicts.add(d.verdict)
                if d.verdict != .skip { verdicts[d.annotator] = d.verdict }
            }
            if verdicts.count >= 2 {
                judged[n.key] = verdicts
                operatorOf[n.key] = op
            } else if let (a, v) = verdicts.first {
                // One judgement: the final verdict is the settlement's, else this one.
                let final = settled[n.key]?.verdict ?? v
                singles[a, default: [[0, 0], [0, 0]]][v == .accept ? 0 : 1][final == .accept ? 0 : 1] += 1
            }
        }
    }

    /// The report, with `orphans` (decisions no item took, by item id) listed as orphaned.
    mutating func finish(orphans: [String: [Decision]]) -> StatsReport {
        for (_, ds) in orphans { r.orphaned += ds.map { OrphanedDecision(decision: $0, itemMissing: true) } }
        r.orphaned.sort { ($0.decision.key, $0.decision.annotator) < ($1.decision.key, $1.decision.annotator) }
        r.stale.sort { ($0.key, $0.annotator) < ($1.key, $1.annotator) }
        r.ambiguous.sort { ($0.key, $0.annotator) < ($1.key, $1.annotator) }
        r.withoutRationale.sort { ($0.key, $0.annotator) < ($1.key, $1.annotator) }
        r.staleSettlements += unsettled.values
        r.staleSettlements.sort { $0.key < $1.key }
        r.settled = settled.count
        ReviewStats.agreement(judged, annotators: annotators, into: &r)
        ReviewStats.adjudicated(judged, settled: settled, operatorOf: operatorOf, singles: singles, into: &r)
        r.lints = lintCounts
        return r
    }
}
