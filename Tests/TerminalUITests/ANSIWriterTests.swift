import Testing
@testable import TerminalUI
import Imaging

@Suite struct ANSIWriterTests {
    let esc = "\u{1B}"

    @Test func truecolorWritesRGBOnlyWhenTheStyleChanges() {
        var b = Buffer(width: 3, height: 1)
        for x in 0..<2 { b[x, 0] = Cell("▀", fg: .rgb(1, 2, 3), bg: .rgb(4, 5, 6)) }
        b[2, 0] = Cell("a")
        #expect(ANSIWriter.render(b, depth: .truecolor) == "\(esc)[38;2;1;2;3;48;2;4;5;6m▀▀\(esc)[39;49ma\n")
    }

    @Test func resetAtLineEndWhenStyled() {
        var b = Buffer(width: 1, height: 2)
        b[0, 0] = Cell("x", attributes: [.bold])
        #expect(ANSIWriter.render(b, depth: .ansi16) == "\(esc)[1mx\(esc)[0m\n \n")
    }

    @Test func paletteDepths() {
        var b = Buffer(width: 2, height: 1)
        b[0, 0] = Cell("a", fg: .rgb(255, 0, 0))
        b[1, 0] = Cell("b", fg: .indexed(12), bg: .indexed(2))
        #expect(ANSIWriter.render(b, depth: .ansi256) == "\(esc)[38;5;196ma\(esc)[94;42mb\(esc)[0m\n")
        #expect(ANSIWriter.render(b, depth: .ansi16) == "\(esc)[91ma\(esc)[94;42mb\(esc)[0m\n")
    }

    @Test func noneHasNoEscapesAtAll() {
        var b = Buffer(width: 3, height: 1)
        b[0, 0] = Cell("▀", fg: .rgb(9, 9, 9), bg: .indexed(200), attributes: [.reverse])
        #expect(ANSIWriter.render(b, depth: .none) == "▀  \n")
    }

    @Test func droppingAnAttributeResets() {
        var b = Buffer(width: 2, height: 1)
        b[0, 0] = Cell("a", fg: .indexed(1), attributes: [.bold, .underline])
        b[1, 0] = Cell("b", fg: .indexed(1), attributes: [.underline])
        #expect(ANSIWriter.render(b, depth: .ansi16) == "\(esc)[1;4;31ma\(esc)[0;4;31mb\(esc)[0m\n")
    }

    @Test func continuationCellsAreSkipped() {
        var b = Buffer(width: 3, height: 1)
        b.setString(x: 0, y: 0, "红a")
        #expect(ANSIWriter.render(b, depth: .none) == "红a\n")
    }

    @Test func escapeOnlyAppearsAsSGR() {
        var b = Buffer(width: 40, height: 2)
        b.setString(x: 0, y: 0, "evil\u{1B}[2J\u{1B}]52;c;aGk=\u{07}\u{9B}1m", style: Style(fg: .rgb(1, 1, 1)))
        b[0, 1] = Cell("\u{1B}[31m")  // even a widget writing a raw cell cannot leak it
        for depth in ColorDepth.allCases {
            let out = ANSIWriter.render(b, depth: depth)
            #expect(!out.unicodeScalars.contains { $0.value == 0x9B || $0.value == 0x07 })
            // Every ESC starts a complete SGR: ESC [ digits/semicolons m.
            let sgr = /\x1B\[[0-9;]*m/
            let stripped = out.replacing(sgr, with: "")
            #expect(!stripped.contains("\u{1B}"), "depth \(depth)")
        }
    }

    @Test func convertDowngradesColours() {
        #expect(ColorDepth.truecolor.convert(.rgb(1, 2, 3)) == .rgb(1, 2, 3))
        #expect(ColorDepth.ansi256.convert(.rgb(0, 0, 255)) == .indexed(21))
        #expect(ColorDepth.ansi16.convert(.rgb(0, 255, 0)) == .indexed(10))
        #expect(ColorDepth.ansi16.convert(.indexed(196)) == .indexed(9))
        #expect(ColorDepth.ansi16.convert(.indexed(3)) == .indexed(3))
        #expect(ColorDepth.none.convert(.indexed(3)) == .default)
        #expect(ColorDepth.ansi256.convert(.default) == .default)
    }
}

@Suite struct PaletteTests {
    @Test func exactPaletteColoursMapToThemselves() {
        for i in [16, 21, 46, 59, 102, 196, 231, 232, 244, 255] {
            #expect(Palette.nearest256(Palette.rgb(UInt8(i))) == UInt8(i))
        }
    }

    @Test func perceptualNotRGBDistance() {
        // A dark navy: RGB distance picks a grey, OKLab keeps it blue (cube 17 = 0,0,95).
        #expect(Palette.nearest256((10, 10, 70)) == 17)
        #expect(Palette.nearest16((30, 30, 30)) == 0)
        #expect(Palette.nearest16((200, 200, 200)) == 7)
    }
}

@Suite struct CapabilityTests {
    @Test func detectFromEnvironment() {
        let full = TerminalCapabilities.detect(environment: ["TERM": "xterm-256color", "COLORTERM": "truecolor", "LANG": "en_US.UTF-8"])
        #expect(full == TerminalCapabilities(colors: 256, truecolor: true, unicode: true))
        #expect(ImageMode.auto(full) == .truecolor)
        let c256 = TerminalCapabilities.detect(environment: ["TERM": "screen-256color", "LC_ALL": "C.utf8"])
        #expect(ImageMode.auto(c256) == .palette256)
        let linux = TerminalCapabilities.detect(environment: ["TERM": "linux", "LANG": "en_GB.UTF-8"])
        #expect(ImageMode.auto(linux) == .palette16)
        #expect(ImageMode.auto(.detect(environment: ["TERM": "dumb", "LANG": "en_US.UTF-8"])) == .ascii)
        #expect(ImageMode.auto(.detect(environment: ["TERM": "vt100", "LANG": "en_US.UTF-8"])) == .ascii)
        #expect(ImageMode.auto(.detect(environment: ["TERM": "xterm-256color", "COLORTERM": "24bit", "LANG": "C"])) == .ascii)
        let noColor = TerminalCapabilities.detect(environment: ["TERM": "xterm-256color", "COLORTERM": "truecolor", "NO_COLOR": "1", "LANG": "en_US.UTF-8"])
        #expect(noColor.colors == 0 && !noColor.truecolor && ImageMode.auto(noColor) == .ascii)
        // LC_ALL wins over LANG.
        #expect(!TerminalCapabilities.detect(environment: ["LC_ALL": "C", "LANG": "en_US.UTF-8"]).unicode)
    }
}

@Suite struct ImageToANSITests {
    @Test func truecolorEscapesCarryThePixelColours() {
        let img = image([[RGBA(255, 0, 0), RGBA(0, 0, 255)], [RGBA(0, 255, 0), RGBA(0, 0, 255)]])
        var b = Buffer(width: 2, height: 1)
        ImageWidget(image: img, mode: .truecolor).render(in: b.area, buffer: &b)
        let e = "\u{1B}["
        #expect(ANSIWriter.render(b, depth: .truecolor) == "\(e)38;2;255;0;0;48;2;0;255;0m▀\(e)38;2;0;0;255;48;2;0;0;255m▀\(e)0m\n")
    }

    @Test func asciiImageOutputIsPlainASCII() {
        var img = RGBAImage(width: 16, height: 16, fill: RGBA(30, 60, 90))
        img[8, 8] = RGBA(255, 255, 255)
        var b = Buffer(width: 16, height: 8)
        ImageWidget(image: img, mode: .ascii, boxes: [BoxOverlay(x: 2, y: 2, w: 8, h: 8, label: "红")]).render(in: b.area, buffer: &b)
        let out = ANSIWriter.render(b, depth: ImageMode.ascii.colorDepth)
        #expect(out.unicodeScalars.allSatisfy { $0.isASCII && ($0.value >= 0x20 || $0 == "\n") })
        #expect(out.split(separator: "\n").count == 8)
    }
}

@Suite struct HeatmapSamplingTests {
    @Test func centrePeakStaysInTheCentre() {
        let h = Heatmap(rows: 3, cols: 3, values: [0, 0, 0, 0, 5, 0, 0, 0, 0])
        let s = h.normalizedSamples(width: 9, height: 9)
        let peak = s.indices.max { s[$0] < s[$1] } ?? -1
        #expect(peak == 4 * 9 + 4)
        #expect(s[0] == 0 && s[80] == 0)
        #expect(s.allSatisfy { $0 >= 0 && $0 <= 1 })
    }

    @Test func gridOfAnyShapeStretchesOverTheImage() {
        // A 1 x 4 grid hot at the right end, sampled to 8 x 2: the right quarter is hottest in both rows.
        let s = Heatmap(rows: 1, cols: 4, values: [0, 1, 2, 8]).normalizedSamples(width: 8, height: 2)
        for row in 0..<2 {
            let r = Array(s[(row * 8)..<(row * 8 + 8)])
            #expect(r == r.sorted(), "values rise left to right")
            #expect(r[7] == 1 && r[0] == 0)
        }
    }
}
