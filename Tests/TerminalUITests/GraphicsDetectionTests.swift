import Testing
@testable import TerminalUI

/// Choosing the graphics mode from what the terminal answered and its names.
@Suite struct GraphicsDetectionTests {
    let colour = TerminalCapabilities(colors: 256, truecolor: true, unicode: true)

    @Test func answersAreReadOutOfTheReplyBytes() {
        let kitty = GraphicsAnswers.parse(Array("\u{1B}_Gi=31;OK\u{1B}\\\u{1B}P>|kitty(0.35.2)\u{1B}\\\u{1B}[6;20;10t\u{1B}[?62;22c".utf8))
        #expect(kitty.kitty && !kitty.sixel && kitty.complete)
        #expect(kitty.version == "kitty(0.35.2)" && kitty.cellSize == CellSize(width: 10, height: 20))
        let xterm = GraphicsAnswers.parse(Array("\u{1B}P>|XTerm(390)\u{1B}\\\u{1B}[?63;1;2;4;6;9;15;22c".utf8))
        #expect(!xterm.kitty && xterm.sixel && xterm.complete)
        let refused = GraphicsAnswers.parse(Array("\u{1B}_Gi=31;ENOTSUPPORTED\u{1B}\\\u{1B}[?1;2c".utf8))
        #expect(!refused.kitty && !refused.sixel)
        #expect(!GraphicsAnswers.parse([]).complete)
    }

    @Test func theModeFollowsTheAnswersThenTheNames() {
        var a = GraphicsAnswers(); a.complete = true
        #expect(GraphicsMode.choose(answers: a, environment: ["TERM": "xterm-256color"], caps: colour) == .blocks)
        a.sixel = true
        #expect(GraphicsMode.choose(answers: a, environment: ["TERM": "xterm"], caps: colour) == .sixel)
        a.kitty = true
        #expect(GraphicsMode.choose(answers: a, environment: [:], caps: colour) == .kitty)
        // A terminal that answered DA1 without kitty is not kitty whatever TERM says.
        var quiet = GraphicsAnswers(); quiet.complete = true
        #expect(GraphicsMode.choose(answers: quiet, environment: ["TERM": "xterm-kitty"], caps: colour) == .blocks)
        #expect(GraphicsMode.choose(answers: nil, environment: ["TERM": "xterm-kitty"], caps: colour) == .kitty)
        #expect(GraphicsMode.choose(answers: nil, environment: ["TERM_PROGRAM": "iTerm.app"], caps: colour) == .iterm)
        #expect(GraphicsMode.choose(answers: a, environment: ["NO_COLOR": "1"], caps: colour) == .blocks)
        let plain = TerminalCapabilities(colors: 0, truecolor: false, unicode: false)
        #expect(GraphicsMode.choose(answers: nil, environment: ["TERM": "vt100"], caps: plain) == .ascii)
    }

    @Test func theQueriesEndWithDA1AndWrapKittyInTmux() {
        #expect(GraphicsAnswers.queries(tmux: false).hasSuffix("\u{1B}[c"))
        #expect(GraphicsAnswers.queries(tmux: false).hasPrefix(KittyGraphics.supportQuery))
        #expect(GraphicsAnswers.queries(tmux: true).hasPrefix("\u{1B}Ptmux;\u{1B}\u{1B}_G"))
    }
}
