import SceneData
import Imaging
import Testing
@testable import SampleGenerator

@Suite struct SceneTests {
    @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6])
    func boxesAreInsideTheImageAndCoverDrawnPixels(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let (scene, image) = SceneLayout.make(width: 320, height: 240, count: 20, rng: &rng)
        #expect((15...25).contains(scene.objects.count))
        for o in scene.objects {
            #expect(o.x >= 0 && o.y >= 0 && o.x + o.w <= image.width && o.y + o.h <= image.height, "\(o.id) box outside")
            let cx = o.x + o.w / 2, cy = o.y + o.h / 2
            #expect(image[cx, cy] != SceneRenderer.floor(y: cy, height: image.height), "\(o.id) centre is floor")
            // Tight: every edge of the box has a drawn pixel on it.
            let drawn = { (x: Int, y: Int) in image[x, y] != SceneRenderer.floor(y: y, height: image.height) }
            #expect((o.x..<(o.x + o.w)).contains { drawn($0, o.y) }, "\(o.id) top edge empty")
            #expect((o.x..<(o.x + o.w)).contains { drawn($0, o.y + o.h - 1) }, "\(o.id) bottom edge empty")
            #expect((o.y..<(o.y + o.h)).contains { drawn(o.x, $0) }, "\(o.id) left edge empty")
            #expect((o.y..<(o.y + o.h)).contains { drawn(o.x + o.w - 1, $0) }, "\(o.id) right edge empty")
        }
    }

    @Test func relationsHoldInTheGeometry() {
        for seed in UInt64(1)...8 {
            var rng = SplitMix64(seed: seed)
            let (scene, _) = SceneLayout.make(width: 320, height: 240, count: 18, rng: &rng)
            #expect(!scene.relations.isEmpty)
            for r in scene.relations {
                guard let a = scene.object(r.subject), let b = scene.object(r.object) else {
                    Issue.record("relation \(r) names an unknown object"); continue
                }
                switch r.predicate {
                case "left of": #expect(a.centre.x < b.centre.x)
                case "right of": #expect(a.centre.x > b.centre.x)
                case "in front of": #expect(a.groundY > b.groundY)
                case "behind": #expect(a.groundY < b.groundY)
                case "on top of": #expect(a.y + a.h == b.y)
                case "same colour as": #expect(a.colour == b.colour)
                default: break
                }
            }
        }
    }

    @Test func metalIsShinierThanRubber() {
        // The brightest pixel of a metal sphere is near white; rubber stays near its colour.
        func brightest(_ m: Material) -> Int {
            var image = RGBAImage(width: 60, height: 60)
            let o = SceneObject(id: "o1", shape: .sphere, colour: .blue, material: m, size: .large,
                                x: 10, y: 10, w: 40, h: 40, groundY: 50, support: nil)
            let drawn = SceneRenderer.draw([o], into: &image)
            #expect(drawn[0].w == 40 && drawn[0].h == 40)
            // Only the sphere's own pixels: the floor is light too.
            return (10..<50).flatMap { y in (10..<50).compactMap { x -> Int? in
                image[x, y] == SceneRenderer.floor(y: y, height: 60) ? nil : Int(image[x, y].r)
            } }.max() ?? 0
        }
        #expect(brightest(.metal) > brightest(.rubber) + 60)
    }
}
