import Foundation
import Review

/// One annotator's session in a team project: claims work in small batches
/// under a lease, and a heartbeat on its own thread (never the input loop's)
/// renews the lease and reads the team's progress. The store should be its own
/// connection, so a heartbeat never waits behind a decision being written.
/// `finish` gives the leases back on a clean quit; after a kill -9 or a lost
/// network they run out after `lease` seconds and go to another annotator.
public final class TeamSession: @unchecked Sendable {
    public let store: TeamAssignmentStore
    /// Seconds a claim lasts without a heartbeat.
    public let lease: TimeInterval
    /// How many negatives are held at once.
    public let batch: Int
    /// The project's overlap.
    public let overlap: Int
    private let positions: [NegativeKey: (item: Int, negative: Int)]
    private let lock = NSLock()
    private var stopped = false
    private var beating = false

    /// A session on `store` (a team project already opened with `openTeam`) over `work`.
    public init(store: TeamAssignmentStore, work: TeamWork, overlap: Int, lease: TimeInterval = 60, batch: Int = 5) {
        self.store = store; self.lease = lease; self.batch = max(1, batch); self.overlap = overlap
        positions = work.positions
    }

    /// The state part a team project starts with.
    public var initialState: TeamState { TeamState(overlap: overlap) }

    /// Claims up to a batch (`.teamClaim`'s answer).
    func claim() -> Msg {
        do {
            return .teamClaimed(try claimBatch())
        } catch {
            return .failed("claiming work: \(error)")
        }
    }

    /// Claims up to a batch and reads the team's progress: what the inspector
    /// and a headless client (scenelens-bench team-client) hold next.
    public func claimBatch() throws -> TeamClaim {
        let keys = try store.claimNext(batch: batch, lease: lease)
        let claimed = keys.compactMap { k in positions[k].map { ClaimedNegative(key: k, item: $0.item, negative: $0.negative) } }
        return TeamClaim(claimed: claimed, progress: try? store.progress())
    }

    /// Starts the heartbeat: every third of the lease, renew and post the progress.
    func startHeartbeat(to mailbox: Mailbox) {
        startHeartbeat { mailbox.post(.teamProgress($0)) }
    }

    /// Starts the heartbeat on its own thread: every third of the lease, renew
    /// the leases and hand the team's progress (nil when either failed) to `beat`.
    public func startHeartbeat(_ beat: @escaping @Sendable (TeamProgress?) -> Void) {
        let go = lock.withLock { () -> Bool in
            if beating || stopped { return false }
            beating = true; return true
        }
        guard go else { return }
        let interval = max(0.05, lease / 3)
        Thread.detachNewThread { [self] in
            while !lock.withLock({ stopped }) {
                Thread.sleep(forTimeInterval: interval)
                if lock.withLock({ stopped }) { break }
                let p: TeamProgress? = (try? store.heartbeat(lease: lease)).flatMap { _ in try? store.progress() }
                beat(p)
            }
        }
    }

    /// A clean quit: stops the heartbeat and gives the leases back at once.
    public func finish() throws {
        lock.withLock { stopped = true }
        try store.releaseClaims()
    }
}

extension TeamWork {
    /// The work of a team project as `source` has it (indexes and reads every item once).
    public static func of(_ source: ItemSource) -> TeamWork {
        source.indexAll { _, _, _ in }
        return TeamWork(count: source.count) { source.load($0).item }
    }
}
