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
}
