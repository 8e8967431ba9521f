import Foundation
import Review
import SceneData

/// This annotator's review counts for the status bar: counted once over the
/// whole store in the background, then one item again after each change to it.
/// Safe to call from any thread (store calls go where the caller says).
final class ReviewCounter: @unchecked Sendable {
    private let source: ItemSource
    private let store: DecisionStore?
    private let tally = ReviewTally()

    init(source: ItemSource, store: DecisionStore?) { self.source = source; self.store = store }

    /// Claims the first full count; false without a store or when it is already claimed.
    func claim() -> Bool { store != nil && tally.begin() }

    /// Counts everything (a claim first); `onStore` runs store calls where the
    /// store is used (its queue, or here); `publish` gets the summary.
    func countAll(onStore: (() -> Void) -> Void, publish: (ReviewSummary) -> Void) {
        tally.finish(countPerItem(onStore: onStore), publish: publish)
    }

    /// The counts, counting here first when nothing has (`render`, tests).
    func summary() -> ReviewSummary? {
        if tally.notStarted, tally.begin() {
            countAll(onStore: { $0() }, publish: { _ in })
        }
        return tally.summary
    }

    /// Re-counts item `id` after a change to its decisions (`item`: the item as
    /// shown, nil to read it); the new summary when known. A failed read leaves
    /// the counts as they were: the change itself did happen.
    func recount(itemID id: String, item: Item?) -> ReviewSummary? {
        guard let store else { return nil }
        _ = summary()
        guard let ds = try? store.decisions(itemID: id) else { return nil }
        if source.knownPositions(sharingID: id)?.isEmpty == false { return tally.update(itemID: id, ReviewSummary()) }
        let item = item ?? source.index(ofID: id).flatMap { source.load($0).item }
        return tally.update(itemID: id, ReviewTally.count(item, Array(ds.values)))
    }

    /// This annotator's counts per decided item, each item counted as `stats` counts it.
    private func countPerItem(onStore: (() -> Void) -> Void) -> [String: ReviewSummary] {
        guard let store else { return [:] }
        var all: [NegativeKey: Decision] = [:]
        onStore { all = (try? store.currentDecisions()) ?? [:] }
        var byItem: [String: [Decision]] = [:]
        for d in all.values { byItem[d.key.itemID, default: []].append(d) }
        var counts: [String: ReviewSummary] = [:]
        for (id, ds) in byItem {
            // Decisions on an id several items have are ambiguous: they count nothing, as in `stats`.
            if !source.positions(sharingID: id).isEmpty { continue }
            // Decisions on an item that is gone are orphaned: they count nothing.
            let item = source.index(ofID: id).flatMap { source.load($0).item }
            counts[id] = ReviewTally.count(item, ds)
        }
        return counts
    }
}
