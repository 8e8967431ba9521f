/// Reading negatives, their edits, and element references (`critical`).
extension ItemReader {
    /// Reads the list of negatives; `plusIDs` are SG+'s entity ids.
    mutating func readNegatives(_ v: JSONValue, field: FieldPath, plusIDs: Set<String>) -> [Negative] {
        guard let list = v.arrayValue else {
            error(field, "must be a list of negatives, found \(v.typeDescription)")
            return []
        }
        var negatives: [Negative] = []
        var seen: [String: Int] = [:]
        for (i, nv) in list.enumerated() {
            let f = field.index(i)
            guard nv.objectValue != nil else {
                error(f, "a negative must be an object, found \(nv.typeDescription)"); continue
            }
            var id = "n\(i + 1)"
            if let idv = nv["id"] {
                if let s = Self.idString(idv), !s.isEmpty { id = s } else { error(f.member(.id), "must be a non-empty string") }
            }
            if let first = seen[id] {
                error(f.member(.id), "negative id '\(id)' is also used by \(field.index(first))")
            } else {
                seen[id] = i
            }
            var opName = ""
            var op: PerturbationOperator?
            if let ov = nv["operator"] {
                if let s = ov.stringValue {
                    opName = s
                    op = PerturbationOperator(name: s)
                    // Preference data from other layouts has no operator; it reads as `unlabelled`.
                    if op == nil && s != PerturbationOperator.unlabelled {
                        error(f.member(.operator), "unknown operator '\(s)' (expected swap, replace, shorten or overthink, or a synonym: misgrounded_relation, hallucinated_entity, skipped_step, over_specified)")
                    }
                } else {
                    error(f.member(.operator), "must be a string, found \(ov.typeDescription)")
                }
            } else {
                error(f.member(.operator), "required field is missing")
            }
            var sgMinus: SceneGraph?
            var known = plusIDs
            if let gv = nv["scene_graph"], gv != .null,
               let minus = readSceneGraph(gv, field: f.member(.sceneGraph), knownIDs: plusIDs) {
                sgMinus = minus.graph
                known = minus.known
            }
            var edits: [Edit] = []
            if let ev = nv["edits"], ev != .null {
                if let el = ev.arrayValue {
                    for (k, e) in el.enumerated() {
                        if let edit = readEdit(e, field: f.member(.edits).index(k), known: known) { edits.append(edit) }
                    }
                } else {
                    error(f.member(.edits), "must be a list of edits, found \(ev.typeDescription)")
                }
            }
            let rationale: Rationale
            if let rv = nv["rationale"] {
                rationale = readRationale(rv, field: f.member(.rationale))
            } else {
                error(f.member(.rationale), "required field is missing")
                rationale = Rationale(steps: [])
            }
            let scores = nv["scores"].flatMap { readScores($0, field: f.member(.scores)) }
            negatives.append(Negative(id: id, op: op, operatorName: opName, edits: edits,
                                      sceneGraph: sgMinus, rationale: rationale, scores: scores))
        }
        return negatives
    }

    // MARK: - Edits

    private mutating func readEdit(_ e: JSONValue, field f: FieldPath, known: Set<String>) -> Edit? {
        guard e.objectValue != nil else {
            error(f, "an edit must be an object, found \(e.typeDescription)"); return nil
        }
        guard let op = e["op"]?.stringValue else {
            error(f.member(.op), "an edit needs 'op': swap, replace, remove or add"); return nil
        }
        switch op {
        case "swap":
            guard let rv = e["relation"] else { error(f.member(.relation), "required field is missing"); return nil }
            guard let rel = relationTriple(rv) else { error(f.member(.relation), "must be [subject, predicate, object]"); return nil }
            checkRef(.relation(rel), field: f.member(.relation), known: known)
            return .swap(relation: rel)
        case "replace":
            guard let fv = e["from"] else { error(f.member(.from), "required field is missing"); return nil }
            guard let tv = e["to"] else { error(f.member(.to), "required field is missing"); return nil }
            guard let from = readRef(fv, field: f.member(.from), known: known) else { return nil }
            let to: ReplaceTarget
            if let s = tv.stringValue, !known.contains(s) {
                // A bare name that is in no graph: "dog" replacing "cat".
                to = .name(s)
            } else if let ref = readRef(tv, field: f.member(.to), known: known) {
                to = .element(ref)
            } else {
                return nil
            }
            return .replace(from: from, to: to)
        case "remove", "add":
            guard let ev = e["element"] else { error(f.member(.element), "required field is missing"); return nil }
            guard let ref = readRef(ev, field: f.member(.element), known: known) else { return nil }
            return op == "remove" ? .remove(ref) : .add(ref)
        default:
            error(f.member(.op), "unknown edit '\(op)' (expected swap, replace, remove or add)")
            return nil
        }
    }

    // MARK: - References

    /// Reads `critical`; `known` are SG+'s entity ids.
    mutating func readCritical(_ v: JSONValue, known: Set<String>) -> [ElementRef]? {
        guard let list = v.arrayValue else {
            error("critical", "must be a list of element references, found \(v.typeDescription)")
            return nil
        }
        var refs: [ElementRef] = []
        for (i, r) in list.enumerated() {
            if let ref = readRef(r, field: FieldPath("critical").index(i), known: known) { refs.append(ref) }
        }
        return refs
    }

    /// An entity id, `[id, value]` or `[s, p, o]`; entities it names must be in `known`.
    /// The reference is kept even when it is dangling, so the inspector can mark it.
    mutating func readRef(_ v: JSONValue, field: FieldPath, known: Set<String>) -> ElementRef? {
        var ref: ElementRef?
        if let id = Self.idString(v) {
            ref = .entity(id)
        } else if let a = v.arrayValue, a.count == 2, let e = Self.idString(a[0]), let val = a[1].stringValue {
            ref = .attribute(AttributePair(entity: e, value: val))
        } else if let rel = relationTriple(v) {
            ref = .relation(rel)
        }
        guard let ref else {
            error(field, "an element reference must be an entity id, [id, attribute] or [subject, predicate, object]")
            return nil
        }
        checkRef(ref, field: field, known: known)
        return ref
    }

    private mutating func checkRef(_ ref: ElementRef, field: FieldPath, known: Set<String>) {
        let ids: [String]
        switch ref {
        case .entity(let id): ids = [id]
        case .attribute(let p): ids = [p.entity]
        case .relation(let r): ids = r.subject == r.object ? [r.subject] : [r.subject, r.object]
        }
        for id in ids where !known.contains(id) {
            error(field, "no entity '\(id)' in the scene graph")
        }
    }
}
