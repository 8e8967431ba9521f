import Imaging
import SceneData
import TerminalUI

/// The item's image with its boxes and the chosen attention map.
enum ImagePane {
    static func draw(_ s: AppState, in r: Rect, theme t: Theme, focused: Bool, buffer b: inout Buffer) {
        let map = PanesModel.attention(s)
        var title = "Image [\(s.image.mode.label)]"
        if s.image.showHeatmap, let map {
            title += " map: \(map.label)"
            if let step = map.step { title += " (\(map.rationale ?? "chosen") #\(step + 1))" }
            if map.fit != .stretch { title += " fit \(map.fit.name)" }
        }
        if !s.image.showHeatmap { title += " heatmap off" }
        if !s.image.showBoxes { title += " boxes off" }
        if s.image.showStoredPixels { title += " file's own pixels" }
        t.frame(&b, r, title: title, focused: focused)
        let inner = ScreenLayout.inner(r)
        guard !inner.isEmpty else { return }
        guard let loaded = s.image.loaded, loaded.itemID == s.item?.id else {
            b.setString(x: inner.left + 1, y: inner.top + inner.height / 2, s.item == nil ? "" : "decoding image...",
                        style: t.dim, maxWidth: inner.width - 1)
            return
        }
        guard let img = loaded.image, let item = s.item else {
            t.clipped(&b, x: inner.left, y: inner.top, "no image: " + (loaded.error ?? "unknown error"), style: t.reject, width: inner.width)
            return
        }
        // Boxes are in the original image's pixels (or the graph's stated size); the picture here is shrunk.
        let sg = item.sceneGraph
        let ow = Double(sg.width ?? loaded.originalWidth), oh = Double(sg.height ?? loaded.originalHeight)
        let sx = ow > 0 ? Double(img.width) / ow : 1, sy = oh > 0 ? Double(img.height) / oh : 1
        let hi = PanesModel.highlightedEntity(s)
        var boxes: [BoxOverlay] = []
        var highlighted: Int?
        for e in sg.entities {
            guard let box = e.box else { continue }
            if e.id == hi { highlighted = boxes.count }
            boxes.append(BoxOverlay(x: box.x * sx, y: box.y * sy, w: box.w * sx, h: box.h * sy,
                                    label: t.ascii ? Theme.asciiOnly(e.name) : e.name))
        }
        let heat = map?.grid.flatMap { g -> Heatmap? in
            guard g.rows > 0 && g.cols > 0 && g.values.count == g.rows * g.cols, let map else { return nil }
            // The grid lies where the model saw it: the whole image, its centre square, the padded square.
            let u = map.fit.unitRegion(imageWidth: Int(ow), imageHeight: Int(oh)) ?? BoundingBox(x: 0, y: 0, w: 1, h: 1)
            return Heatmap(rows: g.rows, cols: g.cols, values: g.values, extent: .init(x: u.x, y: u.y, w: u.w, h: u.h))
        }
        let widget = ImageWidget(image: img, mode: ImageMode(rawValue: s.image.mode.rawValue) ?? .ascii,
                                 heatmap: heat, boxes: boxes, highlightedBox: highlighted,
                                 showHeatmap: s.image.showHeatmap, showBoxes: s.image.showBoxes, invert: s.image.invert)
        widget.render(in: inner, buffer: &b)
        if s.asciiOnly { asciiGuard(inner, &b) }
    }

    /// Replaces any non-ASCII cell the widget drew, so an ASCII-only terminal gets none.
    private static func asciiGuard(_ r: Rect, _ b: inout Buffer) {
        for y in r.top..<r.bottom {
            for x in r.left..<r.right where !b[x, y].symbol.allSatisfy(\.isASCII) {
                var c = b[x, y]
                c.symbol = c.isContinuation ? " " : "#"
                b[x, y] = c
            }
        }
    }
}
