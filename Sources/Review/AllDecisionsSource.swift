/// Every annotator's decisions, read-only: what `stats`, `export` and
/// `store copy` read, whichever store holds them (SQLite or PostgreSQL).
public protocol AllDecisionsSource: AnyObject {
    /// Calls `body` for every current decision (of `annotator`, or of everyone),
    /// ordered by item, negative, annotator, without loading them all.
    func forEachDecision(annotator: String?, _ body: (Decision) throws -> Void) throws
    /// Every annotator's decisions on one item, ordered by negative, annotator.
    func allDecisions(itemID: String) throws -> [Decision]
    /// The annotators that have at least one decision, sorted.
    func annotators() throws -> [String]
    /// Every settlement (an adjudicator's final verdict, `scenelens review`), ordered by negative.
    func settlements() throws -> [Settlement]
}

extension AllDecisionsSource {
    /// Every decision of every annotator, in order.
    public func forEachDecision(_ body: (Decision) throws -> Void) throws {
        try forEachDecision(annotator: nil, body)
    }

    /// Every decision of every annotator, loaded.
    public func allDecisions() throws -> [Decision] {
        var out: [Decision] = []
        try forEachDecision(annotator: nil) { out.append($0) }
        return out
    }

    /// Every decision of one annotator, loaded.
    public func decisions(annotator: String) throws -> [Decision] {
        var out: [Decision] = []
        try forEachDecision(annotator: annotator) { out.append($0) }
        return out
    }
}
