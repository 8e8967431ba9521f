import SceneData

/// A query that cannot be read: where (1-based character column) and why.
public struct QueryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 1-based column of the character the problem starts at.
    public var column: Int
    /// What is wrong, and what would be right.
    public var message: String
    /// `column N: message`.
    public var description: String { "column \(column): \(message)" }
}

/// One token of a query, with the column it starts at.
struct QueryToken: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case word(String)
        /// A quoted string, quotes removed and escapes applied.
        case string(String)
        case op(QueryOperator)
        case open, close, comma
        /// `!` on its own: not.
        case bang
        case end
    }
    var kind: Kind
    var column: Int
}

/// Splits a query into tokens: words (`score.chosen`, `0.3..0.7`, `swap`),
/// quoted strings, comparison signs, parentheses and commas.
enum QueryLexer {
    static let keywords: Set<String> = ["and", "or", "not", "in"]

    /// Characters that end a word.
    static func isWordScalar(_ u: Unicode.Scalar) -> Bool {
        !(u.properties.isWhitespace || "()=,<>!~\"&|".unicodeScalars.contains(u))
    }

    static func tokens(_ text: String) throws(QueryError) -> [QueryToken] {
        let s = Array(text.unicodeScalars)
        var out: [QueryToken] = []
        var i = 0
        while i < s.count {
            let u = s[i]
            let column = i + 1
            if u.properties.isWhitespace { i += 1; continue }
            func next(_ c: Character) -> Bool { i + 1 < s.count && Character(s[i + 1]) == c }
            switch u {
            case "(": out.append(.init(kind: .open, column: column)); i += 1
            case ")": out.append(.init(kind: .close, column: column)); i += 1
            case ",": out.append(.init(kind: .comma, column: column)); i += 1
            case "=":
                out.append(.init(kind: .op(.equal), column: column)); i += next("=") ? 2 : 1
            case "~": out.append(.init(kind: .op(.contains), column: column)); i += 1
            case "<":
                if next("=") { out.append(.init(kind: .op(.lessOrEqual), column: column)); i += 2 }
                else { out.append(.init(kind: .op(.less), column: column)); i += 1 }
            case ">":
                if next("=") { out.append(.init(kind: .op(.greaterOrEqual), column: column)); i += 2 }
                else { out.append(.init(kind: .op(.greater), column: column)); i += 1 }
            case "!":
                if next("=") { out.append(.init(kind: .op(.notEqual), column: column)); i += 2 }
                else if next("~") { out.append(.init(kind: .op(.notContains), column: column)); i += 2 }
                else { out.append(.init(kind: .bang, column: column)); i += 1 }
            case "&":
                out.append(.init(kind: .word("and"), column: column)); i += next("&") ? 2 : 1
            case "|":
                out.append(.init(kind: .word("or"), column: column)); i += next("|") ? 2 : 1
            case "\"":
                var value = String.UnicodeScalarView()
                var j = i + 1
                var closed = false
                while j < s.count {
                    if s[j] == "\\", j + 1 < s.count { value.append(s[j + 1]); j += 2; continue }
                    if s[j] == "\"" { closed = true; break }
                    value.append(s[j]); j += 1
                }
                guard closed else { throw QueryError(column: column, message: "a quote opened here is never closed") }
                out.append(.init(kind: .string(String(value)), column: column))
                i = j + 1
            default:
                var word = String.UnicodeScalarView()
                while i < s.count, isWordScalar(s[i]) { word.append(s[i]); i += 1 }
                out.append(.init(kind: .word(String(word)), column: column))
            }
        }
        out.append(.init(kind: .end, column: s.count + 1))
        return out
    }
}

extension QueryExpr {
    /// Reads a query (docs/query.md). A mistake is reported with its column
    /// and, where one is close, the field or value that was probably meant.
    public static func parse(_ text: String) throws(QueryError) -> QueryExpr {
        var p = QueryParser(tokens: try QueryLexer.tokens(text))
        guard p.peek.kind != .end else { throw QueryError(column: 1, message: "the query is empty") }
        let e = try p.orExpr()
        guard p.peek.kind == .end else {
            throw QueryError(column: p.peek.column, message: p.peek.kind == .close
                             ? "a ')' without its '('" : "expected 'and', 'or' or the end of the query here")
        }
        return e
    }
}

/// Recursive descent over the tokens: `or` binds loosest, then `and` (also
/// two tests side by side), then `not`.
struct QueryParser {
    var tokens: [QueryToken]
    var position = 0

    var peek: QueryToken { tokens[position] }
    mutating func take() -> QueryToken { defer { position += 1 }; return tokens[position] }

    func isKeyword(_ t: QueryToken, _ k: String) -> Bool {
        if case .word(let w) = t.kind { return w.lowercased() == k }
        return false
    }

    mutating func orExpr() throws(QueryError) -> QueryExpr {
        var e = try andExpr()
        while isKeyword(peek, "or") {
            _ = take()
            e = .or(e, try andExpr())
        }
        return e
    }

    mutating func andExpr() throws(QueryError) -> QueryExpr {
        var e = try unary()
        while true {
            if isKeyword(peek, "and") { _ = take(); e = .and(e, try unary()); continue }
            // Two tests side by side mean both, as in a search box.
            switch peek.kind {
            case .word(let w) where !QueryLexer.keywords.contains(w.lowercased()): e = .and(e, try unary())
            case .string, .open, .bang: e = .and(e, try unary())
            case .word(let w) where w.lowercased() == "not": e = .and(e, try unary())
            default: return e
            }
        }
    }

    mutating func unary() throws(QueryError) -> QueryExpr {
        let t = peek
        if isKeyword(t, "not") || t.kind == .bang { _ = take(); return .not(try unary()) }
        switch t.kind {
        case .open:
            _ = take()
            let e = try orExpr()
            guard peek.kind == .close else {
                throw QueryError(column: peek.column, message: "expected ')' to close the '(' at column \(t.column)")
            }
            _ = take()
            return e
        case .string(let s):
            _ = take()
            return .test(FieldTest(field: Self.textField, op: .contains, values: [.text(s)]))
        case .word(let w):
            if QueryLexer.keywords.contains(w.lowercased()) {
                throw QueryError(column: t.column, message: "expected a test such as operator=swap before '\(w)'")
            }
            _ = take()
            return try test(name: w, at: t.column)
        case .end:
            throw QueryError(column: t.column, message: "the query ends where a test was expected")
        case .close:
            throw QueryError(column: t.column, message: "a ')' where a test was expected")
        default:
            throw QueryError(column: t.column, message: "expected a field name such as operator, j or verdict")
        }
    }

    static let textField = QueryField.named("text")!

    /// `NAME OP VALUES`, `NAME in VALUES`, or a bare word (text~WORD).
    mutating func test(name: String, at column: Int) throws(QueryError) -> QueryExpr {
        let op: QueryOperator
        switch peek.kind {
        case .op(let o): op = o; _ = take()
        case .word(let w) where w.lowercased() == "in": op = .equal; _ = take()
        default:
            // A bare word searches all text.
            return .test(FieldTest(field: Self.textField, op: .contains, values: [.text(name)]))
        }
        guard let field = QueryField.named(name) else {
            let hint = QueryField.closest(to: name).map { " (did you mean '\($0)'?)" } ?? ""
            throw QueryError(column: column, message: "unknown field '\(name)'\(hint); fields: "
                             + QueryField.catalogue.map(\.name).joined(separator: ", ") + ", score.NAME")
        }
        var raw: [(QueryToken, String)] = []
        repeat {
            if !raw.isEmpty { _ = take() }   // the comma
            let t = take()
            switch t.kind {
            case .word(let w): raw.append((t, w))
            case .string(let s): raw.append((t, s))
            default:
                throw QueryError(column: t.column, message: "expected a value after '\(field.name)\(op.rawValue)'")
            }
        } while peek.kind == .comma
        let values = try raw.map { (t, w) throws(QueryError) in try Self.value(w, quoted: t.kind != .word(w), for: field, op: op, at: t.column) }
        if values.count > 1, [.less, .lessOrEqual, .greater, .greaterOrEqual].contains(op) {
            throw QueryError(column: raw[1].0.column, message: "'\(op.rawValue)' takes one value; a list needs '=' or '!='")
        }
        return .test(FieldTest(field: field, op: op, values: values))
    }

    /// One value, checked against what the field holds.
    static func value(_ w: String, quoted: Bool, for field: QueryField, op: QueryOperator, at column: Int) throws(QueryError) -> QueryValue {
        if !quoted, w.lowercased() == "none" {
            guard op == .equal || op == .notEqual else {
                throw QueryError(column: column, message: "'none' goes with = or != (\(field.name)=none: no value)")
            }
            return .none
        }
        let ordering = [QueryOperator.less, .lessOrEqual, .greater, .greaterOrEqual].contains(op)
        switch field.kind {
        case .number:
            if op == .contains || op == .notContains {
                throw QueryError(column: column, message: "\(field.name) is a number: compare it with = < <= > >= or a range LOW..HIGH")
            }
            if !quoted, let r = w.range(of: "..") {
                let low = String(w[..<r.lowerBound]), high = String(w[r.upperBound...])
                let a = low.isEmpty ? nil : finite(low), b = high.isEmpty ? nil : finite(high)
                guard (low.isEmpty || a != nil), (high.isEmpty || b != nil), a != nil || b != nil else {
                    throw QueryError(column: column, message: "'\(w)' is not a range of numbers such as 0.3..0.7")
                }
                guard !ordering else { throw QueryError(column: column, message: "a range goes with = or != (\(field.name)=\(w))") }
                if let a, let b, a > b {
                    throw QueryError(column: column, message: "the range \(w) is empty: its low end is above its high end")
                }
                return .range(a, b)
            }
            guard let x = finite(w) else {
                throw QueryError(column: column, message: "\(field.name) is a number; '\(w)' is not one")
            }
            return .number(x)
        case .text:
            if ordering { throw QueryError(column: column, message: "\(field.name) is text: compare it with =, != or ~ (contains)") }
            return .text(w)
        case .open:
            if ordering { throw QueryError(column: column, message: "\(field.name) is a name: compare it with =, != or ~ (contains)") }
            // Operator synonyms (misgrounded_relation) read as the operator, as everywhere else.
            if field.name == "operator", op != .contains, op != .notContains,
               let known = PerturbationOperator(name: w) { return .text(known.rawValue) }
            return .text(w)
        case .keyword(let names), .ordered(let names):
            var ordered = false
            if case .ordered = field.kind { ordered = true }
            if ordering && !ordered {
                throw QueryError(column: column, message: "\(field.name) is a name: compare it with =, != or ~ (contains)")
            }
            if op == .contains || op == .notContains { return .text(w) }
            let canonical = synonym(w.lowercased())
            guard names.contains(canonical) else {
                let spellings = names + ["accepted", "rejected", "skipped"].filter { names.contains(synonym($0)) }
                let hint = Spelling.nearest(to: w, among: spellings).map { "did you mean '\(synonym($0))'? " } ?? ""
                throw QueryError(column: column, message: "'\(w)' is no \(field.name); \(hint)\(field.name) is one of "
                                 + names.joined(separator: ", "))
            }
            return .text(canonical)
        }
    }

    /// Past tenses read as the verdicts they name.
    static func synonym(_ w: String) -> String {
        switch w {
        case "accepted": "accept"
        case "rejected": "reject"
        case "skipped": "skip"
        case "conflicts", "conflicting": "conflict"
        default: w
        }
    }

    static func finite(_ s: String) -> Double? {
        guard let x = Double(s), x.isFinite else { return nil }
        return x
    }
}
