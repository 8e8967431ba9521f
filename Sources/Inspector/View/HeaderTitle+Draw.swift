import TerminalUI

extension HeaderTitle {
    /// Draws the title on `r`'s first row, and the measures on the second when they wrap;
    /// returns the rows used.
    @discardableResult
    func draw(in r: Rect, theme t: Theme, buffer b: inout Buffer) -> Int {
        guard r.height > 0 else { return 0 }
        guard wraps(width: r.width) else {
            t.segments(&b, x: r.left, y: r.top, fitted(width: r.width, theme: t) + (measures.isEmpty ? [] : [separator] + measures),
                       right: r.right)
            return 1
        }
        t.segments(&b, x: r.left, y: r.top, fitted(width: r.width, theme: t), right: r.right)
        guard r.height > 1 else { return 1 }
        // Indented like the question under it; short names only when the full ones would be cut.
        let line = Self.width(measures) <= r.width - 1 ? measures : shortMeasures
        t.segments(&b, x: r.left + 1, y: r.top + 1, line, right: r.right)
        return 2
    }
}
