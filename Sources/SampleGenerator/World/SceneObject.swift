import SceneData

/// One object of a generated scene: what it is and the exact pixels it covers.
public struct SceneObject: Sendable, Hashable {
    /// The entity id in the graph (`o1`, `o2`...).
    public var id: String
    /// Its shape, which is also its name in the graph.
    public var shape: Shape
    /// Its colour attribute.
    public var colour: SceneColour
    /// Its material attribute.
    public var material: Material
    /// Its size attribute.
    public var size: SizeClass
    /// Left, top, width, height of the drawn pixels (exact after rendering).
    public var x: Int, y: Int, w: Int, h: Int
    /// The floor row the object stands on (its support's, when stacked), for depth.
    public var groundY: Int
    /// The id of the object it stands on, if any.
    public var support: String?

    /// The centre of its box, in pixels.
    public var centre: (x: Double, y: Double) { (Double(x) + Double(w) / 2, Double(y) + Double(h) / 2) }

    /// Its attributes in the order the graph lists them: size, colour, material.
    public var attributes: [String] { [size.rawValue, colour.rawValue, material.rawValue] }

    /// Its box as the model stores it.
    public var box: BoundingBox { BoundingBox(x: Double(x), y: Double(y), w: Double(w), h: Double(h)) }

    /// True when this box and `other`, grown by `margin`, share a pixel.
    func overlaps(_ other: SceneObject, margin: Int) -> Bool {
        x < other.x + other.w + margin && other.x < x + w + margin &&
            y < other.y + other.h + margin && other.y < y + h + margin
    }
}

/// A generated scene: its size, its objects and the relations that hold between them.
public struct Scene: Sendable {
    /// Image width in pixels.
    public var width: Int
    /// Image height in pixels.
    public var height: Int
    /// Objects in reading order (back to front, left to right).
    public var objects: [SceneObject]
    /// Relations that hold between the objects' boxes.
    public var relations: [Relation]

    /// The object with this id.
    public func object(_ id: String) -> SceneObject? { objects.first { $0.id == id } }

    /// SG+ in the model's one form (entities named by shape, attributes size, colour, material).
    public var graph: SceneGraph {
        SceneGraph(entities: objects.map { Entity(id: $0.id, name: $0.shape.rawValue, box: $0.box, attributes: $0.attributes) },
                   relations: relations, width: width, height: height, form: .triple)
    }
}
