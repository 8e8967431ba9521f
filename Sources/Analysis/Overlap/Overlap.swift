import SceneData

/// An entity as overlap compares it: its id and its (normalised) name. Both
/// count, so two different cubes stay two elements, and an entity renamed
/// in place ("cube" became "dog", same id) no longer counts as the same.
public struct EntityKey: Sendable, Hashable {
    /// The entity id (in SG+'s id space).
    public var id: String
    /// The name, lowercased with spaces collapsed.
    public var name: String
    /// A key from an id and a name (the name is lowercased and its spaces collapsed).
    public init(id: String, name: String) { self.id = id; self.name = EntityMatcher.nameKey(name) }
}

/// One member of U(SG): an attribute pair or the (subject, object) pair of a relation.
public enum OverlapElement: Sendable, Hashable {
    case attribute(EntityKey, String)
    case pair(subject: EntityKey, object: EntityKey)
}

/// Which graphs a J value compares.
public enum OverlapReading: String, Sendable, Hashable {
    /// SG- against the whole SG+.
    case wholeGraph = "SG+"
    /// SG- (or SG^c with the edits applied) against the critical subgraph SG^c.
    case criticalSubgraph = "SG^c"
}

/// A J value, the graphs it compares and where SG- came from.
public struct OverlapMeasure: Sendable, Hashable {
    /// J in [0, 1].
    public var value: Double
    /// Which graphs were compared.
    public var reading: OverlapReading
    /// Where SG- came from.
    public var source: GraphDiff.Source
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

    /// J(SG-, SG+) for a negative, the value the lints use; nil when the
    /// negative has neither SG- nor edits. See `measure(negative:item:)`.
    public static func jaccard(negative: Negative, item: Item) -> Double? {
        measure(negative: negative, item: item)?.value
    }

    /// J for a negative and which graphs it compares.
    ///
    /// - SG- given as a whole perturbed graph: J(SG-, SG+).
    /// - SG- given as a perturbed SG^c (it lacks entities of SG+ that lie
    ///   outside SG^c, which no operator removes): J(SG-, SG^c).
    /// - Edits only: the operator perturbs SG^c, so the edits are applied to
    ///   SG^c (entities brought in from the rest of the graph are taken from
    ///   SG+) and J compares the result with SG^c.
    public static func measure(negative: Negative, item: Item) -> OverlapMeasure? {
        let idSpace = Set(item.sceneGraph.entities.map(\.id))
        if let minus = negative.sceneGraph {
            if CriticalElements.isCriticalForm(minus, item: item) {
                // SG+ facts about SG^c's entities that SG- merely repeats (see
                // `CriticalElements.baseline`) are neither kept nor added: J leaves
                // them out, as it does when the same change is written as edits.
                let named = CriticalElements.subgraph(for: item)
                let baseline = CriticalElements.baseline(for: negative, in: item, minus: minus)
                let repeated = elements(of: baseline).subtracting(elements(of: named))
                let matcher = EntityMatcher(plus: baseline, minus: minus, idSpace: idSpace)
                let written = elements(of: matcher.translated(minus, plusIDs: Set(baseline.entities.map(\.id))))
                return OverlapMeasure(value: jaccard(elements(of: named), written.subtracting(repeated)),
                                      reading: .criticalSubgraph, source: .sceneGraph)
            }
            return OverlapMeasure(value: jaccard(item.sceneGraph, minus), reading: .wholeGraph, source: .sceneGraph)
        }
        guard !negative.edits.isEmpty else { return nil }
        let critical = CriticalElements.subgraph(for: item)
        let minus = EditApplier.apply(negative.edits, to: critical, lookup: item.sceneGraph).graph
        return OverlapMeasure(value: jaccard(critical, minus, idSpace: idSpace), reading: .criticalSubgraph, source: .edits)
    }

    /// J(a, b) with `b`'s ids matched against `a`'s in the id space of the full SG+.
    static func jaccard(_ a: SceneGraph, _ b: SceneGraph, idSpace: Set<String>) -> Double {
        let matcher = EntityMatcher(plus: a, minus: b, idSpace: idSpace)
        let bt = matcher.translated(b, plusIDs: Set(a.entities.map(\.id)))
        return jaccard(elements(of: a), elements(of: bt))
    }

    static func normalise(_ s: String) -> String { EntityMatcher.nameKey(s) }
}
