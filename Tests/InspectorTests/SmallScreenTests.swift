import Inspector
import Testing

/// Tiny terminals and the help overlay at 80x24.
@Suite struct SmallScreenTests {
    func lines(_ s: AppState) -> [String] { s.screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    @Test func messageRowOwnsItsWholeRowAndCutLinesEndInAnEllipsis() {
        for ascii in [false, true] {
            var (s, r) = Fixture.app(width: 20, height: 5, ascii: ascii)
            s.choose(.undecided, r)
            let rows = lines(s)
            let msg = rows.first { $0.contains("filter:") }
            #expect(msg?.trimmingCharacters(in: .whitespaces) == "filter: undecided")
            // Every row that reaches the right edge was cut, and says so.
            let ell = ascii ? "..." : "…"
            for row in rows where row.count >= 20 && !row.contains("filter:") {
                #expect(row.trimmingCharacters(in: .whitespaces).hasSuffix(ell), "\(row)")
            }
        }
    }

    @Test func helpAt80x24WrapsScrollsAndHelpStaysInTheStatusBar() {
        var (s, r) = Fixture.app(width: 80, height: 24)
        #expect(lines(s).last?.contains("? help") == true)
        s.press("?", r)
        // Descriptions are whole, not cut.
        #expect(!lines(s).dropFirst().dropLast().joined().contains("…"))
        #expect(!s.screen.contains("quit (decisions are already saved)"))
        s.press("<PgDn>", r)
        #expect(s.panes.helpScroll > 0, "PgDn scrolls")
        s.press("<End>", r)
        #expect(s.screen.contains("quit (decisions are already saved)"))
        s.press("k", r)
        #expect(s.panes.showHelp)
        s.press("<Esc>", r)
        #expect(!s.panes.showHelp)
    }
}
