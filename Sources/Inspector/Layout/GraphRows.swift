import Analysis
import SceneData

/// One line of the scene-graph pane.
public struct GraphRow: Sendable, Hashable {
    /// What the line shows.
    public enum Kind: Sendable, Hashable {
        case entity(String)
        case relation(Relation)
        case heading
        case change(added: Bool)
        /// A critical reference naming an entity the scene does not have; selectable so it can be scrolled to.
        case brokenReference(ElementRef)
    }
    public var kind: Kind
    public var text: String
    /// In SG^c (the reasoning-critical subgraph).
    public var critical: Bool
    /// Touched by the selected negative's operator.
    public var touched: Bool
    /// What is wrong with the element (a reference to an entity that does not exist), if anything.
    public var broken: String? = nil
}

/// The scene-graph pane's lines: the SG+ to SG- changes, then critical and
/// touched elements, then the rest.
public enum GraphRows {
    /// The first of `rows` shown in a pane `height` rows tall: the selection
    /// kept visible (scrolling just enough) while the pane has the focus.
    static func top(_ s: AppState, rows: [GraphRow], height: Int) -> Int {
        guard !rows.isEmpty else { return 0 }
        let sel = min(s.panes.graphSelection, rows.count - 1)
        var top = min(s.panes.graphScroll, max(0, rows.count - height))
        guard s.panes.focus == .graph else { return top }
        if sel < top { top = sel }
        if sel >= top + height { top = sel - height + 1 }
        // Headings around the first or last selectable row scroll into view with it.
        if sel < height, !rows[..<sel].contains(where: { $0.kind != .heading }) { top = 0 }
        if !rows[(sel + 1)...].contains(where: { $0.kind != .heading }) {
            top = min(sel, max(top, rows.count - height))
        }
        return top
    }

    /// Lines for `item` with `negative` selected.
    public static func build(_ item: Item, negative: Negative?) -> [GraphRow] {
        let g = item.sceneGraph
        if g.entities.isEmpty && g.relations.isEmpty && negative?.sceneGraph == nil && (negative?.edits.isEmpty ?? true) {
            // Preference data (TRL, RLAIF-V, POVID...) has no graph: say so rather than list nothing.
            return [GraphRow(kind: .heading, text: "no scene graph: this data has none", critical: false, touched: false)]
        }
        let diff = negative.map { GraphDiff.of($0, in: item) }
        let touched = Touched(diff)
        let critical = Critical(CriticalElements.resolved(for: item))
        var rows: [GraphRow] = []
        let changes = changeLines(diff, scene: g)
        if let negative {
            let source = diff.map { $0.source == .sceneGraph ? "from SG-" : $0.source == .edits ? "from edits" : "unknown" } ?? ""
            rows.append(GraphRow(kind: .heading, text: "SG+ -> SG- (\(operatorLabel(negative)), \(source))", critical: false, touched: false))
            rows += changes.isEmpty ? [GraphRow(kind: .heading, text: "  no recorded change", critical: false, touched: false)] : changes
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
            var t = "\(g.name(of: r.subject)) \(r.predicate) \(g.name(of: r.object))  (\(r.subject)->\(r.object))"
            let broken = missing([r.subject, r.object], in: g)
            if let broken { t += "  " + broken }
            rows.append(GraphRow(kind: .relation(r), text: t, critical: critical.relations.contains(r),
                                 touched: touched.relation(r), broken: broken))
        }
        // FORMAT.md: the item is still shown, with the broken element marked.
        let brokenRefs = (item.critical ?? []).compactMap { ref -> (ElementRef, String)? in
            let ids: [String]
            switch ref {
            case .entity(let id): ids = [id]
            case .attribute(let a): ids = [a.entity]
            case .relation(let r): ids = [r.subject, r.object]
            }
            return missing(ids, in: g).map { (ref, $0) }
        }
        if !brokenRefs.isEmpty {
            rows.append(GraphRow(kind: .heading, text: "Broken critical references (\(brokenRefs.count))", critical: false, touched: false))
            for (ref, why) in brokenRefs {
                let text: String
                switch ref {
                case .entity(let id): text = "entity \(id)"
                case .attribute(let a): text = "\(a.entity) is \(a.value)"
                case .relation(let r): text = "\(r.subject) \(r.predicate) \(r.object)"
                }
                rows.append(GraphRow(kind: .brokenReference(ref), text: text + "  " + why, critical: true, touched: false, broken: why))
            }
        }
        return rows
    }

    /// The canonical operator name, with the dataset's synonym in parentheses: "replace (substitute)".
    static func operatorLabel(_ n: Negative) -> String {
        guard let op = n.op else { return n.operatorName }
        return op.rawValue == n.operatorName ? op.rawValue : "\(op.rawValue) (\(n.operatorName))"
    }

    /// An entity's name, with its id when another entity shares the name ("cube o3"),
    /// so a change between two cubes says which one.
    // The diff's graphs may be only SG^c; the item's whole scene decides what is ambiguous on screen.
    static func unambiguousName(_ id: String, _ diff: GraphDiff, scene: SceneGraph) -> String {
        NameSharing(diff, scene: scene).unambiguousName(id, diff)
    }

    /// The ids behind each entity name of the scene and the diff's graphs,
    /// gathered once per pane rather than once per change line.
    struct NameSharing {
        private var ids: [String: Set<String>] = [:]
        init(_ diff: GraphDiff, scene: SceneGraph) {
            for e in scene.entities + diff.plus.entities + diff.minus.entities { ids[e.name, default: []].insert(e.id) }
        }
        func unambiguousName(_ id: String, _ diff: GraphDiff) -> String {
            let name = diff.name(of: id)
            guard name != id else { return name }
            return (ids[name]?.count ?? 0) > 1 ? "\(name) \(id)" : name
        }
    }

    /// "(no entity o9)" when some of `ids` name no entity of `g`.
    static func missing(_ ids: [String], in g: SceneGraph) -> String? {
        var gone: [String] = []
        for id in ids where !g.hasEntity(id) && !gone.contains(id) { gone.append(id) }
        return gone.isEmpty ? nil : "(no entity " + gone.joined(separator: ", ") + ")"
    }

    private static func rank(_ touched: Bool, _ critical: Bool) -> Int { touched ? 0 : critical ? 1 : 2 }

    /// "- cube left of sphere" / "+ sphere left of cube" lines for the difference.
    static func changeLines(_ diff: GraphDiff?, scene: SceneGraph) -> [GraphRow] {
        guard let diff else { return [] }
        let sharing = NameSharing(diff, scene: scene)
        let name = { (id: String) in sharing.unambiguousName(id, diff) }
        func rel(_ r: Relation) -> String { GraphChange.text(of: r, name: name) }
        func ref(_ e: ElementRef) -> String { GraphChange.text(of: e, name: name) }
        var out: [GraphRow] = []
        func line(_ added: Bool, _ text: String) {
            out.append(GraphRow(kind: .change(added: added), text: (added ? "+ " : "- ") + text, critical: false, touched: true))
        }
        for c in diff.changes {
            switch c {
            case .added(let e): line(true, ref(e))
            case .removed(let e): line(false, ref(e))
            case .swapped(let r):
                line(false, rel(r)); line(true, rel(r.reversed))
            case .replacedEntity(let from, let to):
                // Replacing one cube by another reads "- cube / + cube" without the
                // ids; an entity renamed in place ("o3" becomes a dog) has one id, and
                // a name looked up by that id would show the old name on both lines.
                let same = from.name == to.name || from.id == to.id
                line(false, same ? "\(from.name) \(from.id)" : name(from.id))
                line(true, same ? "\(to.name) \(to.id)" : (diff.plus.entity(to.id) != nil || diff.minus.entity(to.id) != nil ? name(to.id) : to.name))
            case .replacedAttribute(let e, let from, let to): line(false, "\(name(e)) is \(from)"); line(true, "\(name(e)) is \(to)")
            case .replacedRelation(let a, let b): line(false, rel(a)); line(true, rel(b))
            case .changedBox: line(true, diff.summary(of: c))
            }
        }
        return out
    }

    /// The entities and relations the difference touches.
    struct Touched {
        var entities: Set<String> = []
        var relations: Set<Relation> = []
        init(_ diff: GraphDiff?) {
            entities = diff?.touchedEntityIDs ?? []
            relations = diff?.touchedRelations ?? []
        }
        func relation(_ r: Relation) -> Bool {
            relations.contains(r) || relations.contains(r.reversed)
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
