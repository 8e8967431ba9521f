import SceneData

/// One difference between SG+ and SG-. Entity ids are SG+ ids wherever the
/// entity exists in SG+; an entity that only SG- has keeps its SG- id.
public enum GraphChange: Sendable, Hashable {
    /// An element SG- has and SG+ does not (overthink).
    case added(ElementRef)
    /// An element SG+ has and SG- does not (shorten). A removed entity's
    /// attributes go with it and are not listed again.
    case removed(ElementRef)
    /// The SG+ relation (a, r, b) appears as (b, r, a) in SG-.
    case swapped(Relation)
    /// An entity became another one: `to` is an entity of either graph, or a
    /// bare name wrapped as an entity with the replaced entity's id.
    case replacedEntity(from: Entity, to: Entity)
    /// An attribute value of one entity became another value.
    case replacedAttribute(entity: String, from: String, to: String)
    /// A relation kept two of its three parts and changed the third.
    case replacedRelation(from: Relation, to: Relation)
    /// An entity's box moved, appeared or disappeared.
    case changedBox(entity: String, from: BoundingBox?, to: BoundingBox?)

    /// The ids of the entities this change is about, for marking the scene-graph pane.
    public var touchedEntityIDs: Set<String> {
        switch self {
        case .added(let ref), .removed(let ref): return GraphChange.ids(of: ref)
        case .swapped(let r): return [r.subject, r.object]
        case .replacedEntity(let from, let to): return [from.id, to.id]
        case .replacedAttribute(let entity, _, _), .changedBox(let entity, _, _): return [entity]
        case .replacedRelation(let a, let b): return [a.subject, a.object, b.subject, b.object]
        }
    }

    /// The SG+ relations this change is about (a swapped, removed or replaced relation).
    public var touchedRelations: Set<Relation> {
        switch self {
        case .swapped(let r), .removed(.relation(let r)), .added(.relation(let r)): return [r]
        case .replacedRelation(let a, let b): return [a, b]
        default: return []
        }
    }

    /// The operator kind this change is evidence of.
    public var operatorKind: PerturbationOperator {
        switch self {
        case .added: .overthink
        case .removed: .shorten
        case .swapped: .swap
        case .replacedEntity, .replacedAttribute, .replacedRelation, .changedBox: .replace
        }
    }

    /// A relation as words ("cube left of sphere"); `name` turns an entity id into its name.
    public static func text(of r: Relation, name: (String) -> String) -> String {
        "\(name(r.subject)) \(r.predicate) \(name(r.object))"
    }

    /// An element reference as words: a name, "cube is red", or a relation.
    public static func text(of e: ElementRef, name: (String) -> String) -> String {
        switch e {
        case .entity(let id): return name(id)
        case .attribute(let p): return "\(name(p.entity)) is \(p.value)"
        case .relation(let r): return text(of: r, name: name)
        }
    }

    /// One line for the inspector ("swap: cube left of sphere → sphere left of cube");
    /// `name` turns an entity id into its name.
    public func summary(name: (String) -> String) -> String {
        func rel(_ r: Relation) -> String { Self.text(of: r, name: name) }
        func ref(_ e: ElementRef) -> String { Self.text(of: e, name: name) }
        switch self {
        case .added(let e): return "add: \(ref(e))"
        case .removed(let e): return "remove: \(ref(e))"
        case .swapped(let r):
            return "swap: \(rel(r)) → \(rel(r.reversed))"
        case .replacedEntity(let from, let to):
            // Same-named entities are told apart by their attributes ("cylinder (large purple)").
            func show(_ e: Entity) -> String {
                EntityMatcher.nameKey(from.name) == EntityMatcher.nameKey(to.name) && !e.attributes.isEmpty
                    ? "\(e.name) (\(e.attributes.joined(separator: " ")))" : e.name
            }
            return "replace: \(show(from)) → \(show(to))"
        case .replacedAttribute(let e, let from, let to): return "replace: \(name(e)) \(from) → \(to)"
        case .replacedRelation(let a, let b): return "replace: \(rel(a)) → \(rel(b))"
        case .changedBox(let e, let from, let to):
            return "box: \(name(e)) \(GraphChange.describe(from)) → \(GraphChange.describe(to))"
        }
    }

    static func ids(of ref: ElementRef) -> Set<String> {
        switch ref {
        case .entity(let id): [id]
        case .attribute(let p): [p.entity]
        case .relation(let r): [r.subject, r.object]
        }
    }

    static func describe(_ b: BoundingBox?) -> String {
        guard let b else { return "none" }
        func f(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e9 ? String(Int(v)) : String(v) }
        return "[\(f(b.x)), \(f(b.y)), \(f(b.w)), \(f(b.h))]"
    }
}
