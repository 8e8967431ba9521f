/// A parsed query: what `--where` and the inspector's query prompt take.
///
/// A query is asked of one negative at a time, together with its item: item
/// fields (`id`, `question`) answer for every negative of the item, negative
/// fields (`operator`, `j`, `verdict`) for that negative alone. An item
/// matches when one of its negatives does (or, for an item without
/// negatives, when the query holds of the item alone). docs/query.md is the
/// user's reference.
public indirect enum QueryExpr: Sendable, Hashable {
    /// Both hold.
    case and(QueryExpr, QueryExpr)
    /// Either holds.
    case or(QueryExpr, QueryExpr)
    /// It does not hold.
    case not(QueryExpr)
    /// One test of one field.
    case test(FieldTest)

    /// What answering the query needs beyond the item itself.
    /// What an item's line must hold for the query to match it or any of its
    /// negatives: for each, texts of which the line must hold one (the
    /// `question`, `answer` and `text` tests with `~` that every match needs:
    /// those joined by `and` at the top, never under `or` or `not`).
    public var requiredTexts: [[String]] {
        switch self {
        case .and(let a, let b): return a.requiredTexts + b.requiredTexts
        case .or, .not: return []
        case .test(let t):
            guard t.op == .contains, ["question", "answer", "text"].contains(t.field.name) else { return [] }
            var texts: [String] = []
            for v in t.values {
                guard case .text(let s) = v else { return [] }
                texts.append(s)
            }
            return texts.isEmpty ? [] : [texts]
        }
    }

    public var needs: QueryNeeds {
        switch self {
        case .and(let a, let b), .or(let a, let b): a.needs.union(b.needs)
        case .not(let a): a.needs
        case .test(let t): t.field.needs
        }
    }

    /// The query written back in its canonical spelling (for messages and the status line).
    public var text: String {
        func inner(_ e: QueryExpr, _ parent: Int) -> String {
            switch e {
            case .or(let a, let b):
                let s = inner(a, 1) + " or " + inner(b, 1)
                return parent > 1 ? "(" + s + ")" : s
            case .and(let a, let b):
                let s = inner(a, 2) + " and " + inner(b, 2)
                return parent > 2 ? "(" + s + ")" : s
            case .not(let a): return "not " + inner(a, 3)
            case .test(let t): return t.text
            }
        }
        return inner(self, 0)
    }
}

/// What a query must have computed to be answered, beyond the item's own data.
public struct QueryNeeds: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// The item's lint findings (`lint`, `severity`).
    public static let lints = QueryNeeds(rawValue: 1)
    /// The overlap J of each negative (`j`).
    public static let overlap = QueryNeeds(rawValue: 2)
    /// The review store's decisions (`verdict`, `annotator`, `tag`, `note`).
    public static let decisions = QueryNeeds(rawValue: 4)
}

/// How a field is compared.
public enum QueryOperator: String, Sendable, Hashable, CaseIterable {
    case equal = "="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    /// Contains, case-insensitively (text).
    case contains = "~"
    /// Does not contain.
    case notContains = "!~"
}

/// One value on the right of a comparison.
public enum QueryValue: Sendable, Hashable {
    case number(Double)
    case text(String)
    /// `LOW..HIGH`, both ends included; an open end is nil (`..0.3`, `0.7..`).
    case range(Double?, Double?)
    /// `none`: the field has no value (no confidence, no tag, not decided by anyone).
    case none

    var text: String {
        switch self {
        case .number(let x): QueryValue.format(x)
        case .text(let s): QueryValue.quoteIfNeeded(s)
        case .range(let a, let b): (a.map(QueryValue.format) ?? "") + ".." + (b.map(QueryValue.format) ?? "")
        case .none: "none"
        }
    }

    static func format(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x)
    }

    static func quoteIfNeeded(_ s: String) -> String {
        let plain = !s.isEmpty && s.unicodeScalars.allSatisfy { QueryLexer.isWordScalar($0) }
            && s.lowercased() != "none" && Double(s) == nil && !QueryLexer.keywords.contains(s.lowercased())
        if plain { return s }
        return "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

/// `FIELD OP VALUE[,VALUE...]`.
public struct FieldTest: Sendable, Hashable {
    /// The field asked about.
    public var field: QueryField
    /// The comparison.
    public var op: QueryOperator
    /// Any of these (for `=`, `~`); none of these (for `!=`, `!~`); the one value for `<` and the like.
    public var values: [QueryValue]

    /// A test from its parts.
    public init(field: QueryField, op: QueryOperator, values: [QueryValue]) {
        self.field = field; self.op = op; self.values = values
    }

    var text: String {
        field.name + op.rawValue + values.map(\.text).joined(separator: ",")
    }
}
