import Foundation
import Review

/// Team projects on the PostgreSQL store: each negative is decided by `overlap`
/// different annotators; an annotator claims work in small batches under a
/// lease that `heartbeat` renews, and a lease that is not renewed (the
/// annotator quit, was killed, lost the network) expires so another annotator
/// gets the work. All claiming in a project is serialised by one advisory
/// lock, and the lease clock is the server's, so the rule "never more than
/// `overlap` annotators hold or have decided a negative" holds across machines.
extension PostgresReviewStore: TeamAssignmentStore {
    /// The server's clock in milliseconds, as SQL.
    static let nowMillis = "(extract(epoch FROM clock_timestamp()) * 1000)::bigint"

    /// Makes this project a team project where each negative is decided by `overlap` annotators.
    public func setOverlap(_ overlap: Int) throws {
        guard overlap >= 1 else { throw connection.error("--overlap must be at least 1, not \(overlap)") }
        _ = try locked("set the project's overlap") {
            try connection.exec("""
                INSERT INTO projects (project, overlap) VALUES ($1, $2)
                ON CONFLICT (project) DO UPDATE SET overlap = excluded.overlap
                """, [project, String(overlap)])
        }
    }

    /// The project's overlap; nil when it is not a team project.
    public func overlap() throws -> Int? {
        try locked("read the project's overlap") {
            try connection.exec("SELECT overlap FROM projects WHERE project = $1", [project]).value(0, "overlap").flatMap { Int($0) }
        }
    }

    /// Claims up to `batch` negatives from `candidates` (in dataset order) for
    /// `lease` seconds: first the ones this annotator already holds, then
    /// negatives this annotator has not decided and that fewer than `overlap`
    /// annotators hold or have decided. Returns what this annotator now holds, in order.
    public func claim(from candidates: [NegativeKey], batch: Int, lease: TimeInterval) throws -> [NegativeKey] {
        guard let overlap = try overlap() else { throw connection.error("project \(project) is not a team project (no --overlap set)") }
        let ms = String(Int64(lease * 1000))
        return try locked("claim work") {
            try connection.transaction {
                let held = try startClaiming()
                if held < batch {
                    try connection.exec("""
                        WITH cand AS (
                            SELECT c.item_id, c.negative_id, c.ord
                            FROM unnest($3::text[], $4::text[]) WITH ORDINALITY AS c(item_id, negative_id, ord)
                        )
                        INSERT INTO claims (project, item_id, negative_id, annotator, expires)
                        SELECT $1, c.item_id, c.negative_id, $2, \(Self.nowMillis) + $6::bigint FROM cand c
                        WHERE \(Self.claimable(candidate: "c", overlap: "$5"))
                        ORDER BY c.ord
                        LIMIT $7::int
                        """, [project, annotator, Self.arrayLiteral(candidates.map(\.itemID)),
                              Self.arrayLiteral(candidates.map(\.negativeID)), String(overlap), ms, String(batch - held)])
                }
                try connection.exec("UPDATE claims SET expires = \(Self.nowMillis) + $3::bigint WHERE project = $1 AND annotator = $2",
                                    [project, annotator, ms])
                let rows = try connection.exec("SELECT item_id, negative_id FROM claims WHERE project = $1 AND annotator = $2",
                                               [project, annotator])
                let mine = Set(rows.rows.map { NegativeKey(itemID: $0[0] ?? "", negativeID: $0[1] ?? "") })
                return candidates.filter(mine.contains)
            }
        }
    }

    /// Renews this annotator's leases for another `lease` seconds; returns how many it holds.
    @discardableResult
    public func heartbeat(lease: TimeInterval) throws -> Int {
        try locked("renew the lease") {
            let rows = try connection.exec("""
                UPDATE claims SET expires = \(Self.nowMillis) + $3::bigint
                WHERE project = $1 AND annotator = $2 AND expires > \(Self.nowMillis) RETURNING item_id
                """, [project, annotator, String(Int64(lease * 1000))])
            return rows.rows.count
        }
    }

    /// Gives back every lease this annotator holds (on a clean quit).
    public func releaseClaims() throws {
        _ = try locked("release the claims") {
            try connection.exec("DELETE FROM claims WHERE project = $1 AND annotator = $2", [project, annotator])
        }
    }

    /// Team progress: negatives with at least `overlap` decisions, and decisions in all.
    public func teamProgress() throws -> (complete: Int, decisions: Int) {
        try locked("count the team's progress") {
            let rows = try connection.exec("""
                SELECT count(*) FILTER (WHERE n >= COALESCE((SELECT overlap FROM projects WHERE project = $1), 1)) AS complete,
                       COALESCE(sum(n), 0) AS decisions
                FROM (SELECT count(*) AS n FROM decisions WHERE project = $1 GROUP BY item_id, negative_id) AS per
                """, [project])
            return (Int(rows.value(0, "complete") ?? "") ?? 0, Int(rows.value(0, "decisions") ?? "") ?? 0)
        }
    }

    /// The first statement of `record`, inside its transaction: reads this
    /// annotator's current decision on `key` and, in a team project, lets `checkRecord` refuse
    /// the decision when `overlap` other annotators already hold or have
    /// decided the negative and this annotator neither holds nor decided it.
    ///
    /// The usual case is one round trip and waits for no other annotator:
    /// recording a negative one holds (or re-deciding one's own) turns a claim
    /// into a decision and never adds an annotator to it, and the claim row is
    /// locked (`FOR SHARE`) until the commit, so a claimer that would drop it
    /// as expired waits and then sees the decision. Only a decision on a
    /// negative one does not hold takes the project's claim lock and counts.
    func prepareRecord(_ key: NegativeKey) -> PGConnection.Statement {
        ("""
            SELECT (SELECT overlap FROM projects WHERE project = $1) AS team_overlap,
                   EXISTS (SELECT 1 FROM claims WHERE project = $1 AND item_id = $2 AND negative_id = $3 AND annotator = $4
                           FOR SHARE) AS team_claimed,
                   d.*
            FROM (SELECT 1) AS one
            LEFT JOIN decisions d ON d.project = $1 AND d.item_id = $2 AND d.negative_id = $3 AND d.annotator = $4
            """, [project, key.itemID, key.negativeID, annotator])
    }

    /// `prepareRecord`'s answer: the current decision, after counting the
    /// negative's annotators under the claim lock when it is not this one's.
    func checkRecord(_ key: NegativeKey, _ rows: PGRows) throws -> Decision? {
        let current = rows.value(0, "item_id") == nil ? nil : PGTransaction.decision(rows, 0)
        guard let overlap = rows.value(0, "team_overlap").flatMap({ Int($0) }),
              rows.value(0, "team_claimed") != "t", current == nil else { return current }
        try connection.exec("SELECT pg_advisory_xact_lock(hashtext($1))", ["claims\u{1F}" + project])
        let others = Int(try connection.exec("""
            SELECT count(*) AS others FROM (
                SELECT annotator FROM decisions WHERE project = $1 AND item_id = $2 AND negative_id = $3 AND annotator <> $4
                UNION
                SELECT annotator FROM claims WHERE project = $1 AND item_id = $2 AND negative_id = $3 AND annotator <> $4
                    AND expires > \(Self.nowMillis)) AS h
            """, [project, key.itemID, key.negativeID, annotator]).value(0, "others") ?? "") ?? 0
        if others >= overlap {
            throw connection.error("\(key.itemID)/\(key.negativeID) is already with \(others) annotator(s), the project's overlap; it is not yours to decide")
        }
        return current
    }

    // MARK: - TeamAssignmentStore

    public func openTeam(overlap: Int?, work: TeamWork) throws -> Int? {
        if let overlap, overlap < 1 { throw connection.error("--overlap must be at least 1, not \(overlap)") }
        if isReadOnly { throw connection.error("is open read-only; cannot open the team project \(project)") }
        return try locked("open the team project \(project)") {
            try connection.transaction {
                try connection.exec("SELECT pg_advisory_xact_lock(hashtext($1))", ["claims\u{1F}" + project])
                let row = try connection.exec("SELECT overlap, dataset_id FROM projects WHERE project = $1", [project])
                let existing = row.rows.isEmpty ? nil : row.value(0, "overlap").flatMap { Int($0) }
                guard let chosen = overlap ?? existing else { return nil }
                if let id = row.rows.isEmpty ? nil : row.value(0, "dataset_id"), id != work.datasetID {
                    throw connection.error("""
                        team project \(project) is another dataset (content id \(id)); this dataset's is \(work.datasetID): \
                        open the team's dataset, or name another project with --project
                        """)
                }
                try connection.exec("""
                    INSERT INTO projects (project, overlap, dataset_id) VALUES ($1, $2, $3)
                    ON CONFLICT (project) DO UPDATE SET overlap = excluded.overlap,
                        dataset_id = COALESCE(projects.dataset_id, excluded.dataset_id)
                    """, [project, String(chosen), work.datasetID])
                let listed = Int(try connection.exec("SELECT count(*) AS n FROM project_negatives WHERE project = $1", [project])
                    .value(0, "n") ?? "") ?? 0
                if listed == 0 {
                    // Listed once, by whoever opens the project first, in chunks the server takes in one statement.
                    var start = 0
                    while start < work.negatives.count {
                        let chunk = work.negatives[start..<min(start + 5000, work.negatives.count)]
                        try connection.exec("""
                            INSERT INTO project_negatives (project, ord, item_id, negative_id)
                            SELECT $1, $2::int + c.ord::int - 1, c.item_id, c.negative_id
                            FROM unnest($3::text[], $4::text[]) WITH ORDINALITY AS c(item_id, negative_id, ord)
                            ON CONFLICT DO NOTHING
                            """, [project, String(start), Self.arrayLiteral(chunk.map(\.itemID)),
                                  Self.arrayLiteral(chunk.map(\.negativeID))])
                        start += chunk.count
                    }
                }
                return chosen
            }
        }
    }

    public func claimNext(batch: Int, lease: TimeInterval) throws -> [NegativeKey] {
        guard let overlap = try overlap() else { throw connection.error("project \(project) is not a team project (no --overlap set)") }
        let ms = String(Int64(lease * 1000))
        return try locked("claim work") {
            try connection.transaction {
                let held = try startClaiming()
                if held < batch {
                    try connection.exec("""
                        INSERT INTO claims (project, item_id, negative_id, annotator, expires)
                        SELECT $1, p.item_id, p.negative_id, $2, \(Self.nowMillis) + $4::bigint
                        FROM project_negatives p
                        WHERE p.project = $1
                          AND \(Self.claimable(candidate: "p", overlap: "$3"))
                        ORDER BY p.ord
                        LIMIT $5::int
                        """, [project, annotator, String(overlap), ms, String(batch - held)])
                }
                try connection.exec("UPDATE claims SET expires = \(Self.nowMillis) + $3::bigint WHERE project = $1 AND annotator = $2",
                                    [project, annotator, ms])
                let rows = try connection.exec("""
                    SELECT k.item_id, k.negative_id FROM claims k
                    LEFT JOIN project_negatives p ON p.project = k.project AND p.item_id = k.item_id AND p.negative_id = k.negative_id
                    WHERE k.project = $1 AND k.annotator = $2 ORDER BY p.ord NULLS LAST, k.item_id COLLATE "C", k.negative_id COLLATE "C"
                    """, [project, annotator])
                return rows.rows.map { NegativeKey(itemID: $0[0] ?? "", negativeID: $0[1] ?? "") }
            }
        }
    }

    public func progress() throws -> TeamProgress {
        try locked("count the team's progress") {
            let rows = try connection.exec("""
                SELECT (SELECT count(*) FROM project_negatives WHERE project = $1) AS negatives,
                       (SELECT count(*) FROM (SELECT 1 FROM decisions WHERE project = $1 GROUP BY item_id, negative_id
                            HAVING count(*) >= COALESCE((SELECT overlap FROM projects WHERE project = $1), 1)) AS c) AS complete,
                       (SELECT count(*) FROM decisions WHERE project = $1) AS decisions,
                       (SELECT count(*) FROM (SELECT DISTINCT item_id, negative_id FROM claims k
                            WHERE k.project = $1 AND k.annotator <> $2 AND k.expires > \(Self.nowMillis)
                            AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.project = $1 AND d.item_id = k.item_id
                                            AND d.negative_id = k.negative_id AND d.annotator = k.annotator)) AS h) AS held
                """, [project, annotator])
            func n(_ c: String) -> Int { Int(rows.value(0, c) ?? "") ?? 0 }
            return TeamProgress(negatives: n("negatives"), complete: n("complete"), decisions: n("decisions"), heldByOthers: n("held"))
        }
    }

    /// The start of a claim, in its transaction: takes the project's claim
    /// lock, drops expired leases and this annotator's claims on negatives it
    /// has decided meanwhile; returns how many this annotator still holds.
    private func startClaiming() throws -> Int {
        try connection.exec("SELECT pg_advisory_xact_lock(hashtext($1))", ["claims\u{1F}" + project])
        try connection.exec("DELETE FROM claims WHERE project = $1 AND expires <= \(Self.nowMillis)", [project])
        try connection.exec("""
            DELETE FROM claims k WHERE k.project = $1 AND k.annotator = $2 AND EXISTS (
                SELECT 1 FROM decisions d WHERE d.project = k.project AND d.item_id = k.item_id
                AND d.negative_id = k.negative_id AND d.annotator = k.annotator)
            """, [project, annotator])
        return Int(try connection.exec("SELECT count(*) AS n FROM claims WHERE project = $1 AND annotator = $2",
                                       [project, annotator]).value(0, "n") ?? "") ?? 0
    }

    /// The SQL condition that negative `candidate` (an alias with `item_id`
    /// and `negative_id`) may be claimed by the annotator `$2` of project
    /// `$1`: not held or decided by them already, and held or decided by
    /// fewer than `overlap` (a parameter such as `$5`) annotators.
    static func claimable(candidate c: String, overlap: String) -> String {
        """
        NOT EXISTS (SELECT 1 FROM claims k WHERE k.project = $1 AND k.item_id = \(c).item_id
                    AND k.negative_id = \(c).negative_id AND k.annotator = $2)
        AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.project = $1 AND d.item_id = \(c).item_id
                        AND d.negative_id = \(c).negative_id AND d.annotator = $2)
        AND (SELECT count(*) FROM (
                SELECT annotator FROM decisions d WHERE d.project = $1 AND d.item_id = \(c).item_id
                    AND d.negative_id = \(c).negative_id
                UNION
                SELECT annotator FROM claims k WHERE k.project = $1 AND k.item_id = \(c).item_id
                    AND k.negative_id = \(c).negative_id) AS holders) < \(overlap)::int
        """
    }

    /// A PostgreSQL text array literal: every element quoted, `"` and `\` escaped.
    static func arrayLiteral(_ values: [String]) -> String {
        "{" + values.map { "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
            .joined(separator: ",") + "}"
    }
}
