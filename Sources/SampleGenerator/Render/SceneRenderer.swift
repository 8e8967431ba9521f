import Foundation
import Imaging

/// Draws a scene: a floor gradient, then each object with simple shading,
/// recording the exact pixels each one covers as its box.
public enum SceneRenderer {
    /// The floor's colour at row `y` of an image `height` rows high.
    public static func floor(y: Int, height: Int) -> RGBA {
        let t = Double(y) / Double(max(1, height - 1))
        let horizon = Double(SceneLayout.horizon(height)) / Double(height)
        // A wall above the horizon, a floor that darkens towards the viewer below it.
        let v = t < horizon ? 196 - 20 * (t / horizon) : 168 - 52 * ((t - horizon) / (1 - horizon))
        return RGBA(UInt8(clamping: Int(v)), UInt8(clamping: Int(v + 3)), UInt8(clamping: Int(v + 9)))
    }

    /// Paints the floor, draws `objects` back to front and returns them with
    /// their boxes set to the pixels actually drawn.
    static func draw(_ objects: [SceneObject], into image: inout RGBAImage) -> [SceneObject] {
        for y in 0..<image.height {
            let c = floor(y: y, height: image.height)
            for x in 0..<image.width { image[x, y] = c }
        }
        var out = objects
        for i in out.indices {
            var canvas = Canvas(image: image)
            switch out[i].shape {
            case .sphere: sphere(out[i], &canvas)
            case .cube: cube(out[i], &canvas)
            case .cylinder: cylinder(out[i], &canvas)
            }
            image = canvas.image
            if canvas.maxX >= canvas.minX {
                out[i].x = canvas.minX; out[i].y = canvas.minY
                out[i].w = canvas.maxX - canvas.minX + 1; out[i].h = canvas.maxY - canvas.minY + 1
            }
        }
        return out
    }

    /// The image plus the extent of what one object drew.
    private struct Canvas {
        var image: RGBAImage
        var minX = Int.max, minY = Int.max, maxX = Int.min, maxY = Int.min

        mutating func plot(_ x: Int, _ y: Int, _ r: Double, _ g: Double, _ b: Double) {
            guard x >= 0, y >= 0, x < image.width, y < image.height else { return }
            image[x, y] = RGBA(UInt8(clamping: Int(r.rounded())), UInt8(clamping: Int(g.rounded())),
                               UInt8(clamping: Int(b.rounded())))
            minX = min(minX, x); maxX = max(maxX, x); minY = min(minY, y); maxY = max(maxY, y)
        }

        mutating func plot(_ x: Int, _ y: Int, _ o: SceneObject, shade: Double, spec: Double) {
            let c = o.colour.rgb
            plot(x, y, c.r * shade + 255 * spec, c.g * shade + 255 * spec, c.b * shade + 255 * spec)
        }
    }

    /// Specular strength and sharpness: metal is bright and tight, rubber dull.
    private static func specular(_ o: SceneObject, _ cosine: Double) -> Double {
        let c = max(0, cosine)
        return o.material == .metal ? 0.85 * pow(c, 28) : 0.12 * pow(c, 6)
    }

    private static func sphere(_ o: SceneObject, _ cv: inout Canvas) {
        let r = Double(o.w) / 2
        let cx = Double(o.x) + r, cy = Double(o.y) + r
        let light = normalise(-0.55, -0.65, 0.75)
        let half = normalise(light.0, light.1, light.2 + 1)
        for py in o.y..<(o.y + o.h) {
            for px in o.x..<(o.x + o.w) {
                let dx = (Double(px) + 0.5 - cx) / r, dy = (Double(py) + 0.5 - cy) / r
                let d2 = dx * dx + dy * dy
                if d2 > 1 { continue }
                let nz = (1 - d2).squareRoot()
                let diffuse = max(0, dx * light.0 + dy * light.1 + nz * light.2)
                let h = dx * half.0 + dy * half.1 + nz * half.2
                cv.plot(px, py, o, shade: 0.3 + 0.75 * diffuse, spec: specular(o, h))
            }
        }
    }

    private static func cube(_ o: SceneObject, _ cv: inout Canvas) {
        let d = o.w
        let t = max(2, Int(Double(d) * 0.28))
        let metal = o.material == .metal
        // Front face, with a soft vertical gradient (a sheen band on metal).
        for py in (o.y + t)..<(o.y + d) {
            for px in o.x..<(o.x + d - t) {
                let u = Double(px - o.x) / Double(max(1, d - t)), v = Double(py - o.y - t) / Double(max(1, d - t))
                let band = metal ? 0.5 * exp(-pow((u + v - 0.7) * 4, 2)) : 0
                cv.plot(px, py, o, shade: 0.85 - 0.2 * v, spec: band * 0.6)
            }
        }
        // Top face: lighter, a parallelogram leaning right.
        for r in 0..<t {
            let offset = t - r
            for px in (o.x + offset)..<(o.x + d - t + offset) {
                cv.plot(px, o.y + r, o, shade: 1.18, spec: metal ? 0.18 : 0.04)
            }
        }
        // Side face: darker.
        for c in 0..<t {
            let px = o.x + d - t + c
            for py in (o.y + t - c)..<(o.y + d - c) {
                cv.plot(px, py, o, shade: 0.55, spec: metal ? 0.08 : 0)
            }
        }
    }

    private static func cylinder(_ o: SceneObject, _ cv: inout Canvas) {
        let rx = Double(o.w) / 2
        let e = max(3, Int(Double(o.w) * 0.32))
        let ry = Double(e) / 2
        let cx = Double(o.x) + rx
        let topC = Double(o.y) + ry, botC = Double(o.y + o.h) - ry
        for py in o.y..<(o.y + o.h) {
            for px in o.x..<(o.x + o.w) {
                let fx = (Double(px) + 0.5 - cx) / rx, fy = Double(py) + 0.5
                let inTop = fx * fx + pow((fy - topC) / ry, 2) <= 1
                let inBody = abs(fx) <= 1 && fy >= topC && (fy <= botC || fx * fx + pow((fy - botC) / ry, 2) <= 1)
                if inTop {
                    cv.plot(px, py, o, shade: 1.12, spec: o.material == .metal ? 0.15 : 0.03)
                } else if inBody {
                    // Lit from the left: cosine across the body, highlight near the left third.
                    let n = max(0, 1 - fx * fx).squareRoot()
                    let diffuse = max(0, -0.55 * fx + 0.8 * n)
                    cv.plot(px, py, o, shade: 0.3 + 0.7 * diffuse, spec: specular(o, -0.5 * fx + 0.85 * n))
                }
            }
        }
    }

    private static func normalise(_ x: Double, _ y: Double, _ z: Double) -> (Double, Double, Double) {
        let n = (x * x + y * y + z * z).squareRoot()
        return (x / n, y / n, z / n)
    }
}
