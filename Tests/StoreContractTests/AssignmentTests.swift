import Foundation
import Testing
import Review
@testable import ReviewPostgres

/// Team projects: leases, heartbeats and overlap, with real concurrent connections.
@Suite(.enabled(if: Backend.testServer != nil)) struct AssignmentTests {
    static let keys = (0..<10).flatMap { i in ["n1", "n2"].map { key("i\(i)", $0) } }

    /// A fresh team project with overlap 2 and a store for `who` on it (each its own connection).
    static func team(_ url: String, _ project: String, _ who: String) throws -> PostgresReviewStore {
        try PostgresReviewStore(url: url, project: project, annotator: who)
    }

    /// Every negative's holders (decided or holding a live claim), read by a separate connection.
    static func holders(_ s: PostgresReviewStore) throws -> [String: Int] {
        let rows = try s.connection.exec("""
            SELECT item_id || '/' || negative_id AS k, count(*) AS n FROM (
                SELECT item_id, negative_id, annotator FROM decisions WHERE project = $1
                UNION SELECT item_id, negative_id, annotator FROM claims WHERE project = $1
                    AND expires > \(PostgresReviewStore.nowMillis)) AS h GROUP BY 1
            """, [s.project])
        return Dictionary(uniqueKeysWithValues: rows.rows.map { ($0[0] ?? "", Int($0[1] ?? "") ?? 0) })
    }

    @Test func anAbandonedLeaseExpiresAndNoNegativeGoesToMoreThanOverlap() throws {
        let url = try #require(Backend.testServer)
        let project = "team-\(UUID().uuidString)"
        let admin = try Self.team(url, project, "admin")
        try admin.setOverlap(2)
        // cy claims five, decides two and goes away without a word (no heartbeat, no release).
        let cy = try Self.team(url, project, "cy")
        let cyHeld = try cy.claim(from: Self.keys, batch: 5, lease: 1.5)
        #expect(cyHeld == Array(Self.keys.prefix(5)))
        for k in cyHeld.prefix(2) { try cy.record(k, verdict: .reject, contentHash: "h", note: nil, tags: nil) }
        let abandoned = Set(cyHeld.dropFirst(2))

        // ana and bo work at the same time, each on its own connection, in batches of 4.
        let start = Date()
        let takenAt = LockedBox<[NegativeKey: [Date]]>([:])
        let errors = LockedBox<[String]>([])
        let group = DispatchGroup()
        for who in ["ana", "bo"] {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                do {
                    let me = try Self.team(url, project, who)
                    let deadline = Date().addingTimeInterval(20)
                    while Date() < deadline {
                        let batch = try me.claim(from: Self.keys, batch: 4, lease: 5)
                        if batch.isEmpty {
                            // Nothing to claim: done when every negative has its two decisions.
                            if try me.teamProgress().complete == Self.keys.count { break }
                            Thread.sleep(forTimeInterval: 0.1); continue
                        }
                        for k in batch {
                            if abandoned.contains(k) { takenAt.update { $0[k, default: []].append(Date()) } }
                            try me.record(k, verdict: .accept, contentHash: "h", note: nil, tags: nil)
                        }
                    }
                } catch { errors.update { $0.append("\(who): \(error)") } }
            }
        }
        // Meanwhile, the rule holds at every moment someone looks.
        var worst = 0
        while group.wait(timeout: .now() + 0.05) == .timedOut {
            worst = max(worst, try Self.holders(admin).values.max() ?? 0)
            if Date().timeIntervalSince(start) > 30 { break }
        }
        #expect(errors.value.isEmpty, "\(errors.value)")
        #expect(worst <= 2)
        // Every negative is decided by exactly two annotators; cy's two count, the rest went to ana and bo.
        let all = try admin.allDecisions()
        let perKey = Dictionary(grouping: all, by: \.key).mapValues(\.count)
        #expect(perKey.count == Self.keys.count)
        #expect(perKey.values.allSatisfy { $0 == 2 })
        #expect(all.filter { $0.annotator == "cy" }.count == 2)
        // cy's abandoned negatives reached a second annotator only after cy's lease ran out.
        for k in abandoned {
            let times = takenAt.value[k] ?? []
            #expect(times.count == 2)
            #expect(times.max().map { $0.timeIntervalSince(start) >= 1.0 } ?? false, "\(k) taken by both at \(times)")
        }
        #expect(try admin.teamProgress() == (complete: 20, decisions: 40))
    }

    @Test func aHeartbeatKeepsTheLeaseAndADecisionBeyondOverlapIsRefused() throws {
        let url = try #require(Backend.testServer)
        let project = "hb-\(UUID().uuidString)"
        let ana = try Self.team(url, project, "ana"), bo = try Self.team(url, project, "bo")
        try ana.setOverlap(1)
        #expect(try ana.claim(from: Array(Self.keys.prefix(2)), batch: 2, lease: 0.6) == Array(Self.keys.prefix(2)))
        for _ in 0..<4 {
            Thread.sleep(forTimeInterval: 0.3)
            #expect(try ana.heartbeat(lease: 0.6) == 2)
            #expect(try bo.claim(from: Array(Self.keys.prefix(2)), batch: 2, lease: 0.6).isEmpty)
        }
        // bo may not decide what ana holds (overlap 1); ana may.
        #expect(throws: ReviewStoreError.self) {
            try bo.record(Self.keys[0], verdict: .accept, contentHash: "h", note: nil, tags: nil)
        }
        try ana.record(Self.keys[0], verdict: .accept, contentHash: "h", note: nil, tags: nil)
        // ana quits cleanly: the undecided one is free at once.
        try ana.releaseClaims()
        #expect(try bo.claim(from: Array(Self.keys.prefix(2)), batch: 2, lease: 0.6) == [Self.keys[1]])
        // Resume: ana's decision is still ana's, the claim is gone.
        #expect(try ana.claim(from: Array(Self.keys.prefix(2)), batch: 2, lease: 0.6).isEmpty)
        #expect(try ana.decidedKeys() == [Self.keys[0]])
    }

    /// A lease that ran out and went to someone else no longer lets its old holder decide.
    @Test func aDecisionOnAnExpiredLeaseThatAnotherTookIsRefused() throws {
        let url = try #require(Backend.testServer)
        let project = "expired-\(UUID().uuidString)"
        let ana = try Self.team(url, project, "ana"), bo = try Self.team(url, project, "bo")
        try ana.setOverlap(1)
        let k = Self.keys[0]
        #expect(try ana.claim(from: [k], batch: 1, lease: 0.4) == [k])
        Thread.sleep(forTimeInterval: 0.7)
        #expect(try bo.claim(from: [k], batch: 1, lease: 30) == [k])
        #expect(throws: ReviewStoreError.self) { try ana.record(k, verdict: .reject, contentHash: "h", note: nil, tags: nil) }
        try bo.record(k, verdict: .accept, contentHash: "h", note: nil, tags: nil)
        #expect(try ana.decidedKeys().isEmpty)
        #expect(try Self.holders(ana) == ["\(k.itemID)/\(k.negativeID)": 1])
    }

    /// Claimers and annotators deciding negatives they never claimed, all at
    /// once: the decisions without a claim are checked under the claim lock,
    /// so no negative ends with more than the overlap.
    @Test func decisionsWithoutAClaimRaceClaimsAndStayWithinTheOverlap() throws {
        let url = try #require(Backend.testServer)
        let project = "race-\(UUID().uuidString)"
        let admin = try Self.team(url, project, "admin")
        try admin.setOverlap(1)
        let errors = LockedBox<[String]>([])
        let refused = LockedBox(0)
        let group = DispatchGroup()
        for who in ["claimer-1", "claimer-2", "rogue-1", "rogue-2"] {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                do {
                    let me = try Self.team(url, project, who)
                    if who.hasPrefix("claimer") {
                        while true {
                            let batch = try me.claim(from: Self.keys, batch: 3, lease: 10)
                            if batch.isEmpty { break }
                            for k in batch { try me.record(k, verdict: .accept, contentHash: "h", note: nil, tags: nil) }
                        }
                    } else {
                        for k in who == "rogue-1" ? Self.keys : Self.keys.reversed() {
                            do { try me.record(k, verdict: .reject, contentHash: "h", note: nil, tags: nil) }
                            catch is ReviewStoreError { refused.update { $0 += 1 } }
                        }
                    }
                } catch { errors.update { $0.append("\(who): \(error)") } }
            }
        }
        group.wait()
        #expect(errors.value.isEmpty, "\(errors.value)")
        let perKey = Dictionary(grouping: try admin.allDecisions(), by: \.key).mapValues(\.count)
        #expect(perKey.count == Self.keys.count)
        #expect(perKey.values.allSatisfy { $0 == 1 }, "\(perKey.filter { $0.value > 1 })")
        // Each rogue was refused every negative someone else got first.
        #expect(refused.value >= Self.keys.count)
    }
}

/// A value shared between threads under a lock.
final class LockedBox<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: T
    init(_ value: T) { stored = value }
    var value: T { lock.lock(); defer { lock.unlock() }; return stored }
    func update(_ body: (inout T) -> Void) { lock.lock(); defer { lock.unlock() }; body(&stored) }
}
