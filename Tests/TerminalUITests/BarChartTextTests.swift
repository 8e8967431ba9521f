import Testing
@testable import TerminalUI

/// `stats --charts`: the figures as text, bars as long as their values say.
@Suite struct BarChartTextTests {
    func bars(_ text: String) -> [String] { text.split(separator: "\n").map(String.init).filter { $0.hasPrefix("  ") && !$0.hasPrefix("  *") } }

    @Test func barLengthsAreProportionalInEighthsOfACell() {
        let chart = BarChart(title: "Acceptance", bars: [.init(label: "swap", value: 1), .init(label: "replace", value: 0.5),
                                                         .init(label: "shorten", value: 0.0625), .init(label: "overthink", value: nil)],
                             top: 1, note: "a note")
        let text = chart.text(width: 40)
        let rows = bars(text).dropFirst()   // the note
        let widthOf = { (row: String) -> Double in
            row.reduce(0.0) { n, c in n + (c == "█" ? 1 : ["▏": 1, "▎": 2, "▍": 3, "▌": 4, "▋": 5, "▊": 6, "▉": 7][c].map { Double($0) / 8 } ?? 0) }
        }
        let full = widthOf(Array(rows)[0])
        #expect(full >= 8)
        #expect(abs(widthOf(Array(rows)[1]) - full / 2) <= 0.125)
        #expect(abs(widthOf(Array(rows)[2]) - full / 16) <= 0.125)
        #expect(Array(rows)[3].hasSuffix(" -"), "no value: no bar, a dash")
        #expect(text.hasPrefix("Acceptance\n  a note\n"))
    }

    @Test func asciiHighlightsMarkersAndTheDiagonal() {
        let chart = BarChart(title: "Calibration", bars: [.init(label: "0.0", value: 0.2, marker: 0.1), .init(label: "0.5", value: nil, highlighted: true)],
                             top: 1, diagonal: true)
        let text = chart.text(width: 40, unicode: false)
        #expect(!text.unicodeScalars.contains { $0.value > 127 }, "ASCII only: \(text)")
        let rows = bars(text)
        #expect(rows[0].contains("#") && rows[0].contains("|"))
        #expect(rows[1].contains("*") && rows[1].contains("/"))
        #expect(text.contains("* inside the band"))
    }
}
