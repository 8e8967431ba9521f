import SceneData

/// Writes an `ItemRecord` as one JSON line.
public enum ItemEncoder {
    /// Appends `item` as one line of JSON followed by a newline.
    public static func write(_ item: ItemRecord, to w: inout JSONWriter) {
        let form = item.form
        w.raw("{\"id\":"); w.string(item.id)
        w.raw(",\"image\":")
        switch item.image {
        case .path(let p): w.string(p)
        case .base64(let b): w.raw("{\"base64\":"); w.string(b); w.raw("}")
        }
        w.raw(",\"question\":"); w.string(item.question)
        w.raw(",\"answer\":"); w.string(item.answer)
        w.raw(",\"scene_graph\":")
        if let pre = item.sceneGraphJSON { w.bytes += pre } else { GraphEncoder.write(item.sceneGraph, form: form, to: &w) }
        if let critical = item.critical {
            w.raw(",\"critical\":")
            w.array(critical) { w, r in GraphEncoder.reference(r, form, &w) }
        }
        w.raw(",\"chosen\":{\"steps\":"); w.strings(item.chosenSteps)
        w.raw(",\"answer\":"); w.string(item.chosenAnswer); w.raw("}")
        w.raw(",\""); w.raw(item.negativesKey); w.raw("\":")
        w.array(item.negatives) { w, n in negative(n, form, &w) }
        if !item.attention.isEmpty {
            w.raw(",\"attention\":")
            w.array(item.attention) { w, a in attention(a, &w) }
        }
        if let e = item.evidence { w.raw(",\"evidence\":"); w.string(e) }
        w.raw(",\"meta\":"); json(item.meta, &w)
        w.raw("}\n")
    }

    private static func negative(_ n: ItemRecord.NegativeRecord, _ form: GraphForm, _ w: inout JSONWriter) {
        w.raw("{\"id\":"); w.string(n.id)
        w.raw(",\"operator\":"); w.string(n.operatorName)
        if !n.edits.isEmpty {
            w.raw(",\"edits\":")
            w.array(n.edits) { w, e in GraphEncoder.edit(e, form, &w) }
        }
        if let g = n.sceneGraph { w.raw(",\"scene_graph\":"); GraphEncoder.write(g, form: form, to: &w) }
        w.raw(",\"rationale\":")
        if n.plainString {
            w.string(n.steps.joined(separator: "\n"))
        } else {
            w.raw("{\"steps\":"); w.strings(n.steps); w.raw(",\"answer\":"); w.string(n.answer); w.raw("}")
        }
        if let s = n.scores {
            w.raw(",\"scores\":{\"chosen\":"); w.number(s.chosen, places: 2)
            w.raw(",\"rejected\":"); w.number(s.rejected, places: 2)
            w.raw(",\"confidence\":"); w.number(s.confidence, places: 2); w.raw("}")
        }
        w.raw("}")
    }

    /// Appends one attention entry.
    static func attention(_ a: ItemRecord.Attention, _ w: inout JSONWriter) {
        if let pre = a.json { w.bytes += pre; return }
        w.raw("{\"label\":"); w.string(a.label)
        if let r = a.rationale { w.raw(",\"rationale\":"); w.string(r) }
        if let s = a.step { w.raw(",\"step\":"); w.int(s) }
        if let p = a.path {
            w.raw(",\"path\":"); w.string(p)
        } else {
            w.raw(",\"rows\":"); w.int(a.rows); w.raw(",\"cols\":"); w.int(a.cols); w.raw(",\"values\":[")
            for (i, v) in a.values.enumerated() {
                if i > 0 { w.raw(",") }
                if a.nested && i % max(1, a.cols) == 0 { w.raw("[") }
                w.number(Double(v), places: 3)
                if a.nested && (i + 1) % max(1, a.cols) == 0 { w.raw("]") }
            }
            w.raw("]")
        }
        w.raw("}")
    }

    /// Appends any `JSONValue`, keeping object key order.
    public static func json(_ v: JSONValue, _ w: inout JSONWriter) {
        switch v {
        case .null: w.raw("null")
        case .bool(let b): w.bool(b)
        case .number(let d): if d == d.rounded() && abs(d) < 1e15 { w.int(Int(d)) } else { w.number(d, places: 4) }
        case .string(let s): w.string(s)
        case .array(let a): w.array(a) { w, x in json(x, &w) }
        case .object(let members):
            w.raw("{")
            for (i, (k, x)) in members.enumerated() {
                if i > 0 { w.raw(",") }
                w.key(k); json(x, &w)
            }
            w.raw("}")
        }
    }
}
