import Imaging

extension ImageWidget {
    /// The cells (columns and rows relative to the image rect) a box's outline runs along, or nil
    /// when it lies wholly outside the image or its numbers are not finite.
    static func cellSpan(_ b: BoxOverlay, imageWidth iw: Int, imageHeight ih: Int, pw: Int, ph: Int,
                         perCell: Int) -> (left: Int, top: Int, right: Int, bottom: Int)? {
        guard [b.x, b.y, b.w, b.h].allSatisfy(\.isFinite) else { return nil }
        let x0 = b.x, x1 = b.x + max(0, b.w), y0 = b.y, y1 = b.y + max(0, b.h)
        guard x1 >= 0, y1 >= 0, x0 < Double(iw), y0 < Double(ih) else { return nil }
        let sx = Double(pw) / Double(iw), sy = Double(ph) / Double(ih)
        func clamp(_ v: Double, _ hi: Int) -> Int { Int(max(0, min(Double(hi), v))) }
        let l = clamp((x0 * sx).rounded(.down), pw - 1)
        let r = max(l, clamp((x1 * sx).rounded(.up) - 1, pw - 1))
        // Rows are found at sample (half-cell) precision, then mapped to cells.
        let t = clamp((y0 * sy).rounded(.down), ph - 1)
        let bt = max(t, clamp((y1 * sy).rounded(.up) - 1, ph - 1))
        return (l, t / perCell, r, bt / perCell)
    }

    func drawBoxes(rect: Rect, pw: Int, ph: Int, buffer: inout Buffer) {
        let ascii = mode == .ascii
        let depth = mode.colorDepth
        // Draw the highlighted box last so it stays on top where boxes cross.
        var order = Array(boxes.indices)
        if let h = highlightedBox, let k = order.firstIndex(of: h) { order.remove(at: k); order.append(h) }
        for i in order {
            guard let s = Self.cellSpan(boxes[i], imageWidth: image.width, imageHeight: image.height, pw: pw, ph: ph,
                                        perCell: mode.usesHalfBlocks ? 2 : 1) else { continue }
            let hl = i == highlightedBox
            let style = Style(fg: ascii ? nil : depth.convert(hl ? Self.highlightColor : Self.boxColor),
                              attributes: hl ? [.bold] : [])
            let g = BoxGlyphs(ascii: ascii, highlighted: hl)
            let (l, t, r, b) = (rect.x + s.left, rect.y + s.top, rect.x + s.right, rect.y + s.bottom)
            func put(_ x: Int, _ y: Int, _ sym: String) {
                var c = buffer[x, y]
                c.symbol = sym
                c.apply(style)
                buffer[x, y] = c
            }
            if l == r && t == b { put(l, t, g.single); continue }
            if t == b {
                put(l, t, g.rowLeft); put(r, t, g.rowRight)
                for x in (l + 1)..<r { put(x, t, g.horizontal) }
                continue
            }
            if l == r {
                put(l, t, g.colTop); put(l, b, g.colBottom)
                for y in (t + 1)..<b { put(l, y, g.vertical) }
                continue
            }
            put(l, t, g.topLeft); put(r, t, g.topRight); put(l, b, g.bottomLeft); put(r, b, g.bottomRight)
            for x in (l + 1)..<r { put(x, t, g.horizontal); put(x, b, g.horizontal) }
            for y in (t + 1)..<b { put(l, y, g.vertical); put(r, y, g.vertical) }
            let label = ascii ? Sanitizer.asciiOnly(boxes[i].label) : boxes[i].label
            if !label.isEmpty && r - l > 1 {
                buffer.setString(x: l + 1, y: t, label, style: style, maxWidth: r - l - 1)
            }
        }
    }
}

/// The characters a box outline is drawn with.
struct BoxGlyphs {
    var topLeft, topRight, bottomLeft, bottomRight, horizontal, vertical: String
    var single, rowLeft, rowRight, colTop, colBottom: String

    init(ascii: Bool, highlighted: Bool) {
        if ascii {
            // Without colour the highlighted box needs different characters to stand out.
            let corner = highlighted ? "#" : "+"
            (topLeft, topRight, bottomLeft, bottomRight) = (corner, corner, corner, corner)
            horizontal = highlighted ? "=" : "-"; vertical = highlighted ? "H" : "|"
            single = corner; rowLeft = corner; rowRight = corner; colTop = corner; colBottom = corner
        } else {
            (topLeft, topRight, bottomLeft, bottomRight) = ("┌", "┐", "└", "┘")
            horizontal = "─"; vertical = "│"
            single = "┼"; rowLeft = "├"; rowRight = "┤"; colTop = "┬"; colBottom = "┴"
        }
    }
}
