import SceneData

/// Pairs the entities of two graphs: by id first, then, among the entities
/// left over, by name (in graph order), so a graph re-emitted with new ids
/// still lines up with the original. When most SG- ids exist in SG+ the two
/// share one id space and names are not used: an SG- entity with an id of its
/// own is then a different entity even when it has the same name.
struct EntityMatcher {
    /// SG- id -> SG+ id, for every SG- entity that has a partner.
    var minusToPlus: [String: String] = [:]
    /// SG+ entities with no partner in SG-.
    var plusOnly: [Entity] = []
    /// SG- entities with no partner in SG+.
    var minusOnly: [Entity] = []

    /// `idSpace`: every id of the full SG+, when `plus` is only part of it (SG^c),
    /// so that SG- ids taken from the rest of SG+ still count as shared.
    init(plus: SceneGraph, minus: SceneGraph, idSpace: Set<String>? = nil) {
        let plusIDs = Set(plus.entities.map(\.id))
        var used: Set<String> = []
        var pending: [Entity] = []
        for e in minus.entities {
            if plusIDs.contains(e.id), !used.contains(e.id) {
                minusToPlus[e.id] = e.id; used.insert(e.id)
            } else {
                pending.append(e)
            }
        }
        let space = idSpace ?? plusIDs
        let sharedIDs = minus.entities.filter { space.contains($0.id) }.count
        let byName = sharedIDs * 2 < minus.entities.count
        // SG+ entities by name, in graph order, each list consumed from the front.
        var byNameKey: [String: (list: [Entity], next: Int)] = [:]
        if byName {
            for p in plus.entities { byNameKey[EntityMatcher.nameKey(p.name), default: ([], 0)].list.append(p) }
        }
        for e in pending {
            guard byName else { minusOnly.append(e); continue }
            let key = EntityMatcher.nameKey(e.name)
            var partner: Entity?
            if var slot = byNameKey[key] {
                while slot.next < slot.list.count, used.contains(slot.list[slot.next].id) { slot.next += 1 }
                if slot.next < slot.list.count { partner = slot.list[slot.next] }
                byNameKey[key] = slot
            }
            if let partner {
                minusToPlus[e.id] = partner.id; used.insert(partner.id)
            } else {
                minusOnly.append(e)
            }
        }
        plusOnly = plus.entities.filter { !used.contains($0.id) }
    }

    /// The id `minusID` has in SG+'s id space (itself when unmatched).
    func plusID(_ minusID: String) -> String { minusToPlus[minusID] ?? minusID }

    /// `minus` rewritten into SG+'s ids, so elements can be compared directly.
    /// Unmatched SG- ids that collide with an SG+ id get a prefix so they stay distinct.
    func translated(_ minus: SceneGraph, plusIDs: Set<String>) -> SceneGraph {
        func map(_ id: String) -> String {
            if let p = minusToPlus[id] { return p }
            return plusIDs.contains(id) ? "-" + id : id
        }
        var g = minus
        g.entities = minus.entities.map { e in
            var e = e; e.id = map(e.id); return e
        }
        g.relations = minus.relations.map { Relation(subject: map($0.subject), predicate: $0.predicate, object: map($0.object)) }
        return g
    }

    /// Names compared case- and space-insensitively.
    static func nameKey(_ name: String) -> String {
        name.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
