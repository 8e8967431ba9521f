import Foundation
import Testing
import Imaging
@testable import TerminalUI

@Suite struct GoldenFrameTests {
    /// A frame like the inspector's: image with a box on the left, wrapped text on the right, status below.
    static func frame(glyphs: Glyphs) -> Buffer {
        var img = RGBAImage(width: 32, height: 32, fill: RGBA(0, 0, 0))
        for y in 0..<32 { for x in 0..<32 where (x - 20) * (x - 20) + (y - 12) * (y - 12) < 64 { img[x, y] = RGBA(255, 255, 255) } }
        var b = Buffer(width: 40, height: 12)
        let rows = Layout.split(b.area, .vertical, [.fill, .fixed(1)])
        let cols = Layout.split(rows[0], .horizontal, [.percent(50), .fill])
        let imageBlock = Block(title: "image", glyphs: glyphs)
        imageBlock.render(in: cols[0], buffer: &b)
        ImageWidget(image: img, mode: .ascii, boxes: [BoxOverlay(x: 12, y: 4, w: 16, h: 16, label: "ball")], highlightedBox: 0)
            .render(in: imageBlock.inner(cols[0]), buffer: &b)
        Paragraph([Span("The "), Span("white ball", style: Style(attributes: [.bold])), Span(" is right of 红色的立方体.\u{1B}[2J")],
                  block: Block(title: "rationale", glyphs: glyphs)).render(in: cols[1], buffer: &b)
        StatusBar(left: "item 3/120  neg 2/4  overlap J 0.82", right: "? help", glyphs: glyphs).render(in: rows[1], buffer: &b)
        return b
    }

    @Test(arguments: ["unicode", "ascii"])
    func frameMatchesGoldenFile(variant: String) throws {
        let frame = Self.frame(glyphs: variant == "ascii" ? .ascii : .unicode)
        let url = try #require(Bundle.module.url(forResource: "frame-\(variant)", withExtension: "txt", subdirectory: "Fixtures"))
        let golden = try String(contentsOf: url, encoding: .utf8)
        #expect(frame.plainText + "\n" == golden, "got:\n\(frame.plainText)")
        if variant == "ascii" { #expect(frame.plainText.unicodeScalars.filter { !$0.isASCII }.count == 6, "only the CJK text itself is not ASCII") }
    }
}
