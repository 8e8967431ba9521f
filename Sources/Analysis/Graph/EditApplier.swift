import SceneData

/// Applies a negative's edits to SG+ to obtain SG- when the dataset gives only the edits.
public enum EditApplier {
    /// SG- and the edits that did not fit SG+ (a swapped relation SG+ lacks...), as sentences.
    public struct Result: Sendable, Hashable {
        /// SG- after the edits.
        public var graph: SceneGraph
        /// One sentence per edit that did not fit.
        public var problems: [String]
    }

    /// `plus` with every edit applied in order.
    ///
    /// - swap: (a, r, b) becomes (b, r, a); nothing happens when SG+ lacks (a, r, b).
    /// - replace an entity with a name: the entity is renamed, keeping its id,
    ///   attributes and relations. With another entity of the graph: the
    ///   replaced entity's relations now point at the other one and the
    ///   replaced entity is gone.
    /// - replace an attribute or relation: the old one gives way to the new one
    ///   (a bare name is the new attribute value, or the new predicate).
    /// - remove: the element is gone (an entity with its relations).
    /// - add: the element is added unless already present (an entity missing
    ///   from the graph is taken from `lookup` with its attributes, else named by its id).
    ///
    /// `lookup` is the full SG+ when `base` is only SG^c: entities an edit brings
    /// in "from the rest of the graph" are found there.
    public static func apply(_ edits: [Edit], to base: SceneGraph, lookup: SceneGraph? = nil) -> Result {
        var g = base
        let lookup = lookup ?? base
        var problems: [String] = []
        for edit in edits {
            switch edit {
            case .swap(let r):
                if let k = g.relations.firstIndex(where: { GraphDiff.same($0, r) }) {
                    g.relations[k] = Relation(subject: r.object, predicate: g.relations[k].predicate, object: r.subject)
                } else {
                    problems.append("swap: SG+ has no relation (\(r.subject), \(r.predicate), \(r.object))")
                }
            case .remove(let ref):
                if !remove(ref, from: &g) { problems.append("remove: SG+ has no \(describe(ref))") }
            case .add(let ref):
                add(ref, to: &g, lookup: lookup)
            case .replace(let from, let to):
                replace(from, with: to, in: &g, lookup: lookup, problems: &problems)
            }
        }
        return Result(graph: g, problems: problems)
    }

    static func replace(_ from: ElementRef, with to: ReplaceTarget, in g: inout SceneGraph, lookup: SceneGraph,
                        problems: inout [String]) {
        switch (from, to) {
        case (.entity(let a), .name(let n)):
            guard let k = g.entities.firstIndex(where: { $0.id == a }) else {
                problems.append("replace: SG+ has no entity \(a)"); return
            }
            g.entities[k].name = n
        case (.entity(let a), .element(.entity(let b))):
            guard g.entities.contains(where: { $0.id == a }) else {
                problems.append("replace: SG+ has no entity \(a)"); return
            }
            if g.entity(b) == nil, let other = lookup.entity(b) { g.entities.append(other) }
            guard g.entity(b) != nil else {
                // An id no graph has can only be read as the new name.
                replace(from, with: .name(b), in: &g, lookup: lookup, problems: &problems); return
            }
            g.relations = g.relations.compactMap { r in
                let s = r.subject == a ? b : r.subject, o = r.object == a ? b : r.object
                return s == o ? nil : Relation(subject: s, predicate: r.predicate, object: o)
            }
            g.entities.removeAll { $0.id == a }
        case (.attribute(let p), .name(let v)):
            if !remove(.attribute(p), from: &g) { problems.append("replace: SG+ has no \(describe(from))") }
            add(.attribute(AttributePair(entity: p.entity, value: v)), to: &g, lookup: lookup)
        case (.attribute(let p), .element(.attribute(let q))):
            if !remove(.attribute(p), from: &g) { problems.append("replace: SG+ has no \(describe(from))") }
            add(.attribute(q), to: &g, lookup: lookup)
        case (.relation(let r), .name(let n)):
            if !remove(.relation(r), from: &g) { problems.append("replace: SG+ has no \(describe(from))") }
            add(.relation(Relation(subject: r.subject, predicate: n, object: r.object)), to: &g, lookup: lookup)
        case (.relation(let r), .element(.relation(let s))):
            if !remove(.relation(r), from: &g) { problems.append("replace: SG+ has no \(describe(from))") }
            add(.relation(s), to: &g, lookup: lookup)
        default:
            problems.append("replace: cannot put \(describe(to)) in place of \(describe(from))")
        }
    }

    @discardableResult
    static func remove(_ ref: ElementRef, from g: inout SceneGraph) -> Bool {
        switch ref {
        case .entity(let id):
            guard g.entities.contains(where: { $0.id == id }) else { return false }
            g.entities.removeAll { $0.id == id }
            g.relations.removeAll { $0.subject == id || $0.object == id }
            return true
        case .attribute(let p):
            guard let k = g.entities.firstIndex(where: { $0.id == p.entity }),
                  let v = g.entities[k].attributes.firstIndex(where: { $0.lowercased() == p.value.lowercased() }) else { return false }
            g.entities[k].attributes.remove(at: v)
            return true
        case .relation(let r):
            guard let k = g.relations.firstIndex(where: { GraphDiff.same($0, r) }) else { return false }
            g.relations.remove(at: k)
            return true
        }
    }

    static func add(_ ref: ElementRef, to g: inout SceneGraph, lookup: SceneGraph? = nil) {
        func bare(_ id: String) -> Entity {
            guard let e = lookup?.entity(id) else { return Entity(id: id, name: id) }
            return Entity(id: id, name: e.name, box: e.box)
        }
        switch ref {
        case .entity(let id):
            if g.entity(id) == nil { g.entities.append(lookup?.entity(id) ?? Entity(id: id, name: id)) }
        case .attribute(let p):
            if g.entity(p.entity) == nil { g.entities.append(bare(p.entity)) }
            if let k = g.entities.firstIndex(where: { $0.id == p.entity }),
               !g.entities[k].attributes.contains(where: { $0.lowercased() == p.value.lowercased() }) {
                g.entities[k].attributes.append(p.value)
            }
        case .relation(let r):
            // Endpoints come along by name only: their attributes were not added.
            for id in [r.subject, r.object] where g.entity(id) == nil && lookup?.entity(id) != nil { g.entities.append(bare(id)) }
            if !g.relations.contains(where: { GraphDiff.same($0, r) }) { g.relations.append(r) }
        }
    }

    static func describe(_ ref: ElementRef) -> String {
        switch ref {
        case .entity(let id): "entity \(id)"
        case .attribute(let p): "attribute (\(p.entity), \(p.value))"
        case .relation(let r): "relation (\(r.subject), \(r.predicate), \(r.object))"
        }
    }

    static func describe(_ t: ReplaceTarget) -> String {
        switch t {
        case .element(let ref): describe(ref)
        case .name(let n): "'\(n)'"
        }
    }
}
