import Imaging
import SceneData

/// Places objects on a CLEVR-like floor without overlaps, draws them, and
/// derives the relations that hold from their exact boxes.
public enum SceneLayout {
    /// A scene of `count` objects (fewer only if the floor is far too small; up to two more
    /// when small objects are stacked on large cubes) and its image.
    public static func make(width: Int, height: Int, count: Int, rng: inout SplitMix64) -> (Scene, RGBAImage) {
        var scale = 1.0
        var placed: [SceneObject] = []
        // Shrink the objects until they all fit; a few rounds always suffice for sane sizes.
        for _ in 0..<8 {
            placed = place(width: width, height: height, count: count, scale: scale, rng: &rng)
            if placed.count >= count { break }
            scale *= 0.85
        }
        var image = RGBAImage(width: width, height: height)
        let drawn = SceneRenderer.draw(placed, into: &image)
        let relations = SceneRelations.derive(drawn)
        return (Scene(width: width, height: height, objects: drawn, relations: relations), image)
    }

    /// The horizon row: the floor starts below it.
    static func horizon(_ height: Int) -> Int { Int(Double(height) * 0.26) }

    private static func place(width: Int, height: Int, count: Int, scale: Double, rng: inout SplitMix64) -> [SceneObject] {
        var objects: [SceneObject] = []
        let top = horizon(height) + height / 6
        for _ in 0..<count {
            var done = false
            for _ in 0..<300 where !done {
                let shape = rng.pick(Shape.allCases) ?? .cube
                let size: SizeClass = rng.chance(0.45) ? .large : .small
                let foot = rng.int(in: top...(height - 3))
                let depth = Double(foot - horizon(height)) / Double(height - horizon(height))
                let perspective = 0.55 + 0.45 * depth
                let base = Double(height) * (size == .large ? 0.19 : 0.115) * perspective * scale
                let d = max(8, Int(base.rounded()))
                let (w, h) = dims(shape, d)
                let x = rng.int(in: 2...max(2, width - w - 2))
                let candidate = SceneObject(
                    id: "", shape: shape, colour: rng.pick(SceneColour.allCases) ?? .red,
                    material: rng.chance(0.5) ? .metal : .rubber, size: size,
                    x: x, y: foot - h, w: w, h: h, groundY: foot, support: nil)
                if candidate.y < horizon(height) - 4 { continue }
                if objects.contains(where: { $0.overlaps(candidate, margin: 3) }) { continue }
                objects.append(candidate)
                done = true
            }
        }
        stack(&objects, rng: &rng)
        // Ids follow reading order (back to front, then left to right), as a parser would list them.
        objects.sort { ($0.groundY, $0.x) < ($1.groundY, $1.x) }
        var ids: [String: String] = [:]
        for i in objects.indices {
            let new = "o\(i + 1)"
            ids["\(objects[i].x),\(objects[i].y)"] = new
            objects[i].id = new
        }
        for i in objects.indices {
            if let s = objects[i].support { objects[i].support = ids[s] }
        }
        return objects
    }

    /// Turns a small object sitting near a large cube into one standing on it, when it fits.
    private static func stack(_ objects: inout [SceneObject], rng: inout SplitMix64) {
        let cubes = objects.indices.filter { objects[$0].shape == .cube && objects[$0].size == .large }
        for c in cubes.prefix(2) where rng.chance(0.6) {
            let cube = objects[c]
            let shape = rng.pick(Shape.allCases) ?? .sphere
            let d = max(8, Int(Double(cube.w) * 0.5))
            let (w, h) = dims(shape, d)
            let x = cube.x + (cube.w - Int(Double(cube.w) * 0.28) - w) / 2
            let top = SceneObject(id: "", shape: shape, colour: rng.pick(SceneColour.allCases) ?? .red,
                                  material: rng.chance(0.5) ? .metal : .rubber, size: .small,
                                  x: x, y: cube.y - h, w: w, h: h, groundY: cube.groundY,
                                  support: "\(cube.x),\(cube.y)")
            if top.y < 1 || objects.contains(where: { $0 != cube && $0.overlaps(top, margin: 2) }) { continue }
            objects.append(top)
        }
    }

    /// Width and height of a shape whose nominal size is `d` pixels.
    private static func dims(_ shape: Shape, _ d: Int) -> (Int, Int) {
        switch shape {
        case .cube: (d, d)
        case .sphere: (d, d)
        case .cylinder: (max(6, Int(Double(d) * 0.85)), max(8, Int(Double(d) * 1.05)))
        }
    }
}
