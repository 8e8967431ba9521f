import Testing
@testable import TerminalUI

@Suite struct WidgetTests {
    @Test func blockDrawsBorderAndTitle() {
        let b = render(Block(title: "Scene"), width: 9, height: 3)
        expectBuffer(b, .fromLines(["┌Scene──┐", "│       │", "└───────┘"],
                                   styles: [(Rect(x: 1, y: 0, width: 5, height: 1), Style(attributes: [.bold]))]))
        let a = render(Block(title: "A long title", glyphs: .ascii), width: 8, height: 2)
        #expect(a.plainText == "+A l...+\n+------+")
    }

    @Test func paragraphWrapsScrollsAndStaysInsideItsBlock() {
        let p = Paragraph(text: "one two three four five", scroll: 1, block: Block(glyphs: .ascii))
        expectBuffer(render(p, width: 9, height: 4), .fromLines(["+-------+", "|three  |", "|four   |", "+-------+"]))
        #expect(p.lineCount(in: Rect(x: 0, y: 0, width: 9, height: 4)) == 4)
    }

    @Test func paragraphWithWideTextNeverSplitsACharacter() {
        let b = render(Paragraph(text: "ab红色"), width: 3, height: 2)
        #expect(b.line(0) == "ab ")
        #expect(b[0, 1].symbol == "红" && b[1, 1].isContinuation)
    }

    @Test func paragraphOfBrokenLinesDrawsEachAsARowFromItsScroll() {
        let lines: [[Span]] = [[Span("one")], [Span("    two, indented")], [Span("three")]]
        let b = render(Paragraph(lines: lines, scroll: 1, style: Style(attributes: [.bold])), width: 10, height: 2)
        #expect(b.line(0) == "    two, i" && b.line(1).hasPrefix("three"))
        #expect(b[0, 1].attributes.contains(.bold))
    }

    @Test func statusBarCutsTheLeftPartFirst() {
        let b = render(StatusBar(left: "item 12/300 red cube", right: "[A] 3", style: .plain), width: 16, height: 1)
        #expect(b.line(0) == "item 12/3… [A] 3")
        let a = render(StatusBar(left: "item 12/300 red cube", right: "[A] 3", style: .plain, glyphs: .ascii), width: 16, height: 1)
        #expect(a.line(0) == "item 12... [A] 3")
        let roomy = render(StatusBar(left: "ok", right: "r"), width: 6, height: 1)
        #expect(roomy.line(0) == "ok   r")
        #expect(roomy[3, 0].attributes.contains(.reverse))
    }

    @Test func statusBarCanKeepRoomForTheLeftPart() {
        // No gap, and the right part only while the left keeps 8 columns.
        let kept = render(StatusBar(left: "reviewed 3", right: " ? help ", style: .plain, gap: 0, minLeft: 8), width: 16, height: 1)
        #expect(kept.line(0) == "reviewe… ? help ")
        let dropped = render(StatusBar(left: "reviewed 3", right: " ? help ", style: .plain, gap: 0, minLeft: 8), width: 15, height: 1)
        #expect(dropped.line(0) == "reviewed 3     ")
    }
}
