import SceneData

/// Turns a scene, a plan and chosen perturbations into an `ItemRecord`'s
/// parts: negatives with SG- and scores, evidence, a focus map, meta.
public enum ItemFactory {
    /// Template ids recorded in `meta.templates` besides the question's.
    public static let rationaleTemplate = "steps-v1"
    /// The evidence template's id.
    public static let evidenceTemplate = "regions-v1"

    /// Negative records for `picks`, ids `n1`, `n2`...; SG- boxes as `boxes` says.
    public static func negatives(_ picks: [Perturbation], scene: Scene, boxes: Bool,
                                 rng: inout SplitMix64) -> [ItemRecord.NegativeRecord] {
        picks.enumerated().map { i, p in
            ItemRecord.NegativeRecord(
                id: "n\(i + 1)", operatorName: p.op.rawValue, edits: p.edits,
                sceneGraph: p.graph.sceneGraph(scene: scene, boxes: boxes),
                steps: p.rationale, answer: p.answer, scores: scores(&rng))
        }
    }

    /// Judge scores of a pair where the chosen side is clearly better.
    public static func scores(_ rng: inout SplitMix64) -> (chosen: Double, rejected: Double, confidence: Double) {
        (rng.double(in: 0.72...0.96), rng.double(in: 0.06...0.42), rng.double(in: 0.55...0.95))
    }

    /// Where an object is, in words ("back left", "front centre").
    static func region(_ o: SceneObject, _ scene: Scene) -> String {
        let cx = o.centre.x / Double(scene.width)
        let h = SceneLayout.horizon(scene.height)
        let depth = Double(o.groundY - h) / Double(max(1, scene.height - h))
        let row = depth < 0.45 ? "back" : depth < 0.75 ? "middle" : "front"
        let col = cx < 0.34 ? "left" : cx < 0.67 ? "centre" : "right"
        return "\(row) \(col)"
    }

    /// A description of the region the question is about that does not state the answer.
    public static func evidence(_ plan: ItemPlan, scene: Scene) -> String {
        let g = plan.graph
        func at(_ id: String) -> String { scene.object(id).map { region($0, scene) } ?? "middle" }
        switch plan.template {
        case .count(let colour):
            return "Objects of all three shapes stand on a grey floor; the \(colour) surfaces to check are spread between the back wall and the front edge, some close to other objects."
        case .exists(_, _, _, let target):
            return "The \(g.describe(target)) stands at the \(at(target)) of the floor; the objects around it are the ones to check."
        case .side(let subject, let target):
            let depth = at(target).split(separator: " ").first.map(String.init) ?? "middle"
            return "The \(g.describe(subject)) and the \(g.describe(target)) are both on the floor, the second one towards the \(depth); compare where their centres are."
        case .attribute(_, let shape, _, let target):
            return "The \(g.describe(target)) is at the \(at(target)); a \(shape) stands close to it and its surface is clearly lit."
        case .compare(let first, let second):
            let a = scene.object(first).map { "\($0.colour.rawValue) \($0.shape.rawValue)" } ?? first
            let b = scene.object(second).map { "\($0.colour.rawValue) \($0.shape.rawValue)" } ?? second
            return "The \(a) is at the \(at(first)) and the \(b) at the \(at(second)); look at how each one reflects the light."
        }
    }

    /// The boxes of the objects `ids` names, for attention maps.
    public static func boxes(_ ids: [String], _ scene: Scene) -> [(x: Int, y: Int, w: Int, h: Int)] {
        ids.compactMap { scene.object($0) }.map { ($0.x, $0.y, $0.w, $0.h) }
    }

    /// `meta`: generator, seed, template ids, J of each negative, plus `extra` members.
    public static func meta(plan: ItemPlan, seed: UInt64, scene: String, objects: Int,
                            negatives: [(String, Double)], extra: [(String, JSONValue)] = []) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("generator", .string("scenelens-sample")),
            ("seed", seed < 1 << 53 ? .number(Double(seed)) : .string(String(seed))),
            ("scene", .string(scene)),
            ("objects", .number(Double(objects))),
            ("templates", .object([("question", .string(plan.template.id)),
                                   ("rationale", .string(rationaleTemplate)),
                                   ("evidence", .string(evidenceTemplate))])),
        ]
        if !negatives.isEmpty {
            members.append(("j", .object(negatives.map { ($0.0, .number(($0.1 * 1000).rounded() / 1000)) })))
        }
        return .object(members + extra)
    }
}
