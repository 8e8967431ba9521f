import SceneData

/// An entity as overlap compares it: its id and its (normalised) name. Both
/// count, so two different cubes stay two elements, and an entity renamed
/// in place ("cube" became "dog", same id) no longer counts as the same.
public struct EntityKey: Sendable, Hashable {
    public var id: String
    public var name: String
    /// A key from an id and a name (the name is lowercased and its spaces collapsed).
    public init(id: String, name: String) { self.id = id; self.name = EntityMatcher.nameKey(name) }
}

/// One member of U(SG): an attribute pair or the (subject, object) pair of a relation.
public enum OverlapElement: Sendable, Hashable {
    case attribute(EntityKey, String)
    case pair(subject: EntityKey, object: EntityKey)
}

/// Graph overlap J as FORMAT.md defines it: the Jaccard index over
/// U(SG) = attribute pairs ∪ {(subject, object) of every relation}.
public enum Overlap {
    /// U(SG). Predicates are not part of U, so a changed predicate leaves J unchanged.
    public static func elements(of g: SceneGraph) -> Set<OverlapElement> {
        var out: Set<OverlapElement> = []
        for e in g.entities {
            let key = EntityKey(id: e.id, name: e.name)
            for v in e.attributes { out.insert(.attribute(key, normalise(v))) }
        }
        for r in g.relations {
            out.insert(.pair(subject: EntityKey(id: r.subject, name: g.name(of: r.subject)),
                             object: EntityKey(id: r.object, name: g.name(of: r.object))))
        }
        return out
    }

    /// J(a, b) = |U(a) ∩ U(b)| / |U(a) ∪ U(b)|, after renaming `b`'s entity ids
    /// to `a`'s (matched by id, then by name). Two graphs with empty U are equal: 1.
    public static func jaccard(_ a: SceneGraph, _ b: SceneGraph) -> Double {
        let matcher = EntityMatcher(plus: a, minus: b)
        let bt = matcher.translated(b, plusIDs: Set(a.entities.map(\.id)))
        return jaccard(elements(of: a), elements(of: bt))
    }

    /// The Jaccard index of two sets; 1 when both are empty.
    public static func jaccard(_ a: Set<OverlapElement>, _ b: Set<OverlapElement>) -> Double {
        let union = a.union(b).count
        guard union > 0 else { return 1 }
        return Double(a.intersection(b).count) / Double(union)
    }

    /// J(SG-, SG+) for a negative over the whole graphs: SG- as given, else SG+
    /// with the negative's edits applied; nil when the negative has neither.
    public static func jaccard(negative: Negative, item: Item) -> Double? {
        if let minus = negative.sceneGraph { return jaccard(item.sceneGraph, minus) }
        guard !negative.edits.isEmpty else { return nil }
        return jaccard(item.sceneGraph, EditApplier.apply(negative.edits, to: item.sceneGraph).graph)
    }

    /// J restricted to the reasoning-critical subgraph: U(SG^c) against U(SG^c)
    /// with the negative's structural changes applied to it. This is the
    /// paper's reading (the operator perturbs SG^c), and it is what moves J
    /// into [0.3, 0.7] for one edit on a large graph. nil when nothing is known.
    public static func criticalJaccard(negative: Negative, item: Item) -> Double? {
        let diff = GraphDiff.of(negative, in: item)
        guard diff.source != .none else { return nil }
        let before = criticalElements(item)
        var after = before
        func key(_ id: String) -> EntityKey { EntityKey(id: id, name: diff.name(of: id)) }
        func pair(_ r: Relation) -> OverlapElement { .pair(subject: key(r.subject), object: key(r.object)) }
        for change in diff.changes {
            switch change {
            case .swapped(let r):
                after.remove(pair(r)); after.insert(.pair(subject: key(r.object), object: key(r.subject)))
            case .removed(.entity(let id)):
                after = after.filter { !mentions($0, id) }
            case .removed(.attribute(let p)): after.remove(.attribute(key(p.entity), normalise(p.value)))
            case .removed(.relation(let r)): after.remove(pair(r))
            case .added(.entity(let id)):
                for v in diff.minus.entity(id)?.attributes ?? [] { after.insert(.attribute(key(id), normalise(v))) }
            case .added(.attribute(let p)): after.insert(.attribute(key(p.entity), normalise(p.value)))
            case .added(.relation(let r)): after.insert(pair(r))
            case .replacedEntity(let from, let to):
                let old = EntityKey(id: from.id, name: from.name), new = EntityKey(id: to.id, name: to.name)
                after = Set(after.map { e in
                    switch e {
                    case .attribute(let k, let v): return .attribute(k == old ? new : k, v)
                    case .pair(let s, let o): return .pair(subject: s == old ? new : s, object: o == old ? new : o)
                    }
                })
            case .replacedAttribute(let e, let from, let to):
                if after.remove(.attribute(key(e), normalise(from))) != nil { after.insert(.attribute(key(e), normalise(to))) }
            case .replacedRelation(let a, let b):
                if after.remove(pair(a)) != nil { after.insert(pair(b)) }
            case .changedBox: break
            }
        }
        return jaccard(before, after)
    }

    /// U(SG^c): the critical attribute pairs and relation pairs; when the
    /// critical elements are only entities, their attributes and the relations among them.
    static func criticalElements(_ item: Item) -> Set<OverlapElement> {
        let g = item.sceneGraph
        func key(_ id: String) -> EntityKey { EntityKey(id: id, name: g.name(of: id)) }
        var out: Set<OverlapElement> = []
        var entities: Set<String> = []
        for ref in CriticalElements.resolved(for: item) {
            switch ref {
            case .entity(let id): entities.insert(id)
            case .attribute(let p): out.insert(.attribute(key(p.entity), normalise(p.value)))
            case .relation(let r): out.insert(.pair(subject: key(r.subject), object: key(r.object)))
            }
        }
        if out.isEmpty {
            for e in g.entities where entities.contains(e.id) {
                for v in e.attributes { out.insert(.attribute(key(e.id), normalise(v))) }
            }
            for r in g.relations where entities.contains(r.subject) && entities.contains(r.object) {
                out.insert(.pair(subject: key(r.subject), object: key(r.object)))
            }
        }
        return out
    }

    static func mentions(_ e: OverlapElement, _ id: String) -> Bool {
        switch e {
        case .attribute(let k, _): k.id == id
        case .pair(let s, let o): s.id == id || o.id == id
        }
    }

    static func normalise(_ s: String) -> String { EntityMatcher.nameKey(s) }
}
