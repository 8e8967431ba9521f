import Foundation
import Analysis
import Review
import SceneData

/// What a query can ask of one item, worked out once per item: its lint
/// findings and each negative's J and decisions, each only if the query needs it.
///
/// Everything but the texts is in `record`, which a `DatasetSummary` keeps
/// between runs; facts made from a summary have no `item`, and a text test
/// is then answered by `textMayContain` (the summary's text index) where it
/// can be, else left unknown for the caller to read the item.
public struct ItemFacts: Sendable {
    /// The item; nil when the facts come from a summary.
    public var item: Item?
    /// Its 0-based position in the dataset.
    public var index: Int
    /// What the query reads besides texts and decisions.
    public var record: ItemRecord
    /// Every finding, info included, as the linter gave them (nil when not
    /// linted here: not asked for, or taken from a summary).
    public var allFindings: [LintFinding]?
    /// Decisions per negative position; nil when not asked for.
    public var decisions: [NegativeDecisions]?
    /// Without `item`: false when the item's texts surely do not contain the
    /// text (ignoring case and accents); nil, or true, when they may.
    public var textMayContain: (@Sendable (String) -> Bool)?

    /// Works out what `needs` asks for. `decisions`: this item's decisions from
    /// the store; `itemIDRepeats`: another item has this id (its negatives
    /// cannot be decided); `lint`: the item's findings (all severities).
    public init(item: Item, index: Int, needs: QueryNeeds, decisions: [Decision] = [], itemIDRepeats: Bool = false,
                lint: (Item) -> [LintFinding] = { _ in [] }) {
        let found = needs.contains(.lints) ? lint(item) : nil
        self.init(record: ItemRecord(item, needs: needs, findings: found), item: item, index: index,
                  decisions: needs.contains(.decisions) ? decisions : nil, itemIDRepeats: itemIDRepeats)
        allFindings = found
    }

    /// Facts from a kept record (a summary's), with the item when it was read.
    /// `decisions`: this item's, nil when the query does not ask about them.
    public init(record: ItemRecord, item: Item? = nil, index: Int, decisions: [Decision]?, itemIDRepeats: Bool,
                textMayContain: (@Sendable (String) -> Bool)? = nil) {
        self.item = item
        self.index = index
        self.record = record
        self.textMayContain = textMayContain
        if let decisions {
            self.decisions = NegativeDecisions.of(itemID: record.id, negatives: record.negatives.map { ($0.id, $0.hash, $0.undecidable) },
                                                  decisions: decisions, itemIDRepeats: itemIDRepeats)
        }
    }
}

/// One lint finding as a query reads it: which lint, how bad, about which
/// negative (nil: the item), and the number it measured.
public struct FindingFact: Sendable, Hashable {
    public var name: String
    public var severity: Severity
    public var negative: Int?
    public var value: Double?

    public init(name: String, severity: Severity, negative: Int?, value: Double?) {
        self.name = name; self.severity = severity; self.negative = negative; self.value = value
    }
}

/// What a query reads of one negative, besides texts and decisions.
public struct NegativeFact: Sendable, Hashable {
    public var id: String
    public var operatorName: String
    /// J(SG-, SG+); nil without SG- and edits, or when not measured.
    public var j: Double?
    /// Judge scores: the negative's, each else the item's.
    public var confidence: Double?
    public var chosen: Double?
    public var rejected: Double?
    public var other: [String: Double]
    public var steps: Int
    /// `ContentHash.of` the negative ("" when decisions were not asked for).
    public var hash: String
    /// Why it cannot be decided, a repeated item id apart (that depends on the other items).
    public var undecidable: Undecidable?

    public init(id: String, operatorName: String, j: Double?, confidence: Double?, chosen: Double?, rejected: Double?,
                other: [String: Double], steps: Int, hash: String, undecidable: Undecidable?) {
        self.id = id; self.operatorName = operatorName; self.j = j; self.confidence = confidence; self.chosen = chosen
        self.rejected = rejected; self.other = other; self.steps = steps; self.hash = hash; self.undecidable = undecidable
    }
}

/// Everything a query asks of an item apart from its texts and the store's
/// decisions: what a `DatasetSummary` keeps per item, and what a walk works
/// out from the item it read. `values(_:negative:)` reads only this, so the
/// two answer alike.
public struct ItemRecord: Sendable, Hashable {
    public var id: String
    public var negatives: [NegativeFact]
    /// The findings a query reads (above info, and every attention share); nil when not linted.
    public var findings: [FindingFact]?
    /// Whether J was measured (`negatives[k].j` is then the answer).
    public var measuredJ: Bool

    public init(id: String, negatives: [NegativeFact], findings: [FindingFact]?, measuredJ: Bool) {
        self.id = id; self.negatives = negatives; self.findings = findings; self.measuredJ = measuredJ
    }

    /// The record of `item`: J when `needs` has `.overlap`, hashes when it has
    /// `.decisions`; `findings` as the linter gave them (nil: not linted).
    public init(_ item: Item, needs: QueryNeeds, findings: [LintFinding]?) {
        let hashes = needs.contains(.decisions)
        let shared = hashes ? item.duplicateNegativeIDs : []
        let measure = needs.contains(.overlap)
        func score(_ n: Negative, _ pick: (Scores) -> Double?) -> Double? { n.scores.flatMap(pick) ?? item.scores.flatMap(pick) }
        id = item.id
        negatives = item.negatives.map { n in
            NegativeFact(id: n.id, operatorName: PairText.operatorName(n),
                         j: measure ? Overlap.measure(negative: n, item: item)?.value : nil,
                         confidence: score(n) { $0.confidence }, chosen: score(n) { $0.chosen }, rejected: score(n) { $0.rejected },
                         other: (item.scores?.other ?? [:]).merging(n.scores?.other ?? [:]) { _, own in own },
                         steps: n.rationale.steps.count,
                         hash: hashes ? ContentHash.of(n, in: item) : "",
                         undecidable: hashes ? Undecidable.reason(n, in: item, itemIDRepeats: false, duplicateNegativeIDs: shared) : nil)
        }
        // Only what a query reads: the problems (lint, severity) and the attention shares (info included).
        self.findings = findings?.filter { $0.severity != .info || $0.name == Lint.attentionShare.name }
            .map { FindingFact(name: $0.name, severity: $0.severity, negative: $0.negativeIndex, value: $0.value) }
        measuredJ = measure
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
        evaluate(facts, negative: k) == true
    }

    /// True or false, or nil when it depends on a text the facts do not have
    /// (facts from a summary): the item must then be read to know.
    public func evaluate(_ facts: ItemFacts, negative k: Int?) -> Bool? {
        switch self {
        case .and(let a, let b):
            let x = a.evaluate(facts, negative: k)
            if x == false { return false }
            let y = b.evaluate(facts, negative: k)
            if y == false { return false }
            return x == true && y == true ? true : nil
        case .or(let a, let b):
            let x = a.evaluate(facts, negative: k)
            if x == true { return true }
            let y = b.evaluate(facts, negative: k)
            if y == true { return true }
            return x == false && y == false ? false : nil
        case .not(let a): return a.evaluate(facts, negative: k).map { !$0 }
        case .test(let t): return facts.test(t, negative: k)
        }
    }

    /// The positions of the item's negatives the query holds of; for an item
    /// without negatives, `[]` and whether it holds of the item alone.
    public func matchingNegatives(_ facts: ItemFacts) -> (negatives: [Int], item: Bool) {
        let answer = decidedNegatives(facts)
        return (answer.negatives, answer.item)
    }

    /// As `matchingNegatives`, and whether some negative's answer needs a
    /// text the facts do not have (`unknown`: read the item to know).
    public func decidedNegatives(_ facts: ItemFacts) -> (negatives: [Int], item: Bool, unknown: Bool) {
        guard !facts.record.negatives.isEmpty else {
            let v = evaluate(facts, negative: nil)
            return ([], v == true, v == nil)
        }
        var hits: [Int] = []
        var unknown = false
        for k in facts.record.negatives.indices {
            switch evaluate(facts, negative: k) {
            case true?: hits.append(k)
            case false?: break
            case nil: unknown = true
            }
        }
        return (hits, !hits.isEmpty, unknown)
    }

    /// Whether the query reads a text field (question, answer, text).
    public var readsText: Bool {
        switch self {
        case .and(let a, let b), .or(let a, let b): a.readsText || b.readsText
        case .not(let a): a.readsText
        case .test(let t): ItemFacts.textFields.contains(t.field.name)
        }
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
                    return ns.contains { Self.equalIgnoringCase($0, t) }
                case .number(let y): return ns.contains { $0 == QueryValue.format(y) }
                case .range: return false
                }
            }
        }
    }

    /// Equal ignoring case, as Foundation's `.caseInsensitive` compare says;
    /// ASCII texts (nearly all names) without Foundation, which took most of a count.
    static func equalIgnoringCase(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        let ascii: Bool? = a.withUTF8 { x in
            b.withUTF8 { y -> Bool? in
                guard x.allSatisfy({ $0 < 0x80 }), y.allSatisfy({ $0 < 0x80 }) else { return nil }
                guard x.count == y.count else { return false }
                for k in 0..<x.count {
                    let p = x[k], q = y[k]
                    if p != q && (p | 0x20) != (q | 0x20) { return false }
                    if p != q && !((p | 0x20) >= 0x61 && (p | 0x20) <= 0x7A) { return false }
                }
                return true
            }
        }
        return ascii ?? (a.compare(b, options: [.caseInsensitive]) == .orderedSame)
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

    /// The texts only the item has (not kept in a summary).
    static let textFields: Set<String> = ["question", "answer", "text"]

    /// `t` of negative `k`: nil when it needs a text these facts lack and the
    /// text index cannot rule it out.
    func test(_ t: FieldTest, negative k: Int?) -> Bool? {
        if item == nil, Self.textFields.contains(t.field.name) {
            let possible = t.needles.contains { textMayContain?($0) ?? true }
            if possible { return nil }
            return t.op == .notEqual || t.op == .notContains
        }
        return t.holds(of: values(t.field, negative: k))
    }

    /// The values of `field` for negative `k` (nil: the item alone).
    func values(_ field: QueryField, negative k: Int?) -> FieldValues {
        let negative = k.flatMap { record.negatives.indices.contains($0) ? record.negatives[$0] : nil }
        func number(_ x: Double?) -> FieldValues { .numbers(x.map { [$0] } ?? []) }
        var decided: NegativeDecisions?
        if let k, let all = decisions, all.indices.contains(k) { decided = all[k] }
        switch field.name {
        case "id": return .names([record.id])
        case "item": return number(Double(index))
        case "negative": return .names(negative.map { [$0.id] } ?? [])
        case "operator": return .names(negative.map { [$0.operatorName] } ?? [])
        case "j": return number(record.measuredJ ? negative?.j : nil)
        case "confidence": return number(negative?.confidence)
        case "score.chosen": return number(negative?.chosen)
        case "score.rejected": return number(negative?.rejected)
        case "margin":
            guard let c = negative?.chosen, let r = negative?.rejected else { return .numbers([]) }
            return .numbers([c - r])
        case "steps": return number(negative.map { Double($0.steps) })
        case "attention":
            // The lowest share of the negative's own maps (the one an off-target lint would be about),
            // else of the item's (the chosen rationale's, the focus map), as confidence falls back to the item's scores.
            guard let k else { return .numbers([]) }
            let shares = (record.findings ?? []).filter { $0.name == Lint.attentionShare.name }
            let own = shares.filter { $0.negative == k }.compactMap(\.value)
            return number(own.min() ?? shares.filter { $0.negative == nil }.compactMap(\.value).min())
        case "lint", "severity":
            let here = (record.findings ?? []).filter { f in f.severity != .info && (f.negative == nil || f.negative == k) }
            return .names(field.name == "lint" ? here.map(\.name) : here.map(\.severity.rawValue))
        case "verdict": return .names(decided?.verdictValues ?? [])
        case "annotator": return .names(decided?.current.map(\.annotator) ?? [])
        case "tag": return .names(decided?.current.flatMap(\.tags) ?? [])
        case "note": return .names(decided?.current.compactMap(\.note) ?? [])
        case "question": return .names(item.map { [$0.question] } ?? [])
        case "answer": return .names(item.map { [$0.answer] } ?? [])
        case "text":
            guard let item else { return .names([]) }
            var texts = [item.question, item.answer] + item.chosen.steps + (item.chosen.answer.map { [$0] } ?? [])
            if let k, item.negatives.indices.contains(k) {
                let n = item.negatives[k]
                texts += n.rationale.steps + (n.rationale.answer.map { [$0] } ?? [])
            }
            return .names(texts)
        default:
            if field.name.hasPrefix("score.") {
                let key = String(field.name.dropFirst(6))
                return number(negative?.other[key])
            }
            return .names([])
        }
    }
}
