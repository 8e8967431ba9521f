import Foundation
import Review

/// The negatives this annotator has decided, read from the store once and
/// then kept by the inspector's own record and undo: finishing an item asks
/// for the next unfinished one, and re-reading every decision for it made the
/// last key on an item slower the more work was done (issue 17).
///
/// Loading and every change go through the store's queue (`onStore`), so a
/// decision recorded while the keys load is either in what they read or
/// applied after it, never lost. Membership is asked through the lock, not by
/// handing out the set: a copy held by a walk would make the next insert copy
/// every key.
final class DecidedKeys: @unchecked Sendable {
    private let lock = NSLock()
    private var keys: Set<NegativeKey> = []
    private var loaded = false

    /// Reads the keys from `store` unless they are in memory; `onStore` runs
    /// the read where the store's other calls run. A failed read leaves them
    /// unread (asked again next time) and counts nothing as decided.
    func load(from store: DecisionStore?, onStore: (() -> Void) -> Void) {
        guard let store, !isLoaded else { return }
        onStore {
            guard !isLoaded, let read = try? store.decidedKeys() else { return }
            lock.withLock { keys = read; loaded = true }
        }
    }

    var isLoaded: Bool { lock.withLock { loaded } }

    /// Whether `key` has a current decision (false until loaded).
    func contains(_ key: NegativeKey) -> Bool { lock.withLock { keys.contains(key) } }

    /// How many negatives are decided, nil until loaded.
    var count: Int? { lock.withLock { loaded ? keys.count : nil } }

    /// A decision on `key` was recorded (on the store's queue, after the store's call returned).
    func recorded(_ key: NegativeKey) {
        lock.withLock { if loaded { keys.insert(key) } }
    }

    /// An undo came back: its negative is decided again or undecided now.
    func undone(_ result: UndoResult) {
        lock.withLock {
            guard loaded else { return }
            if result.restored == nil { keys.remove(result.key) } else { keys.insert(result.key) }
        }
    }
}
