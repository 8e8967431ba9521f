import Analysis
import SceneData

/// A field a query can ask about: its name, what its values are and what it
/// takes to know them. `QueryField.catalogue` is the one list the parser,
/// the evaluator, `stats --by`, completion and docs/query.md agree on.
public struct QueryField: Sendable, Hashable {
    /// What the field's values are.
    public enum Kind: Sendable, Hashable {
        /// A number: compared with `=` `<` `>` and ranges; `stats --by` puts it in bins.
        case number
        /// Free text: `=` is equality ignoring case, `~` containment ignoring case.
        case text
        /// One of a fixed set of names (ignoring case); anything else is a mistake.
        case keyword([String])
        /// Names in a fixed order (severities): `>=` means "this one or worse".
        case ordered([String])
        /// Names the data chooses (operators): the usual ones are offered for completion, others allowed.
        case open([String])
    }

    /// Whether a field describes the item (the same for all its negatives) or one negative.
    public enum Level: String, Sendable, Hashable { case item, negative }

    /// The name as written in a query.
    public var name: String
    /// Its values.
    public var kind: Kind
    /// Item or negative.
    public var level: Level
    /// What answering it needs beyond the item.
    public var needs: QueryNeeds
    /// One line for docs and completion.
    public var help: String

    /// A field from its parts.
    public init(name: String, kind: Kind, level: Level, needs: QueryNeeds = [], help: String) {
        self.name = name; self.kind = kind; self.level = level; self.needs = needs; self.help = help
    }

    /// Whether the field holds numbers.
    public var isNumeric: Bool { if case .number = kind { true } else { false } }

    /// The values offered for completion (keyword, ordered and open fields); empty for numbers and text.
    public var suggestedValues: [String] {
        switch kind {
        case .keyword(let v), .ordered(let v), .open(let v): v
        case .number, .text: []
        }
    }

    /// The verdict values: a decision's three, and what the store says about the negative as a whole.
    public static let verdictValues = ["accept", "reject", "skip", "undecided", "conflict", "stale", "undecidable"]

    /// Every field, in the order docs/query.md lists them. `score.NAME` for
    /// other judge scores is made on demand (`named`).
    public static let catalogue: [QueryField] = [
        QueryField(name: "id", kind: .text, level: .item, help: "the item's id"),
        QueryField(name: "item", kind: .number, level: .item, help: "the item's 0-based position in the dataset"),
        QueryField(name: "negative", kind: .text, level: .negative, help: "the negative's id"),
        QueryField(name: "operator", kind: .open(PerturbationOperator.allCases.map(\.rawValue) + [PerturbationOperator.unlabelled]),
                   level: .negative, help: "the perturbation operator (swap, replace, shorten, overthink; synonyms read as these)"),
        QueryField(name: "j", kind: .number, level: .negative, needs: .overlap,
                   help: "the graph overlap J(SG-, SG+), as lint measures it; none without SG- or edits"),
        QueryField(name: "confidence", kind: .number, level: .negative,
                   help: "the judge's confidence: the negative's scores, else the item's"),
        QueryField(name: "score.chosen", kind: .number, level: .negative, help: "the judge's score of the chosen rationale"),
        QueryField(name: "score.rejected", kind: .number, level: .negative, help: "the judge's score of the negative"),
        QueryField(name: "margin", kind: .number, level: .negative, help: "score.chosen - score.rejected"),
        QueryField(name: "steps", kind: .number, level: .negative, help: "the number of steps in the negative's rationale"),
        QueryField(name: "attention", kind: .number, level: .negative, needs: .lints,
                   help: "the share of attention inside the critical boxes (the negative's lowest map, else the item's), as attention-share measures it; none without a map"),
        QueryField(name: "lint", kind: .keyword(Lint.all.filter { $0.severity != .info }.map(\.name)), level: .negative,
                   needs: .lints, help: "a lint that fires on the negative or on its item (warnings and errors)"),
        QueryField(name: "severity", kind: .ordered(["info", "warning", "error"]), level: .negative, needs: .lints,
                   help: "the severity of a finding on the negative or its item; severity>=warning: any problem"),
        QueryField(name: "verdict", kind: .keyword(verdictValues), level: .negative, needs: .decisions,
                   help: "a current decision's verdict, or undecided, conflict (accept and reject), stale, undecidable"),
        QueryField(name: "annotator", kind: .text, level: .negative, needs: .decisions,
                   help: "someone with a current decision on the negative"),
        QueryField(name: "tag", kind: .text, level: .negative, needs: .decisions, help: "a reason tag of a current decision"),
        QueryField(name: "note", kind: .text, level: .negative, needs: .decisions, help: "the note of a current decision"),
        QueryField(name: "question", kind: .text, level: .item, help: "the question"),
        QueryField(name: "answer", kind: .text, level: .item, help: "the answer"),
        QueryField(name: "text", kind: .text, level: .negative,
                   help: "any text: question, answer, the chosen rationale, the negative's rationale (a bare word means text~WORD)"),
    ]

    /// The field called `name` (ignoring case), `score.NAME` for any other judge score; nil when there is none.
    public static func named(_ name: String) -> QueryField? {
        let lower = name.lowercased()
        if let f = catalogue.first(where: { $0.name == lower }) { return f }
        if lower.hasPrefix("score."), lower.count > 6 {
            let key = String(name.dropFirst(6))
            return QueryField(name: "score." + key, kind: .number, level: .negative, help: "the judge score '\(key)'")
        }
        return nil
    }

    /// The known field name closest to `name`, for "did you mean".
    static func closest(to name: String) -> String? {
        Spelling.nearest(to: name, among: catalogue.map(\.name))
    }
}
