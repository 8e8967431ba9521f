import Testing
import TerminalUI

/// Braille plots for `stats --charts`: a dot lands where its value says.
@Suite struct LinePlotTests {
    @Test func eachDotIsItsOwnBrailleBit() {
        var c = BrailleCanvas(columns: 2, rows: 1)
        #expect(c.lines(unicode: true) == ["\u{2800}\u{2800}"])
        c.set(0, 0); c.set(1, 3); c.set(3, 1)
        // Dot 1 (0x01) and dot 8 (0x80) in the first cell; dot 5 (0x10) in the second.
        #expect(c.lines(unicode: true) == ["\u{2881}\u{2810}"])
        #expect(c.lines(unicode: false) == ["**"])
        c.set(9, 9)   // outside: nothing, no trap
        #expect(c.isSet(1, 3) && !c.isSet(0, 1))
    }

    @Test func aLineFromCornerToCornerSetsTheDiagonal() {
        var c = BrailleCanvas(columns: 4, rows: 2)   // 8 x 8 dots
        c.line(0, 7, 7, 0)
        for k in 0..<8 { #expect(c.isSet(k, 7 - k), "dot \(k)") }
        #expect(!c.isSet(0, 0) && !c.isSet(7, 7))
    }

    @Test func pointsLandAtTheirValues() {
        // A point at (1, 1) is in the top right corner, (0, 0) in the bottom left.
        let p = LinePlot(title: "t", series: [.init(points: [(x: 1, y: 1), (x: 0, y: 0)], joined: false)], x: 0...1, y: 0...1)
        let c = p.canvas(columns: 10, rows: 5)
        #expect(c.isSet(c.dotWidth - 1, 0))
        #expect(c.isSet(0, c.dotHeight - 1))
        #expect(!c.isSet(c.dotWidth / 2, c.dotHeight / 2), "nothing between them when not joined")
        let joined = LinePlot(title: "t", series: [.init(points: [(x: 1, y: 1), (x: 0, y: 0)], joined: true)], x: 0...1, y: 0...1)
            .canvas(columns: 10, rows: 5)
        #expect((0..<joined.dotHeight).contains { joined.isSet(joined.dotWidth / 2, $0) }, "a joined series crosses the middle column")
    }

    @Test func theTextHasTheAxisWithItsEnds() {
        let text = LinePlot(title: "Progress", note: "3 left", series: [.init(points: [(x: 0, y: 0), (x: 10, y: 40)], joined: true)],
                            x: 0...10, y: 0...40, xLabels: ("12-01", "12-05")).text(width: 40, height: 4, unicode: true)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "Progress" && lines[1] == "  3 left")
        #expect(lines[2].hasPrefix("  40┤") && lines[5].hasPrefix("   0┤"))
        #expect(lines[6].contains("└") && lines[7].contains("12-01") && lines[7].hasSuffix("12-05"))
        let ascii = LinePlot(title: "P", series: [.init(points: [(x: 0, y: 0), (x: 1, y: 1)], joined: true)], x: 0...1, y: 0...1)
            .text(width: 30, height: 3, unicode: false)
        #expect(ascii.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(ascii.contains("*"))
    }
}
