import SceneData

/// A small CLEVR-like item shared by the tests: a red metal cube left of a
/// blue sphere, a green cylinder in front of the cube.
enum Sample {
    static let cube = Entity(id: "o1", name: "cube", box: BoundingBox(x: 10, y: 10, w: 20, h: 20), attributes: ["red", "metal"])
    static let sphere = Entity(id: "o2", name: "sphere", box: BoundingBox(x: 60, y: 10, w: 20, h: 20), attributes: ["blue"])
    static let cylinder = Entity(id: "o3", name: "cylinder", box: BoundingBox(x: 10, y: 60, w: 20, h: 20), attributes: ["green"])
    static let leftOf = Relation(subject: "o1", predicate: "left of", object: "o2")
    static let inFront = Relation(subject: "o3", predicate: "in front of", object: "o1")

    static var graph: SceneGraph {
        SceneGraph(entities: [cube, sphere, cylinder], relations: [leftOf, inFront], width: 100, height: 100)
    }

    static let chosen = Rationale(steps: [
        "The red cube is to the left of the blue sphere.",
        "A green cylinder is in front of the cube.",
        "So the object left of the sphere is a cube.",
    ], answer: "cube")

    static func negative(_ id: String = "n1", op: String = "swap", edits: [Edit] = [], graph: SceneGraph? = nil,
                         steps: [String], answer: String? = "sphere") -> Negative {
        Negative(id: id, op: PerturbationOperator(name: op), operatorName: op, edits: edits, sceneGraph: graph,
                 rationale: Rationale(steps: steps, answer: answer))
    }

    static func item(negatives: [Negative] = [], critical: [ElementRef]? = nil, evidence: String? = nil,
                     attention: [AttentionMap] = [], chosen: Rationale = Sample.chosen, graph: SceneGraph = Sample.graph) -> Item {
        Item(id: "clevr-1", line: 7, image: .path("img.png"), question: "What shape is the red object left of the sphere?",
             answer: "cube", sceneGraph: graph, critical: critical, chosen: chosen, negatives: negatives,
             attention: attention, evidence: evidence)
    }

    /// A clean swap negative: the relation reversed in SG- and in the text.
    static var cleanSwap: Negative {
        var g = graph
        g.relations[0] = Relation(subject: "o2", predicate: "left of", object: "o1")
        return negative(graph: g, steps: [
            "The blue sphere is to the left of the red cube.",
            "A green cylinder is in front of the cube.",
            "So the object left of the sphere is nothing; the sphere is on the left.",
        ], answer: "sphere")
    }
}
