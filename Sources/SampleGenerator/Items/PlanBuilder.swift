import SceneData

/// Picks a question about a scene and the critical subgraph that answers it.
public enum PlanBuilder {
    /// The template families, in the order `make` tries them when asked for one.
    public enum Family: String, Sendable, CaseIterable {
        case count, exists, side, colour, material, compare
    }

    /// A plan of family `family` (any when nil) about `scene`; nil when the scene has no fitting objects.
    public static func make(_ scene: Scene, family: Family? = nil, language: QuestionLanguage = .english,
                            rng: inout SplitMix64) -> ItemPlan? {
        let order = family.map { [$0] } ?? rng.shuffled(Family.allCases)
        for f in order {
            for _ in 0..<6 {
                if let p = attempt(f, scene, language, &rng) { return p }
            }
        }
        return nil
    }

    private static func attempt(_ f: Family, _ scene: Scene, _ lang: QuestionLanguage, _ rng: inout SplitMix64) -> ItemPlan? {
        switch f {
        case .count: return count(scene, lang, &rng)
        case .exists: return exists(scene, &rng)
        case .side: return side(scene, &rng)
        case .colour: return attribute(scene, .colour, lang, &rng)
        case .material: return attribute(scene, .material, lang, &rng)
        case .compare: return compare(scene, &rng)
        }
    }

    /// The fewest attributes (size and colour first, material if needed) that name `o` uniquely.
    static func naming(_ o: SceneObject, in scene: Scene, base: [AttributeKind]) -> [String]? {
        for kinds in [base, base + [.material], [.size, .colour, .material]] {
            let values = kinds.map { $0.value(of: o) }
            let same = scene.objects.filter { other in
                other.shape == o.shape && kinds.allSatisfy { $0.value(of: other) == $0.value(of: o) }
            }
            if same.count == 1 { return unique(values) }
        }
        return nil
    }

    private static func count(_ scene: Scene, _ lang: QuestionLanguage, _ rng: inout SplitMix64) -> ItemPlan? {
        let colours = SceneColour.allCases.filter { c in (1...3).contains(scene.objects.filter { $0.colour == c }.count) }
        // Two or three objects make the richer rationale; one is a fallback.
        let rich = colours.filter { c in scene.objects.filter { $0.colour == c }.count >= 2 }
        guard let colour = rng.pick(rich.isEmpty ? colours : rich) else { return nil }
        let objects = scene.objects.filter { $0.colour == colour }
        let nodes = objects.map { CriticalGraph.Node(id: $0.id, name: $0.shape.rawValue, attributes: $0.attributes) }
        let question: String
        switch lang {
        case .french: question = "Combien d’objets \(french(colour)) y a-t-il à l’écran ? Réponds en chiffres."
        default: question = "How many \(colour.rawValue) objects are there?"
        }
        return ItemPlan(template: .count(colour: colour.rawValue), question: question, language: lang == .chinese ? .english : lang,
                        graph: CriticalGraph(nodes: nodes, relations: []),
                        steps: objects.map { .entity($0.id) } + [.conclusion], targetDescription: "")
    }

    private static let spatial = ["left of", "right of", "in front of", "behind", "on top of"]

    private static func exists(_ scene: Scene, _ rng: inout SplitMix64) -> ItemPlan? {
        guard let r = rng.pick(scene.relations.filter { spatial.contains($0.predicate) }),
              let x = scene.object(r.subject), let y = scene.object(r.object),
              let yAttrs = naming(y, in: scene, base: [.size, .colour]) else { return nil }
        let g = CriticalGraph(nodes: [CriticalGraph.Node(id: y.id, name: y.shape.rawValue, attributes: yAttrs),
                                      CriticalGraph.Node(id: x.id, name: x.shape.rawValue, attributes: [x.colour.rawValue])],
                              relations: [r])
        let target = g.describe(y.id)
        return ItemPlan(template: .exists(colour: x.colour.rawValue, shape: x.shape.rawValue, predicate: r.predicate, target: y.id),
                        question: "Is there a \(x.colour.rawValue) \(x.shape.rawValue) \(r.predicate) the \(target)?",
                        language: .english, graph: g, steps: [.entity(y.id), .relation(0), .conclusion],
                        targetDescription: target)
    }

    private static func side(_ scene: Scene, _ rng: inout SplitMix64) -> ItemPlan? {
        guard let r = rng.pick(scene.relations.filter { $0.predicate == "left of" || $0.predicate == "right of" }),
              let x = scene.object(r.subject), let y = scene.object(r.object),
              let xAttrs = naming(x, in: scene, base: [.colour]),
              let yAttrs = naming(y, in: scene, base: [.size, .colour]) else { return nil }
        let g = CriticalGraph(nodes: [CriticalGraph.Node(id: x.id, name: x.shape.rawValue, attributes: xAttrs),
                                      CriticalGraph.Node(id: y.id, name: y.shape.rawValue, attributes: yAttrs)],
                              relations: [r])
        return ItemPlan(template: .side(subject: x.id, target: y.id),
                        question: "Is the \(g.describe(x.id)) left or right of the \(g.describe(y.id))?",
                        language: .english, graph: g, steps: [.entity(x.id), .relation(0), .conclusion],
                        targetDescription: g.describe(y.id))
    }

    private static func attribute(_ scene: Scene, _ kind: AttributeKind, _ lang: QuestionLanguage, _ rng: inout SplitMix64) -> ItemPlan? {
        // The target is named with the asked kind too, so a reversed relation
        // still reads to an answer (the target's own colour or material).
        let base: [AttributeKind] = kind == .material ? [.size, .colour, .material] : [.size, .colour]
        guard let r = rng.pick(scene.relations.filter { spatial.contains($0.predicate) }),
              let x = scene.object(r.subject), let y = scene.object(r.object),
              let yAttrs = naming(y, in: scene, base: base) else { return nil }
        // "The cube left of the sphere" must name one object in the graph.
        let rivals = scene.relations.filter { $0.predicate == r.predicate && $0.object == y.id && $0.subject != x.id &&
            scene.object($0.subject)?.shape == x.shape }
        guard rivals.isEmpty else { return nil }
        let g = CriticalGraph(nodes: [CriticalGraph.Node(id: y.id, name: y.shape.rawValue, attributes: yAttrs),
                                      CriticalGraph.Node(id: x.id, name: x.shape.rawValue, attributes: [kind.value(of: x)])],
                              relations: [r])
        let target = g.describe(y.id)
        let question: String
        if lang == .chinese, kind == .colour {
            question = "在\(chinese(y, yAttrs))\(chinese(r.predicate))的\(chinese(x.shape))是什么颜色？"
        } else {
            question = "What \(kind == .colour ? "colour" : "material") is the \(x.shape.rawValue) \(r.predicate) the \(target)?"
        }
        return ItemPlan(template: .attribute(kind: kind, shape: x.shape.rawValue, predicate: r.predicate, target: y.id),
                        question: question, language: kind == .colour ? lang : .english, graph: g,
                        steps: [.entity(y.id), .relation(0), .conclusion], targetDescription: target)
    }

    private static func compare(_ scene: Scene, _ rng: inout SplitMix64) -> ItemPlan? {
        let shuffled = rng.shuffled(scene.objects)
        guard shuffled.count >= 2 else { return nil }
        let a = shuffled[0], b = shuffled[1]
        guard let aAttrs = naming(a, in: scene, base: [.colour]), let bAttrs = naming(b, in: scene, base: [.colour]) else { return nil }
        // Naming an object by its material would give the answer away.
        guard !aAttrs.contains(a.material.rawValue), !bAttrs.contains(b.material.rawValue) else { return nil }
        let qa = (aAttrs + [a.shape.rawValue]).joined(separator: " ")
        let qb = (bAttrs + [b.shape.rawValue]).joined(separator: " ")
        let na = CriticalGraph.Node(id: a.id, name: a.shape.rawValue, attributes: unique(aAttrs + [a.material.rawValue]))
        let nb = CriticalGraph.Node(id: b.id, name: b.shape.rawValue, attributes: unique(bAttrs + [b.material.rawValue]))
        let g = CriticalGraph(nodes: [na, nb], relations: [])
        return ItemPlan(template: .compare(first: a.id, second: b.id),
                        question: "Are the \(qa) and the \(qb) made of the same material?",
                        language: .english, graph: g, steps: [.entity(a.id), .entity(b.id), .conclusion], targetDescription: "")
    }

    /// `values` without repeats, in description order (size, colour, material).
    static func unique(_ values: [String]) -> [String] {
        var seen: [String] = []
        for v in values where !seen.contains(v) { seen.append(v) }
        return seen.sorted { (AttributeKind.of($0)?.order ?? 9) < (AttributeKind.of($1)?.order ?? 9) }
    }

    private static func french(_ c: SceneColour) -> String {
        switch c {
        case .red: "rouges"
        case .blue: "bleus"
        case .green: "verts"
        case .yellow: "jaunes"
        case .purple: "violets"
        case .cyan: "cyan"
        case .grey: "gris"
        case .brown: "marron"
        }
    }

    private static func chinese(_ o: SceneObject, _ attrs: [String]) -> String {
        let size = attrs.contains("large") ? "大的" : attrs.contains("small") ? "小的" : ""
        return size + o.colour.chinese + chinese(o.shape)
    }

    private static func chinese(_ s: Shape) -> String {
        switch s {
        case .cube: "立方体"
        case .sphere: "球体"
        case .cylinder: "圆柱体"
        }
    }

    private static func chinese(_ predicate: String) -> String {
        switch predicate {
        case "left of": "左边"
        case "right of": "右边"
        case "in front of": "前面"
        case "behind": "后面"
        default: "上面"
        }
    }
}
