import Foundation

/// A pixel bounding box: left, top, width, height.
public struct BoundingBox: Sendable, Hashable {
    public var x: Double, y: Double, w: Double, h: Double
    /// The largest coordinate or size a box may have, in pixels (2^24, far past
    /// any decodable image side). The readers refuse boxes beyond it, and
    /// infinities and NaN, so every consumer may convert a box to `Int` freely.
    public static let maxCoordinate: Double = 16_777_216
    /// A box from its left, top, width and height in pixels.
    public init(x: Double, y: Double, w: Double, h: Double) {
        self.x = x; self.y = y; self.w = w; self.h = h
    }

    /// `[x, y, w, h]` as the data writes it (whole numbers without a fraction).
    public var listText: String {
        "[" + [x, y, w, h].map { JSONValue.format($0) }.joined(separator: ", ") + "]"
    }
}

/// One object of a scene graph.
public struct Entity: Sendable, Hashable {
    /// The id relations and references use (GQA key, `object_id`, `o1`...), as a string.
    public var id: String
    /// The object's name ("man", "traffic light").
    public var name: String
    /// Where it is in the image, when the graph says.
    public var box: BoundingBox?
    /// Attribute values ("red", "metal"), in the order the graph lists them.
    public var attributes: [String]

    /// An entity from its parts.
    public init(id: String, name: String, box: BoundingBox? = nil, attributes: [String] = []) {
        self.id = id; self.name = name; self.box = box; self.attributes = attributes
    }
}

/// A directed relation triple (subject, predicate, object) between entity ids.
public struct Relation: Sendable, Hashable {
    public var subject: String
    public var predicate: String
    public var object: String
    /// A relation from its three parts.
    public init(subject: String, predicate: String, object: String) {
        self.subject = subject; self.predicate = predicate; self.object = object
    }
    /// The same predicate with subject and object exchanged: what `swap` makes.
    public var reversed: Relation { Relation(subject: object, predicate: predicate, object: subject) }
}

/// Which of the three documented forms a graph was written in.
public enum SceneGraphForm: String, Sendable, Hashable {
    case gqa, triple, visualGenome = "visual-genome"
}

/// A scene graph in the one form every reader produces: entities with their
/// attributes and boxes, and relations between entity ids.
public struct SceneGraph: Sendable, Hashable {
    /// Objects, in the order the source lists them.
    public var entities: [Entity] {
        // A new list gets a new (empty) index: copies sharing the old one keep it valid.
        didSet { index = EntityIndex() }
    }
    /// Entity positions by id, built on the first lookup (issue 14: a lookup
    /// per relation over a 100k-object graph must not scan the list each time).
    private var index = EntityIndex()
    /// Relations, in the order the source lists them.
    public var relations: [Relation]
    /// Image size the boxes refer to, when the graph says (GQA `width`/`height`).
    public var width: Int?
    public var height: Int?
    /// The form the graph was read from.
    public var form: SceneGraphForm

    /// A graph from its parts.
    public init(entities: [Entity], relations: [Relation], width: Int? = nil, height: Int? = nil,
                form: SceneGraphForm = .triple) {
        self.entities = entities; self.relations = relations
        self.width = width; self.height = height; self.form = form
    }

    /// The entity with this id, if there is one.
    /// The first one when ids repeat. Constant time after one pass over the
    /// entities, which the first lookup after a change pays.
    public func entity(_ id: String) -> Entity? {
        index.position(of: id, in: entities).map { entities[$0] }
    }

    /// Whether some entity has this id (see `entity(_:)`).
    public func hasEntity(_ id: String) -> Bool {
        index.position(of: id, in: entities) != nil
    }

    public static func == (a: SceneGraph, b: SceneGraph) -> Bool {
        a.entities == b.entities && a.relations == b.relations && a.width == b.width
            && a.height == b.height && a.form == b.form
    }

    public func hash(into h: inout Hasher) {
        h.combine(entities); h.combine(relations); h.combine(width); h.combine(height); h.combine(form)
    }

    /// The name of the entity with this id, or the id itself when there is none.
    public func name(of id: String) -> String {
        entity(id)?.name ?? id
    }

    /// Attribute pairs (entity id, value), in entity order.
    public var attributePairs: [AttributePair] {
        entities.flatMap { e in e.attributes.map { AttributePair(entity: e.id, value: $0) } }
    }
}

/// An (entity id, attribute value) pair.
public struct AttributePair: Sendable, Hashable {
    public var entity: String
    public var value: String
    /// A pair from its parts.
    public init(entity: String, value: String) { self.entity = entity; self.value = value }
}

/// The id-to-position map of one entity list, built once on first use and
/// shared by the copies of the graph that hold that list; safe from any thread.
private final class EntityIndex: @unchecked Sendable {
    private let lock = NSLock()
    private var positions: [String: Int]?

    func position(of id: String, in entities: [Entity]) -> Int? {
        // Small graphs: a scan is cheaper than building a dictionary.
        if entities.count <= 16 { return entities.firstIndex { $0.id == id } }
        lock.lock()
        defer { lock.unlock() }
        if positions == nil {
            var map: [String: Int] = [:]
            map.reserveCapacity(entities.count)
            for (i, e) in entities.enumerated() where map[e.id] == nil { map[e.id] = i }
            positions = map
        }
        return positions?[id]
    }
}
