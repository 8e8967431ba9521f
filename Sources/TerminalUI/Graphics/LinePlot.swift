import Foundation

/// A grid of braille dots for a terminal: each cell holds 2x4 dots
/// (U+2800 to U+28FF), so a plot of 60x12 cells has 120x48 points.
/// Without Unicode, a cell with any dot set is drawn as `*`.
public struct BrailleCanvas: Sendable {
    public let columns: Int
    public let rows: Int
    private var cells: [UInt8]

    public init(columns: Int, rows: Int) {
        self.columns = max(1, columns); self.rows = max(1, rows)
        cells = [UInt8](repeating: 0, count: self.columns * self.rows)
    }

    /// Dots across and down.
    public var dotWidth: Int { columns * 2 }
    public var dotHeight: Int { rows * 4 }

    /// The braille bit of the dot at (dx, dy) inside its cell (dots 1-8 of the pattern).
    private static let bit: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]

    /// Sets the dot at `x` across, `y` down (from the top left); outside the grid, nothing.
    public mutating func set(_ x: Int, _ y: Int) {
        guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
        cells[(y / 4) * columns + x / 2] |= Self.bit[x % 2][y % 4]
    }

    /// Whether the dot at `x`, `y` is set.
    public func isSet(_ x: Int, _ y: Int) -> Bool {
        guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return false }
        return cells[(y / 4) * columns + x / 2] & Self.bit[x % 2][y % 4] != 0
    }

    /// The dots on the straight line between two dots, both ends included.
    public mutating func line(_ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int) {
        let steps = max(abs(x1 - x0), abs(y1 - y0))
        guard steps > 0 else { set(x0, y0); return }
        for k in 0...steps {
            let t = Double(k) / Double(steps)
            set(Int((Double(x0) + t * Double(x1 - x0)).rounded()), Int((Double(y0) + t * Double(y1 - y0)).rounded()))
        }
    }

    /// The rows of cells as text.
    public func lines(unicode: Bool) -> [String] {
        (0..<rows).map { r in
            String((0..<columns).map { c -> Character in
                let v = cells[r * columns + c]
                if unicode { return Character(Unicode.Scalar(0x2800 + UInt32(v))!) }
                return v == 0 ? " " : "*"
            })
        }
    }
}

/// A plot of points and lines for a terminal, in braille dots: a title, a
/// note, a y axis with its top and bottom values, an x axis with its ends.
/// For the reliability diagram (points against the diagonal) and progress
/// over time (a line), where a shape says more than a list of bars.
public struct LinePlot: Sendable {
    public struct Series: Sendable {
        public var points: [(x: Double, y: Double)]
        /// Joined by lines (a curve) or drawn as single points.
        public var joined: Bool
        public init(points: [(x: Double, y: Double)], joined: Bool) { self.points = points; self.joined = joined }
    }

    public var title: String
    public var note: String
    public var series: [Series]
    public var xRange: ClosedRange<Double>
    public var yRange: ClosedRange<Double>
    /// Labels of the x axis's two ends (numbers when nil).
    public var xLabels: (String, String)?
    /// Draw y = x across the plot (perfect calibration).
    public var diagonal: Bool

    public init(title: String, note: String = "", series: [Series], x: ClosedRange<Double>, y: ClosedRange<Double>,
                xLabels: (String, String)? = nil, diagonal: Bool = false) {
        self.title = title; self.note = note; self.series = series; xRange = x; yRange = y
        self.xLabels = xLabels; self.diagonal = diagonal
    }

    /// The dots of the plot area, `columns` x `rows` cells.
    public func canvas(columns: Int, rows: Int) -> BrailleCanvas {
        var c = BrailleCanvas(columns: columns, rows: rows)
        func dot(_ x: Double, _ y: Double) -> (Int, Int)? {
            guard x.isFinite, y.isFinite else { return nil }
            let fx = (x - xRange.lowerBound) / max(1e-12, xRange.upperBound - xRange.lowerBound)
            let fy = (y - yRange.lowerBound) / max(1e-12, yRange.upperBound - yRange.lowerBound)
            guard (0...1).contains(fx), (0...1).contains(fy) else { return nil }
            return (Int((fx * Double(c.dotWidth - 1)).rounded()), Int(((1 - fy) * Double(c.dotHeight - 1)).rounded()))
        }
        if diagonal {
            let lo = max(xRange.lowerBound, yRange.lowerBound), hi = min(xRange.upperBound, yRange.upperBound)
            if lo < hi, let a = dot(lo, lo), let b = dot(hi, hi) {
                // Every other dot: the diagonal reads as a dotted guide, the data as solid.
                var guide = BrailleCanvas(columns: columns, rows: rows)
                guide.line(a.0, a.1, b.0, b.1)
                for y in 0..<c.dotHeight { for x in 0..<c.dotWidth where guide.isSet(x, y) && (x + y) % 3 == 0 { c.set(x, y) } }
            }
        }
        for s in series {
            let dots = s.points.compactMap { dot($0.x, $0.y) }
            if s.joined, dots.count > 1 {
                for (a, b) in zip(dots, dots.dropFirst()) { c.line(a.0, a.1, b.0, b.1) }
            } else {
                // A point as a 2x2 dot square, so one reads on its own.
                for (x, y) in dots { c.set(x, y); c.set(x + 1, y); c.set(x, y + 1); c.set(x + 1, y + 1) }
            }
        }
        return c
    }

    /// The plot as text, `width` columns wide and `height` rows of plot.
    public func text(width: Int = 72, height: Int = 12, unicode: Bool = true) -> String {
        var lines = [title]
        if !note.isEmpty { lines.append("  " + note) }
        let top = Self.format(yRange.upperBound), bottom = Self.format(yRange.lowerBound)
        let axisW = max(top.count, bottom.count)
        let columns = max(8, width - axisW - 4)
        let rows = canvas(columns: columns, rows: max(2, height)).lines(unicode: unicode)
        let tick = unicode ? "┤" : "|", axis = unicode ? "│" : "|", corner = unicode ? "└" : "+", rule = unicode ? "─" : "-"
        for (k, row) in rows.enumerated() {
            let label = k == 0 ? top : k == rows.count - 1 ? bottom : ""
            lines.append("  " + String(repeating: " ", count: axisW - label.count) + label + (label.isEmpty ? axis : tick) + row)
        }
        lines.append("  " + String(repeating: " ", count: axisW) + corner + String(repeating: rule, count: columns))
        let (left, right) = xLabels ?? (Self.format(xRange.lowerBound), Self.format(xRange.upperBound))
        let gap = max(1, columns - left.count - right.count + 1)
        lines.append("  " + String(repeating: " ", count: axisW) + left + String(repeating: " ", count: gap) + right)
        return lines.joined(separator: "\n") + "\n"
    }

    static func format(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e12 { return String(Int(v)) }
        return String(format: "%.2f", v)
    }
}
