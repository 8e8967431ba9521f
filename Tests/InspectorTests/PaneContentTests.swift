import Foundation
@testable import Inspector
import Review
import SceneData
import Testing
import TerminalUI

/// What the panes let a reviewer see and reach: evidence beside reading problems,
/// the last graph rows, the last lints, the answers after a long rationale, each
/// side's own step numbers, and the confidence export uses (Fixtures/panes.jsonl).
@Suite struct PaneContentTests {
    static func app(item: String, negative: String? = nil, width: Int = 160, height: Int = 48,
                    ascii: Bool = false, keys: String = "") throws -> AppState {
        try fixtureApp("panes", annotator: "panes", item: item, negative: negative, width: width, height: height, ascii: ascii, keys: keys)
    }

    static func lines(_ s: AppState) -> [String] {
        s.screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    // 1. A warning ("id is a number") must not hide the evidence the evidence-leak finding is about.
    @Test(arguments: ["160x48", "100x30", "100x30 1", "100x30 2", "100x30 4", "80x24"])
    func evidenceStaysBesideReadingProblems(screen: String) throws {
        let parts = screen.split(separator: " ").map(String.init)
        let wh = parts[0].split(separator: "x").compactMap { Int($0) }
        try #require(wh.count == 2)
        let s = try Self.app(item: "4", width: wh[0], height: wh[1], keys: parts.count > 1 ? parts[1] : "")
        let problems = s.nav.current?.diagnostics ?? []
        #expect(problems.count > 0, "the fixture item should have a reading warning")
        #expect(s.screen.contains("Evidence: The dog sits near a man."))
        #expect(s.screen.contains("problem(s): "))
    }

    @Test func anItemWithoutProblemsKeepsTheFourRowHeader() throws {
        let s = try Self.app(item: "long-03")
        #expect(!s.screen.contains("problem(s)"))
        // Row 4 starts the panes: the header did not grow for nothing.
        #expect(Self.lines(s)[4].hasPrefix("┌"))
    }

    // 2. Broken critical references come last in the graph; End and j must reach them.
    @Test(arguments: ["2<End>", "2" + String(repeating: "j", count: 60)])
    func brokenCriticalReferencesCanBeScrolledTo(keys: String) throws {
        let s = try Self.app(item: "broken-04", width: 100, height: 30, keys: keys)
        #expect(s.screen.contains("(no entity o98)"))
        #expect(s.screen.contains("(no entity o97)"))
        let rows = try #require(s.item.map { GraphRows.build($0, negative: s.negative) })
        #expect(s.panes.graphSelection == rows.count - 1)
    }

    @Test func upFromTheLastGraphRowMovesUp() throws {
        let s = try Self.app(item: "broken-04", width: 100, height: 30, keys: "2<End>k")
        let rows = try #require(s.item.map { GraphRows.build($0, negative: s.negative) })
        #expect(s.panes.graphSelection == rows.count - 2)
        #expect(s.screen.contains("(no entity o98)"))
    }

    // 3. The lints pane stops at its last row, says so, and k scrolls back at once.
    @Test func lintScrollingStopsAtTheLastLineAndMarksOverflow() throws {
        let top = try Self.app(item: "street-01", keys: "4")
        let inner = ScreenLayout.inner(ScreenLayout.of(top).lints)
        let rows = LintRows.rows(top, width: inner.width).map { $0.map(\.text).joined() }
        try #require(rows.count > inner.height + 1, "the fixture needs more lint rows than the pane shows")
        #expect(top.screen.contains("more ↓"))
        let end = try Self.app(item: "street-01", keys: "4<End>")
        // The last rows fill the pane: no empty rows after one line.
        for l in rows.suffix(inner.height) { #expect(end.screen.contains(String(l.prefix(40)))) }
        #expect(end.screen.contains("more ↑"))
        #expect(!end.screen.contains("more ↑↓"))
        let back = try Self.app(item: "street-01", keys: "4<End>k")
        #expect(back.screen.contains(String(rows[rows.count - inner.height - 1].prefix(40))))
        #expect(back.screen.contains("more ↑↓"))
    }

    // 3b. An SG- written as a perturbed SG^c that repeats the man's SG+ attribute
    // ("kneeling", which `critical` does not name): only the swap is a change.
    @Test func aCriticalFormSwapShowsOnlyTheSwap() throws {
        let s = try Self.app(item: "street-01", negative: "n1")
        let rows = Self.lines(s)
        let start = try #require(rows.firstIndex { $0.contains("SG+ -> SG- (swap, from SG-)") })
        let end = try #require(rows[start...].firstIndex { $0.contains("Objects (") })
        let changes = rows[(start + 1)..<end].map { $0.split(separator: "│").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" }
        #expect(changes == ["- man next to motorcycle", "+ motorcycle next to man"])
        // J leaves the repeated "kneeling" out: {motorcycle·red} shared of 3, as
        // this negative's own edits (the same swap) give.
        #expect(rows[0].contains("J 0.333"))
    }

    // 4. End, j past the last step and PgDn bring the answers into view.
    @Test(arguments: ["3<End>", "3" + String(repeating: "j", count: 40), "3<PgDn><PgDn><PgDn><PgDn><PgDn>"])
    func answersAfterALongRationaleCanBeReached(keys: String) throws {
        let s = try Self.app(item: "long-03", keys: keys)
        #expect(s.screen.contains("answer: yes"))
        #expect(s.screen.contains("answer: no"))
        #expect(!s.screen.contains("more ↓"))
        #expect(s.screen.contains("more ↑"))
    }

    @Test func upAfterScrollingToTheAnswersComesBack() throws {
        let s = try Self.app(item: "long-03", keys: "3<End><Home>")
        #expect(s.panes.stepSelection == 0)
        #expect(s.screen.contains("Step 1: the blue box is right"))
        #expect(s.screen.contains("more ↓"))
    }

    // 5. Each side is numbered with its own steps, not the aligned row's position.
    @Test func eachSideShowsItsOwnStepNumbers() throws {
        let s = try Self.app(item: "street-01", negative: "n4", keys: "3jj")
        #expect(s.screen.contains("chosen step 2/3, negative step 3/4"))
        let row = try #require(Self.lines(s).first { $0.contains("He looks at the engine closely.") })
        #expect(row.contains(" 2  He looks at the engine closely."))
        #expect(row.contains(" 3  He looks at the engine closely."))
        // The step only the negative has: no chosen number, and said so.
        let added = try #require(Self.lines(s).first { $0.contains("The sun is above the motorcycle") })
        #expect(added.contains("│    (no step: the negative adds one)"))
        #expect(added.contains(" 2  The sun is above the motorcycle"))
    }

    // 6. The header shows the confidence export filters on.
    @Test func headerConfidenceIsTheOneExportUses() throws {
        let n2 = try Self.app(item: "street-01", negative: "n2")
        let item = try #require(n2.item), neg = try #require(n2.negative)
        #expect(PairConfidence.of(neg, in: item) == 0.7)
        #expect(n2.screen.contains("conf 0.70 (item)"))
        let n1 = try Self.app(item: "street-01", negative: "n1")
        #expect(n1.screen.contains("conf 0.80"))
        #expect(!n1.screen.contains("conf 0.80 (item)"))
    }

    // 7. One number format for J, and a legend that does not promise colours.
    @Test func jaccardReadsTheSameInHeaderAndLints() throws {
        // J = 2/3 here: three decimals in the findings.
        let s = try Self.app(item: "long-03", negative: "n2")
        let lint = try #require(s.review.lints.own(negativeAt: s.nav.negativeIndex).first { $0.contains("J(SG-") })
        #expect(lint.contains("0.667"))
        let value = try #require(lint.split(separator: "=").dropFirst().first?.split(separator: " ").first)
        #expect(Self.lines(s)[0].contains("J \(value)"))
    }

    @Test func withoutColourTheLegendNamesTheUnderline() throws {
        let plain = try Self.app(item: "street-01", ascii: true)
        #expect(!plain.screen.contains("red: only chosen"))
        #expect(plain.screen.contains("underlined"))
        let colour = try Self.app(item: "street-01")
        #expect(colour.screen.contains("red: only chosen"))
    }
}
