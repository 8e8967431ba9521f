import Testing
@testable import TerminalUI

/// Issue 14: emoji sequences measured one way and drawn another left stale
/// characters for several frames. Each cluster is drawn in a form terminals
/// measure alike; the widths here are what tmux 3.3a reported (cursor
/// position after printing the drawn form), and what the drawn form takes in
/// kitty, xterm and the Linux console too.
@Suite struct TerminalWidthTests {
    static let cases: [(String, String, Int)] = [
        ("\u{2764}\u{FE0F}", "\u{2764}", 1),                       // ❤️ : VS16 on a narrow base
        ("\u{2600}\u{FE0F}", "\u{2600}", 1),                       // ☀️
        ("\u{1F44D}\u{1F3FD}", "\u{1F44D}", 2),                    // 👍🏽 : tmux drew four columns
        ("1\u{FE0F}\u{20E3}", "1", 1),                             // 1️⃣ keycap
        ("\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}", "\u{1F468}", 2), // ZWJ family: six columns in older terminals
        ("\u{1F3F3}\u{FE0F}\u{200D}\u{1F308}", "\u{1F3F3}", 1),    // rainbow flag: a narrow base
        ("\u{1F3F4}\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}", "\u{1F3F4}", 2), // England: tag characters
        ("\u{1F1EB}", "F", 1),                                     // a lone regional indicator
        ("\u{1F1EB}\u{1F1F7}", "FR", 2),                           // a flag: not one curses cell
        ("\u{1F600}\u{FE0F}", "\u{1F600}", 2),
    ]

    @Test func sequencesAreDrawnInAFormEveryTerminalMeasuresAlike() {
        for (cluster, drawn, width) in Self.cases {
            let ch = Character(cluster)
            let d = DisplayWidth.drawn(ch)
            #expect(d?.text == drawn, "\(cluster.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(d?.width == width && DisplayWidth.of(ch) == width, "\(cluster.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test func combiningMarksAndScriptsAreKeptAsWritten() {
        for (text, width) in [("e\u{301}", 1), ("\u{1F600}", 2), ("\u{1F321}", 1), ("红", 2)] {
            #expect(DisplayWidth.drawn(Character(text)) == nil, "\(text)")
            #expect(DisplayWidth.of(text) == width, "\(text)")
        }
        // ZWJ inside a Devanagari word is part of the word, not an emoji sequence.
        let word = "\u{915}\u{94D}\u{200D}\u{937}"
        #expect(Sanitizer.clean(word) == word)
    }

    /// The frame: each drawn form takes the columns its width says and nothing
    /// of the rest of a sequence reaches a cell, so the next frame's diff
    /// overwrites exactly what the terminal shows.
    @Test func aFlagIsTwoCellsOfLetters() {
        var b = Buffer(area: Rect(x: 0, y: 0, width: 4, height: 1))
        #expect(b.setString(x: 0, y: 0, "\u{1F1EB}\u{1F1F7}x") == 3)
        #expect((0..<4).map { b[$0, 0].symbol } == ["F", "R", "x", " "])
    }

    @Test func framesHoldTheDrawnForms() {
        var b = Buffer(area: Rect(x: 0, y: 0, width: 16, height: 1))
        let used = b.setString(x: 0, y: 0, "A\u{2764}\u{FE0F}B\u{1F44D}\u{1F3FD}C\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}D1\u{FE0F}\u{20E3}E")
        #expect(used == 11)
        #expect((0..<12).map { b[$0, 0].symbol } == ["A", "\u{2764}", "B", "\u{1F44D}", "", "C", "\u{1F468}", "", "D", "1", "E", " "])
        // A later frame of plain text leaves nothing of the emoji behind.
        var next = Buffer(area: b.area)
        next.setString(x: 0, y: 0, "plain text here")
        var applied = b
        for change in next.diff(from: b) { applied[change.x, change.y] = change.cell }
        #expect(applied.plainText == next.plainText)
    }
}
