import SceneData

/// SG- made by really applying one operator to SG^c, with the rationale the
/// same templates write from it.
public struct Perturbation: Sendable, Hashable {
    /// The operator applied.
    public var op: PerturbationOperator
    /// What changed, as the dataset records it.
    public var edits: [Edit]
    /// SG- (the perturbed critical subgraph).
    public var graph: CriticalGraph
    /// The rationale plan over SG-.
    public var steps: [PlanStep]
    /// Original entity id to the id that replaced it.
    public var ids: [String: String]
    /// The rationale written from SG-.
    public var rationale: [String]
    /// The answer the rationale reaches.
    public var answer: String
    /// J(SG-, SG^c).
    public var overlap: Double
}

/// Enumerates every way each operator can perturb an item's SG^c.
public enum Perturber {
    /// All candidate perturbations of `plan` with operator `op` in `scene`.
    public static func candidates(_ op: PerturbationOperator, plan: ItemPlan, scene: Scene,
                                  rng: inout SplitMix64) -> [Perturbation] {
        let g = plan.graph
        var out: [Perturbation] = []
        func emit(_ edits: [Edit], _ ng: CriticalGraph, _ steps: [PlanStep], _ ids: [String: String] = [:]) {
            let r = plan.rationale(graph: ng, steps: steps, ids: ids)
            out.append(Perturbation(op: op, edits: edits, graph: ng, steps: steps, ids: ids,
                                    rationale: r.steps, answer: r.answer, overlap: ng.jaccard(g)))
        }
        let inGraph = Set(g.nodes.map(\.id))
        let rest = scene.objects.filter { !inGraph.contains($0.id) }
        switch op {
        case .swap:
            for (k, r) in g.relations.enumerated() {
                guard let r else { continue }
                var ng = g
                ng.relations[k] = r.reversed
                emit([.swap(relation: r)], ng, plan.steps)
            }
        case .replace:
            for (i, n) in g.nodes.enumerated() {
                // An attribute replaced by a value another object has.
                for (j, value) in n.attributes.enumerated() {
                    guard let kind = AttributeKind.of(value) else { continue }
                    var donors: [String] = []
                    for o in rest { let v = kind.value(of: o); if v != value && !donors.contains(v) { donors.append(v) } }
                    for v in donors.prefix(2) {
                        var ng = g
                        ng.nodes[i].attributes[j] = v
                        let pair = { (x: String) in ElementRef.attribute(AttributePair(entity: n.id, value: x)) }
                        emit([.replace(from: pair(value), to: .element(pair(v)))], ng, plan.steps)
                    }
                }
                // The entity replaced by another object of the scene, seen with the same attribute kinds.
                let kinds = n.attributes.compactMap { AttributeKind.of($0) }
                let pool = rng.shuffled(rest).prefix(3)
                for z in pool {
                    let node = CriticalGraph.Node(id: z.id, name: z.shape.rawValue, attributes: kinds.map { $0.value(of: z) })
                    var ng = g
                    ng.nodes[i] = node
                    if ng.describe(z.id) == g.describe(n.id) { continue }
                    ng.relations = g.relations.map { r in
                        r.map { Relation(subject: $0.subject == n.id ? z.id : $0.subject, predicate: $0.predicate,
                                         object: $0.object == n.id ? z.id : $0.object) }
                    }
                    let steps = plan.steps.map { s -> PlanStep in
                        if case .entity(n.id) = s { return .entity(z.id) }
                        return s
                    }
                    emit([.replace(from: .entity(n.id), to: .element(.entity(z.id)))], ng, steps, [n.id: z.id])
                }
            }
        case .shorten:
            // Removing an element skips every step that mentions it (a relation's
            // step goes with either of its entities).
            if g.nodes.count > 1 {
                for n in g.nodes {
                    var ng = g
                    ng.nodes.removeAll { $0.id == n.id }
                    ng.relations = g.relations.map { r in r.flatMap { $0.subject == n.id || $0.object == n.id ? nil : $0 } }
                    emit([.remove(.entity(n.id))], ng, plan.steps.filter { still($0, in: ng) })
                }
            }
            for (k, r) in g.relations.enumerated() {
                guard let r else { continue }
                var ng = g
                ng.relations[k] = nil
                emit([.remove(.relation(r))], ng, plan.steps.filter { still($0, in: ng) })
            }
        case .overthink:
            let present = Set(g.liveRelations)
            let extra = scene.relations.filter { r in
                !present.contains(r) && r.predicate != "same colour as" &&
                    (inGraph.contains(r.subject) != inGraph.contains(r.object))
            }
            for r in rng.shuffled(extra).prefix(4) {
                let newID = inGraph.contains(r.subject) ? r.object : r.subject
                guard let w = scene.object(newID) else { continue }
                for kinds in [[AttributeKind.colour], [.size, .colour]] {
                    var ng = g
                    ng.nodes.append(CriticalGraph.Node(id: w.id, name: w.shape.rawValue, attributes: kinds.map { $0.value(of: w) }))
                    // An added object that reads like one already mentioned would add no step a reader can see.
                    if g.nodes.contains(where: { g.describe($0.id) == ng.describe(w.id) }) { continue }
                    ng.relations.append(r)
                    var steps = plan.steps
                    steps.insert(.relation(ng.relations.count - 1), at: max(0, steps.count - 1))
                    emit([.add(.entity(w.id)), .add(.relation(r))], ng, steps)
                }
            }
        }
        return out
    }

    /// True when `step` still has something to say in `graph`.
    private static func still(_ step: PlanStep, in graph: CriticalGraph) -> Bool {
        switch step {
        case .entity(let id): return graph.node(id) != nil
        case .relation(let k): return k < graph.relations.count && graph.relations[k] != nil
        case .conclusion: return true
        }
    }
}
