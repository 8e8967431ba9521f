/// The language a question (and its answer) is asked in.
public enum QuestionLanguage: String, Sendable, Hashable {
    case english = "en", french = "fr", chinese = "zh"
}

/// What an item is about: its question, SG^c, the steps of the chosen
/// rationale over SG^c, and the answer SG^c supports.
public struct ItemPlan: Sendable, Hashable {
    /// The question template and its parameters.
    public var template: QuestionTemplate
    /// The question as asked.
    public var question: String
    /// The question's language (the rationale stays English).
    public var language: QuestionLanguage
    /// SG^c.
    public var graph: CriticalGraph
    /// The chosen rationale's plan (2 to 4 steps).
    public var steps: [PlanStep]
    /// How the question names its target, so a changed target stops matching.
    public var targetDescription: String

    /// The chosen rationale's text and answer.
    public var chosen: (steps: [String], answer: String) { rationale(graph: graph, steps: steps, ids: [:]) }

    /// The chosen answer.
    public var answer: String { chosen.answer }

    /// The rationale the same templates write for `graph` (SG+ or SG-): steps
    /// whose element is gone are skipped, everything else reads as before.
    public func rationale(graph g: CriticalGraph, steps plan: [PlanStep], ids: [String: String]) -> (steps: [String], answer: String) {
        let raw = template.answer(in: g, ids: ids, targetDescription: targetDescription)
        let shown = localised(raw)
        var out: [String] = []
        for step in plan {
            switch step {
            case .entity(let id):
                if g.node(id) != nil { out.append("There is a \(g.describe(id)).") }
            case .relation(let k):
                if k < g.relations.count, let r = g.relations[k], g.node(r.subject) != nil, g.node(r.object) != nil {
                    out.append("The \(g.describe(r.subject)) is \(r.predicate) the \(g.describe(r.object)).")
                }
            case .conclusion:
                out.append(template.conclusion(shown, graph: g, ids: ids))
            }
        }
        return (out, shown)
    }

    /// The answer in the question's language (colour names in Chinese for the CJK item).
    func localised(_ answer: String) -> String {
        if language == .chinese, let c = SceneColour(rawValue: answer) { return c.chinese }
        return answer
    }

    /// The entity ids a step mentions (for per-step attention maps).
    public func entities(of step: PlanStep) -> [String] {
        switch step {
        case .entity(let id): return [id]
        case .relation(let k):
            guard k < graph.relations.count, let r = graph.relations[k] else { return [] }
            return [r.subject, r.object]
        case .conclusion: return graph.nodes.map(\.id)
        }
    }
}
