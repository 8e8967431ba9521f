import Foundation

/// Which lookup is the current one: a new lookup or a cancel makes every
/// running one stale, and a stale lookup stops and answers nothing. Safe to
/// call from any thread.
final class FindGeneration: @unchecked Sendable {
    private let lock = NSLock()
    private var generation = 0

    /// Starts a lookup, making the running ones stale; its generation.
    func begin() -> Int { lock.withLock { generation += 1; return generation } }

    /// Makes every running lookup stale.
    func cancel() { lock.withLock { generation += 1 } }

    /// True while no newer lookup has been asked for and none was cancelled.
    func isCurrent(_ g: Int) -> Bool { lock.withLock { generation <= g } }
}
