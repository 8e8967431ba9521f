import Foundation
import Review
import SceneData

/// This annotator's review counts as `scenelens stats` counts them: only
/// current decisions on negatives that exist in the dataset; stale and orphaned
/// decisions are not "reviewed". Kept per item so one decision re-counts one item.
///
/// Each item is counted by `ReviewStats.compute` itself, so the status bar and
/// `stats` cannot disagree on what a reviewed negative is.
final class ReviewTally: @unchecked Sendable {
    private let lock = NSLock()
    private var perItem: [String: ReviewSummary] = [:]
    /// The sum of `perItem`, kept as items change: adding up a third of a
    /// million items again on every decision cost milliseconds per key (issue 17).
    private var sum = ReviewSummary()
    /// Items re-counted while the first full count ran: that count's older view of them is dropped.
    private var recounted: Set<String> = []
    private var state = State.notStarted
    private enum State { case notStarted, counting, known }

    /// The counts, or nil until the first full count is done.
    var summary: ReviewSummary? { lock.withLock { state == .known ? total() : nil } }

    /// Claims the first full count; false when it is already running or done.
    func begin() -> Bool {
        lock.withLock {
            guard state == .notStarted else { return false }
            state = .counting
            return true
        }
    }

    /// Whether the full count has neither run nor started.
    var notStarted: Bool { lock.withLock { state == .notStarted } }

    /// The counts of one item's decisions, `ReviewStats` deciding which count.
    static func count(_ item: Item?, _ decisions: [Decision]) -> ReviewSummary {
        guard let item, !decisions.isEmpty else { return ReviewSummary() }
        let one = ArrayReviewItemSource([item], directory: "")
        return ReviewStats.compute(items: one, decisions: [item.id: decisions]).overall.verdicts
    }

    /// Ends the first full count with `counts` by item id; answers the summary
    /// and hands it to `publish` under the lock, so no later re-count can be overtaken by it.
    @discardableResult
    func finish(_ counts: [String: ReviewSummary], publish: (ReviewSummary) -> Void) -> ReviewSummary {
        lock.withLock {
            for (id, c) in counts where !recounted.contains(id) { set(id, c) }
            recounted = []
            state = .known
            let t = total()
            publish(t)
            return t
        }
    }

    /// Replaces one item's counts after a decision on it changed; the summary when known.
    func update(itemID: String, _ counts: ReviewSummary) -> ReviewSummary? {
        lock.withLock {
            set(itemID, counts)
            if state == .counting { recounted.insert(itemID) }
            return state == .known ? total() : nil
        }
    }

    /// Replaces one item's counts and the sum with them. Call with `lock` held.
    private func set(_ id: String, _ counts: ReviewSummary) {
        if let old = perItem.updateValue(counts, forKey: id) {
            sum.accepted -= old.accepted; sum.rejected -= old.rejected; sum.skipped -= old.skipped
        }
        sum.accepted += counts.accepted; sum.rejected += counts.rejected; sum.skipped += counts.skipped
    }

    private func total() -> ReviewSummary { sum }
}
