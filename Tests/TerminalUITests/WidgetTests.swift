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

    @Test func listKeepsSelectionVisible() {
        #expect(ListView.scrollOffset(selected: 7, current: 0, height: 5) == 3)
        #expect(ListView.scrollOffset(selected: 2, current: 3, height: 5) == 2)
        #expect(ListView.scrollOffset(selected: 4, current: 2, height: 5) == 2)
        #expect(ListView.scrollOffset(selected: nil, current: 2, height: 5) == 2)
        let items = (0..<10).map { [Span("item \($0)")] }
        let b = render(ListView(items: items, selected: 6, glyphs: .ascii), width: 10, height: 3)
        let rev = Style(attributes: [.reverse])
        expectBuffer(b, .fromLines(["  item 4", "  item 5", "> item 6"], width: 10,
                                   styles: [(Rect(x: 0, y: 2, width: 10, height: 1), rev)]))
    }

    @Test func longListItemsEndInAnEllipsis() {
        let b = render(ListView(items: [[Span("a very long item")]], selected: 0, glyphs: .ascii), width: 10, height: 1)
        #expect(b.line(0) == "> a ver...")
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

    @Test func helpOverlayIsCentredAndClearsUnderneath() {
        var b = Buffer.fromLines(Array(repeating: String(repeating: "x", count: 20), count: 7))
        let help = HelpOverlay(title: "Help", sections: [(title: "Move", entries: [(key: "j", text: "down"), (key: "PgDn", text: "page")])], glyphs: .ascii)
        help.render(in: b.area, buffer: &b)
        #expect(b.plainText == """
        xxxxxxxxxxxxxxxxxxxx
        xxx+Help--------+xxx
        xxx| Move       |xxx
        xxx| j     down |xxx
        xxx| PgDn  page |xxx
        xxx+------------+xxx
        xxxxxxxxxxxxxxxxxxxx
        """)
        #expect(b[5, 3].attributes.contains(.bold), "keys are bold")
    }
}
