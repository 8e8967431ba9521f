import Foundation
import Analysis
import Review
import SceneData

/// What a query can ask of one item, worked out once per item: its lint
/// findings and each negative's J and decisions, each only if the query needs it.
public struct ItemFacts: Sendable {
    /// The item.
    public var item: Item
    /// Its 0-based position in the dataset.
    public var index: Int
    /// Findings above info (nil when not asked for).
    public var findings: [LintFinding]?
    /// Every finding, info included (nil when not asked for).
    public var allFindings: [LintFinding]?
    /// J per negative position (nil entries: no SG- and no edits); nil when not asked for.
    public var overlap: [Double?]?
    /// Decisions per negative position; nil when not asked for.
    public var decisions: [NegativeDecisions]?

    /// Works out what `needs` asks for. `decisions`: this item's decisions from
    /// the store; `itemIDRepeats`: another item has this id (its negatives
    /// cannot be decided); `lint`: the item's findings (all severities).
    public init(item: Item, index: Int, needs: QueryNeeds, decisions: [Decision] = [], itemIDRepeats: Bool = false,
                lint: (Item) -> [LintFinding] = { _ in [] }) {
        self.item = item
        self.index = index
        if needs.contains(.lints) {
            allFindings = lint(item)
            findings = allFindings?.filter { $0.severity != .info }
        }
        if needs.contains(.overlap) { overlap = item.negatives.map { Overlap.measure(negative: $0, item: item)?.value } }
        if needs.contains(.decisions) {
            self.decisions = NegativeDecisions.of(item, decisions: decisions, itemIDRepeats: itemIDRepeats)
        }
    }
}

extension NegativeDecisions {
    /// The `verdict` field's values.
    var verdictValues: [String] {
        var out = current.map(\.verdict.rawValue)
        if undecidable != nil { out.append("undecidable") } else if current.isEmpty { out.append("undecided") }
        let verdicts = Set(current.map(\.verdict))
        if verdicts.contains(.accept) && verdicts.contains(.reject) { out.append("conflict") }
        if !stale.isEmpty { out.append("stale") }
        return out
    }
}

/// A field's values for one negative: several for tags or lints, none when absent.
enum FieldValues {
    case numbers([Double])
    case names([String])
}

extension QueryExpr {
    /// Whether the query holds of negative `k` of the item (`k` nil: the item alone, for an item without negatives).
    public func matches(_ facts: ItemFacts, negative k: Int?) -> Bool {
        switch self {
        case .and(let a, let b): a.matches(facts, negative: k) && b.matches(facts, negative: k)
        case .or(let a, let b): a.matches(facts, negative: k) || b.matches(facts, negative: k)
        case .not(let a): !a.matches(facts, negative: k)
        case .test(let t): t.holds(of: facts.values(t.field, negative: k))
        }
    }

    /// The positions of the item's negatives the query holds of; for an item
    /// without negatives, `[]` and whether it holds of the item alone.
    public func matchingNegatives(_ facts: ItemFacts) -> (negatives: [Int], item: Bool) {
        guard !facts.item.negatives.isEmpty else { return ([], matches(facts, negative: nil)) }
        let hits = facts.item.negatives.indices.filter { matches(facts, negative: $0) }
        return (hits, !hits.isEmpty)
    }
}

extension FieldTest {
    func holds(of values: FieldValues) -> Bool {
        switch op {
        case .notEqual: return !FieldTest(field: field, op: .equal, values: self.values).holds(of: values)
        case .notContains: return !FieldTest(field: field, op: .contains, values: self.values).holds(of: values)
        default: break
        }
        switch values {
        case .numbers(let xs):
            return self.values.contains { v in
                switch v {
                case .none: return xs.isEmpty
                case .number(let y): return xs.contains { compare($0, y) }
                case .range(let a, let b): return xs.contains { x in (a.map { x >= $0 } ?? true) && (b.map { x <= $0 } ?? true) }
                case .text: return false
                }
            }
        case .names(let ns):
            return self.values.contains { v in
                switch v {
                case .none: return ns.isEmpty
                case .text(let t):
                    if op == .contains { return ns.contains { $0.range(of: t, options: [.caseInsensitive, .diacriticInsensitive]) != nil } }
                    if case .ordered(let order) = field.kind, op != .equal, let want = order.firstIndex(of: t) {
                        return ns.contains { n in order.firstIndex(of: n).map { compare(Double($0), Double(want)) } ?? false }
                    }
                    return ns.contains { $0.compare(t, options: [.caseInsensitive]) == .orderedSame }
                case .number(let y): return ns.contains { $0 == QueryValue.format(y) }
                case .range: return false
                }
            }
        }
    }

    private func compare(_ x: Double, _ y: Double) -> Bool {
        switch op {
        case .equal: x == y
        case .less: x < y
        case .lessOrEqual: x <= y
        case .greater: x > y
        case .greaterOrEqual: x >= y
        case .notEqual, .contains, .notContains: false
        }
    }
}

extension ItemFacts {
    /// The number `field` has for negative `k`, nil when it has none (no J
    /// without SG- or edits, no score without a judge) or is not a number.
    public func number(_ field: QueryField, negative k: Int) -> Double? {
        if case .numbers(let xs) = values(field, negative: k) { return xs.first }
        return nil
    }

    /// The values of `field` for negative `k` (nil: the item alone).
    func values(_ field: QueryField, negative k: Int?) -> FieldValues {
        let negative = k.flatMap { item.negatives.indices.contains($0) ? item.negatives[$0] : nil }
        func number(_ x: Double?) -> FieldValues { .numbers(x.map { [$0] } ?? []) }
        func score(_ pick: (Scores) -> Double?) -> Double? {
            negative?.scores.flatMap(pick) ?? item.scores.flatMap(pick)
        }
        var decided: NegativeDecisions?
        if let k, let all = decisions, all.indices.contains(k) { decided = all[k] }
        switch field.name {
        case "id": return .names([item.id])
        case "item": return number(Double(index))
        case "negative": return .names(negative.map { [$0.id] } ?? [])
        case "operator": return .names(negative.map { [PairText.operatorName($0)] } ?? [])
        case "j": return number(k.flatMap { overlap?.indices.contains($0) == true ? overlap?[$0] : nil })
        case "confidence": return number(negative == nil ? nil : score { $0.confidence })
        case "score.chosen": return number(negative == nil ? nil : score { $0.chosen })
        case "score.rejected": return number(negative == nil ? nil : score { $0.rejected })
        case "margin":
            guard negative != nil, let c = score({ $0.chosen }), let r = score({ $0.rejected }) else { return .numbers([]) }
            return .numbers([c - r])
        case "steps": return number(negative.map { Double($0.rationale.steps.count) })
        case "attention":
            // The lowest share of the negative's own maps (the one an off-target lint would be about),
            // else of the item's (the chosen rationale's, the focus map), as confidence falls back to the item's scores.
            guard let k else { return .numbers([]) }
            let shares = (allFindings ?? []).filter { $0.name == Lint.attentionShare.name }
            let own = shares.filter { $0.negativeIndex == k }.compactMap(\.value)
            return number(own.min() ?? shares.filter { $0.negativeIndex == nil }.compactMap(\.value).min())
        case "lint", "severity":
            let here = (findings ?? []).filter { f in f.negativeIndex == nil || f.negativeIndex == k }
            return .names(field.name == "lint" ? here.map(\.name) : here.map(\.severity.rawValue))
        case "verdict": return .names(decided?.verdictValues ?? [])
        case "annotator": return .names(decided?.current.map(\.annotator) ?? [])
        case "tag": return .names(decided?.current.flatMap(\.tags) ?? [])
        case "note": return .names(decided?.current.compactMap(\.note) ?? [])
        case "question": return .names([item.question])
        case "answer": return .names([item.answer])
        case "text":
            var texts = [item.question, item.answer] + item.chosen.steps + (item.chosen.answer.map { [$0] } ?? [])
            if let negative { texts += negative.rationale.steps + (negative.rationale.answer.map { [$0] } ?? []) }
            return .names(texts)
        default:
            if field.name.hasPrefix("score.") {
                let key = String(field.name.dropFirst(6))
                return number(negative == nil ? nil : score { $0.other[key] })
            }
            return .names([])
        }
    }
}
