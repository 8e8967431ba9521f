import SceneData

extension CriticalElements {
    /// SG^c as a graph: the critical entities (those referenced directly, by an
    /// attribute or by a relation) with their SG+ names and boxes, the critical
    /// attribute values and the critical relations. Only when the references are
    /// entities alone (no attribute, no relation) do the entities keep their SG+
    /// attributes and the SG+ relations among them: U(SG^c) would be empty otherwise.
    public static func subgraph(for item: Item) -> SceneGraph {
        let g = item.sceneGraph
        let refs = resolved(for: item)
        var ids: [String] = []
        var seen: Set<String> = []
        func note(_ id: String) { if seen.insert(id).inserted { ids.append(id) } }
        var attributes: [String: [String]] = [:]
        var relations: [Relation] = []
        var anyAttribute = false, anyRelation = false
        for ref in refs {
            switch ref {
            case .entity(let id): note(id)
            case .attribute(let p):
                note(p.entity); anyAttribute = true
                if !(attributes[p.entity] ?? []).contains(p.value) { attributes[p.entity, default: []].append(p.value) }
            case .relation(let r):
                note(r.subject); note(r.object); anyRelation = true
                if !relations.contains(r) { relations.append(r) }
            }
        }
        let entitiesOnly = !anyAttribute && !anyRelation
        let entities = ids.map { id in
            let e = g.entity(id)
            return Entity(id: id, name: e?.name ?? id, box: e?.box,
                          attributes: entitiesOnly ? (e?.attributes ?? []) : (attributes[id] ?? []))
        }
        if entitiesOnly { relations = g.relations.filter { seen.contains($0.subject) && seen.contains($0.object) } }
        return SceneGraph(entities: entities, relations: relations, width: g.width, height: g.height, form: g.form)
    }

    /// True when `minus` is written as a perturbed SG^c rather than a perturbed
    /// SG+: some entity of SG+ outside SG^c is missing from it. The operators
    /// only touch SG^c, so a whole perturbed graph keeps every entity outside it.
    public static func isCriticalForm(_ minus: SceneGraph, item: Item) -> Bool {
        let plus = item.sceneGraph
        let critical = Set(subgraph(for: item).entities.map(\.id))
        let outside = plus.entities.map(\.id).filter { !critical.contains($0) }
        guard !outside.isEmpty else { return false }
        let matcher = EntityMatcher(plus: plus, minus: minus)
        let present = Set(minus.entities.map { matcher.plusID($0.id) })
        return outside.contains { !present.contains($0) }
    }
}

extension CriticalElements {
    /// What a negative's SG-, written as a perturbed SG^c, is compared with:
    /// SG^c plus the SG+ facts about SG^c's own entities that SG- repeats
    /// (see `subgraph(for:comparedWith:declaredOverthink:)`).
    public static func baseline(for negative: Negative, in item: Item, minus: SceneGraph) -> SceneGraph {
        subgraph(for: item, comparedWith: minus, declaredOverthink: negative.op == .overthink)
    }

    /// SG^c as the writer of `minus` (an SG- written as a perturbed SG^c) saw it:
    /// `subgraph(for:)` plus the SG+ facts about SG^c's own entities that `minus`
    /// repeats. `critical` may name an entity without its attributes (or leave out
    /// a relation between two critical entities) while SG- copies the entity from
    /// SG+ whole; those copies are what SG+ already says, not a perturbation, so
    /// they must not read as added nor lower J.
    ///
    /// A repeated relation is kept out when it could be the perturbation itself:
    /// the reverse of an SG^c relation SG- lacks (a swap, as with a symmetric
    /// "next to") or one sharing two of its three parts (a replacement).
    /// Entities are never taken in: an SG+ entity outside SG^c in SG- is what
    /// overthink (or replace) brings in.
    ///
    /// An overthink's very change may be an SG+ fact about an SG^c entity (one
    /// more attribute, one more relation between them). For a declared
    /// overthink only whole copies are taken in: an entity's attributes when
    /// SG- repeats every one SG+ gives it, and no relations; a single attribute
    /// picked from several then still shows as added.
    public static func subgraph(for item: Item, comparedWith minus: SceneGraph,
                                declaredOverthink: Bool = false) -> SceneGraph {
        var critical = subgraph(for: item)
        let plus = item.sceneGraph
        let criticalIDs = Set(critical.entities.map(\.id))
        let matcher = EntityMatcher(plus: critical, minus: minus, idSpace: Set(plus.entities.map(\.id)))
        let mt = matcher.translated(minus, plusIDs: criticalIDs)
        func key(_ v: String) -> String { v.lowercased() }
        for k in critical.entities.indices {
            let id = critical.entities[k].id
            guard let whole = plus.entity(id), let written = mt.entity(id) else { continue }
            let repeated = whole.attributes.filter { v in written.attributes.contains { key($0) == key(v) } }
            if declaredOverthink && repeated.count < whole.attributes.count { continue }
            for v in repeated where !critical.entities[k].attributes.contains(where: { key($0) == key(v) }) {
                critical.entities[k].attributes.append(v)
            }
        }
        if declaredOverthink { return critical }
        let lacking = critical.relations.filter { r in !mt.relations.contains { GraphDiff.same($0, r) } }
        for r in plus.relations where criticalIDs.contains(r.subject) && criticalIDs.contains(r.object) {
            guard mt.relations.contains(where: { GraphDiff.same($0, r) }),
                  !critical.relations.contains(where: { GraphDiff.same($0, r) }),
                  !lacking.contains(where: { GraphDiff.same($0, r.reversed) || GraphDiff.sharesTwo($0, r) })
            else { continue }
            critical.relations.append(r)
        }
        return critical
    }
}
