import Foundation
import SceneData

extension StatsReport {
    /// How many entries of each list the text form shows (the JSON form shows all).
    public static let textListLimit = 50

    /// `1 unreadable: line 4`; the count alone when the lines are unknown.
    var unreadableText: String {
        unreadableLines.count == unreadableItems ? ItemCountText.unreadable(lines: unreadableLines) : "\(unreadableItems) unreadable"
    }

    /// One indented line per entry, at most `textListLimit` of them, then how
    /// many more the JSON form lists.
    static func limited<T>(_ entries: [T], _ line: (T) -> String) -> [String] {
        var out = entries.prefix(textListLimit).map { "  " + line($0) }
        if entries.count > textListLimit { out.append("  ... and \(entries.count - textListLimit) more (see --json)") }
        return out
    }

    /// `item / negative: annotator verdict, time`.
    static func decisionLine(_ d: Decision) -> String {
        "\(d.key.itemID) / \(d.key.negativeID): \(d.annotator) \(d.verdict.rawValue), \(JSONText.time(d.time))"
    }

    /// The readable plain-text table `scenelens stats` prints.
    public func text(dataset: String, store: String) -> String {
        var out: [String] = []
        out.append("Dataset    \(dataset)")
        out.append("Store      \(store)")
        out.append("Items      \(items)" + (unreadableItems > 0 ? " (\(unreadableText))" : ""))
        out.append("Negatives  \(overall.negatives): \(overall.decided) decided, \(overall.undecided) undecided" + undecidableText)
        let v = overall.verdicts
        out.append("Decisions  \(v.decided): \(v.accepted) accept, \(v.rejected) reject, \(v.skipped) skip"
                   + "; \(stale.count) stale, \(orphaned.count) orphaned"
                   + (ambiguous.isEmpty ? "" : ", \(ambiguous.count) ambiguous")
                   + (withoutRationale.isEmpty ? "" : ", \(withoutRationale.count) without a rationale") + " (not counted)")
        out.append("")
        let blocked = overall.undecidable > 0
        out += Self.table(title: "Operator", rows: byOperator.sorted { $0.key < $1.key }, perAnnotator: false, undecidable: blocked)
        out.append("")
        out += Self.table(title: "Annotator", rows: byAnnotator.sorted { $0.key < $1.key }, perAnnotator: true, undecidable: blocked)
        out.append("")
        out.append("Agreement (accept vs reject; skips and stale decisions left out)")
        if pairs.isEmpty && group == nil {
            out.append("  no negative judged by two annotators")
        }
        for p in pairs {
            out.append("  \(p.first) / \(p.second): \(p.overlap) judged by both, agree \(Self.percent(p.observed)), Cohen's kappa \(Self.decimal(p.kappa))")
        }
        if let g = group {
            out.append("  all \(g.annotators.count) (\(g.annotators.joined(separator: ", "))): \(g.overlap) judged by all, Fleiss' kappa \(Self.decimal(g.kappa))")
        }
        if let a = alpha {
            out.append("  Krippendorff's alpha (nominal): \(Self.decimal(a.alpha)) over \(a.negatives) negatives judged by two or more (\(a.judgements) judgements)")
            for (op, a) in alphaByOperator.sorted(by: { $0.key < $1.key }) {
                out.append("    \(op): \(Self.decimal(a.alpha)) over \(a.negatives)")
            }
        }
        if !finalAgreement.isEmpty && settled > 0 {
            out.append("  after adjudication (each annotator against the final verdicts):")
            for (a, f) in finalAgreement.sorted(by: { $0.key < $1.key }) {
                out.append("    \(a): \(f.agreed) of \(f.compared) agree, \(Self.percent(f.observed)), Cohen's kappa \(Self.decimal(f.kappa))")
            }
        }
        out.append("")
        out.append("Conflicts (\(conflicts.count): \(conflicts.count - openConflicts) settled, \(openConflicts) open; `scenelens review` settles them)")
        out += Self.limited(conflicts) { c in
            "\(c.key.itemID) / \(c.key.negativeID): " + c.verdicts.map { "\($0.0) \($0.1.rawValue)" }.joined(separator: ", ")
                + (c.settlement.map { " -> settled \($0.verdict.rawValue) by \($0.adjudicator)" } ?? "")
        }
        if !staleSettlements.isEmpty {
            out.append("")
            out.append("Stale settlements (\(staleSettlements.count)): the negative changed after it was settled, or is gone; they apply no more")
            out += Self.limited(staleSettlements) { "\($0.key.itemID) / \($0.key.negativeID): \($0.verdict.rawValue) by \($0.adjudicator)" }
        }
        out.append("")
        out.append("Stale decisions (\(stale.count)): the negative changed after the decision")
        out += Self.limited(stale, Self.decisionLine)
        out.append("")
        out.append("Orphaned decisions (\(orphaned.count)): the item or negative is no longer in the dataset")
        out += Self.limited(orphaned) { o in
            let d = o.decision
            return "\(d.key.itemID) / \(d.key.negativeID): \(d.annotator) \(d.verdict.rawValue), \(o.itemMissing ? "item missing" : "negative missing")"
        }
        if !repeatedItemIDs.isEmpty {
            out.append("")
            out.append("Repeated item ids (\(repeatedItemIDs.count)): several items have the id, so decisions cannot say which one they judged (fix the dataset)")
            out += Self.limited(repeatedItemIDs) { "\($0.id): " + $0.places.joined(separator: ", ") }
        }
        if !ambiguous.isEmpty {
            out.append("")
            out.append("Ambiguous decisions (\(ambiguous.count)): several items, or several negatives of the item, have this id (fix the dataset)")
            out += Self.limited(ambiguous, Self.decisionLine)
        }
        if !withoutRationale.isEmpty {
            out.append("")
            out.append("Decisions on negatives without a rationale (\(withoutRationale.count)): there was no text to judge (fix the dataset)")
            out += Self.limited(withoutRationale, Self.decisionLine)
        }
        if let lints {
            out.append("")
            out.append("Lints per operator (warnings and errors; `scenelens lint` lists them)")
            out += lints.textLines()
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// `, 3 cannot be decided (2 with a repeated item id, 1 without a rationale)`; nothing when none.
    var undecidableText: String {
        guard overall.undecidable > 0 else { return "" }
        let parts = Undecidable.allCases.compactMap { r in undecidable[r].map { "\($0) \(r.phrase)" } }
        return ", \(overall.undecidable) cannot be decided (" + parts.joined(separator: ", ") + ")"
    }

    /// The `undecidable` column appears only when some negative cannot be decided.
    private static func table(title: String, rows: [(key: String, value: Tally)], perAnnotator: Bool,
                              undecidable: Bool) -> [String] {
        var header = [title, "negatives", "decided", "undecided", "accept", "reject", "skip", "accept rate"]
        if undecidable { header.insert("undecidable", at: 4) }
        var cells = [header]
        for (name, t) in rows {
            var row = [name, "\(t.negatives)", "\(t.decided)", "\(t.undecided)", "\(t.verdicts.accepted)",
                       "\(t.verdicts.rejected)", "\(t.verdicts.skipped)", percent(t.acceptanceRate)]
            if undecidable { row.insert("\(t.undecidable)", at: 4) }
            cells.append(row)
        }
        if rows.isEmpty { cells.append([perAnnotator ? "(no decisions yet)" : "(no negatives)"] + Array(repeating: "", count: header.count - 1)) }
        let widths = header.indices.map { c in cells.map { $0[c].count }.max() ?? 0 }
        return cells.map { row in
            row.enumerated().map { c, s in
                c == 0 ? s.padding(toLength: widths[c], withPad: " ", startingAt: 0)
                       : String(repeating: " ", count: widths[c] - s.count) + s
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.map { "  " + $0 }
    }

    static func percent(_ x: Double?) -> String {
        guard let x else { return "-" }
        return String(format: "%.1f%%", x * 100)
    }

    static func decimal(_ x: Double?) -> String {
        guard let x else { return "undefined" }
        return String(format: "%.3f", x)
    }

    /// The whole report as one JSON object (`scenelens stats --json`).
    public func json(dataset: String, store: String) -> String {
        func num(_ x: Double?) -> JSONValue { x.map(JSONValue.number) ?? .null }
        func tally(_ t: Tally) -> JSONValue {
            .object([("negatives", .number(Double(t.negatives))), ("decided", .number(Double(t.decided))),
                     ("undecided", .number(Double(t.undecided))), ("undecidable", .number(Double(t.undecidable))),
                     ("accept", .number(Double(t.verdicts.accepted))),
                     ("reject", .number(Double(t.verdicts.rejected))), ("skip", .number(Double(t.verdicts.skipped))),
                     ("acceptance_rate", num(t.acceptanceRate))])
        }
        func alphaJSON(_ a: AlphaAgreement) -> JSONValue {
            .object([("alpha", num(a.alpha)), ("negatives", .number(Double(a.negatives))), ("judgements", .number(Double(a.judgements)))])
        }
        func settlementJSON(_ s: Settlement) -> JSONValue {
            .object([("id", .string(s.key.itemID)), ("negative_id", .string(s.key.negativeID)), ("verdict", .string(s.verdict.rawValue)),
                     ("adjudicator", .string(s.adjudicator)), ("note", JSONText.string(s.note)), ("time", .string(JSONText.time(s.time)))])
        }
        func decision(_ d: Decision) -> [(String, JSONValue)] {
            [("id", .string(d.key.itemID)), ("negative_id", .string(d.key.negativeID)), ("annotator", .string(d.annotator)),
             ("verdict", .string(d.verdict.rawValue)), ("time", .string(JSONText.time(d.time)))]
        }
        var members: [(String, JSONValue)] = [
            ("dataset", .string(dataset)), ("store", .string(store)),
            ("items", .number(Double(items))), ("unreadable_items", .number(Double(unreadableItems))),
            ("unreadable_lines", .array(unreadableLines.map { .number(Double($0)) })),
            ("negatives", .number(Double(overall.negatives))), ("decided", .number(Double(overall.decided))),
            ("undecided", .number(Double(overall.undecided))),
            ("undecidable", .number(Double(overall.undecidable))),
            ("undecidable_by_reason", .object(Undecidable.allCases.map { ($0.rawValue, .number(Double(undecidable[$0] ?? 0))) })),
            ("decisions", tally(overall)),
            ("by_operator", .object(byOperator.sorted { $0.key < $1.key }.map { ($0.key, tally($0.value)) })),
            ("by_annotator", .object(byAnnotator.sorted { $0.key < $1.key }.map { ($0.key, tally($0.value)) })),
            ("agreement", .object([
                ("verdicts", .array([.string("accept"), .string("reject")])),
                ("pairs", .array(pairs.map { p in
                    .object([("annotators", .array([.string(p.first), .string(p.second)])), ("overlap", .number(Double(p.overlap))),
                             ("observed", num(p.observed)), ("cohen_kappa", num(p.kappa))])
                })),
                ("group", group.map { g in
                    .object([("annotators", .array(g.annotators.map(JSONValue.string))), ("overlap", .number(Double(g.overlap))),
                             ("fleiss_kappa", num(g.kappa))])
                } ?? .null),
                ("krippendorff_alpha", alpha.map(alphaJSON) ?? .null),
                ("krippendorff_alpha_by_operator", .object(alphaByOperator.sorted { $0.key < $1.key }.map { ($0.key, alphaJSON($0.value)) })),
                ("after_adjudication", .object(finalAgreement.sorted { $0.key < $1.key }.map { a, f in
                    (a, .object([("compared", .number(Double(f.compared))), ("agreed", .number(Double(f.agreed))),
                                 ("observed", num(f.observed)), ("cohen_kappa", num(f.kappa))]))
                })),
            ])),
            ("conflicts", .array(conflicts.map { c in
                .object([("id", .string(c.key.itemID)), ("negative_id", .string(c.key.negativeID)),
                         ("verdicts", .object(c.verdicts.map { ($0.0, .string($0.1.rawValue)) })),
                         ("settled", c.settlement.map(settlementJSON) ?? .null)])
            })),
            ("settled", .number(Double(settled))),
            ("open_conflicts", .number(Double(openConflicts))),
            ("stale_settlements", .array(staleSettlements.map(settlementJSON))),
            ("stale", .array(stale.map { .object(decision($0)) })),
            ("orphaned", .array(orphaned.map { o in
                .object(decision(o.decision) + [("missing", .string(o.itemMissing ? "item" : "negative"))])
            })),
            ("ambiguous", .array(ambiguous.map { .object(decision($0)) })),
            ("repeated_item_ids", .array(repeatedItemIDs.map { r in
                .object([("id", .string(r.id)), ("places", .array(r.places.map(JSONValue.string)))])
            })),
            ("without_rationale", .array(withoutRationale.map { .object(decision($0)) })),
        ]
        if let lints { members.append(("lints_by_operator", lints.jsonValue())) }
        return JSONValue.object(members).jsonText + "\n"
    }
}
