import Foundation
import Imaging

/// Bar charts drawn into pixels, for `stats --plot DIR` (PNG files a person
/// opens): a title, a value axis from 0 to the top, one labelled bar per
/// category, optional shaded bands and a diagonal (for a reliability diagram).
public struct BarChart: Sendable {
    /// One bar.
    public struct Bar: Sendable {
        public var label: String
        public var value: Double?
        /// Drawn in the accent colour (bars inside the J band, say).
        public var highlighted: Bool
        /// A small tick drawn across the bar at this value (the mean confidence of a bin).
        public var marker: Double?
        public init(label: String, value: Double?, highlighted: Bool = false, marker: Double? = nil) {
            self.label = label; self.value = value; self.highlighted = highlighted; self.marker = marker
        }
    }

    public var title: String
    public var bars: [Bar]
    /// The top of the value axis; nil: the largest value.
    public var top: Double?
    /// Draw the line value = position (0 at the left edge, top at the right): perfect calibration.
    public var diagonal = false
    /// A note under the title (the band, the ECE).
    public var note: String = ""

    public init(title: String, bars: [Bar], top: Double? = nil, diagonal: Bool = false, note: String = "") {
        self.title = title; self.bars = bars; self.top = top; self.diagonal = diagonal; self.note = note
    }

    static let background = RGBA(255, 255, 255), ink = RGBA(40, 40, 40), grid = RGBA(225, 225, 225)
    static let barColor = RGBA(120, 140, 170), accent = RGBA(40, 120, 200), markColor = RGBA(210, 60, 40)

    /// The chart as an image of `width` x `height` pixels.
    public func render(width: Int = 720, height: Int = 420) -> RGBAImage {
        var img = RGBAImage(width: width, height: height, fill: Self.background)
        let scale = 2
        let left = 60, right = 20, topMargin = 50, bottom = 50
        let plotW = max(1, width - left - right), plotH = max(1, height - topMargin - bottom)
        // Counts get a top that divides into four whole steps.
        let largest = bars.compactMap(\.value).max() ?? 1
        let maxValue = top ?? (largest >= 4 ? (largest / 4).rounded(.up) * 4 : max(1e-9, largest))
        TinyFont.draw(TinyFont.normalize(title, limit: 52), into: &img, x: left, y: 10, scale: 3, color: Self.ink)
        if !note.isEmpty { TinyFont.draw(TinyFont.normalize(note, limit: 80), into: &img, x: left, y: 30, scale: scale, color: Self.ink) }
        // Value axis: five grid lines with their values.
        for k in 0...4 {
            let v = maxValue * Double(k) / 4
            let y = topMargin + plotH - Int(Double(plotH) * Double(k) / 4)
            PixelFrame.fillRect(&img, x: left, y: y, w: plotW, h: 1, k == 0 ? Self.ink : Self.grid)
            let label = TinyFont.normalize(Self.format(v))
            TinyFont.draw(label, into: &img, x: left - 6 - TinyFont.width(label, scale: scale), y: y - 5, scale: scale, color: Self.ink)
        }
        PixelFrame.fillRect(&img, x: left, y: topMargin, w: 1, h: plotH, Self.ink)
        guard !bars.isEmpty else { return img }
        let slot = Double(plotW) / Double(bars.count)
        if diagonal {
            // Where a bar's value would equal the middle of its slot as a share of the axis.
            for px in 0..<plotW {
                let v = (Double(px) + 0.5) / Double(plotW) * maxValue
                let y = topMargin + plotH - Int(Double(plotH) * v / maxValue)
                PixelFrame.fillRect(&img, x: left + px, y: y, w: 1, h: 2, Self.markColor)
            }
        }
        for (k, bar) in bars.enumerated() {
            let x0 = left + Int(Double(k) * slot + slot * 0.15), w = max(1, Int(slot * 0.7))
            if let v = bar.value {
                let h = Int(Double(plotH) * min(1, max(0, v / maxValue)))
                PixelFrame.fillRect(&img, x: x0, y: topMargin + plotH - h, w: w, h: h, bar.highlighted ? Self.accent : Self.barColor)
            }
            if let m = bar.marker {
                let y = topMargin + plotH - Int(Double(plotH) * min(1, max(0, m / maxValue)))
                PixelFrame.fillRect(&img, x: x0 - 2, y: y - 1, w: w + 4, h: 3, Self.ink)
            }
            let label = TinyFont.normalize(bar.label)
            let lw = TinyFont.width(label, scale: scale)
            // Every label when they fit, else every other one.
            let fits = Int(slot) > lw + 4
            if fits || k % 2 == 0 {
                TinyFont.draw(label, into: &img, x: left + Int(Double(k) * slot + slot / 2) - lw / 2,
                              y: topMargin + plotH + 8 + (fits ? 0 : (k / 2 % 2) * 14), scale: scale, color: Self.ink)
            }
        }
        return img
    }

    static func format(_ v: Double) -> String {
        if v == v.rounded() { return String(Int(v)) }
        return String(format: "%.2f", v).replacingOccurrences(of: #"0+$"#, with: "", options: .regularExpression)
    }
}

extension BarChart {
    /// The chart as lines of text for a terminal: a row per bar, its label,
    /// a horizontal bar in eighths of a cell (`#` without Unicode), its value;
    /// `*` marks a highlighted bar, `|` the marker, `/` where the diagonal
    /// crosses the row (perfect calibration).
    public func text(width: Int = 72, unicode: Bool = true) -> String {
        var lines = [title]
        if !note.isEmpty { lines.append("  " + note) }
        guard !bars.isEmpty else { return (lines + ["  (no bars)"]).joined(separator: "\n") + "\n" }
        let largest = bars.compactMap(\.value).max() ?? 1
        let maxValue = max(1e-9, top ?? largest)
        let labelW = bars.map(\.label.count).max() ?? 0
        let values = bars.map { $0.value.map(Self.format) ?? "-" }
        let valueW = values.map(\.count).max() ?? 1
        let barW = max(8, width - labelW - valueW - 6)
        let eighths = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        for (k, bar) in bars.enumerated() {
            var cells = [String](repeating: " ", count: barW)
            if let v = bar.value, v.isFinite {
                let units = Int((max(0, min(v, maxValue)) / maxValue * Double(barW * 8)).rounded())
                for c in 0..<min(barW, units / 8) { cells[c] = unicode ? "█" : "#" }
                if unicode, units % 8 > 0, units / 8 < barW { cells[units / 8] = eighths[units % 8] }
            }
            if diagonal {
                // The diagonal at the middle of this bar's slot, as a share of the axis.
                let c = Int((Double(k) + 0.5) / Double(bars.count) * Double(barW - 1))
                if cells[c] == " " { cells[c] = "/" }
            }
            if let m = bar.marker, m.isFinite {
                cells[min(barW - 1, Int(max(0, min(m, maxValue)) / maxValue * Double(barW - 1)))] = "|"
            }
            let label = String(repeating: " ", count: labelW - bar.label.count) + bar.label
            let value = String(repeating: " ", count: valueW - values[k].count) + values[k]
            lines.append("  \(label) \(bar.highlighted ? "*" : " ")\(cells.joined()) \(value)")
        }
        if bars.contains(where: \.highlighted) { lines.append("  * inside the band") }
        return lines.joined(separator: "\n") + "\n"
    }
}
