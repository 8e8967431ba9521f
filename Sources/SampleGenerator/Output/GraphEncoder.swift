import SceneData

/// The written form of a scene graph (FORMAT.md documents three; Visual
/// Genome relationships come in two spellings).
public enum GraphForm: String, Sendable, Hashable, CaseIterable {
    case gqa
    /// Triple form with a `box` on every entity.
    case triple
    /// Triple form without boxes, as a language-model parser emits it.
    case tripleNoBoxes = "triple-nobox"
    /// Visual Genome with `subject_id`/`object_id`.
    case visualGenome = "vg"
    /// Visual Genome with nested `subject`/`object`.
    case visualGenomeNested = "vg-nested"

    /// How entity ids are spelt in this form: GQA and Visual Genome use numbers.
    public func id(_ internalID: String) -> String {
        let n = Int(internalID.dropFirst()) ?? 0
        switch self {
        case .gqa: return String(2_410_000 + n * 7)
        case .triple, .tripleNoBoxes: return internalID
        case .visualGenome, .visualGenomeNested: return String(1_058_500 + n)
        }
    }
}

/// Writes scene graphs and element references as JSON in a chosen form.
public enum GraphEncoder {
    /// Appends `graph` in `form`; `width`/`height` go into the GQA form.
    public static func write(_ graph: SceneGraph, form: GraphForm, to w: inout JSONWriter) {
        switch form {
        case .gqa: gqa(graph, form, &w)
        case .triple, .tripleNoBoxes: triple(graph, form, &w)
        case .visualGenome, .visualGenomeNested: vg(graph, form, &w)
        }
    }

    private static func box(_ b: BoundingBox, _ w: inout JSONWriter) {
        w.raw("\"x\":"); w.int(Int(b.x)); w.raw(",\"y\":"); w.int(Int(b.y))
        w.raw(",\"w\":"); w.int(Int(b.w)); w.raw(",\"h\":"); w.int(Int(b.h))
    }

    private static func gqa(_ g: SceneGraph, _ form: GraphForm, _ w: inout JSONWriter) {
        w.raw("{")
        if let width = g.width, let height = g.height {
            w.raw("\"width\":"); w.int(width); w.raw(",\"height\":"); w.int(height); w.raw(",")
        }
        w.raw("\"objects\":{")
        for (i, e) in g.entities.enumerated() {
            if i > 0 { w.raw(",") }
            w.key(form.id(e.id))
            w.raw("{\"name\":"); w.string(e.name); w.raw(",")
            if let b = e.box { box(b, &w); w.raw(",") }
            w.raw("\"attributes\":"); w.strings(e.attributes)
            w.raw(",\"relations\":")
            w.array(g.relations.filter { $0.subject == e.id }) { w, r in
                w.raw("{\"name\":"); w.string(r.predicate); w.raw(",\"object\":"); w.string(form.id(r.object)); w.raw("}")
            }
            w.raw("}")
        }
        w.raw("}}")
    }

    private static func triple(_ g: SceneGraph, _ form: GraphForm, _ w: inout JSONWriter) {
        w.raw("{\"entities\":")
        w.array(g.entities) { w, e in
            w.raw("{\"id\":"); w.string(form.id(e.id)); w.raw(",\"name\":"); w.string(e.name)
            if form == .triple, let b = e.box {
                w.raw(",\"box\":[")
                w.int(Int(b.x)); w.raw(","); w.int(Int(b.y)); w.raw(","); w.int(Int(b.w)); w.raw(","); w.int(Int(b.h))
                w.raw("]")
            }
            w.raw("}")
        }
        w.raw(",\"attributes\":")
        w.array(g.attributePairs) { w, p in
            w.raw("["); w.string(form.id(p.entity)); w.raw(","); w.string(p.value); w.raw("]")
        }
        w.raw(",\"relations\":")
        w.array(g.relations) { w, r in relation(r, form, &w) }
        w.raw("}")
    }

    private static func vg(_ g: SceneGraph, _ form: GraphForm, _ w: inout JSONWriter) {
        w.raw("{")
        if let width = g.width, let height = g.height {
            w.raw("\"width\":"); w.int(width); w.raw(",\"height\":"); w.int(height); w.raw(",")
        }
        w.raw("\"objects\":")
        w.array(g.entities) { w, e in
            w.raw("{\"object_id\":"); w.raw(form.id(e.id)); w.raw(",\"names\":"); w.strings([e.name])
            if let b = e.box { w.raw(","); box(b, &w) }
            w.raw(",\"attributes\":"); w.strings(e.attributes)
            w.raw("}")
        }
        w.raw(",\"relationships\":")
        w.array(g.relations) { w, r in
            if form == .visualGenome {
                w.raw("{\"subject_id\":"); w.raw(form.id(r.subject)); w.raw(",\"predicate\":"); w.string(r.predicate)
                w.raw(",\"object_id\":"); w.raw(form.id(r.object)); w.raw("}")
            } else {
                w.raw("{\"predicate\":"); w.string(r.predicate)
                w.raw(",\"subject\":{\"object_id\":"); w.raw(form.id(r.subject)); w.raw(",\"name\":"); w.string(g.name(of: r.subject))
                w.raw("},\"object\":{\"object_id\":"); w.raw(form.id(r.object)); w.raw(",\"name\":"); w.string(g.name(of: r.object))
                w.raw("}}")
            }
        }
        w.raw("}")
    }

    /// Appends `[subject, predicate, object]` with ids spelt as `form` spells them.
    public static func relation(_ r: Relation, _ form: GraphForm, _ w: inout JSONWriter) {
        w.raw("["); w.string(form.id(r.subject)); w.raw(","); w.string(r.predicate); w.raw(",")
        w.string(form.id(r.object)); w.raw("]")
    }

    /// Appends an element reference: an id, an `[id, value]` pair or a triple.
    public static func reference(_ ref: ElementRef, _ form: GraphForm, _ w: inout JSONWriter) {
        switch ref {
        case .entity(let id): w.string(form.id(id))
        case .attribute(let p): w.raw("["); w.string(form.id(p.entity)); w.raw(","); w.string(p.value); w.raw("]")
        case .relation(let r): relation(r, form, &w)
        }
    }

    /// Appends an edit in FORMAT.md's spelling.
    public static func edit(_ e: Edit, _ form: GraphForm, _ w: inout JSONWriter) {
        switch e {
        case .swap(let r): w.raw("{\"op\":\"swap\",\"relation\":"); relation(r, form, &w)
        case .replace(let from, let to):
            w.raw("{\"op\":\"replace\",\"from\":"); reference(from, form, &w); w.raw(",\"to\":")
            switch to {
            case .element(let ref): reference(ref, form, &w)
            case .name(let n): w.string(n)
            }
        case .remove(let ref): w.raw("{\"op\":\"remove\",\"element\":"); reference(ref, form, &w)
        case .add(let ref): w.raw("{\"op\":\"add\",\"element\":"); reference(ref, form, &w)
        }
        w.raw("}")
    }
}
