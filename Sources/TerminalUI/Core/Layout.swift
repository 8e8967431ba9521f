/// Which way `Layout.split` cuts an area: `horizontal` puts the parts side by
/// side (columns), `vertical` stacks them (rows).
public enum Direction: Sendable, Hashable {
    case horizontal, vertical
}

/// How big one part of a split is.
public enum Constraint: Sendable, Hashable {
    /// Exactly this many cells (less if the area runs out).
    case fixed(Int)
    /// This percentage of the whole area (rounded down).
    case percent(Int)
    /// At least this many cells, growing like `fill` when space is left.
    case min(Int)
    /// An equal share of whatever the other constraints leave.
    case fill
}

/// Splits rectangles into parts that never overlap and never leave the area.
public enum Layout {
    /// Cuts `area` along `direction` into one rectangle per constraint, in order.
    ///
    /// Fixed, percentage and minimum sizes are granted first, in order, each
    /// clipped to what is left; the remainder is shared by `fill` and `min`
    /// parts (the first parts get the odd cells). Space nobody claims stays
    /// unused at the end.
    public static func split(_ area: Rect, _ direction: Direction, _ constraints: [Constraint]) -> [Rect] {
        let total = direction == .horizontal ? area.width : area.height
        var sizes = [Int](repeating: 0, count: constraints.count)
        var remaining = total
        for (i, c) in constraints.enumerated() {
            let want: Int
            switch c {
            case .fixed(let n): want = Swift.max(0, n)
            case .percent(let p): want = total * Swift.min(100, Swift.max(0, p)) / 100
            case .min(let n): want = Swift.max(0, n)
            case .fill: want = 0
            }
            sizes[i] = Swift.min(want, remaining)
            remaining -= sizes[i]
        }
        let growers = constraints.indices.filter {
            switch constraints[$0] { case .fill, .min: return true; default: return false }
        }
        if !growers.isEmpty && remaining > 0 {
            let share = remaining / growers.count
            let extra = remaining % growers.count
            for (k, i) in growers.enumerated() { sizes[i] += share + (k < extra ? 1 : 0) }
        }
        var out: [Rect] = []
        out.reserveCapacity(sizes.count)
        var offset = 0
        for s in sizes {
            switch direction {
            case .horizontal: out.append(Rect(x: area.x + offset, y: area.y, width: s, height: area.height))
            case .vertical: out.append(Rect(x: area.x, y: area.y + offset, width: area.width, height: s))
            }
            offset += s
        }
        return out
    }

    /// A rectangle of at most `width` x `height` centred in `area`.
    public static func centered(width: Int, height: Int, in area: Rect) -> Rect {
        let w = Swift.min(Swift.max(0, width), area.width), h = Swift.min(Swift.max(0, height), area.height)
        return Rect(x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h)
    }
}
