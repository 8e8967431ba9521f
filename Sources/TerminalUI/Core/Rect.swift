/// A rectangle of cells: column `x`, row `y`, `width` columns, `height` rows.
public struct Rect: Sendable, Hashable {
    public var x: Int, y: Int, width: Int, height: Int
    /// A rectangle from its origin and size; negative sizes become 0.
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x; self.y = y; self.width = max(0, width); self.height = max(0, height)
    }
    public var left: Int { x }
    public var top: Int { y }
    /// One past the last column.
    public var right: Int { x + width }
    /// One past the last row.
    public var bottom: Int { y + height }
    public var isEmpty: Bool { width == 0 || height == 0 }
    public var area: Int { width * height }
    /// Whether the cell (col, row) is inside.
    public func contains(x cx: Int, y cy: Int) -> Bool { cx >= x && cx < right && cy >= y && cy < bottom }
    /// The overlap of two rectangles (empty when they do not meet).
    public func intersection(_ o: Rect) -> Rect {
        let l = max(x, o.x), t = max(y, o.y)
        return Rect(x: l, y: t, width: min(right, o.right) - l, height: min(bottom, o.bottom) - t)
    }
    /// This rectangle shrunk by `n` cells on every side.
    public func inset(by n: Int) -> Rect { inset(top: n, left: n, bottom: n, right: n) }
    /// This rectangle shrunk by the given margins.
    public func inset(top: Int = 0, left: Int = 0, bottom: Int = 0, right r: Int = 0) -> Rect {
        Rect(x: x + left, y: y + top, width: width - left - r, height: height - top - bottom)
    }
}
