import Query
import TerminalUI

/// The `w` prompt: a query (docs/query.md) typed with the number of items and
/// negatives it matches kept up to date as it changes, Tab completing field
/// names and values, and Enter making it the filter that `n`, `p` and the
/// decision keys move within.
enum QueryPrompt {
    /// Opens the prompt on the query in force, to refine it.
    static func open(_ s: inout AppState) -> [Effect] {
        s.lookup.queryError = nil
        s.work.phase = .prompt(Prompt(kind: .query, text: s.lookup.query?.text ?? ""))
        return []
    }

    /// The text changed: a query that parses is counted (the count before it
    /// stops); one that does not says why, at which column.
    static func typed(_ s: inout AppState, _ text: String) -> [Effect] {
        guard !text.allSatisfy(\.isWhitespace) else {
            s.lookup.queryError = nil
            return countFilter(&s)
        }
        do {
            let q = try QueryExpr.parse(text)
            s.lookup.queryError = nil
            return count(&s, q)
        } catch {
            s.lookup.queryError = error.description
            return countFilter(&s)
        }
    }

    /// Tab: the word at the cursor completed as far as the candidates agree;
    /// when several remain they are listed on the prompt line.
    static func complete(_ s: inout AppState, _ p: Prompt) -> [Effect] {
        let c = QueryCompletion.at(p.text, cursor: p.cursor)
        var e = p
        let (text, cursor) = c.applied(to: p.text, cursor: p.cursor)
        e.text = text; e.cursor = cursor
        e.choices = c.candidates.count > 1 ? c.candidates : []
        if c.candidates.isEmpty { e.choices = [c.isValue ? "(no known values here)" : "(no field starts so)"] }
        s.work.phase = .prompt(e)
        return text != p.text ? typed(&s, text) : []
    }

    /// Esc: the filter stays what it was, and so does its count.
    static func cancelled(_ s: inout AppState) -> [Effect] {
        s.lookup.queryError = nil
        return countFilter(&s)
    }

    /// Enter: an empty query ends a query filter; a query that parses becomes
    /// the filter and the first matching item from here is looked up; one
    /// that does not keeps the prompt open with the mistake shown.
    static func submitted(_ s: inout AppState, _ p: Prompt, _ text: String) -> [Effect] {
        guard !text.isEmpty else {
            guard s.lookup.query != nil else { return [] }
            s.lookup.filter = .none
            s.flash = "filter: all"
            return countFilter(&s)
        }
        let q: QueryExpr
        do { q = try QueryExpr.parse(text) } catch {
            s.lookup.queryError = error.description
            var again = p
            again.choices = []
            s.work.phase = .prompt(again)
            return []
        }
        return apply(&s, q)
    }

    /// Makes `q` the filter and looks up its first match from here (the `w`
    /// prompt's Enter, and a row chosen in the frequency view).
    static func apply(_ s: inout AppState, _ q: QueryExpr) -> [Effect] {
        s.lookup.filter = .query(q)
        s.lookup.queryError = nil
        s.lookup.history[.query] = Prompt.remembered(q.text, in: s.lookup.history[.query] ?? [])
        s.flash = Flash("filter: where \(q.text)")
        s.nav.selectUndecided = false
        let counting = count(&s, q)
        let criterion: FindCriterion = s.lookup.search.map { .text($0, within: s.lookup.filter) } ?? .filter(s.lookup.filter)
        return counting + InspectorApp.lookUp(&s, s.lookup.search != nil ? .searching : .filtering,
                                              .find(from: s.nav.index, forward: true, criterion: criterion, includeStart: true))
    }

    /// A count of the query filter's answer has come (or part of it).
    static func counted(_ s: inout AppState, _ c: QueryCount) -> [Effect] {
        if c.query == s.lookup.queryCount?.query { s.lookup.queryCount = c }
        return []
    }

    /// A decision changed: a filter asking about decisions counts again.
    static func decisionsChanged(_ s: inout AppState) -> [Effect] {
        guard case .prompt(let p) = s.phase, p.kind == .query else {
            guard let q = s.lookup.query, q.needs.contains(.decisions) else { return [] }
            s.lookup.queryCount = nil
            return count(&s, q)
        }
        return []
    }

    /// Counts `q` unless its count is already there or running.
    private static func count(_ s: inout AppState, _ q: QueryExpr) -> [Effect] {
        if s.lookup.queryCount?.query == q.text { return [] }
        s.lookup.queryCount = QueryCount(query: q.text)
        return [.countQuery(q)]
    }

    /// The count goes back to the filter's query (counting it again if a
    /// typed query had replaced it), or stops when the filter is no query.
    private static func countFilter(_ s: inout AppState) -> [Effect] {
        if let q = s.lookup.query { return count(&s, q) }
        guard s.lookup.queryCount != nil else { return [] }
        s.lookup.queryCount = nil
        return [.countQuery(nil)]
    }
}
