@testable import Inspector
import Review
import Testing

/// The status bar's counts kept as a running sum (issue 17): a re-count
/// replaces the item's old counts in the sum, and one made while the first
/// full count ran is not overtaken by that count's older view of the item.
@Suite struct ReviewTallyTests {
    @Test func aRecountReplacesTheItemsCountsInTheSum() {
        let tally = ReviewTally()
        #expect(tally.begin())
        #expect(tally.update(itemID: "b", ReviewSummary(accepted: 0, rejected: 2)) == nil, "not known while counting")
        let first = tally.finish(["a": ReviewSummary(accepted: 2), "b": ReviewSummary(accepted: 5), "c": ReviewSummary(skipped: 1)]) { _ in }
        #expect(first == ReviewSummary(accepted: 2, rejected: 2, skipped: 1), "b as re-counted, not as the full count saw it")
        #expect(tally.update(itemID: "a", ReviewSummary(accepted: 1, rejected: 1)) == ReviewSummary(accepted: 1, rejected: 3, skipped: 1))
        #expect(tally.update(itemID: "c", ReviewSummary()) == ReviewSummary(accepted: 1, rejected: 3))
        #expect(tally.update(itemID: "d", ReviewSummary(accepted: 4)) == ReviewSummary(accepted: 5, rejected: 3))
        #expect(tally.summary == ReviewSummary(accepted: 5, rejected: 3))
    }
}
