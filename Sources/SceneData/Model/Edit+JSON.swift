/// Element references and edits written back in FORMAT.md's spelling, for
/// commands that write items (`scenelens perturb`).
extension ElementRef {
    /// `"o2"`, `["o2", "red"]` or `["o1", "left of", "o2"]`.
    public var jsonValue: JSONValue {
        switch self {
        case .entity(let id): .string(id)
        case .attribute(let p): .array([.string(p.entity), .string(p.value)])
        case .relation(let r): .array([.string(r.subject), .string(r.predicate), .string(r.object)])
        }
    }
}

extension Edit {
    /// `{"op": "swap", "relation": ...}`, `{"op": "replace", "from": ..., "to": ...}`,
    /// `{"op": "remove", "element": ...}` or `{"op": "add", "element": ...}`.
    public var jsonValue: JSONValue {
        switch self {
        case .swap(let r): .object([("op", .string("swap")), ("relation", ElementRef.relation(r).jsonValue)])
        case .replace(let from, let to):
            .object([("op", .string("replace")), ("from", from.jsonValue),
                     ("to", { switch to { case .element(let e): e.jsonValue; case .name(let n): .string(n) } }())])
        case .remove(let ref): .object([("op", .string("remove")), ("element", ref.jsonValue)])
        case .add(let ref): .object([("op", .string("add")), ("element", ref.jsonValue)])
        }
    }
}
