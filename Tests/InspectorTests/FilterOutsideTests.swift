import Foundation
import Inspector
import Review
import SceneData
import Testing

/// An item reached with `:` that no negative of passes the operator filter:
/// the user is told, in words naming the filter, and sees the selection lies outside it.
@Suite struct FilterOutsideTests {
    // tiny.jsonl: item 2 (clevr-001) has an overthink and a hallucinated_entity negative, no swap.
    // `fjj<Enter>`: the filter picker's third row, op=swap (after all and undecided; no verdicts yet).
    @Test func jumpingToAnItemWithoutAMatchingNegativeSaysSo() throws {
        let s = try fixtureApp("tiny", annotator: "t", keys: "fjj<Enter>:2<Enter>")
        #expect(s.lookup.filter == .op(.swap))
        #expect(s.nav.index == 1)
        #expect(s.screen.contains("no negative of this item passes op=swap"))
        #expect(s.screen.contains("outside filter op=swap"))
    }

    @Test func steppingNegativesThereNamesTheFilter() throws {
        let s = try fixtureApp("tiny", annotator: "t", keys: "fjj<Enter>:2<Enter>]")
        let screen = s.screen
        #expect(!screen.contains("no negatives"))
        #expect(screen.contains("no negative of this item passes op=swap"))
        #expect(s.negative?.id == "n1")
    }

    @Test func aDecisionThereStillLandsOnTheShownNegative() throws {
        let s = try fixtureApp("tiny", annotator: "t", keys: "fjj<Enter>:2<Enter>x")
        // Saved on the negative on screen, then on to the next item with a swap negative.
        #expect(s.screen.contains("saved: reject n1"))
        #expect(s.lookup.filter == .op(.swap))
        #expect(s.negative?.op == .swap)
    }

    @Test func aNegativeInsideTheFilterIsNotMarked() throws {
        let s = try fixtureApp("tiny", annotator: "t", keys: "fjj<Enter>")
        #expect(s.negative?.op == .swap)
        #expect(!s.screen.contains("outside filter"))
    }

    @Test func theMarkShowsOnASmallScreen() throws {
        let s = try fixtureApp("tiny", annotator: "t", width: 80, height: 24, keys: "fjj<Enter>:2<Enter>")
        #expect(s.screen.contains("outside filter op=swap"))
    }
}
