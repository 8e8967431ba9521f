import Imaging

/// The picture a pixel protocol (kitty, sixel, iTerm2) shows for an image
/// widget: the image fitted into the pane's full pixel size (aspect kept,
/// centred, area-average downscale), the heatmap blended in by its weight,
/// and the boxes drawn as outlines just outside the objects, with labels, so
/// nothing inside a box is covered.
public enum PixelFrame {
    /// The image's rectangle inside a `width` x `height` frame: (x, y, w, h).
    public static func fit(imageWidth iw: Int, imageHeight ih: Int, width: Int, height: Int) -> (x: Int, y: Int, w: Int, h: Int) {
        guard iw > 0, ih > 0, width > 0, height > 0 else { return (0, 0, 0, 0) }
        let s = min(Double(width) / Double(iw), Double(height) / Double(ih))
        let w = min(width, max(1, Int((Double(iw) * s).rounded())))
        let h = min(height, max(1, Int((Double(ih) * s).rounded())))
        return ((width - w) / 2, (height - h) / 2, w, h)
    }

    /// The widget's picture at `width` x `height` pixels; `scale` sizes lines
    /// and label text (1 = one-pixel lines, a 3x5 font doubled).
    public static func compose(_ widget: ImageWidget, width: Int, height: Int, scale: Int = 1) -> RGBAImage {
        var frame = RGBAImage(width: max(0, width), height: max(0, height), fill: RGBA(widget.background.r, widget.background.g, widget.background.b))
        let f = fit(imageWidth: widget.image.width, imageHeight: widget.image.height, width: width, height: height)
        guard f.w > 0, f.h > 0 else { return frame }
        var small = widget.image.resampled(width: f.w, height: f.h, background: widget.background)
        if widget.showHeatmap, let heat = widget.heatmap?.normalizedSamples(width: f.w, height: f.h) {
            let o = widget.heatmapOpacity
            for i in 0..<(f.w * f.h) {
                let c = Heatmap.tint((small.pixels[i * 4], small.pixels[i * 4 + 1], small.pixels[i * 4 + 2]), heat[i], opacity: o)
                small.pixels[i * 4] = c.0; small.pixels[i * 4 + 1] = c.1; small.pixels[i * 4 + 2] = c.2
            }
        }
        // Copy the fitted image in, row by row.
        frame.pixels.withUnsafeMutableBufferPointer { dst in
            small.pixels.withUnsafeBufferPointer { src in
                for y in 0..<f.h {
                    let d = ((f.y + y) * width + f.x) * 4
                    for k in 0..<(f.w * 4) { dst[d + k] = src[y * f.w * 4 + k] }
                }
            }
        }
        if widget.showBoxes {
            drawBoxes(widget, into: &frame, fit: f, scale: max(1, scale))
        }
        return frame
    }

    static func drawBoxes(_ widget: ImageWidget, into frame: inout RGBAImage, fit f: (x: Int, y: Int, w: Int, h: Int), scale: Int) {
        let sx = Double(f.w) / Double(widget.image.width), sy = Double(f.h) / Double(widget.image.height)
        var order = Array(widget.boxes.indices)
        if let h = widget.highlightedBox, let k = order.firstIndex(of: h) { order.remove(at: k); order.append(h) }
        var labels = LabelPlacer()
        for i in order {
            let b = widget.boxes[i]
            guard [b.x, b.y, b.w, b.h].allSatisfy(\.isFinite) else { continue }
            let x0 = f.x + Int((b.x * sx).rounded(.down)), y0 = f.y + Int((b.y * sy).rounded(.down))
            let x1 = f.x + Int(((b.x + max(0, b.w)) * sx).rounded(.up)) - 1
            let y1 = f.y + Int(((b.y + max(0, b.h)) * sy).rounded(.up)) - 1
            guard x1 >= f.x, y1 >= f.y, x0 < f.x + f.w, y0 < f.y + f.h else { continue }
            let hl = i == widget.highlightedBox
            let color = hl ? RGBA(255, 0, 255) : RGBA(0, 255, 255)
            let t = scale * (hl ? 2 : 1)
            // The outline runs outside the object: t pixels wide around [x0, x1] x [y0, y1].
            let (ox0, oy0, ox1, oy1) = (x0 - t, y0 - t, x1 + t, y1 + t)
            let small = x1 - x0 < 8 * scale || y1 - y0 < 8 * scale
            if small {
                // A small object gets corner marks a few pixels long, so the marks never cover it.
                let arm = max(3 * scale, 2 * t)
                for (cx, cy, dx, dy) in [(ox0, oy0, 1, 1), (ox1, oy0, -1, 1), (ox0, oy1, 1, -1), (ox1, oy1, -1, -1)] {
                    fillRect(&frame, x: dx > 0 ? cx : cx - arm + 1, y: dy > 0 ? cy : cy - t + 1, w: arm, h: t, color)
                    fillRect(&frame, x: dx > 0 ? cx : cx - t + 1, y: dy > 0 ? cy : cy - arm + 1, w: t, h: arm, color)
                }
            } else {
                fillRect(&frame, x: ox0, y: oy0, w: ox1 - ox0 + 1, h: t, color)
                fillRect(&frame, x: ox0, y: oy1 - t + 1, w: ox1 - ox0 + 1, h: t, color)
                fillRect(&frame, x: ox0, y: oy0, w: t, h: oy1 - oy0 + 1, color)
                fillRect(&frame, x: ox1 - t + 1, y: oy0, w: t, h: oy1 - oy0 + 1, color)
            }
            let text = TinyFont.normalize(b.label)
            guard !text.isEmpty else { continue }
            let fs = scale * 2
            let lw = TinyFont.width(text, scale: fs) + 2 * scale, lh = TinyFont.height * fs + 2 * scale
            // Above the outline if there is room, else below it; never over another label.
            let candidates = [(ox0, oy0 - lh), (ox0, oy1 + 1), (ox0, oy0 + t)]
            guard let (lx, ly) = candidates.first(where: { c in
                c.1 >= 0 && c.1 + lh <= frame.height && labels.isFree(x: c.0, y: c.1, w: lw, h: lh)
            }) ?? candidates.last.flatMap({ c in labels.isFree(x: c.0, y: c.1, w: lw, h: lh) ? c : nil }) else { continue }
            labels.take(x: lx, y: ly, w: lw, h: lh)
            fillRect(&frame, x: lx, y: ly, w: lw, h: lh, RGBA(0, 0, 0))
            TinyFont.draw(text, into: &frame, x: lx + scale, y: ly + scale, scale: fs, color: color)
        }
    }

    static func fillRect(_ img: inout RGBAImage, x: Int, y: Int, w: Int, h: Int, _ c: RGBA) {
        let xa = max(0, x), ya = max(0, y), xb = min(img.width, x + w), yb = min(img.height, y + h)
        guard xa < xb, ya < yb else { return }
        for yy in ya..<yb {
            for xx in xa..<xb {
                let i = (yy * img.width + xx) * 4
                img.pixels[i] = c.r; img.pixels[i + 1] = c.g; img.pixels[i + 2] = c.b; img.pixels[i + 3] = 255
            }
        }
    }
}

/// Rectangles already taken by labels, so no label is drawn over another.
struct LabelPlacer {
    private var taken: [(x: Int, y: Int, w: Int, h: Int)] = []

    func isFree(x: Int, y: Int, w: Int, h: Int) -> Bool {
        !taken.contains { x < $0.x + $0.w && $0.x < x + w && y < $0.y + $0.h && $0.y < y + h }
    }

    mutating func take(x: Int, y: Int, w: Int, h: Int) { taken.append((x, y, w, h)) }
}
