import SceneData

/// The structural difference between SG+ and a negative's SG-.
public struct GraphDiff: Sendable, Hashable {
    /// Where the difference was read from.
    public enum Source: String, Sendable, Hashable {
        /// SG- was given and compared with SG+.
        case sceneGraph = "scene graph"
        /// SG- was absent; the changes are the negative's `edits`.
        case edits
        /// Neither SG- nor edits: nothing is known about the change.
        case none
    }

    /// The changes, entities first, then attributes, then relations.
    public var changes: [GraphChange]
    /// Where the changes were read from.
    public var source: Source
    /// SG+, or SG^c when SG- was given as a perturbed SG^c.
    public var plus: SceneGraph
    /// SG- as given, or SG+ with the edits applied.
    public var minus: SceneGraph

    /// A difference from its parts.
    public init(changes: [GraphChange], source: Source, plus: SceneGraph, minus: SceneGraph) {
        self.changes = changes; self.source = source; self.plus = plus; self.minus = minus
    }

    /// True when nothing changed (or nothing is known).
    public var isEmpty: Bool { changes.isEmpty }

    /// Every entity id some change touches.
    public var touchedEntityIDs: Set<String> { changes.reduce(into: []) { $0.formUnion($1.touchedEntityIDs) } }

    /// Every relation some change touches.
    public var touchedRelations: Set<Relation> { changes.reduce(into: []) { $0.formUnion($1.touchedRelations) } }

    /// The name of an entity id: SG+'s name, else SG-'s, else the id.
    public func name(of id: String) -> String {
        plus.entity(id)?.name ?? minus.entity(id)?.name ?? id
    }

    /// The one-line summary of `change`, with entity names from these graphs.
    public func summary(of change: GraphChange) -> String { change.summary(name: name(of:)) }

    /// One summary line per change, in order.
    public var summaries: [String] { changes.map(summary(of:)) }

    /// The difference for one negative: from its SG- when present, else from
    /// its edits. An SG- written as a perturbed SG^c is compared with SG^c (see
    /// `CriticalElements.isCriticalForm`), so the rest of SG+ does not show as removed,
    /// and with the SG+ facts about SG^c's entities that SG- repeats, so those do not
    /// show as added, unless the negative is an overthink (see `CriticalElements.baseline`).
    public static func of(_ negative: Negative, in item: Item) -> GraphDiff {
        if let minus = negative.sceneGraph {
            if CriticalElements.isCriticalForm(minus, item: item) {
                return between(plus: CriticalElements.baseline(for: negative, in: item, minus: minus), minus: minus,
                               idSpace: Set(item.sceneGraph.entities.map(\.id)))
            }
            return between(plus: item.sceneGraph, minus: minus)
        }
        if !negative.edits.isEmpty { return fromEdits(negative.edits, plus: item.sceneGraph) }
        return GraphDiff(changes: [], source: .none, plus: item.sceneGraph, minus: item.sceneGraph)
    }

    /// The changes the edits describe, read directly (no graph comparison).
    public static func fromEdits(_ edits: [Edit], plus: SceneGraph) -> GraphDiff {
        var changes: [GraphChange] = []
        for edit in edits {
            switch edit {
            case .swap(let r): changes.append(.swapped(r))
            case .remove(let ref): changes.append(.removed(ref))
            case .add(let ref): changes.append(.added(ref))
            case .replace(let from, let to):
                switch (from, to) {
                case (.entity(let a), .name(let n)):
                    let old = plus.entity(a) ?? Entity(id: a, name: a)
                    changes.append(.replacedEntity(from: old, to: Entity(id: a, name: n)))
                case (.entity(let a), .element(.entity(let b))):
                    let old = plus.entity(a) ?? Entity(id: a, name: a)
                    changes.append(.replacedEntity(from: old, to: plus.entity(b) ?? Entity(id: b, name: b)))
                case (.attribute(let p), .name(let v)):
                    changes.append(.replacedAttribute(entity: p.entity, from: p.value, to: v))
                case (.attribute(let p), .element(.attribute(let q))):
                    changes.append(.replacedAttribute(entity: p.entity, from: p.value, to: q.value))
                case (.relation(let r), .element(.relation(let s))):
                    changes.append(.replacedRelation(from: r, to: s))
                case (.relation(let r), .name(let n)):
                    changes.append(.replacedRelation(from: r, to: Relation(subject: r.subject, predicate: n, object: r.object)))
                case (_, .element(let other)):
                    // Kinds that do not line up (an entity for a relation): say it plainly.
                    changes.append(.removed(from)); changes.append(.added(other))
                case (_, .name(let n)):
                    changes.append(.removed(from)); changes.append(.added(.entity(n)))
                }
            }
        }
        let minus = EditApplier.apply(edits, to: plus).graph
        return GraphDiff(changes: changes, source: .edits, plus: plus, minus: minus)
    }

    /// The difference between two graphs. Entities are matched by id, then by
    /// name; a relation present reversed is a swap; an entity, attribute or
    /// relation that took another's place is a replacement.
    public static func between(plus: SceneGraph, minus: SceneGraph) -> GraphDiff {
        between(plus: plus, minus: minus, idSpace: nil)
    }

    static func between(plus: SceneGraph, minus: SceneGraph, idSpace: Set<String>?) -> GraphDiff {
        let plusIDs = Set(plus.entities.map(\.id))
        var matcher = EntityMatcher(plus: plus, minus: minus, idSpace: idSpace)
        var changes: [GraphChange] = []

        // Unmatched entities that sit where the other sat (same relation to the
        // same neighbour, or the same box) replaced one another; so do a lone
        // removed entity and a lone added one.
        var plusOnly = matcher.plusOnly, minusOnly = matcher.minusOnly
        var replacedPairs: [(Entity, Entity)] = []
        let contextsPlus = contexts(plus, map: { $0 })
        let contextsMinus = contexts(minus, map: matcher.plusID)
        for p in plusOnly {
            let cp = contextsPlus[p.id] ?? []
            if let k = minusOnly.firstIndex(where: { m in
                !cp.isDisjoint(with: contextsMinus[m.id] ?? []) || (p.box != nil && p.box == m.box)
            }) {
                replacedPairs.append((p, minusOnly[k])); minusOnly.remove(at: k)
            }
        }
        let replacedPlusIDs = Set(replacedPairs.map(\.0.id))
        plusOnly.removeAll { replacedPlusIDs.contains($0.id) }
        if plusOnly.count == 1, minusOnly.count == 1 {
            replacedPairs.append((plusOnly[0], minusOnly[0])); plusOnly = []; minusOnly = []
        }
        for (p, m) in replacedPairs { matcher.minusToPlus[m.id] = p.id }
        // By id, so the passes below stay linear in the graphs (issue 14).
        var replacement: [String: Entity] = [:]
        for (p, m) in replacedPairs where replacement[p.id] == nil { replacement[p.id] = m }
        let plusOnlyIDs = Set(plusOnly.map(\.id))
        let mt = matcher.translated(minus, plusIDs: plusIDs)

        // Entities in SG+ order.
        var renamed: [(Entity, Entity)] = []
        for p in plus.entities {
            if let to = replacement[p.id] {
                changes.append(.replacedEntity(from: p, to: to)); continue
            }
            if plusOnlyIDs.contains(p.id) { changes.append(.removed(.entity(p.id))); continue }
            guard let m = mt.entity(p.id) else { continue }
            if EntityMatcher.nameKey(p.name) != EntityMatcher.nameKey(m.name) { renamed.append((p, m)) }
            if let a = p.box, let b = m.box, a != b { changes.append(.changedBox(entity: p.id, from: a, to: b)) }
        }
        let swappedByName = nameExchanges(renamed, relations: plus.relations)
        for (p, m) in renamed where !swappedByName.ids.contains(p.id) {
            changes.append(.replacedEntity(from: p, to: m))
        }
        for m in minusOnly { changes.append(.added(.entity(m.id))) }

        // Attributes of entities present in both.
        for p in plus.entities where !plusOnlyIDs.contains(p.id) && replacement[p.id] == nil {
            guard let m = mt.entity(p.id) else { continue }
            var gone = p.attributes.filter { v in !m.attributes.contains { $0.lowercased() == v.lowercased() } }
            var new = m.attributes.filter { v in !p.attributes.contains { $0.lowercased() == v.lowercased() } }
            while !gone.isEmpty, !new.isEmpty {
                changes.append(.replacedAttribute(entity: p.id, from: gone.removeFirst(), to: new.removeFirst()))
            }
            for v in gone { changes.append(.removed(.attribute(AttributePair(entity: p.id, value: v)))) }
            for v in new { changes.append(.added(.attribute(AttributePair(entity: p.id, value: v)))) }
        }

        // Relations.
        let plusKeys = Set(plus.relations.map(RelationKey.init)), minusKeys = Set(mt.relations.map(RelationKey.init))
        var gone = plus.relations.filter { !minusKeys.contains(RelationKey($0)) }
        var new = mt.relations.filter { !plusKeys.contains(RelationKey($0)) }
        for r in swappedByName.relations { changes.append(.swapped(r)) }
        var swaps: [GraphChange] = [], replaced: [GraphChange] = []
        gone.removeAll { r in
            let reversed = r.reversed
            guard let k = new.firstIndex(where: { same($0, reversed) }) else { return false }
            new.remove(at: k); swaps.append(.swapped(r)); return true
        }
        gone.removeAll { r in
            guard let k = new.firstIndex(where: { sharesTwo($0, r) }) else { return false }
            replaced.append(.replacedRelation(from: r, to: new[k])); new.remove(at: k); return true
        }
        changes += swaps + replaced
        changes += gone.map { .removed(.relation($0)) }
        changes += new.map { .added(.relation($0)) }
        return GraphDiff(changes: changes, source: .sceneGraph, plus: plus, minus: minus)
    }

    /// What `same` compares, hashable: a relation with its predicate's name key.
    struct RelationKey: Hashable {
        var subject: String, predicate: String, object: String
        init(_ r: Relation) { subject = r.subject; predicate = EntityMatcher.nameKey(r.predicate); object = r.object }
    }

    static func same(_ a: Relation, _ b: Relation) -> Bool {
        a.subject == b.subject && a.object == b.object && EntityMatcher.nameKey(a.predicate) == EntityMatcher.nameKey(b.predicate)
    }

    static func sharesTwo(_ a: Relation, _ b: Relation) -> Bool {
        let s = a.subject == b.subject, o = a.object == b.object
        let p = EntityMatcher.nameKey(a.predicate) == EntityMatcher.nameKey(b.predicate)
        return (s && o) || (s && p) || (p && o)
    }

    /// For each entity, the (direction, predicate, neighbour) triples it takes part in.
    static func contexts(_ g: SceneGraph, map: (String) -> String) -> [String: Set<String>] {
        var out: [String: Set<String>] = [:]
        for r in g.relations {
            let pred = EntityMatcher.nameKey(r.predicate)
            out[r.subject, default: []].insert(">\(pred)>\(map(r.object))")
            out[r.object, default: []].insert("<\(pred)<\(map(r.subject))")
        }
        return out
    }

    /// Two entities that exchanged names and are related in SG+: the swap was
    /// written by renaming rather than by reversing the relation.
    static func nameExchanges(_ renamed: [(Entity, Entity)], relations: [Relation]) -> (ids: Set<String>, relations: [Relation]) {
        var ids: Set<String> = [], rels: [Relation] = []
        for (i, a) in renamed.enumerated() {
            for b in renamed[(i + 1)...] where !ids.contains(a.0.id) && !ids.contains(b.0.id) {
                let crossed = EntityMatcher.nameKey(a.0.name) == EntityMatcher.nameKey(b.1.name)
                    && EntityMatcher.nameKey(b.0.name) == EntityMatcher.nameKey(a.1.name)
                guard crossed, let r = relations.first(where: {
                    ($0.subject == a.0.id && $0.object == b.0.id) || ($0.subject == b.0.id && $0.object == a.0.id)
                }) else { continue }
                ids.formUnion([a.0.id, b.0.id]); rels.append(r)
            }
        }
        return (ids, rels)
    }
}
