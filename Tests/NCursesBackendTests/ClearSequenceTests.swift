import Testing
@testable import NCursesBackend

/// The clear sequence written after endwin on terminals without an alternate screen.
@Suite struct ClearSequenceTests {
    @Test func terminfoDelayMarksAreDropped() {
        // vt100's clear is "\e[H\e[J$<50>": the delay mark would show as text under the prompt.
        let vt100 = Array("\u{1B}[H\u{1B}[J$<50>".utf8)
        #expect(SignalGuard.stripPadding(vt100) == Array("\u{1B}[H\u{1B}[J".utf8))
        #expect(SignalGuard.stripPadding(Array("a$<5*/>b$c".utf8)) == Array("ab$c".utf8))
    }
}
