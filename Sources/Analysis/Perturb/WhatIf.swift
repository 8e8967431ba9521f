import SceneData

/// "What would the operator have done here?": `OperatorSearch`'s candidates
/// narrowed to one element of the scene graph, and a negative's declared
/// change held against what its operator can do. The inspector's what-if
/// (`r`, `R`, `d`) is drawn from these; the operators are `OperatorSearch`'s own.
public enum WhatIf {
    /// The candidates of `op` on `item` that concern `element`: those that
    /// change it (or, for an entity, a fact about it), then those that bring it
    /// in (an entity whose name a critical entity takes, a fact overthink adds).
    /// An element outside SG^c is reached only the second way, as the paper's
    /// operators choose the replacement or the added element from the rest of the graph.
    public static func candidates(_ op: PerturbationOperator, on element: ElementRef, item: Item) -> [PerturbationCandidate] {
        let all = OperatorSearch.candidates(op, item: item)
        let changing = all.filter { c in c.edits.contains { Self.changes($0, element) } }
        let bringing = all.filter { c in !changing.contains(c) && c.edits.contains { bringsIn($0, element, item: item) } }
        return changing + bringing
    }

    /// The critical elements (SG^c, as `CriticalElements.resolved` reads them)
    /// a difference touches.
    /// An element counts when a change is about it itself, as an operator's
    /// candidate counts the elements its edits change: a swapped relation, not
    /// its two entities; a removed entity, with its facts.
    public static func touchedCritical(_ diff: GraphDiff, item: Item) -> [ElementRef] {
        CriticalElements.resolved(for: item).filter { ref in diff.changes.contains { touches($0, ref) } }
    }

    /// Whether `change` changes the critical element `ref`.
    static func touches(_ change: GraphChange, _ ref: ElementRef) -> Bool {
        func gone(_ id: String) -> Bool {
            switch change {
            case .removed(.entity(let e)): e == id
            case .replacedEntity(let from, _): from.id == id
            default: false
            }
        }
        switch ref {
        case .entity(let id): return gone(id)
        case .attribute(let a):
            if gone(a.entity) { return true }
            switch change {
            case .removed(.attribute(let b)): return concerns(.attribute(b), ref)
            case .replacedAttribute(let e, let from, _): return e == a.entity && EntityMatcher.nameKey(from) == EntityMatcher.nameKey(a.value)
            default: return false
            }
        case .relation(let r):
            if gone(r.subject) || gone(r.object) { return true }
            switch change {
            case .swapped(let s), .removed(.relation(let s)), .replacedRelation(let s, _): return s == r || s == r.reversed
            default: return false
            }
        }
    }

    /// A negative's SG- as J reads it: its own SG-, else its edits applied to SG^c.
    public static func minus(of negative: Negative, in item: Item) -> SceneGraph? {
        if let g = negative.sceneGraph { return g }
        guard !negative.edits.isEmpty else { return nil }
        return EditApplier.apply(negative.edits, to: CriticalElements.subgraph(for: item), lookup: item.sceneGraph).graph
    }

    /// Whether a negative's declared change is what its operator does to SG^c.
    public struct Check: Sendable, Hashable {
        /// The negative's changes are exactly one candidate's of its operator.
        public var matches: Bool
        /// The candidate it matches, else the nearest one of its operator (most changes in common), if any.
        public var candidate: PerturbationCandidate?
        /// Another operator whose candidate the changes are, when its own has none.
        public var otherOperator: PerturbationOperator?
        /// One line: "match: ..." or "mismatch: ...".
        public var message: String
    }

    /// Holds `negative`'s changes (from its SG- or its edits, as the graph pane
    /// reads them) against every candidate of its declared operator.
    public static func check(_ negative: Negative, in item: Item) -> Check {
        let diff = GraphDiff.of(negative, in: item)
        guard let op = negative.op else {
            return Check(matches: false, message: "mismatch: operator \"\(negative.operatorName)\" is none of swap, replace, shorten, overthink")
        }
        guard !diff.changes.isEmpty else {
            return Check(matches: false, message: "mismatch: \(negative.id) declares no change (no SG- and no edits) for \(op.rawValue) to be checked against")
        }
        let mine = Self.keys(diff.changes)
        let own = OperatorSearch.candidates(op, item: item)
        func keys(_ c: PerturbationCandidate) -> Set<ChangeKey> { Self.keys(GraphDiff.fromEdits(c.edits, plus: item.sceneGraph).changes) }
        if let hit = own.first(where: { keys($0) == mine }) {
            let band = OperatorSearch.Options().band
                let side = band.contains(hit.j) ? "in" : "outside"
            return Check(matches: true, candidate: hit,
                         message: "match: \(negative.id)'s change is what \(op.rawValue) does (\(hit.changes.joined(separator: "; "))), J \(format(hit.j)) \(side) the band")
        }
        let nearest = own.map { c in (c, keys(c).intersection(mine).count) }.filter { $0.1 > 0 }.max { $0.1 < $1.1 }?.0
        let other = PerturbationOperator.allCases.first { o in
            o != op && OperatorSearch.candidates(o, item: item).contains { keys($0) == mine }
        }
        var why = "mismatch: \(negative.id)'s change (\(diff.summaries.joined(separator: "; "))) is no \(op.rawValue) of SG^c"
        if let other { why += "; it is what \(other.rawValue) does" }
        if let nearest { why += "; nearest \(op.rawValue): \(nearest.changes.joined(separator: "; "))" }
        else if own.isEmpty { why += "; \(op.rawValue) has no candidate on this item" }
        return Check(matches: false, candidate: nearest, otherOperator: other, message: why)
    }

    /// Two decimals, as the panes print J.
    public static func format(_ j: Double) -> String {
        let hundredths = Int((j * 100).rounded())
        return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
    }

    /// A change compared by what it does, not by the attributes or box an
    /// entity happened to carry in one graph or the other.
    struct ChangeKey: Hashable {
        var kind: String, parts: [String]
    }

    /// The changes' keys, without what another change implies: a removed
    /// entity takes its relations and attributes with it, and an added
    /// relation brings in the entity of SG+ it is about (an SG- written out
    /// lists both; the edits name only the one).
    static func keys(_ changes: [GraphChange]) -> Set<ChangeKey> {
        var removed: Set<String> = [], broughtIn: Set<String> = []
        for c in changes {
            if case .removed(.entity(let id)) = c { removed.insert(id) }
            if case .added(.relation(let r)) = c { broughtIn.formUnion([r.subject, r.object]) }
        }
        return Set(changes.compactMap { c -> ChangeKey? in
            switch c {
            case .removed(.relation(let r)) where removed.contains(r.subject) || removed.contains(r.object): return nil
            case .removed(.attribute(let a)) where removed.contains(a.entity): return nil
            case .added(.entity(let id)) where broughtIn.contains(id): return nil
            default: return key(c)
            }
        })
    }

    static func key(_ c: GraphChange) -> ChangeKey {
        func ref(_ r: ElementRef) -> [String] {
            switch r {
            case .entity(let id): ["e", id]
            case .attribute(let a): ["a", a.entity, EntityMatcher.nameKey(a.value)]
            case .relation(let r): rel(r)
            }
        }
        func rel(_ r: Relation) -> [String] { ["r", r.subject, EntityMatcher.nameKey(r.predicate), r.object] }
        switch c {
        case .added(let r): return ChangeKey(kind: "add", parts: ref(r))
        case .removed(let r): return ChangeKey(kind: "remove", parts: ref(r))
        case .swapped(let r): return ChangeKey(kind: "swap", parts: rel(r))
        case .replacedEntity(let from, let to): return ChangeKey(kind: "replace", parts: [from.id, EntityMatcher.nameKey(to.name)])
        case .replacedAttribute(let e, let from, let to):
            return ChangeKey(kind: "value", parts: [e, EntityMatcher.nameKey(from), EntityMatcher.nameKey(to)])
        case .replacedRelation(let a, let b): return ChangeKey(kind: "relation", parts: rel(a) + rel(b))
        case .changedBox(let e, _, _): return ChangeKey(kind: "box", parts: [e])
        }
    }

    /// Whether `edit` changes `element` (for an entity: it or a fact about it).
    static func changes(_ edit: Edit, _ element: ElementRef) -> Bool {
        let target: ElementRef
        switch edit {
        case .swap(let r): target = .relation(r)
        case .remove(let r): target = r
        case .replace(let from, _): target = from
        case .add: return false
        }
        return concerns(target, element)
    }

    /// Whether `edit` brings `element` in: a fact about it or it added, or its name taken by another entity.
    static func bringsIn(_ edit: Edit, _ element: ElementRef, item: Item) -> Bool {
        switch edit {
        case .add(let r): return concerns(r, element)
        case .replace(_, .name(let n)):
            guard case .entity(let id) = element, let e = item.sceneGraph.entity(id) else { return false }
            return EntityMatcher.nameKey(e.name) == EntityMatcher.nameKey(n)
        case .replace(_, .element(let other)): return concerns(other, element)
        default: return false
        }
    }

    /// Whether `ref` is `element`, or (for an entity) a fact about it.
    static func concerns(_ ref: ElementRef, _ element: ElementRef) -> Bool {
        switch (element, ref) {
        case (.entity(let id), .entity(let other)): return id == other
        case (.entity(let id), .attribute(let a)): return a.entity == id
        case (.entity(let id), .relation(let r)): return r.subject == id || r.object == id
        case (.relation(let r), .relation(let s)): return s == r || s == r.reversed
        case (.attribute(let a), .attribute(let b)): return a.entity == b.entity && EntityMatcher.nameKey(a.value) == EntityMatcher.nameKey(b.value)
        default: return false
        }
    }
}
