/// Reading the three scene-graph forms (GQA, triple, Visual Genome) into one
/// `SceneGraph`; the form is told apart by shape, never by a tag.
extension ItemReader {
    /// Reads a graph at `field`; `knownIDs` are entities that relations may
    /// also point to (SG+'s, when reading an SG- that lists only what changed).
    /// Also returns its entity ids with `knownIDs`, what references beside the
    /// graph may name, so callers need not build that set again.
    mutating func readSceneGraph(_ v: JSONValue, field: FieldPath,
                                 knownIDs: Set<String> = []) -> (graph: SceneGraph, known: Set<String>)? {
        guard v.objectValue != nil else {
            error(field, "a scene graph must be an object, found \(v.typeDescription)")
            return nil
        }
        var graph: SceneGraph
        var relationFields: [FieldPath]
        if let objects = v["objects"], objects.objectValue != nil {
            (graph, relationFields) = readGQA(v, field: field)
        } else if v["entities"] != nil {
            (graph, relationFields) = readTriple(v, field: field)
        } else if v["objects"]?.arrayValue != nil || v["relationships"] != nil {
            (graph, relationFields) = readVisualGenome(v, field: field)
        } else if let list = v["attributes"]?.arrayValue, list.contains(where: { $0["object_id"] != nil }) {
            // An element of VG's attributes.json: its objects (with their attributes) under `attributes`.
            (graph, relationFields) = readVisualGenome(v, field: field, objectsMember: .attributes)
        } else if let members = v.objectValue, members.count == 1, let inner = members[0].1.objectValue,
                  inner.contains(where: { $0.0 == "objects" }) {
            // A GQA scene-graph file's entry, still keyed by its image id: `{"2370799": {"objects": ...}}`.
            return readSceneGraph(members[0].1, field: field.member(key: members[0].0), knownIDs: knownIDs)
        } else {
            error(field, "not a known scene-graph form: expected 'objects' keyed by id (GQA, or a GQA entry keyed by its image id), 'entities' (triple), 'objects' as a list (Visual Genome) or VG attributes.json's 'attributes'")
            return nil
        }
        graph.width = readDimension(v["width"], field: field.member(.width))
        graph.height = readDimension(v["height"], field: field.member(.height))

        // Duplicate entity ids make references ambiguous.
        var ids = Set<String>()
        for e in graph.entities where !ids.insert(e.id).inserted {
            error(field, "entity id '\(e.id)' is used by more than one object")
        }
        let known = ids.union(knownIDs)
        for (r, f) in zip(graph.relations, relationFields) {
            if !known.contains(r.subject) { error(f.member(.subject), "no entity '\(r.subject)' in this scene graph") }
            if !known.contains(r.object) { error(f.member(.object), "no entity '\(r.object)' in this scene graph") }
        }
        return (graph, known)
    }

    private mutating func readDimension(_ v: JSONValue?, field: FieldPath) -> Int? {
        guard let v, v != .null else { return nil }
        guard let n = v.numberValue, n > 0, n == n.rounded(), n < 1e9 else {
            error(field, "must be a positive whole number of pixels"); return nil
        }
        return Int(n)
    }

    // MARK: - GQA

    private mutating func readGQA(_ v: JSONValue, field: FieldPath) -> (SceneGraph, [FieldPath]) {
        var entities: [Entity] = []
        var relations: [Relation] = []
        var fields: [FieldPath] = []
        for (key, obj) in v["objects"]?.objectValue ?? [] {
            let f = field.member(.objects).member(key: key)
            guard obj.objectValue != nil else {
                error(f, "an object must be a JSON object, found \(obj.typeDescription)"); continue
            }
            let name = entityName(obj, field: f)
            let box = readXYWH(obj, field: f)
            let attributes = readAttributeList(obj["attributes"], field: f.member(.attributes))
            entities.append(Entity(id: key, name: name, box: box, attributes: attributes))
            guard let rv = obj["relations"], rv != .null else { continue }
            guard let list = rv.arrayValue else {
                error(f.member(.relations), "must be a list, found \(rv.typeDescription)"); continue
            }
            for (i, rel) in list.enumerated() {
                let rf = f.member(.relations).index(i)
                guard let target = rel["object"].flatMap(Self.idString) else {
                    error(rf, "a GQA relation needs 'name' and 'object'"); continue
                }
                guard let predicate = (rel["name"] ?? rel["predicate"])?.stringValue else {
                    error(rf.member(.name), "a GQA relation needs its predicate in 'name'"); continue
                }
                relations.append(Relation(subject: key, predicate: predicate, object: target))
                fields.append(rf)
            }
        }
        return (SceneGraph(entities: entities, relations: relations, form: .gqa), fields)
    }

    // MARK: - Triple

    private mutating func readTriple(_ v: JSONValue, field: FieldPath) -> (SceneGraph, [FieldPath]) {
        var entities: [Entity] = []
        var relations: [Relation] = []
        var fields: [FieldPath] = []
        let list = v["entities"]?.arrayValue
        if list == nil { error(field.member(.entities), "must be a list of entities") }
        for (i, obj) in (list ?? []).enumerated() {
            let f = field.member(.entities).index(i)
            guard obj.objectValue != nil else {
                error(f, "an entity must be an object, found \(obj.typeDescription)"); continue
            }
            guard let id = obj["id"].flatMap(Self.idString) else {
                error(f.member(.id), "an entity needs an 'id' (string or number)"); continue
            }
            let name = entityName(obj, field: f)
            var box: BoundingBox?
            if let bv = obj["box"] ?? obj["bbox"], bv != .null {
                let nums = bv.arrayValue?.compactMap(\.numberValue) ?? []
                if nums.count == 4, bv.arrayValue?.count == 4 {
                    box = checkedBox(BoundingBox(x: nums[0], y: nums[1], w: nums[2], h: nums[3]), field: f.member(.box))
                } else {
                    error(f.member(.box), "must be [x, y, w, h], four numbers")
                }
            } else {
                box = readXYWH(obj, field: f)
            }
            let attributes = readAttributeList(obj["attributes"], field: f.member(.attributes))
            entities.append(Entity(id: id, name: name, box: box, attributes: attributes))
        }
        // Top-level attribute pairs: [id, value] or {"entity"/"id": ..., "value"/"attribute": ...}.
        if let av = v["attributes"], av != .null {
            for (i, pair) in (av.arrayValue ?? []).enumerated() {
                let f = field.member(.attributes).index(i)
                var ref: (String, String)?
                if let a = pair.arrayValue, a.count == 2, let e = Self.idString(a[0]), let val = a[1].stringValue {
                    ref = (e, val)
                } else if let e = (pair["entity"] ?? pair["id"]).flatMap(Self.idString),
                          let val = (pair["value"] ?? pair["attribute"])?.stringValue {
                    ref = (e, val)
                }
                guard let (e, val) = ref else { error(f, "an attribute must be [entity id, value]"); continue }
                guard let k = entities.firstIndex(where: { $0.id == e }) else {
                    error(f, "no entity '\(e)' in this scene graph"); continue
                }
                if !entities[k].attributes.contains(val) { entities[k].attributes.append(val) }
            }
            if av.arrayValue == nil { error(field.member(.attributes), "must be a list of [entity id, value] pairs") }
        }
        if let rv = v["relations"], rv != .null {
            guard let list = rv.arrayValue else {
                error(field.member(.relations), "must be a list of [subject, predicate, object] triples")
                return (SceneGraph(entities: entities, relations: [], form: .triple), [])
            }
            for (i, t) in list.enumerated() {
                let f = field.member(.relations).index(i)
                if let rel = relationTriple(t) { relations.append(rel); fields.append(f) } else {
                    error(f, "a relation must be [subject, predicate, object]")
                }
            }
        }
        return (SceneGraph(entities: entities, relations: relations, form: .triple), fields)
    }

    /// A relation written as `[s, p, o]` or `{"subject", "predicate", "object"}`.
    func relationTriple(_ t: JSONValue) -> Relation? {
        if let a = t.arrayValue {
            guard a.count == 3, let s = Self.idString(a[0]), let p = a[1].stringValue, let o = Self.idString(a[2]) else { return nil }
            return Relation(subject: s, predicate: p, object: o)
        }
        if t.objectValue != nil, let s = t["subject"].flatMap(Self.idString),
           let p = t["predicate"]?.stringValue, let o = t["object"].flatMap(Self.idString) {
            return Relation(subject: s, predicate: p, object: o)
        }
        return nil
    }

    // MARK: - Visual Genome

    /// `objectsMember`: where the objects are, `objects` (scene_graphs.json,
    /// objects.json) or `attributes` (attributes.json).
    private mutating func readVisualGenome(_ v: JSONValue, field: FieldPath,
                                           objectsMember: FieldPath.Member = .objects) -> (SceneGraph, [FieldPath]) {
        var entities: [Entity] = []
        var relations: [Relation] = []
        var fields: [FieldPath] = []
        var ids = Set<String>()
        func vgEntity(_ obj: JSONValue, field f: FieldPath, reader: inout ItemReader) -> Entity? {
            guard obj.objectValue != nil else {
                reader.error(f, "an object must be a JSON object, found \(obj.typeDescription)"); return nil
            }
            guard let id = (obj["object_id"] ?? obj["id"]).flatMap(Self.idString) else {
                if let n = obj["object_id"] ?? obj["id"], n.numberValue != nil {
                    reader.error(f.member(.objectID), Self.inexactIDMessage(n)); return nil
                }
                reader.error(f.member(.objectID), "an object needs 'object_id' (number or string)"); return nil
            }
            let name = reader.entityName(obj, field: f)
            let box = reader.readXYWH(obj, field: f)
            let attributes = reader.readAttributeList(obj["attributes"], field: f.member(.attributes))
            return Entity(id: id, name: name, box: box, attributes: attributes)
        }
        if let ov = v[objectsMember.rawValue], ov != .null {
            if ov.arrayValue == nil { error(field.member(objectsMember), "must be a list of objects") }
            for (i, obj) in (ov.arrayValue ?? []).enumerated() {
                if let e = vgEntity(obj, field: field.member(objectsMember).index(i), reader: &self) {
                    entities.append(e); ids.insert(e.id)
                }
            }
        }
        if let rv = v["relationships"] ?? v["relations"], rv != .null {
            if rv.arrayValue == nil { error(field.member(.relationships), "must be a list") }
            for (i, rel) in (rv.arrayValue ?? []).enumerated() {
                let f = field.member(.relationships).index(i)
                var ends: [String?] = [nil, nil]
                for (k, role) in Self.relationshipEnds.enumerated() {
                    if let idv = rel[role.idMember] {
                        ends[k] = Self.idString(idv)
                    } else if let nested = rel[role.member.rawValue], nested.objectValue != nil {
                        // VG's relationships.json defines objects inline; keep them as entities.
                        if let e = vgEntity(nested, field: f.member(role.member), reader: &self) {
                            ends[k] = e.id
                            if ids.insert(e.id).inserted { entities.append(e) }
                        }
                    } else if let idv = rel[role.member.rawValue], let s = Self.idString(idv) {
                        ends[k] = s
                    }
                }
                guard let s = ends[0], let o = ends[1] else {
                    error(f, "a relationship needs 'subject_id' and 'object_id' (or nested 'subject' and 'object')"); continue
                }
                guard let p = rel["predicate"]?.stringValue else {
                    error(f.member(.predicate), "required field is missing"); continue
                }
                relations.append(Relation(subject: s, predicate: p, object: o))
                fields.append(f)
            }
        }
        return (SceneGraph(entities: entities, relations: relations, form: .visualGenome), fields)
    }

    /// A VG relationship's two ends: the member holding an inline object, and
    /// the member holding only its id.
    private static let relationshipEnds: [(member: FieldPath.Member, idMember: String)] =
        [(.subject, "subject_id"), (.object, "object_id")]

    // MARK: - Shared pieces

    /// `name`, or the first of VG's `names`.
    mutating func entityName(_ obj: JSONValue, field: FieldPath) -> String {
        if let s = obj["name"]?.stringValue { return s }
        if let names = obj["names"]?.arrayValue, let s = names.first?.stringValue { return s }
        error(field.member(.name), "an object needs a 'name' (or a non-empty 'names' list)")
        return "?"
    }

    /// A box from `x`, `y`, `w`, `h` members; nil when none are given.
    mutating func readXYWH(_ obj: JSONValue, field: FieldPath) -> BoundingBox? {
        // No arrays here: this runs for every object of every graph.
        let (x, y, w, h) = (obj["x"], obj["y"], obj["w"], obj["h"])
        func absent(_ v: JSONValue?) -> Bool { v == nil || v == .null }
        if absent(x) && absent(y) && absent(w) && absent(h) { return nil }
        guard let x = x?.numberValue, let y = y?.numberValue, let w = w?.numberValue, let h = h?.numberValue else {
            error(field, "a box needs all of x, y, w, h as numbers"); return nil
        }
        return checkedBox(BoundingBox(x: x, y: y, w: w, h: h), field: field)
    }

    /// The box, or nil with an error when a coordinate is not a finite number
    /// within ±`BoundingBox.maxCoordinate` (`1e400` parses as infinity): such a
    /// box is refused here so nothing downstream converts it with a trap.
    private mutating func checkedBox(_ box: BoundingBox, field: FieldPath) -> BoundingBox? {
        for (name, v) in [("x", box.x), ("y", box.y), ("w", box.w), ("h", box.h)]
        where !(v.isFinite && abs(v) <= BoundingBox.maxCoordinate) {
            let shown = v.isNaN ? "not a number" : v.isFinite ? JSONValue.format(v) : "out of range (\(v < 0 ? "-" : "")infinity as parsed)"
            error(field, "box \(name) is \(shown); coordinates must lie within ±\(JSONValue.format(BoundingBox.maxCoordinate)) pixels; box ignored")
            return nil
        }
        if box.w < 0 || box.h < 0 { error(field, "box has a negative width or height") }
        return box
    }

    /// Attribute values: strings (GQA, VG) or `{"attribute": ...}`-like objects are not accepted.
    mutating func readAttributeList(_ v: JSONValue?, field: FieldPath) -> [String] {
        guard let v, v != .null else { return [] }
        guard let list = v.arrayValue else {
            error(field, "must be a list of strings, found \(v.typeDescription)"); return []
        }
        var out: [String] = []
        for (i, a) in list.enumerated() {
            if let s = a.stringValue { out.append(s) } else { error(field.index(i), "must be a string, found \(a.typeDescription)") }
        }
        return out
    }
}
