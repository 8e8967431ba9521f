import Testing
import Imaging
@testable import TerminalUI

@Suite struct ImageWidgetTests {
    let red = RGBA(255, 0, 0), green = RGBA(0, 255, 0), blue = RGBA(0, 0, 255), white = RGBA(255, 255, 255)

    /// 4x4 quadrants: red | green over blue | white.
    var quadrants: RGBAImage {
        image([[red, red, green, green], [red, red, green, green], [blue, blue, white, white], [blue, blue, white, white]])
    }

    @Test func truecolorHalfBlocksCarryTopAndBottomPixels() {
        // 4 columns x 2 rows at aspect 2: each cell is 1 pixel wide, 2 tall.
        let img = image([[red, green, blue, white], [white, blue, green, red], [grey(10), grey(20), grey(30), grey(40)], [grey(50), grey(60), grey(70), grey(80)]])
        let b = render(ImageWidget(image: img, mode: .truecolor), width: 4, height: 2)
        func cell(_ top: RGBA, _ bottom: RGBA) -> Cell { Cell("▀", fg: .rgb(top.r, top.g, top.b), bg: .rgb(bottom.r, bottom.g, bottom.b)) }
        var expected = Buffer(width: 4, height: 2)
        for x in 0..<4 {
            expected[x, 0] = cell(img[x, 0], img[x, 1])
            expected[x, 1] = cell(img[x, 2], img[x, 3])
        }
        expectBuffer(b, expected)
    }

    @Test func placementKeepsAspectAndCentres() {
        // A square image in a wide area: aspect 2 means 10 columns need 5 rows.
        let r = ImageWidget.placement(imageWidth: 100, imageHeight: 100, in: Rect(x: 0, y: 0, width: 40, height: 5), mode: .ascii)
        #expect(r == Rect(x: 15, y: 0, width: 10, height: 5))
        // Half blocks: 10 rows hold 20 pixel rows, so a square is 20 columns wide.
        let h = ImageWidget.placement(imageWidth: 100, imageHeight: 100, in: Rect(x: 3, y: 2, width: 40, height: 10), mode: .truecolor)
        #expect(h == Rect(x: 13, y: 2, width: 20, height: 10))
        // A wide image in a tall area is centred vertically.
        let t = ImageWidget.placement(imageWidth: 200, imageHeight: 50, in: Rect(x: 0, y: 0, width: 20, height: 20), mode: .ascii, cellAspect: 1)
        #expect(t == Rect(x: 0, y: 7, width: 20, height: 5))
    }

    @Test func emptyImageDrawsNothing() {
        let b = render(ImageWidget(image: RGBAImage(width: 0, height: 0), mode: .truecolor), width: 5, height: 3)
        expectBuffer(b, Buffer(width: 5, height: 3))
    }

    @Test func palette256UsesCubeEntries() {
        let b = render(ImageWidget(image: quadrants, mode: .palette256), width: 4, height: 2)
        // Pure red, green, blue, white are exact cube corners 196, 46, 21, 231.
        #expect(b[0, 0] == Cell("▀", fg: .indexed(196), bg: .indexed(196)))
        #expect(b[3, 0] == Cell("▀", fg: .indexed(46), bg: .indexed(46)))
        #expect(b[0, 1] == Cell("▀", fg: .indexed(21), bg: .indexed(21)))
        #expect(b[3, 1] == Cell("▀", fg: .indexed(231), bg: .indexed(231)))
    }

    @Test func palette16UsesAnsiColours() {
        let b = render(ImageWidget(image: quadrants, mode: .palette16), width: 4, height: 2)
        #expect(b[0, 0].fg == .indexed(9))
        #expect(b[3, 0].fg == .indexed(10))
        #expect(b[3, 1].fg == .indexed(15))
        #expect(b[0, 1].fg == .indexed(4) || b[0, 1].fg == .indexed(12))
    }

    @Test func asciiRampGetsDenserLeftToRight() {
        let row = (0..<10).map { grey(UInt8($0 * 255 / 9)) }
        let img = image([row])
        let b = render(ImageWidget(image: img, mode: .ascii, cellAspect: 1), width: 10, height: 1)
        #expect(b.line(0) == " .:-=+*#%@")
        #expect((0..<10).allSatisfy { b[$0, 0].fg == .default && b[$0, 0].bg == .default })
        let inv = render(ImageWidget(image: img, mode: .ascii, cellAspect: 1, invert: true), width: 10, height: 1)
        #expect(inv.line(0) == "@%#*+=-:. ")
    }

    @Test func asciiShapeLandsInTheRightPlace() {
        // A bright square in the lower-right quarter of a dark image.
        var img = RGBAImage(width: 8, height: 8, fill: RGBA(0, 0, 0))
        for y in 4..<8 { for x in 4..<8 { img[x, y] = white } }
        let b = render(ImageWidget(image: img, mode: .ascii, cellAspect: 1), width: 8, height: 8)
        expectBuffer(b, .fromLines(["", "", "", "", "    @@@@", "    @@@@", "    @@@@", "    @@@@"], width: 8))
    }

    @Test func heatmapPeakLandsOverTheRightQuarter() {
        let img = RGBAImage(width: 8, height: 8, fill: grey(128))
        let heat = Heatmap(rows: 2, cols: 2, values: [0, 0, 0, 1])  // hot cell: bottom right
        let a = render(ImageWidget(image: img, mode: .ascii, cellAspect: 1, heatmap: heat), width: 8, height: 8)
        // Without colour the picture stays (every cell the grey's shade) and only hot cells are underlined.
        #expect(Set((0..<64).map { a[$0 % 8, $0 / 8].symbol }).count == 1)
        #expect(a[7, 7].attributes.contains(.underline))
        #expect(!a[0, 0].attributes.contains(.underline))
        #expect(!a[7, 0].attributes.contains(.underline) && !a[0, 7].attributes.contains(.underline))
        let c = render(ImageWidget(image: img, mode: .truecolor, cellAspect: 2, heatmap: heat), width: 8, height: 4)
        func warmth(_ cell: Cell) -> Int { if case .rgb(let r, let g, _) = cell.fg { return Int(r) + Int(g) } else { return -1 } }
        #expect(warmth(c[7, 3]) > warmth(c[0, 0]) + 100)
        #expect(warmth(c[7, 3]) > warmth(c[7, 0]) && warmth(c[7, 3]) > warmth(c[0, 3]))
        // Turning the heatmap off shows the plain image again.
        let off = render(ImageWidget(image: img, mode: .ascii, cellAspect: 1, heatmap: heat, showHeatmap: false), width: 8, height: 8)
        #expect(Set((0..<8).map { off[$0, $0].symbol }).count == 1)
    }

    @Test func zeroAttentionKeepsTheImageColourAndOpacityScalesThePeak() {
        var img = RGBAImage(width: 8, height: 8, fill: RGBA(150, 150, 150))
        for y in 0..<8 { for x in 0..<4 { img[x, y] = RGBA(40, 200, 220) } }  // cyan left half
        let heat = Heatmap(rows: 2, cols: 2, values: [0, 0, 0, 1])
        for symbols in [SymbolSet.halves, .sextants] {
            var w = ImageWidget(image: img, mode: .truecolor, cellAspect: 2, heatmap: heat)
            w.symbols = symbols
            let c = render(w, width: 8, height: 4)
            // Top-left: no attention, so the cyan is the image's own, not tinted.
            #expect(c[0, 0].fg == .rgb(40, 200, 220), "\(symbols)")
            w.heatmapOpacity = 0
            let plain = render(w, width: 8, height: 4)
            w.heatmapOpacity = 1
            let full = render(w, width: 8, height: 4)
            func dist(_ a: Cell, _ b: Cell) -> Int {
                guard case .rgb(let r, let g, let bl) = a.bg, case .rgb(let r2, let g2, let b2) = b.bg else { return -1 }
                return abs(Int(r) - Int(r2)) + abs(Int(g) - Int(g2)) + abs(Int(bl) - Int(b2))
            }
            // At the peak a stronger opacity moves the colour further from the image.
            #expect(dist(full[7, 3], plain[7, 3]) > dist(c[7, 3], plain[7, 3]))
            #expect(dist(c[7, 3], plain[7, 3]) > 30)
        }
    }

    @Test func flatOrEmptyHeatmapDoesNotCrash() {
        #expect(Heatmap(rows: 2, cols: 2, values: [3, 3, 3, 3]).normalizedSamples(width: 3, height: 3).allSatisfy { $0 == 0.5 })
        #expect(Heatmap(rows: 0, cols: 0, values: []).normalizedSamples(width: 2, height: 2) == [0, 0, 0, 0])
        #expect(Heatmap(rows: 2, cols: 2, values: [1]).normalizedSamples(width: 2, height: 2).count == 4)
        let n = Heatmap(rows: 1, cols: 2, values: [.nan, 5]).normalizedSamples(width: 2, height: 1)
        #expect(n.allSatisfy { $0.isFinite })
        #expect(Heatmap(rows: Int.max, cols: 3, values: [1, 2]).normalizedSamples(width: 2, height: 1) == [0, 0])
    }

    @Test func boxOutlineSitsOnTheRightCells() {
        let img = RGBAImage(width: 8, height: 8, fill: RGBA(0, 0, 0))
        let w = ImageWidget(image: img, mode: .ascii, cellAspect: 1, boxes: [BoxOverlay(x: 2, y: 1, w: 4, h: 3)])
        expectBuffer(render(w, width: 8, height: 8), .fromLines(["", "  +--+", "  |  |", "  +--+", "", "", "", ""], width: 8))
    }

    @Test func boxesInColourUseLineCharactersAndHighlight() {
        let img = RGBAImage(width: 8, height: 8, fill: RGBA(0, 0, 0))
        let boxes = [BoxOverlay(x: 0, y: 0, w: 3, h: 4), BoxOverlay(x: 4, y: 4, w: 4, h: 4, label: "cat")]
        let b = render(ImageWidget(image: img, mode: .truecolor, boxes: boxes, highlightedBox: 1), width: 8, height: 4)
        #expect(b.line(0).hasPrefix("┌─┐"))
        #expect(b.line(1).hasPrefix("└─┘"))
        #expect(b[0, 0].fg == ImageWidget.boxColor && !b[0, 0].attributes.contains(.bold))
        #expect(b.line(2) == "▀▀▀▀┌ca┐")
        #expect(b.line(3) == "▀▀▀▀└──┘")
        #expect(b[4, 2].fg == ImageWidget.highlightColor && b[4, 2].attributes.contains(.bold))
        #expect(b[5, 2].attributes.contains(.bold))
        let hidden = render(ImageWidget(image: img, mode: .truecolor, boxes: boxes, showBoxes: false), width: 8, height: 4)
        #expect(hidden.line(0) == "▀▀▀▀▀▀▀▀")
    }

    @Test func tinyAndOutsideBoxesAreHandled() {
        let img = RGBAImage(width: 100, height: 100, fill: RGBA(0, 0, 0))
        let boxes = [BoxOverlay(x: 50, y: 50, w: 0.5, h: 0.5), BoxOverlay(x: 500, y: 0, w: 10, h: 10),
                     BoxOverlay(x: 90, y: -20, w: 40, h: 50), BoxOverlay(x: .nan, y: 0, w: 1, h: 1)]
        let b = render(ImageWidget(image: img, mode: .ascii, cellAspect: 1, boxes: boxes), width: 10, height: 10)
        #expect(b[5, 5].symbol == "+")
        // The box sticking out at the top right is clipped to the image edge.
        #expect([b[9, 0].symbol, b[9, 1].symbol, b[9, 2].symbol, b[9, 3].symbol] == ["+", "|", "+", " "])
        #expect(b.plainText.filter { $0 != " " && $0 != "\n" }.count == 4, "the box far outside and the NaN box draw nothing")
    }

    @Test func highlightedAsciiBoxUsesDistinctCharacters() {
        let img = RGBAImage(width: 6, height: 3, fill: RGBA(0, 0, 0))
        let b = render(ImageWidget(image: img, mode: .ascii, cellAspect: 1, boxes: [BoxOverlay(x: 0, y: 0, w: 6, h: 3)], highlightedBox: 0), width: 6, height: 3)
        let bold = Style(attributes: [.bold])
        expectBuffer(b, .fromLines(["#====#", "H    H", "#====#"], styles: [
            (Rect(x: 0, y: 0, width: 6, height: 1), bold), (Rect(x: 0, y: 2, width: 6, height: 1), bold),
            (Rect(x: 0, y: 1, width: 1, height: 1), bold), (Rect(x: 5, y: 1, width: 1, height: 1), bold)]))
    }

    @Test func largeImageRendersAtCellResolution() {
        var img = RGBAImage(width: 640, height: 480, fill: RGBA(0, 0, 0))
        for y in 0..<480 { for x in 320..<640 { img[x, y] = white } }
        let b = render(ImageWidget(image: img, mode: .ascii), width: 40, height: 40)
        let r = ImageWidget.placement(imageWidth: 640, imageHeight: 480, in: b.area, mode: .ascii)
        #expect(r.width == 40 && r.height == 15)
        #expect(b[r.x + 5, r.y + 5].symbol == " " && b[r.x + 35, r.y + 5].symbol == "@")
    }
}


@Suite struct ImageWidgetAreaTests {
    @Test(arguments: ImageMode.allCases)
    func drawsOnlyInsideItsArea(mode: ImageMode) {
        var img = RGBAImage(width: 30, height: 10, fill: RGBA(200, 100, 50))
        img[0, 0] = RGBA(0, 0, 0)
        let filler = Cell("x", fg: .indexed(2))
        var b = Buffer(width: 20, height: 10)
        b.fill(b.area, with: filler)
        let area = Rect(x: 3, y: 2, width: 10, height: 5)
        let boxes = [BoxOverlay(x: -5, y: -5, w: 100, h: 100, label: "a label far too long for the box")]
        ImageWidget(image: img, mode: mode, heatmap: Heatmap(rows: 1, cols: 2, values: [0, 1]), boxes: boxes).render(in: area, buffer: &b)
        for y in 0..<10 { for x in 0..<20 where !area.contains(x: x, y: y) { #expect(b[x, y] == filler, "(\(x),\(y)) changed") } }
        let placed = ImageWidget.placement(imageWidth: 30, imageHeight: 10, in: area, mode: mode)
        #expect(area.intersection(placed) == placed)
        #expect(b[placed.x, placed.y].symbol != "x")
    }

    @Test func boxLabelsAreSanitised() {
        let img = RGBAImage(width: 20, height: 4, fill: RGBA(0, 0, 0))
        let box = BoxOverlay(x: 0, y: 0, w: 20, h: 4, label: "\u{1B}[31mé红")
        let a = render(ImageWidget(image: img, mode: .ascii, cellAspect: 1, boxes: [box]), width: 20, height: 4)
        #expect(a.line(0) == "+^[[31m???---------+", "ASCII mode keeps labels ASCII")
        let c = render(ImageWidget(image: img, mode: .truecolor, cellAspect: 1, boxes: [box]), width: 20, height: 4)
        #expect(c.line(0).hasPrefix("┌^[[31mé红"))
    }
}
