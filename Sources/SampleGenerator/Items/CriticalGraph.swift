import SceneData

/// SG^c, or a perturbed copy of it (SG-): the entities a rationale mentions
/// with the attribute values it mentions, and its relations.
///
/// Relations live in index-stable slots so that a rationale step keeps
/// pointing at "its" relation after an operator reverses or removes it.
public struct CriticalGraph: Sendable, Hashable {
    /// One mentioned entity: its id, name and the attribute values mentioned.
    public struct Node: Sendable, Hashable {
        /// The entity's id in SG+.
        public var id: String
        /// The entity's name (its shape).
        public var name: String
        /// Values in description order (size, colour, material).
        public var attributes: [String]
        /// A node from its parts; attributes are put in description order.
        public init(id: String, name: String, attributes: [String]) {
            self.id = id; self.name = name
            self.attributes = attributes.sorted { (AttributeKind.of($0)?.order ?? 9) < (AttributeKind.of($1)?.order ?? 9) }
        }
    }

    /// One element of U(SG): an attribute pair or the (subject, object) of a relation.
    public enum Unit: Sendable, Hashable {
        case attribute(String, String)
        case pair(String, String)
    }

    /// The mentioned entities, in the order the rationale meets them.
    public var nodes: [Node]
    /// Relation slots; nil where an operator removed the relation.
    public var relations: [Relation?]

    /// A graph from its parts.
    public init(nodes: [Node], relations: [Relation?]) { self.nodes = nodes; self.relations = relations }

    /// The node with this id.
    public func node(_ id: String) -> Node? { nodes.first { $0.id == id } }

    /// "small red metal cube": the mentioned attributes, then the name.
    public func describe(_ id: String) -> String {
        guard let n = node(id) else { return id }
        return (n.attributes + [n.name]).joined(separator: " ")
    }

    /// U(SG) as FORMAT.md defines it: attribute pairs and relation (subject, object) pairs.
    public var units: Set<Unit> {
        var u = Set<Unit>()
        for n in nodes { for a in n.attributes { u.insert(.attribute(n.id, a)) } }
        for r in relations { if let r { u.insert(.pair(r.subject, r.object)) } }
        return u
    }

    /// J(self, other): the Jaccard index of their units (1 when both are empty).
    public func jaccard(_ other: CriticalGraph) -> Double {
        let a = units, b = other.units
        let union = a.union(b).count
        return union == 0 ? 1 : Double(a.intersection(b).count) / Double(union)
    }

    /// The graph as `critical` element references: entity ids, attribute pairs, relations.
    public var references: [ElementRef] {
        nodes.map { .entity($0.id) }
            + nodes.flatMap { n in n.attributes.map { .attribute(AttributePair(entity: n.id, value: $0)) } }
            + relations.compactMap { $0.map { .relation($0) } }
    }

    /// The present relations.
    public var liveRelations: [Relation] { relations.compactMap { $0 } }

    /// This graph as a scene graph, with boxes taken from `scene` when wanted.
    public func sceneGraph(scene: Scene, boxes: Bool) -> SceneGraph {
        let entities = nodes.map { n in
            Entity(id: n.id, name: n.name, box: boxes ? scene.object(n.id)?.box : nil, attributes: n.attributes)
        }
        return SceneGraph(entities: entities, relations: liveRelations,
                          width: scene.width, height: scene.height, form: .triple)
    }
}
