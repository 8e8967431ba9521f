import Foundation
import SceneData

/// The texts of a preference pair: prompt, chosen and rejected.
public enum PairText {
    /// Steps one per line, then `Answer: …` when the rationale has an answer
    /// (the chosen rationale falls back to the item's answer).
    public static func rationale(_ r: Rationale, fallbackAnswer: String? = nil) -> String {
        var lines = r.steps.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        if let answer = (r.answer ?? fallbackAnswer)?.trimmingCharacters(in: .whitespacesAndNewlines), !answer.isEmpty {
            lines.append("Answer: " + answer)
        }
        return lines.joined(separator: "\n")
    }

    /// The chosen side of every pair of `item`.
    public static func chosen(_ item: Item) -> String { rationale(item.chosen, fallbackAnswer: item.answer) }

    /// Both sides of the pair (`item`, `negative`), formatted alike: an
    /// `Answer: …` line ends both or neither. A negative without an answer of
    /// its own gets none, and then neither does the chosen side; otherwise a
    /// trailing answer line on one side only would tell a model which side is
    /// rejected without reading the reasoning.
    public static func sides(_ item: Item, _ negative: Negative) -> (chosen: String, rejected: String) {
        func has(_ a: String?) -> Bool { !(a?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ?? true) }
        guard has(negative.rationale.answer) else {
            return (rationale(Rationale(steps: item.chosen.steps, answer: nil)),
                    rationale(Rationale(steps: negative.rationale.steps, answer: nil)))
        }
        let chosenAnswer = has(item.chosen.answer) ? item.chosen.answer : item.answer
        guard has(chosenAnswer) else {
            // No answer known for the chosen side either: drop the negative's too.
            return (rationale(Rationale(steps: item.chosen.steps, answer: nil)),
                    rationale(Rationale(steps: negative.rationale.steps, answer: nil)))
        }
        return (rationale(item.chosen, fallbackAnswer: item.answer), rationale(negative.rationale))
    }

    /// The question, or with `includeGraph` SG+ as text, then the question.
    public static func prompt(_ item: Item, includeGraph: Bool) -> String {
        guard includeGraph else { return item.question }
        return "Scene graph:\n" + graph(item.sceneGraph) + "\nQuestion: " + item.question
    }

    /// A compact serialisation of a scene graph: objects with their attributes
    /// on one line, then relations as (subject, predicate, object) by id.
    ///
    ///     objects: o1 man [kneeling]; o2 motorcycle [red, shiny]
    ///     relations: (o1, next to, o2)
    public static func graph(_ g: SceneGraph) -> String {
        let objects = g.entities.map { e -> String in
            let attrs = e.attributes.isEmpty ? "" : " [" + e.attributes.joined(separator: ", ") + "]"
            return "\(e.id) \(e.name)\(attrs)"
        }
        let relations = g.relations.map { "(\($0.subject), \($0.predicate), \($0.object))" }
        return "objects: " + (objects.isEmpty ? "none" : objects.joined(separator: "; "))
            + "\nrelations: " + (relations.isEmpty ? "none" : relations.joined(separator: "; "))
    }

    /// The operator as exported: the canonical name, or the name as written when unknown.
    public static func operatorName(_ n: Negative) -> String { n.op?.rawValue ?? n.operatorName }

    /// The order tables list operators in: swap, replace, shorten, overthink, then other names sorted.
    public static func operatorOrder(_ a: String, _ b: String) -> Bool {
        let known = PerturbationOperator.allCases.map(\.rawValue)
        switch (known.firstIndex(of: a), known.firstIndex(of: b)) {
        case let (x?, y?): return x < y
        case (_?, nil): return true
        case (nil, _?): return false
        case (nil, nil): return a < b
        }
    }
}
