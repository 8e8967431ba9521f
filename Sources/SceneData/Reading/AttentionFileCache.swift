import Foundation

/// What reading an attention file gave, remembered per path as written in the
/// dataset: generated and real datasets point many items at a shared pool of
/// `.npy` files, and validating 200,000 items must not open, stat and parse
/// each of them again for every item that names it.
///
/// Lives for one validation run (like `ImageCheckCache`), so a file edited
/// while the inspector is open is still read afresh there.
final class AttentionFileCache: @unchecked Sendable {
    /// A grid, or the message of the error reading it produced.
    typealias Outcome = Result<AttentionGrid, Failure>

    /// The error text, exactly as the reader reports it.
    struct Failure: Error { let message: String }

    private let lock = NSLock()
    private var known: [String: Outcome] = [:]
    private var cachedValues = 0
    /// Grids kept at most, counted in values (4 bytes each): a dataset with a
    /// distinct large file per item must not keep them all in memory.
    private let valueBudget: Int

    /// A cache holding at most `valueBudget` grid values (64 MB by default).
    init(valueBudget: Int = 16 << 20) { self.valueBudget = valueBudget }

    /// The outcome for `path`, computing it with `read` on a miss.
    func outcome(for path: String, read: () -> Outcome) -> Outcome {
        if let hit = lock.withLock({ known[path] }) { return hit }
        let result = read()
        let size = (try? result.get())?.values.count ?? 0
        lock.withLock {
            // Another thread may have read the same file meanwhile.
            guard known[path] == nil else { return }
            // Forgetting everything when full keeps this simple; a pool that
            // fits is cached again within a few items.
            if cachedValues + size > valueBudget { known.removeAll(); cachedValues = 0 }
            if size <= valueBudget {
                known[path] = result
                cachedValues += size
            }
        }
        return result
    }
}
