import SceneData

/// How much of an attention map's mass falls inside a set of boxes.
public enum AttentionMass {
    /// The share in [0, 1] of the map's (non-negative) mass inside the union
    /// of `boxes` (pixels), the grid laid on the image as `fit` says (the
    /// whole image stretched, its centre square, the padded square, a
    /// region). A cell counts by the fraction of its area the boxes cover;
    /// mass on padding or outside the image counts as outside every box. nil
    /// when the map is empty, malformed, all zero, or there is no box or
    /// image size.
    ///
    /// `marginCells` grows every box by that many grid cells on each side (at
    /// most a tenth of the image): a grid cannot place attention more precisely
    /// than a cell, and a model's attention spreads a little around an object.
    public static func share(map: AttentionGrid, fit: AttentionFit = .stretch, boxes: [BoundingBox],
                             imageWidth: Int, imageHeight: Int, marginCells: Double = 0) -> Double? {
        let (cells, overflow) = map.rows.multipliedReportingOverflow(by: map.cols)
        guard map.rows > 0, map.cols > 0, !overflow, map.values.count == cells,
              imageWidth > 0, imageHeight > 0, !boxes.isEmpty else { return nil }
        let area = fit.region(imageWidth: imageWidth, imageHeight: imageHeight)
        guard area.w > 0, area.h > 0 else { return nil }
        let cw = area.w / Double(map.cols), ch = area.h / Double(map.rows)
        let margin = marginCells.isFinite ? max(0, marginCells) : 0
        let mx = min(margin * cw, Double(imageWidth) / 10), my = min(margin * ch, Double(imageHeight) / 10)
        let boxes = boxes.map { BoundingBox(x: $0.x - mx, y: $0.y - my, w: $0.w + 2 * mx, h: $0.h + 2 * my) }
        var total = 0.0, inside = 0.0
        for r in 0..<map.rows {
            for c in 0..<map.cols {
                let v = Double(map.values[r * map.cols + c])
                guard v.isFinite, v > 0 else { continue }
                total += v
                let cell = BoundingBox(x: area.x + Double(c) * cw, y: area.y + Double(r) * ch, w: cw, h: ch)
                let covered = unionArea(boxes.compactMap { clip($0, to: cell) })
                inside += v * covered / (cw * ch)
            }
        }
        guard total > 0 else { return nil }
        return min(1, max(0, inside / total))
    }

    /// The part of `b` inside `cell`, nil when they do not meet.
    static func clip(_ b: BoundingBox, to cell: BoundingBox) -> BoundingBox? {
        let x0 = max(b.x, cell.x), y0 = max(b.y, cell.y)
        let x1 = min(b.x + b.w, cell.x + cell.w), y1 = min(b.y + b.h, cell.y + cell.h)
        guard x1 > x0, y1 > y0 else { return nil }
        return BoundingBox(x: x0, y: y0, w: x1 - x0, h: y1 - y0)
    }

    /// Area of the union of a few rectangles, by slicing at every edge (boxes may overlap).
    static func unionArea(_ rects: [BoundingBox]) -> Double {
        if rects.isEmpty { return 0 }
        if rects.count == 1 { return rects[0].w * rects[0].h }
        let xs = Array(Set(rects.flatMap { [$0.x, $0.x + $0.w] })).sorted()
        let ys = Array(Set(rects.flatMap { [$0.y, $0.y + $0.h] })).sorted()
        var area = 0.0
        for i in 0..<(xs.count - 1) {
            for j in 0..<(ys.count - 1) {
                let mx = (xs[i] + xs[i + 1]) / 2, my = (ys[j] + ys[j + 1]) / 2
                if rects.contains(where: { mx > $0.x && mx < $0.x + $0.w && my > $0.y && my < $0.y + $0.h }) {
                    area += (xs[i + 1] - xs[i]) * (ys[j + 1] - ys[j])
                }
            }
        }
        return area
    }

    /// The boxes of the entities `refs` touch (an attribute's entity, a relation's two).
    public static func boxes(of refs: [ElementRef], in graph: SceneGraph) -> [BoundingBox] {
        var ids: [String] = []
        for ref in refs {
            switch ref {
            case .entity(let id): ids.append(id)
            case .attribute(let p): ids.append(p.entity)
            case .relation(let r): ids += [r.subject, r.object]
            }
        }
        var seen: Set<String> = []
        return ids.filter { seen.insert($0).inserted }.compactMap { graph.entity($0)?.box }
    }
}

extension AttentionMass {
    /// How far attention moved between two maps over images of one size: the
    /// total variation distance between their normalised masses (0: the
    /// same, 1: nowhere in common), each grid laid on the image as its fit
    /// says and read at the centres of a common grid of sample points. The
    /// sample grid is a multiple of both grids' sizes where it can be (at most
    /// 512 a side), so two stretched grids are compared exactly. Mass on
    /// padding or outside the image is left out. nil when either map is
    /// malformed or all zero there, or there is no size.
    public static func shift(from a: AttentionGrid, fit fa: AttentionFit = .stretch,
                             to b: AttentionGrid, fit fb: AttentionFit = .stretch,
                             imageWidth: Int, imageHeight: Int) -> Double? {
        guard let d = difference(from: a, fit: fa, to: b, fit: fb, imageWidth: imageWidth, imageHeight: imageHeight) else { return nil }
        return min(1, max(0, d.values.reduce(0, +) / 2))
    }

    /// |p - q| over a grid laid over the whole image, p and q the two maps
    /// sampled there and normalised to sum 1 (what `shift` sums): where the
    /// attention left or arrived, for drawing as a heatmap.
    public static func difference(from a: AttentionGrid, fit fa: AttentionFit = .stretch,
                                  to b: AttentionGrid, fit fb: AttentionFit = .stretch,
                                  imageWidth: Int, imageHeight: Int) -> (rows: Int, cols: Int, values: [Double])? {
        guard imageWidth > 0, imageHeight > 0, a.rows > 0, a.cols > 0, b.rows > 0, b.cols > 0 else { return nil }
        let rows = samples(a.rows, b.rows), cols = samples(a.cols, b.cols)
        guard let p = sampled(a, fit: fa, rows: rows, cols: cols, imageWidth: imageWidth, imageHeight: imageHeight),
              let q = sampled(b, fit: fb, rows: rows, cols: cols, imageWidth: imageWidth, imageHeight: imageHeight) else { return nil }
        return (rows, cols, p.indices.map { abs(p[$0] - q[$0]) })
    }

    /// Sample points along one side: the least common multiple of the two
    /// grids' counts, repeated up to at least 32, or 512 when that is past 512.
    static func samples(_ m: Int, _ n: Int) -> Int {
        func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
        let lcm = m / gcd(m, n) * n
        guard lcm <= 512 else { return 512 }
        return lcm * max(1, (32 + lcm - 1) / lcm)
    }

    /// The map's value at the centre of each cell of a `rows` x `cols` grid
    /// over the image, normalised to sum 1; nil when nothing is left.
    static func sampled(_ map: AttentionGrid, fit: AttentionFit, rows: Int, cols: Int, imageWidth: Int, imageHeight: Int) -> [Double]? {
        let (cells, overflow) = map.rows.multipliedReportingOverflow(by: map.cols)
        guard map.rows > 0, map.cols > 0, !overflow, map.values.count == cells else { return nil }
        let area = fit.region(imageWidth: imageWidth, imageHeight: imageHeight)
        guard area.w > 0, area.h > 0 else { return nil }
        var out = [Double](repeating: 0, count: rows * cols)
        var total = 0.0
        for r in 0..<rows {
            let y = (Double(r) + 0.5) * Double(imageHeight) / Double(rows)
            let gy = (y - area.y) / area.h * Double(map.rows)
            guard gy >= 0, gy < Double(map.rows) else { continue }
            for c in 0..<cols {
                let x = (Double(c) + 0.5) * Double(imageWidth) / Double(cols)
                let gx = (x - area.x) / area.w * Double(map.cols)
                guard gx >= 0, gx < Double(map.cols) else { continue }
                let v = Double(map.values[Int(gy) * map.cols + Int(gx)])
                guard v.isFinite, v > 0 else { continue }
                out[r * cols + c] = v
                total += v
            }
        }
        guard total > 0 else { return nil }
        return out.map { $0 / total }
    }
}
