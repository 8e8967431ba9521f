import Analysis
import Imaging
import SceneData
import TerminalUI

/// The item's image with its boxes and the chosen attention map.
enum ImagePane {
    static func draw(_ s: AppState, in r: Rect, theme t: Theme, focused: Bool, buffer b: inout Buffer) {
        let map = PanesModel.attention(s)
        let inner = ImageArea.picture(s.image, pane: r)
        let panels = ImageArea.sideBySide(s.image, inner: inner)
        // The title names what is drawn: side by side, a pixel terminal shows symbols (see `sideBySide`).
        let label = !panels.isEmpty && s.image.drawsPixels && s.image.mode != .ascii ? "symbols" : s.image.label
        // A counterfactual shown says so first, before the title can be cut.
        var title = PanesModel.counterfactual(s).map { "Counterfactual" + $0.dropFirst("counterfactual".count) + " [\(label)]" }
            ?? "Image [\(label)]"
        if let v = s.image.viewport {
            title += " zoom " + String(format: "%.1fx", v.magnification) + (v.subject.map { ": " + $0 } ?? "")
        }
        if s.image.showHeatmap, let map {
            title += " map: \(map.label)"
            if let step = map.step { title += " (\(map.rationale ?? "chosen") #\(step + 1))" }
            if map.fit != .stretch { title += " fit \(map.fit.name)" }
        }
        if !s.image.showHeatmap { title += " heatmap off" }
        if !s.image.showBoxes { title += " boxes off" }
        if s.image.showStoredPixels { title += " file's own pixels" }
        t.frame(&b, r, title: title, focused: focused)
        if let hint = s.image.support.hint, inner.top > r.top + 1 {
            t.clipped(&b, x: inner.left, y: inner.top - 1, hint, style: t.critical, width: inner.width)
        }
        guard !inner.isEmpty else { return }
        guard let loaded = s.image.loaded, let item = s.item, loaded.itemID == s.image.pictureID(of: item) else {
            b.setString(x: inner.left + 1, y: inner.top + inner.height / 2, s.item == nil ? "" : "decoding image...",
                        style: t.dim, maxWidth: inner.width - 1)
            return
        }
        guard loaded.image != nil else {
            t.clipped(&b, x: inner.left, y: inner.top, "no image: " + (loaded.error ?? "unknown error"), style: t.reject, width: inner.width)
            return
        }
        if !panels.isEmpty {
            sideBySide(s, item, panels, theme: t, buffer: &b)
            if s.asciiOnly { asciiGuard(inner, &b) }
            return
        }
        guard let widget = widget(s, theme: t) else { return }
        if s.image.drawsPixels {
            PixelPlacement.reserve(s.image.graphics, placeholders: s.image.support.kittyPlaceholders,
                                   rect: pixelRect(widget, in: inner, s), buffer: &b)
            return
        }
        widget.render(in: inner, buffer: &b)
        if s.asciiOnly { asciiGuard(inner, &b) }
    }

    /// The pixel picture the pane in `pane` shows, nil in the text modes or before the image is there.
    static func placement(_ s: AppState, pane: Rect) -> PixelPlacement? {
        guard s.image.drawsPixels, let widget = widget(s, theme: Theme(ascii: s.asciiOnly)) else { return nil }
        let inner = ImageArea.picture(s.image, pane: pane)
        // Side by side is drawn in symbols, even where the terminal shows pixels.
        guard ImageArea.sideBySide(s.image, inner: inner).isEmpty else { return nil }
        let rect = pixelRect(widget, in: inner, s)
        guard !rect.isEmpty, let loaded = s.image.loaded else { return nil }
        // Everything the picture is made of: the same key means the same pixels.
        var key = "\(loaded.itemID)|\(widget.image.width)x\(widget.image.height)|\(s.image.viewport.map { "\($0.x),\($0.y),\($0.width),\($0.height)" } ?? "all")"
        key += "|h\(s.image.showHeatmap ? 1 : 0)\(PanesModel.attention(s)?.label ?? "-")\(s.image.attentionChoice ?? -1)|b\(s.image.showBoxes ? 1 : 0)"
        key += "|\(widget.highlightedBox ?? -1)|\(widget.boxes.count)|\(widget.heatmapOpacity)|\(s.image.support.cellSize.width)x\(s.image.support.cellSize.height)"
        if let map = PanesModel.attention(s) { key += "|s\(map.step ?? -1)\(map.rationale ?? "")|fit \(map.fit.name)" }
        key += loaded.stored ? "|stored" : "|rgb"
        return PixelPlacement(mode: s.image.graphics, rect: rect, key: key, widget: widget, tmux: s.image.support.tmux,
                              placeholders: s.image.support.kittyPlaceholders)
    }

    /// The cells the picture covers: the image's shape at the cells' pixel size, centred.
    private static func pixelRect(_ w: ImageWidget, in inner: Rect, _ s: AppState) -> Rect {
        let r = ImageWidget.placement(imageWidth: w.image.width, imageHeight: w.image.height, in: inner, mode: .ascii,
                                      cellAspect: s.image.support.cellSize.aspect)
        // kitty's placeholders number at most 297 rows and columns.
        guard s.image.graphics == .kitty, s.image.support.kittyPlaceholders else { return r }
        return Rect(x: r.x, y: r.y, width: min(r.width, KittyGraphics.maxPlaceholderSpan), height: min(r.height, KittyGraphics.maxPlaceholderSpan))
    }

    /// The image widget for the state: the part of the picture the viewport
    /// shows, its boxes moved with it, the heatmap over the same part.
    static func widget(_ s: AppState, theme t: Theme) -> ImageWidget? {
        guard let loaded = s.image.loaded, let item = s.item, loaded.itemID == s.image.pictureID(of: item) else { return nil }
        return widget(s, loaded, map: PanesModel.attention(s), theme: t)
    }

    /// The original and the counterfactual side by side, each with its own
    /// attention map, then (when there is room) where the attention moved:
    /// |original - counterfactual| over the original. A label row above each.
    static func sideBySide(_ s: AppState, _ item: Item, _ panels: [Rect], theme t: Theme, buffer b: inout Buffer) {
        let own = PanesModel.ownAttention(s), there = PanesModel.attention(s)
        let k = s.image.counterfactualIndex(of: item) ?? 0
        let original = s.image.original.flatMap { $0.itemID == item.id ? $0 : nil }
        func label(_ r: Rect, _ text: String) {
            t.clipped(&b, x: r.left, y: r.top - 1, text, style: t.title, width: r.width)
        }
        func picture(_ r: Rect, _ loaded: LoadedImage?, _ w: ImageWidget?) {
            if var w {
                // A pixel terminal places one picture per pane: the pictures side by side are symbols.
                if s.image.drawsPixels && w.mode != .ascii { w.symbols = .sextants }
                w.render(in: r, buffer: &b)
                return
            }
            let why = loaded == nil ? "decoding image..." : "no image: " + (loaded?.error ?? "unknown error")
            t.clipped(&b, x: r.left, y: r.top + r.height / 2, why, style: t.dim, width: r.width)
        }
        label(panels[0], "original" + (own.map { ": " + $0.label } ?? ""))
        picture(panels[0], original, original.flatMap { widget(s, $0, map: own, theme: t) })
        let change = item.counterfactuals[k].change
        label(panels[1], change + (there.map { ": " + $0.label } ?? ": no attention map"))
        picture(panels[1], s.image.loaded, s.image.loaded.flatMap { widget(s, $0, map: there, theme: t) })
        guard panels.count > 2 else { return }
        let diff = original.flatMap { o in difference(s, item, own, there, o).flatMap { widget(s, o, map: nil, heat: $0, theme: t) } }
        // Without two maps the label says so and the panel stays empty.
        label(panels[2], diff == nil ? "attention moved: no two maps to compare" : "where the attention moved")
        if diff != nil { picture(panels[2], original, diff) }
    }

    /// |p - q| of the two maps (each normalised), as a heatmap over the whole image.
    static func difference(_ s: AppState, _ item: Item, _ a: AttentionMap?, _ b: AttentionMap?, _ loaded: LoadedImage) -> Heatmap? {
        guard let a, let b, let ga = a.grid, let gb = b.grid else { return nil }
        let sg = item.sceneGraph
        guard let d = AttentionMass.difference(from: ga, fit: a.fit, to: gb, fit: b.fit,
                                               imageWidth: sg.width ?? loaded.originalWidth,
                                               imageHeight: sg.height ?? loaded.originalHeight) else { return nil }
        return Heatmap(rows: d.rows, cols: d.cols, values: d.values.map(Float.init))
    }

    /// The widget for one picture with `map` over it (or the heatmap `heat`).
    static func widget(_ s: AppState, _ loaded: LoadedImage, map: AttentionMap?, heat given: Heatmap? = nil, theme t: Theme) -> ImageWidget? {
        guard let item = s.item, let full = loaded.image, full.width > 0, full.height > 0 else { return nil }
        let v = s.image.viewport ?? .whole
        let crop = v.pixels(width: full.width, height: full.height)
        let img = full.cropped(x: crop.x, y: crop.y, width: crop.w, height: crop.h)
        // Boxes are in the original image's pixels (or the graph's stated size); the picture here is shrunk.
        let sg = item.sceneGraph
        let ow = Double(sg.width ?? loaded.originalWidth), oh = Double(sg.height ?? loaded.originalHeight)
        let sx = ow > 0 ? Double(full.width) / ow : 1, sy = oh > 0 ? Double(full.height) / oh : 1
        let hi = PanesModel.highlightedEntity(s)
        var boxes: [BoxOverlay] = []
        var highlighted: Int?
        for e in sg.entities {
            guard let box = e.box else { continue }
            if e.id == hi { highlighted = boxes.count }
            boxes.append(BoxOverlay(x: box.x * sx - Double(crop.x), y: box.y * sy - Double(crop.y), w: box.w * sx, h: box.h * sy,
                                    label: t.ascii ? Theme.asciiOnly(e.name) : e.name))
        }
        let own = map?.grid.flatMap { g -> Heatmap? in
            guard g.rows > 0 && g.cols > 0 && g.values.count == g.rows * g.cols, let map else { return nil }
            // The grid lies where the model saw it: the whole image, its centre square, the padded square.
            let u = map.fit.unitRegion(imageWidth: Int(ow), imageHeight: Int(oh)) ?? BoundingBox(x: 0, y: 0, w: 1, h: 1)
            return Heatmap(rows: g.rows, cols: g.cols, values: g.values, extent: .init(x: u.x, y: u.y, w: u.w, h: u.h))
        }
        let heat = (given ?? own).map { h in
            h.cropped(x: Double(crop.x) / Double(full.width), y: Double(crop.y) / Double(full.height),
                      width: Double(crop.w) / Double(full.width), height: Double(crop.h) / Double(full.height))
        }
        let mode: ImageMode = s.image.graphics == .ascii ? .ascii : s.image.mode
        var widget = ImageWidget(image: img, mode: mode, heatmap: heat, boxes: boxes, highlightedBox: highlighted,
                                 showHeatmap: s.image.showHeatmap, showBoxes: s.image.showBoxes, invert: s.image.invert)
        if s.image.graphics == .symbols && mode != .ascii { widget.symbols = .sextants }
        return widget
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
