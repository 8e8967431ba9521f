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
    /// As `forEachDecision`, in ascending `IDOrder` of item id (the bytes of
    /// the id), which a join with the items relies on: an id's decisions all
    /// come before those of any id after it. By default every decision is
    /// loaded and sorted; a store that can stream in that order does.
    func forEachDecisionByItemID(annotator: String?, _ body: (Decision) throws -> Void) throws
}

extension AllDecisionsSource {
    /// Loads and sorts (a store whose order is a collation of its own, a test double).
    public func forEachDecisionByItemID(annotator: String?, _ body: (Decision) throws -> Void) throws {
        var all: [Decision] = []
        try forEachDecision(annotator: annotator) { all.append($0) }
        // Stable: within an id, the store's order (negative, annotator) stays.
        let sorted = all.enumerated().sorted { x, y in
            if x.element.key.itemID == y.element.key.itemID { return x.offset < y.offset }
            return IDOrder.precedes(x.element.key.itemID, y.element.key.itemID)
        }
        for (_, d) in sorted { try body(d) }
    }

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
