import SceneData

/// One line of the scene-graph pane.
public struct GraphRow: Sendable, Hashable {
    /// What the line shows.
    public enum Kind: Sendable, Hashable {
        case entity(String)
        case relation(Relation)
        case heading
        case change(added: Bool)
    }
    public var kind: Kind
    public var text: String
    /// In SG^c (the reasoning-critical subgraph).
    public var critical: Bool
    /// Touched by the selected negative's operator.
    public var touched: Bool
}

/// The scene-graph pane's lines: the SG+ to SG- changes, then critical and
/// touched elements, then the rest.
public enum GraphRows {
    /// Lines for `item` with `negative` selected.
    public static func build(_ item: Item, negative: Negative?) -> [GraphRow] {
        let g = item.sceneGraph
        let touched = Touched(negative: negative)
        let critical = Critical(item.critical ?? [])
        var rows: [GraphRow] = []
        let changes = changeLines(item, negative: negative)
        if !changes.isEmpty {
            rows.append(GraphRow(kind: .heading, text: "SG+ -> SG- (\(negative?.operatorName ?? "?"))", critical: false, touched: false))
            rows += changes
        }
        let entities = g.entities.enumerated().sorted { a, b in
            let ra = rank(touched.entities.contains(a.element.id), critical.entities.contains(a.element.id))
            let rb = rank(touched.entities.contains(b.element.id), critical.entities.contains(b.element.id))
            return ra != rb ? ra < rb : a.offset < b.offset
        }.map(\.element)
        rows.append(GraphRow(kind: .heading, text: "Objects (\(g.entities.count))", critical: false, touched: false))
        for e in entities {
            var t = "\(e.id) \(e.name)"
            if !e.attributes.isEmpty { t += " [" + e.attributes.joined(separator: ", ") + "]" }
            if let b = e.box { t += " @\(Int(b.x)),\(Int(b.y)) \(Int(b.w))x\(Int(b.h))" }
            rows.append(GraphRow(kind: .entity(e.id), text: t, critical: critical.entities.contains(e.id),
                                 touched: touched.entities.contains(e.id)))
        }
        let relations = g.relations.enumerated().sorted { a, b in
            let ra = rank(touched.relation(a.element), critical.relations.contains(a.element))
            let rb = rank(touched.relation(b.element), critical.relations.contains(b.element))
            return ra != rb ? ra < rb : a.offset < b.offset
        }.map(\.element)
        rows.append(GraphRow(kind: .heading, text: "Relations (\(g.relations.count))", critical: false, touched: false))
        for r in relations {
            let t = "\(g.name(of: r.subject)) \(r.predicate) \(g.name(of: r.object))  (\(r.subject)->\(r.object))"
            rows.append(GraphRow(kind: .relation(r), text: t, critical: critical.relations.contains(r),
                                 touched: touched.relation(r)))
        }
        return rows
    }

    private static func rank(_ touched: Bool, _ critical: Bool) -> Int { touched ? 0 : critical ? 1 : 2 }

    /// "- cube left of sphere" / "+ sphere left of cube" lines for the negative's edits.
    static func changeLines(_ item: Item, negative: Negative?) -> [GraphRow] {
        guard let negative else { return [] }
        let g = item.sceneGraph
        func name(_ ref: ElementRef) -> String {
            switch ref {
            case .entity(let id): return g.name(of: id)
            case .attribute(let a): return "\(g.name(of: a.entity)) is \(a.value)"
            case .relation(let r): return "\(g.name(of: r.subject)) \(r.predicate) \(g.name(of: r.object))"
            }
        }
        var out: [GraphRow] = []
        func line(_ added: Bool, _ text: String) {
            out.append(GraphRow(kind: .change(added: added), text: (added ? "+ " : "- ") + text, critical: false, touched: true))
        }
        for e in negative.edits {
            switch e {
            case .swap(let r):
                line(false, name(.relation(r)))
                line(true, name(.relation(Relation(subject: r.object, predicate: r.predicate, object: r.subject))))
            case .replace(let from, let to):
                line(false, name(from))
                switch to {
                case .element(let ref): line(true, name(ref))
                case .name(let n): line(true, n)
                }
            case .remove(let ref): line(false, name(ref))
            case .add(let ref): line(true, name(ref))
            }
        }
        return out
    }

    /// The entities and relations a negative's edits name.
    struct Touched {
        var entities: Set<String> = []
        var relations: Set<Relation> = []
        init(negative: Negative?) {
            for e in negative?.edits ?? [] {
                switch e {
                case .swap(let r): add(.relation(r))
                case .replace(let from, let to):
                    add(from)
                    if case .element(let ref) = to { add(ref) }
                case .remove(let ref), .add(let ref): add(ref)
                }
            }
        }
        mutating func add(_ ref: ElementRef) {
            switch ref {
            case .entity(let id): entities.insert(id)
            case .attribute(let a): entities.insert(a.entity)
            case .relation(let r):
                relations.insert(r)
                entities.insert(r.subject); entities.insert(r.object)
            }
        }
        func relation(_ r: Relation) -> Bool {
            relations.contains(r) || relations.contains(Relation(subject: r.object, predicate: r.predicate, object: r.subject))
        }
    }

    /// The entities and relations of SG^c.
    struct Critical {
        var entities: Set<String> = []
        var relations: Set<Relation> = []
        init(_ refs: [ElementRef]) {
            for ref in refs {
                switch ref {
                case .entity(let id): entities.insert(id)
                case .attribute(let a): entities.insert(a.entity)
                case .relation(let r): relations.insert(r); entities.insert(r.subject); entities.insert(r.object)
                }
            }
        }
    }
}
