/// A question template: how a question is asked, which critical subgraph the
/// chosen rationale walks through, and how a (perturbed) subgraph answers it.
public enum QuestionTemplate: Sendable, Hashable {
    /// "How many red objects are there?": every red object is critical.
    case count(colour: String)
    /// "Is there a red cube left of the large blue sphere?"
    case exists(colour: String, shape: String, predicate: String, target: String)
    /// "Is the red cube left or right of the large blue sphere?"
    case side(subject: String, target: String)
    /// "What colour is the cube left of the large blue sphere?"
    case attribute(kind: AttributeKind, shape: String, predicate: String, target: String)
    /// "Are the red cube and the blue sphere made of the same material?"
    case compare(first: String, second: String)

    /// The id recorded in `meta.templates.question`.
    public var id: String {
        switch self {
        case .count: "count_colour"
        case .exists: "exists_relation"
        case .side: "relation_side"
        case .attribute(let kind, _, _, _): kind == .colour ? "colour_of_related" : "material_of_related"
        case .compare: "compare_material"
        }
    }

    /// The answer `graph` supports, after `ids` maps each original entity to
    /// the one that replaced it (an operator may have swapped entities).
    public func answer(in graph: CriticalGraph, ids: [String: String], targetDescription: String) -> String {
        switch self {
        case .count(let colour):
            return String(graph.nodes.filter { $0.attributes.contains(colour) }.count)
        case .exists(let colour, let shape, let predicate, _):
            let hit = graph.liveRelations.contains { r in
                guard r.predicate == predicate, let s = graph.node(r.subject) else { return false }
                return s.name == shape && s.attributes.contains(colour) && graph.describe(r.object) == targetDescription
            }
            return hit ? "yes" : "no"
        case .side(let subject, let target):
            let s = ids[subject] ?? subject, t = ids[target] ?? target
            for r in graph.liveRelations.reversed() {
                let side = r.predicate == "left of" ? "left" : r.predicate == "right of" ? "right" : nil
                guard let side else { continue }
                if r.subject == s && r.object == t { return side }
                if r.subject == t && r.object == s { return side == "left" ? "right" : "left" }
            }
            return "cannot tell"
        case .attribute(let kind, _, let predicate, let target):
            let t = ids[target] ?? target
            // The last relation the rationale states about the target decides, so an
            // over-thought extra relation or a reversed one leads somewhere else.
            guard let r = graph.liveRelations.last(where: { $0.predicate == predicate && ($0.object == t || $0.subject == t) }),
                  let node = graph.node(r.subject) else { return "none" }
            return node.attributes.first { AttributeKind.of($0) == kind } ?? "none"
        case .compare(let first, let second):
            let a = graph.node(ids[first] ?? first), b = graph.node(ids[second] ?? second)
            guard let a, let b,
                  let ma = a.attributes.first(where: { AttributeKind.of($0) == .material }),
                  let mb = b.attributes.first(where: { AttributeKind.of($0) == .material }) else { return "cannot tell" }
            return ma == mb ? "yes" : "no"
        }
    }

    /// The last step of a rationale that reaches `answer`.
    public func conclusion(_ answer: String, graph: CriticalGraph, ids: [String: String]) -> String {
        switch self {
        case .count(let colour):
            return answer == "1" ? "So there is 1 \(colour) object." : "So there are \(answer) \(colour) objects."
        case .exists:
            return answer == "yes" ? "So yes, there is one." : "So no, there is not."
        case .side(let subject, _):
            let s = graph.describe(ids[subject] ?? subject)
            return answer == "cannot tell" ? "So the side cannot be told." : "So the \(s) is on the \(answer)."
        case .attribute:
            return "So the answer is \(answer)."
        case .compare:
            return answer == "yes" ? "So they are made of the same material." :
                answer == "no" ? "So they are made of different materials." : "So the materials cannot be compared."
        }
    }
}

/// One step of a rationale plan: it mentions an entity, states a relation
/// slot of the critical graph, or concludes.
public enum PlanStep: Sendable, Hashable {
    case entity(String)
    case relation(Int)
    case conclusion
}
