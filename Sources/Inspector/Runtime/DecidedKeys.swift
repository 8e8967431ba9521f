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
    private var loading = false
    /// Record and undo results that came back while the keys were being read (a
    /// caller not on the store's queue: `render`, tests), applied after the read.
    private var changed: [(NegativeKey, Bool)] = []
    /// Every item before this position was found finished (see `ResumeMark`), and the id of the item there.
    private var verified = 0
    private var verifiedID = ""
    /// Undos applied so far: a walk that began before one cannot vouch for the items it passed.
    private var undos = 0

    /// Keys read per store call (a few milliseconds each).
    static let page = 20_000

    /// Reads the keys from `store` unless they are in memory, a page at a
    /// time; `onStore` runs each read where the store's other calls run, so a
    /// resume or a record waits for one page at most, not for every key. A
    /// record or undo that comes back between pages is kept in `changed` and
    /// applied after the last page, in order. A failed read leaves them
    /// unread (asked again next time) and counts nothing as decided.
    func load(from store: DecisionStore?, onStore: (() -> Void) -> Void) {
        guard let store, !isLoaded else { return }
        var claimed = false
        onStore {
            claimed = lock.withLock {
                if loaded { return false }
                loading = true
                return true
            }
        }
        guard claimed else { return }
        var read = Set<NegativeKey>()
        var after: NegativeKey?
        var failed = false
        while true {
            var page: [NegativeKey]?
            onStore { page = try? store.decidedKeys(after: after, limit: Self.page) }
            guard let page else { failed = true; break }
            read.formUnion(page)
            if page.count < Self.page { break }
            after = page.last
        }
        onStore {
            lock.withLock {
                if !failed {
                    keys = read
                    // Changes that came back while the keys were read: in the read or not, applying them in order is right.
                    for (key, decided) in changed { if decided { keys.insert(key) } else { keys.remove(key) } }
                    loaded = true
                }
                changed = []
                loading = false
            }
        }
    }

    var isLoaded: Bool { lock.withLock { loaded } }

    /// Claims the background load; false when it is loaded or already claimed.
    func claimLoad() -> Bool {
        lock.withLock {
            guard !loaded, !loading else { return false }
            loading = true
            return true
        }
    }

    /// Whether `key` has a current decision (false until loaded).
    func contains(_ key: NegativeKey) -> Bool { lock.withLock { keys.contains(key) } }

    /// How many negatives are decided, nil until loaded.
    var count: Int? { lock.withLock { loaded ? keys.count : nil } }

    /// A decision on `key` was recorded (on the store's queue, after the store's call returned).
    func recorded(_ key: NegativeKey) {
        lock.withLock {
            if loaded { keys.insert(key) } else if loading { changed.append((key, true)) }
        }
    }

    /// An undo came back: its negative is decided again or undecided now.
    /// `position`: where its item is, when known. Answers the resume mark to
    /// save now (the undo made the store's one invalid), nil for none.
    func undone(_ result: UndoResult, position: Int?) -> ResumeMark? {
        lock.withLock {
            if loaded {
                if result.restored == nil { keys.remove(result.key) } else { keys.insert(result.key) }
            } else if loading {
                changed.append((result.key, result.restored != nil))
            }
            undos += 1
            // An item before the mark may be unfinished again: the mark moves back to it, or to the top when its place is not known.
            if let position {
                if position < verified { verified = position; verifiedID = result.key.itemID }
            } else {
                verified = 0; verifiedID = ""
            }
            return verified > 0 ? ResumeMark(position: verified, itemID: verifiedID) : nil
        }
    }

    /// Undos so far (see `extend`).
    var undoCount: Int { lock.withLock { undos } }

    /// The store's mark, read at resume: every item before it is finished.
    func start(at mark: ResumeMark) {
        lock.withLock { if mark.position > verified { verified = mark.position; verifiedID = mark.itemID } }
    }

    /// A walk from `first` found every item up to `mark.position` finished:
    /// when it began inside the finished part and no undo came since it
    /// began, the finished part grows to the mark; true when it did (save it).
    func extend(to mark: ResumeMark, walkedFrom first: Int, undosBefore: Int) -> Bool {
        lock.withLock {
            guard undos == undosBefore, first <= verified, mark.position > verified else { return false }
            verified = mark.position; verifiedID = mark.itemID
            return true
        }
    }

    /// Every item before this position is known to be finished.
    var finishedBefore: Int { lock.withLock { verified } }
}
