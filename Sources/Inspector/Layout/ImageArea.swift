import TerminalUI

/// Where the picture goes in the image pane and how many pixels it is asked
/// for: what the view draws and `update` requests alike.
enum ImageArea {
    /// The largest side a zoomed picture is asked for.
    static let maxDecodedSide = 2048

    /// Where the picture goes inside pane `r`: the inside of the frame, less a row for the hint.
    static func picture(_ image: ImageSettings, pane r: Rect) -> Rect {
        let inner = ScreenLayout.inner(r)
        guard image.support.hint != nil, inner.height > 4 else { return inner }
        return inner.inset(top: 1)
    }

    /// The picture's size in pixels the image should be decoded at for the
    /// picture area `inner`: the cells' pixels in pixel mode, 2 x 12 samples a
    /// cell for symbols, two rows a cell otherwise; more when zoomed (capped).
    static func wantedPixels(_ image: ImageSettings, inner: Rect) -> (width: Int, height: Int) {
        let per: (Int, Int)
        switch image.graphics {
        case .kitty, .sixel, .iterm: per = (image.support.cellSize.width, image.support.cellSize.height)
        case .symbols: per = (SymbolCells.sampleColumns, SymbolCells.sampleRows)
        case .blocks, .ascii: per = (1, 2)
        }
        var w = Double(inner.width * per.0), h = Double(inner.height * per.1)
        if let v = image.viewport { w /= v.width; h /= v.height }
        let k = min(1, Double(maxDecodedSide) / max(w, h, 1))
        return (max(1, Int(w * k)), max(1, Int(h * k)))
    }

    /// The narrowest a picture of the side-by-side view may be, in columns.
    static let sideBySideMinimum = 24

    /// The pictures of the side-by-side view in the picture area `inner`
    /// (`v` with a counterfactual shown): original and counterfactual, then the
    /// attention difference when there is room for a third; each with a label
    /// row above. Empty when the area is too narrow (one picture at a time).
    /// A terminal that shows pixels places one picture per pane: there the
    /// side-by-side view is drawn in symbols (sextants), one picture at a
    /// time in pixels being what a narrow pane gets.
    static func sideBySide(_ image: ImageSettings, inner: Rect) -> [Rect] {
        guard image.counterfactual != nil, inner.height > 3 else { return [] }
        let gap = 1, n = 3
        let count = inner.width >= n * sideBySideMinimum + (n - 1) * gap ? 3 : inner.width >= 2 * sideBySideMinimum + gap ? 2 : 0
        guard count > 0 else { return [] }
        let w = (inner.width - (count - 1) * gap) / count
        return (0..<count).map { k in Rect(x: inner.left + k * (w + gap), y: inner.top + 1, width: w, height: inner.height - 1) }
    }

    /// The area one picture is drawn in: a side-by-side picture's, else all of `inner`.
    static func onePicture(_ image: ImageSettings, inner: Rect) -> Rect {
        sideBySide(image, inner: inner).first ?? inner
    }
}
