/// Adam7 interlacing geometry: which pixels of the full image each pass holds.
enum Adam7 {
    /// One pass (or the whole image when not interlaced): origin, step and size.
    struct Pass {
        var x0: Int, y0: Int, dx: Int, dy: Int
        var width: Int, height: Int
    }

    private static let layout: [(x0: Int, y0: Int, dx: Int, dy: Int)] = [
        (0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2),
    ]

    /// The non-empty passes of a `width` x `height` image, in stream order.
    static func passes(width: Int, height: Int) -> [Pass] {
        layout.compactMap { l in
            let w = width > l.x0 ? (width - l.x0 + l.dx - 1) / l.dx : 0
            let h = height > l.y0 ? (height - l.y0 + l.dy - 1) / l.dy : 0
            return w > 0 && h > 0 ? Pass(x0: l.x0, y0: l.y0, dx: l.dx, dy: l.dy, width: w, height: h) : nil
        }
    }
}
