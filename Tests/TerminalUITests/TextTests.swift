import Testing
@testable import TerminalUI

private func texts(_ lines: [[Span]]) -> [String] { lines.map { $0.map(\.text).joined() } }

@Suite struct WrapTests {
    @Test func wrapsAtSpacesAndDropsTheBreakingSpace() {
        #expect(texts(TextWrap.wrap([Span("the red cube is left of it")], width: 10)) == ["the red", "cube is", "left of it"])
    }

    @Test func longWordIsBroken() {
        #expect(texts(TextWrap.wrap([Span("ab abcdefghijkl")], width: 5)) == ["ab", "abcde", "fghij", "kl"])
    }

    @Test func wideCharactersTakeTwoColumnsAndCJKBreaksBetweenCharacters() {
        let lines = texts(TextWrap.wrap([Span("红色的立方体在左边")], width: 7))
        #expect(lines == ["红色的", "立方体", "在左边"])
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 7 })
    }

    @Test func combiningMarksTakeNoColumn() {
        let s = "cafe\u{0301} cafe\u{0301} cafe\u{0301}"
        #expect(texts(TextWrap.wrap([Span(s)], width: 9)) == ["cafe\u{0301} cafe\u{0301}", "cafe\u{0301}"])
    }

    @Test func newlineStartsALineAndStylesSurvive() {
        let red = Style(fg: .indexed(1))
        let lines = TextWrap.wrap([Span("a "), Span("red cube\nnext", style: red), Span(" end")], width: 20)
        #expect(texts(lines) == ["a red cube", "next end"])
        #expect(lines[0] == [Span("a "), Span("red cube", style: red)])
        #expect(lines[1] == [Span("next", style: red), Span(" end")])
        #expect(texts(TextWrap.wrap([Span("a\n\nb")], width: 5)) == ["a", "", "b"])
    }

    @Test func styleKeptAcrossAWrapInsideASpan() {
        let hl = Style(attributes: [.bold])
        let lines = TextWrap.wrap([Span("one two three", style: hl)], width: 7)
        #expect(lines == [[Span("one two", style: hl)], [Span("three", style: hl)]])
    }

    @Test func controlCharactersArePlaceholdersInWrappedText() {
        let lines = TextWrap.wrap([Span("x\u{1B}[31my")], width: 20)
        #expect(texts(lines) == ["x^[[31my"])
        #expect(lines[0].contains { $0.text == "^[" && $0.style.attributes.contains(.reverse) })
    }

    @Test func truncateAddsEllipsis() {
        #expect(texts([TextWrap.truncate([Span("abcdefgh")], width: 5)]) == ["abcd…"])
        #expect(texts([TextWrap.truncate([Span("abcdefgh")], width: 5, ellipsis: "...")]) == ["ab..."])
        #expect(texts([TextWrap.truncate([Span("abc")], width: 5)]) == ["abc"])
        #expect(texts([TextWrap.truncate([Span("红色的")], width: 4)]) == ["红…"])
    }
}

@Suite struct WidthTests {
    @Test func graphemeWidths() {
        #expect(DisplayWidth.of("a") == 1)
        #expect(DisplayWidth.of("红") == 2)
        #expect(DisplayWidth.of("e\u{0301}") == 1)
        #expect(DisplayWidth.of("👍") == 2)
        #expect(DisplayWidth.of("👍🏽") == 2)
        #expect(DisplayWidth.of("👨‍👩‍👧") == 2, "a ZWJ family is one wide cluster")
        #expect(DisplayWidth.of("❤️") == 1, "drawn without VS16, as tmux measures it (TerminalWidthTests)")
        #expect(DisplayWidth.of("🇫🇷") == 2)
        #expect(DisplayWidth.of("ｈ") == 2)
        #expect(DisplayWidth.of("1\u{FE0F}\u{20E3}") == 1, "a keycap is drawn as its digit")
        #expect(DisplayWidth.of("a\u{FE0F}") == 1, "VS16 on a letter changes nothing")
        #expect(DisplayWidth.of("\u{263A}\u{FE0E}") == 1)
        #expect(DisplayWidth.of("\u{200B}") == 0)
        #expect(DisplayWidth.of("\u{0301}") == 0, "a lone combining mark")
    }

    @Test func zwjEmojiFillsTwoCellsInABuffer() {
        var b = Buffer(width: 6, height: 1)
        let used = b.setString(x: 0, y: 0, "👨‍👩‍👧x")
        #expect(used == 3)
        // Drawn as its first emoji: terminals that do not join ZWJ sequences would take six columns.
        #expect(b[0, 0].symbol == "👨" && b[1, 0].isContinuation && b[2, 0].symbol == "x")
    }
}

@Suite struct SanitizerTests {
    @Test func controlsBecomeVisiblePlaceholders() {
        #expect(Sanitizer.clean("a\u{1B}[2Jb") == "a^[[2Jb")
        #expect(Sanitizer.clean("bell\u{07}") == "bell^G")
        #expect(Sanitizer.clean("\u{7F}") == "^?")
        #expect(Sanitizer.clean("x\u{9B}31m") == "x<U+009B>31m")
        #expect(Sanitizer.clean("abc\u{202E}def") == "abc<U+202E>def")
        #expect(Sanitizer.clean("\u{2067}x\u{2069}") == "<U+2067>x<U+2069>")
        #expect(Sanitizer.clean("a\u{2028}b") == "a<U+2028>b")
        #expect(Sanitizer.clean("a\r\nb") == "a^Mb")
    }

    @Test func placeholdersArePlainASCII() {
        let s = Sanitizer.clean("\u{1B}\u{0}\u{85}\u{202D}\u{200F}")
        #expect(s.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 })
    }

    @Test func stackedCombiningMarksAreCapped() {
        let zalgo = "a" + String(repeating: "\u{0301}", count: 500) + "b"
        let g = Sanitizer.visibleGraphemes(zalgo)
        #expect(g.map(\.width) == [1, 1])
        #expect(g[0].text.unicodeScalars.count == Sanitizer.maxClusterScalars)
        #expect(Sanitizer.visibleGraphemes("👨‍👩‍👧‍👦").map(\.text) == ["👨"], "a ZWJ sequence is one grapheme, drawn as its first emoji")
    }

    @Test func asciiOnlyReplacesNonASCII() {
        #expect(Sanitizer.asciiOnly("a红\u{1B}é") == "a??^[?")
    }

    @Test func setStringNeverStoresAControl() {
        var b = Buffer(width: 30, height: 1)
        b.setString(x: 0, y: 0, "e\u{0301}\u{1B}]0;pwned\u{07}\u{202E}")
        for x in 0..<30 { #expect(!b[x, 0].symbol.unicodeScalars.contains { Sanitizer.isUnsafe($0) }) }
        #expect(b.line(0).hasPrefix("e\u{0301}^[]0;pwned^G<U+202E>"))
        #expect(b[1, 0].attributes.contains(.reverse), "placeholders stand out")
    }
}

@Suite struct SanitizerFastPathTests {
    /// Printable ASCII skips grapheme breaking; it must draw exactly as the
    /// general path does, and anything else must still take the general path.
    @Test func printableASCIIMatchesGeneralPath() {
        let alphabet = Array(" az AZ09~!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}")
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let text = String((0..<Int.random(in: 0...30, using: &rng)).map { _ in alphabet.randomElement(using: &rng) ?? " " })
            #expect(Sanitizer.visibleGraphemes(text) == Sanitizer.clusters(text), "\(text.debugDescription)")
        }
    }

    /// Mixed text takes the byte walk between ASCII neighbours: it must still
    /// cluster what joins an ASCII character (a combining accent after it, a
    /// prepended mark before it, CR LF) exactly as the general path does.
    @Test func mixedTextMatchesGeneralPath() {
        let pieces = ["a", "b", " ", "~", "e\u{0301}", "\u{0301}", "\u{0600}", "1", "é", "’", "—", "│", "在", "🇫🇷", "❤️",
                      "👍🏽", "👨\u{200D}👩\u{200D}👧", "\r", "\n", "\t", "\u{1B}", "\u{202E}", "\u{200D}", "\u{FE0F}", "x"]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 0...12, using: &rng)).map { _ in pieces.randomElement(using: &rng) ?? "" }.joined()
            #expect(Sanitizer.visibleGraphemes(text) == Sanitizer.clusters(text), "\(text.debugDescription)")
            // A substring (as wrapping passes each line of a text) walks the same way.
            let sub = text.dropFirst(min(1, text.count))
            var fromSub: [Sanitizer.Grapheme] = []
            Sanitizer.forEachGrapheme(sub) { fromSub.append($0); return true }
            #expect(fromSub == Sanitizer.clusters(String(sub)), "\(sub.debugDescription)")
        }
        #expect(Sanitizer.visibleGraphemes("cafe\u{0301} ok").map(\.text) == ["c", "a", "f", "e\u{0301}", " ", "o", "k"])
        #expect(Sanitizer.visibleGraphemes("ab\u{0600}1c").map(\.text) == Sanitizer.clusters("ab\u{0600}1c").map(\.text))
    }

    @Test func controlsAndNonASCIIStillSanitised() {
        #expect(Sanitizer.printableASCII("a\u{1B}[31mb") == nil)
        #expect(Sanitizer.printableASCII("tab\there") == nil)
        #expect(Sanitizer.printableASCII("café") == nil)
        #expect(Sanitizer.visibleGraphemes("a\u{1B}b").map(\.text) == ["a", "^", "[", "b"])
        #expect(Sanitizer.visibleGraphemes("x\r\ny").map(\.text) == ["x", "^", "M", "y"])
    }
}
