import Foundation
import Review

/// Team projects on the PostgreSQL store: each negative is decided by `overlap`
/// different annotators; an annotator claims work in small batches under a
/// lease that `heartbeat` renews, and a lease that is not renewed (the
/// annotator quit, was killed, lost the network) expires so another annotator
/// gets the work. All claiming in a project is serialised by one advisory
/// lock, and the lease clock is the server's, so the rule "never more than
/// `overlap` annotators hold or have decided a negative" holds across machines.
extension PostgresReviewStore {
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
                try connection.exec("SELECT pg_advisory_xact_lock(hashtext($1))", ["claims\u{1F}" + project])
                try connection.exec("DELETE FROM claims WHERE project = $1 AND expires <= \(Self.nowMillis)", [project])
                // Claims on negatives this annotator has decided meanwhile are done.
                try connection.exec("""
                    DELETE FROM claims k WHERE k.project = $1 AND k.annotator = $2 AND EXISTS (
                        SELECT 1 FROM decisions d WHERE d.project = k.project AND d.item_id = k.item_id
                        AND d.negative_id = k.negative_id AND d.annotator = k.annotator)
                    """, [project, annotator])
                let held = try connection.exec("SELECT count(*) AS n FROM claims WHERE project = $1 AND annotator = $2",
                                               [project, annotator]).value(0, "n").flatMap { Int($0) } ?? 0
                if held < batch {
                    try connection.exec("""
                        WITH cand AS (
                            SELECT c.item_id, c.negative_id, c.ord
                            FROM unnest($3::text[], $4::text[]) WITH ORDINALITY AS c(item_id, negative_id, ord)
                        )
                        INSERT INTO claims (project, item_id, negative_id, annotator, expires)
                        SELECT $1, c.item_id, c.negative_id, $2, \(Self.nowMillis) + $6::bigint FROM cand c
                        WHERE NOT EXISTS (SELECT 1 FROM claims k WHERE k.project = $1 AND k.item_id = c.item_id
                                          AND k.negative_id = c.negative_id AND k.annotator = $2)
                          AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.project = $1 AND d.item_id = c.item_id
                                          AND d.negative_id = c.negative_id AND d.annotator = $2)
                          AND (SELECT count(*) FROM (
                                  SELECT annotator FROM decisions d WHERE d.project = $1 AND d.item_id = c.item_id
                                      AND d.negative_id = c.negative_id
                                  UNION
                                  SELECT annotator FROM claims k WHERE k.project = $1 AND k.item_id = c.item_id
                                      AND k.negative_id = c.negative_id) AS holders) < $5::int
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

    /// In a team project, refuses a decision on a negative that `overlap`
    /// other annotators already hold or have decided, unless this annotator
    /// holds it or has decided it already. Runs inside the write transaction.
    func checkOverlap(_ key: NegativeKey) throws {
        guard let overlap = try connection.exec("SELECT overlap FROM projects WHERE project = $1", [project])
            .value(0, "overlap").flatMap({ Int($0) }) else { return }
        try connection.exec("SELECT pg_advisory_xact_lock(hashtext($1))", ["claims\u{1F}" + project])
        let rows = try connection.exec("""
            SELECT
              EXISTS (SELECT 1 FROM claims WHERE project = $1 AND item_id = $2 AND negative_id = $3 AND annotator = $4) OR
              EXISTS (SELECT 1 FROM decisions WHERE project = $1 AND item_id = $2 AND negative_id = $3 AND annotator = $4) AS mine,
              (SELECT count(*) FROM (
                  SELECT annotator FROM decisions WHERE project = $1 AND item_id = $2 AND negative_id = $3 AND annotator <> $4
                  UNION
                  SELECT annotator FROM claims WHERE project = $1 AND item_id = $2 AND negative_id = $3 AND annotator <> $4
                      AND expires > \(Self.nowMillis)) AS h) AS others
            """, [project, key.itemID, key.negativeID, annotator])
        if rows.value(0, "mine") != "t", let others = Int(rows.value(0, "others") ?? ""), others >= overlap {
            throw connection.error("\(key.itemID)/\(key.negativeID) is already with \(others) annotator(s), the project's overlap; it is not yours to decide")
        }
    }

    /// A PostgreSQL text array literal: every element quoted, `"` and `\` escaped.
    static func arrayLiteral(_ values: [String]) -> String {
        "{" + values.map { "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
            .joined(separator: ",") + "}"
    }
}
