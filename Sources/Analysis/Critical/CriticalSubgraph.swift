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
