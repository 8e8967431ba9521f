import SceneData

/// Derives the relations that hold in a scene from its exact boxes, the way a
/// GQA-style graph lists them: each object to its nearest neighbours.
enum SceneRelations {
    static func derive(_ objects: [SceneObject]) -> [Relation] {
        var out: [Relation] = []
        var seen = Set<Relation>()
        func add(_ s: String, _ p: String, _ o: String) {
            let r = Relation(subject: s, predicate: p, object: o)
            if seen.insert(r).inserted { out.append(r) }
        }
        for a in objects {
            let ca = a.centre
            let near = objects.filter { $0.id != a.id }
                .sorted { dist2($0.centre, ca) < dist2($1.centre, ca) }
                .prefix(2)
            for b in near {
                let cb = b.centre
                let dx = cb.x - ca.x
                let dz = Double(a.groundY - b.groundY)
                let halfW = Double(a.w + b.w) / 4
                // Only relations a viewer would state without hesitation.
                if abs(dx) > halfW {
                    add(a.id, dx > 0 ? "left of" : "right of", b.id)
                } else if abs(dz) > 6 {
                    add(a.id, dz > 0 ? "in front of" : "behind", b.id)
                }
                if gap(a, b) < Double(min(a.w, b.w)) * 0.6, a.support == nil, b.support == nil {
                    add(a.id, "next to", b.id)
                }
            }
            if let s = a.support { add(a.id, "on top of", s) }
            if let twin = objects.filter({ $0.id != a.id && $0.colour == a.colour })
                .min(by: { dist2($0.centre, ca) < dist2($1.centre, ca) }),
               !seen.contains(Relation(subject: twin.id, predicate: "same colour as", object: a.id)) {
                add(a.id, "same colour as", twin.id)
            }
        }
        return out
    }

    private static func dist2(_ p: (x: Double, y: Double), _ q: (x: Double, y: Double)) -> Double {
        (p.x - q.x) * (p.x - q.x) + (p.y - q.y) * (p.y - q.y)
    }

    /// Distance between two boxes (0 when they touch).
    private static func gap(_ a: SceneObject, _ b: SceneObject) -> Double {
        let gx = max(0, max(a.x, b.x) - min(a.x + a.w, b.x + b.w))
        let gy = max(0, max(a.y, b.y) - min(a.y + a.h, b.y + b.h))
        return Double(max(gx, gy))
    }
}
