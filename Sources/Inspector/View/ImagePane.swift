import Imaging
import SceneData
import TerminalUI

/// The item's image with its boxes and the chosen attention map.
enum ImagePane {
    static func draw(_ s: AppState, in r: Rect, theme t: Theme, focused: Bool, buffer b: inout Buffer) {
        let map = PanesModel.attention(s)
        var title = "Image [\(s.imageStyle.rawValue)]"
        if s.showHeatmap, let map { title += " map: \(map.label)\(map.step.map { " step \($0 + 1)" } ?? "")" }
        if !s.showBoxes { title += " boxes off" }
        t.frame(&b, r, title: title, focused: focused && s.zoomed == false ? false : focused)
        let inner = ScreenLayout.inner(r)
        guard !inner.isEmpty else { return }
        guard let loaded = s.image, loaded.itemID == s.item?.id else {
            b.setString(x: inner.left + 1, y: inner.top + inner.height / 2, s.item == nil ? "" : "decoding image...", style: t.dim, maxWidth: inner.width - 1)
            return
        }
        guard let img = loaded.image else {
            t.clipped(&b, x: inner.left, y: inner.top, "no image: " + (loaded.error ?? "unknown error"), style: t.reject, width: inner.width)
            return
        }
        let ascii = s.imageStyle == .ascii
        let cols = min(img.width, inner.width)
        let rows = min(ascii ? img.height : (img.height + 1) / 2, inner.height)
        let ox = inner.left + (inner.width - cols) / 2
        let oy = inner.top + (inner.height - rows) / 2
        let grid = s.showHeatmap ? map?.grid : nil
        let place = Placement(x: ox, y: oy, cols: cols, rows: rows, ow: loaded.originalWidth, oh: loaded.originalHeight)
        ImageCells.draw(img, at: place, ascii: ascii, invert: s.invert, heat: grid, buffer: &b)
        if s.showBoxes, let item = s.item {
            let hi = PanesModel.highlightedEntity(s)
            let touched = GraphRows.Touched(negative: s.negative).entities
            let sg = item.sceneGraph
            let ow = Double(sg.width ?? loaded.originalWidth), oh = Double(sg.height ?? loaded.originalHeight)
            for e in item.sceneGraph.entities where e.id != hi {
                if let box = e.box { outline(box, e.name, place, ow, oh, touched.contains(e.id) ? t.touched : t.critical, t, &b) }
            }
            if let hi, let e = sg.entity(hi), let box = e.box {
                outline(box, e.name, place, ow, oh, Style(fg: .indexed(15), bg: .indexed(5), attributes: [.bold]), t, &b)
            }
        }
    }

    struct Placement { var x, y, cols, rows, ow, oh: Int }

    private static func outline(_ box: BoundingBox, _ label: String, _ p: Placement, _ ow: Double, _ oh: Double,
                                _ st: Style, _ t: Theme, _ b: inout Buffer) {
        guard ow > 0, oh > 0, p.cols > 0, p.rows > 0 else { return }
        let x0 = p.x + Int(box.x / ow * Double(p.cols)), x1 = p.x + Int(((box.x + box.w) / ow * Double(p.cols)).rounded(.up)) - 1
        let y0 = p.y + Int(box.y / oh * Double(p.rows)), y1 = p.y + Int(((box.y + box.h) / oh * Double(p.rows)).rounded(.up)) - 1
        let l = max(p.x, x0), r = min(p.x + p.cols - 1, max(x0, x1))
        let top = max(p.y, y0), bot = min(p.y + p.rows - 1, max(y0, y1))
        guard l <= r, top <= bot else { return }
        for x in l...r {
            b.setString(x: x, y: top, t.h, style: st)
            b.setString(x: x, y: bot, t.h, style: st)
        }
        for y in top...bot {
            b.setString(x: l, y: y, t.v, style: st)
            b.setString(x: r, y: y, t.v, style: st)
        }
        for (x, y, g) in [(l, top, t.tl), (r, top, t.tr), (l, bot, t.bl), (r, bot, t.br)] { b.setString(x: x, y: y, g, style: st) }
        b.setString(x: l + 1, y: top, label, style: st, maxWidth: max(0, r - l - 1))
    }
}

/// Pixels to cells. Interim: replaced by TerminalUI's ImageWidget once it lands.
enum ImageCells {
    static let shades = Array(" .:-=+*#%@")

    static func draw(_ img: RGBAImage, at p: ImagePane.Placement, ascii: Bool, invert: Bool,
                     heat: AttentionGrid?, buffer b: inout Buffer) {
        let maxHeat = heat?.values.max() ?? 0
        func heatAt(_ px: Int, _ py: Int, _ h: Int) -> Float {
            guard let g = heat, maxHeat > 0, g.rows > 0, g.cols > 0, g.values.count == g.rows * g.cols else { return 0 }
            let r = min(g.rows - 1, py * g.rows / max(1, h)), c = min(g.cols - 1, px * g.cols / max(1, img.width))
            return g.values[r * g.cols + c] / maxHeat
        }
        func colour(_ px: Int, _ py: Int) -> (Double, Double, Double) {
            guard px < img.width, py < img.height else { return (0, 0, 0) }
            let c = img[px, py]
            var r = Double(c.r), g = Double(c.g), bl = Double(c.b)
            let h = Double(heatAt(px, py, img.height))
            if h > 0 { r = r * (1 - h * 0.6) + 255 * h * 0.6; g = g * (1 - h * 0.6); bl = bl * (1 - h * 0.6) }
            return (r, g, bl)
        }
        for cy in 0..<p.rows {
            for cx in 0..<p.cols {
                if ascii {
                    let (r, g, bl) = colour(cx, cy)
                    var lum = (0.299 * r + 0.587 * g + 0.114 * bl) / 255
                    if invert { lum = 1 - lum }
                    let i = min(shades.count - 1, Int(lum * Double(shades.count)))
                    b[p.x + cx, p.y + cy] = Cell(String(shades[i]))
                } else {
                    let (r1, g1, b1) = colour(cx, cy * 2)
                    let (r2, g2, b2) = colour(cx, cy * 2 + 1)
                    b[p.x + cx, p.y + cy] = Cell("▀", fg: .rgb(UInt8(clamping: Int(r1)), UInt8(clamping: Int(g1)), UInt8(clamping: Int(b1))),
                                                 bg: .rgb(UInt8(clamping: Int(r2)), UInt8(clamping: Int(g2)), UInt8(clamping: Int(b2))))
                }
            }
        }
    }
}
