import Foundation
import Testing
import CLITestSupport
import Review
import SceneData
@testable import ReviewPostgres

/// The commands that read decisions, pointed at a PostgreSQL store by `--store` or `SCENELENS_STORE`.
@Suite struct PostgresCLITests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Samples/scenes.jsonl").standardizedFileURL.path

    /// The samples' first item.
    static func firstItem() throws -> Item {
        let data = try Dataset.open(path: samples)
        data.indexAll()
        return try #require(data.item(at: 0).item)
    }

    @Test(.enabled(if: Backend.testServer != nil))
    func statsAndExportReadTheServer() throws {
        let server = try #require(Backend.testServer)
        let (url, drop) = try scratchDatabase(server)
        defer { drop() }
        let item = try Self.firstItem()
        // The default project is the dataset's file name without .jsonl.
        let ana = try PostgresReviewStore(url: url, project: "scenes", annotator: "ana")
        let bo = try PostgresReviewStore(url: url, project: "scenes", annotator: "bo")
        for n in item.negatives {
            try ana.record(NegativeKey(itemID: item.id, negativeID: n.id), verdict: .accept,
                           contentHash: ContentHash.of(n, in: item), note: nil, tags: nil)
        }
        try bo.record(NegativeKey(itemID: item.id, negativeID: item.negatives[0].id), verdict: .reject,
                      contentHash: ContentHash.of(item.negatives[0], in: item), note: "leaks", tags: nil)
        // Another project on the same server is not counted.
        try PostgresReviewStore(url: url, project: "other", annotator: "cy")
            .record(NegativeKey(itemID: item.id, negativeID: "n1"), verdict: .skip, contentHash: "h", note: nil, tags: nil)

        let stats = try ScenelensCLI.run(["stats", Self.samples, "--store", url, "--no-lint", "--json"])
        #expect(stats.status == 0, "\(stats.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
        let text = stats.stdout
        #expect(text.contains("\"ana\"") && text.contains("\"bo\"") && !text.contains("\"cy\""))
        #expect(json["store"] as? String == StoreLocation.redact(url))

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pgcli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("d.jsonl").path
        let export = try ScenelensCLI.run(["export", Self.samples, "--out", out, "--format", "decisions"],
                                          environment: ProcessInfo.processInfo.environment.merging(["SCENELENS_STORE": url]) { $1 })
        #expect(export.status == 0, "\(export.stderr)")
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == item.negatives.count + 1)
        #expect(lines.filter { $0.contains("\"leaks\"") }.count == 1)
    }

    /// Blind mode: in a team project an annotator's stats, export, lint and
    /// review show no other annotator's verdict; --unblind (the lead, the
    /// adjudicator) shows everyone's, and the settled verdict once adjudicated.
    @Test(.enabled(if: Backend.testServer != nil))
    func aBlindTeamProjectShowsAnAnnotatorOnlyTheirOwnVerdicts() throws {
        let server = try #require(Backend.testServer)
        let (url, drop) = try scratchDatabase(server)
        defer { drop() }
        let item = try Self.firstItem()
        let n1 = item.negatives[0]
        let key = NegativeKey(itemID: item.id, negativeID: n1.id)
        let ana = try PostgresReviewStore(url: url, project: "scenes", annotator: "ana")
        let bo = try PostgresReviewStore(url: url, project: "scenes", annotator: "bo")
        try ana.setOverlap(2)
        try ana.record(key, verdict: .accept, contentHash: ContentHash.of(n1, in: item), note: "ana-says-fine", tags: nil)
        try bo.record(key, verdict: .reject, contentHash: ContentHash.of(n1, in: item), note: "bo-says-leaks", tags: nil)
        var env = ProcessInfo.processInfo.environment
        env["SCENELENS_STORE"] = url
        env["USER"] = "bo"

        // stats: bo (the login name) sees bo's decision only, no kappa with ana, and is told why.
        let stats = try ScenelensCLI.run(["stats", Self.samples, "--no-lint", "--json"], environment: env)
        #expect(stats.status == 0, "\(stats.stderr)")
        #expect(stats.stdout.contains("\"bo\"") && !stats.stdout.contains("\"ana\""))
        #expect(stats.stderr.contains("blind team project") && stats.stderr.contains("--unblind"))
        let asAna = try ScenelensCLI.run(["stats", Self.samples, "--no-lint", "--json", "--annotator", "ana"], environment: env)
        #expect(asAna.stdout.contains("\"ana\"") && !asAna.stdout.contains("\"bo\""))
        let lead = try ScenelensCLI.run(["stats", Self.samples, "--no-lint", "--json", "--unblind"], environment: env)
        #expect(lead.stdout.contains("\"ana\"") && lead.stdout.contains("\"bo\""))

        // export: only bo's own decision and note.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pgblind-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("d.jsonl").path
        let export = try ScenelensCLI.run(["export", Self.samples, "--out", out, "--format", "decisions"], environment: env)
        #expect(export.status == 0, "\(export.stderr)")
        var text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.contains("bo-says-leaks") && !text.contains("ana-says-fine"))
        _ = try ScenelensCLI.run(["export", Self.samples, "--out", out, "--format", "decisions", "--unblind"], environment: env)
        text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.contains("bo-says-leaks") && text.contains("ana-says-fine"))

        // lint --where on verdicts: ana's accept is not there for bo to match; the lead's run finds it.
        let where_ = ["lint", Self.samples, "--where", "verdict = accept", "--info", "--json"]
        let lint = try ScenelensCLI.run(where_, environment: env)
        let leadLint = try ScenelensCLI.run(where_ + ["--unblind"], environment: env)
        #expect(lint.stderr.contains("blind team project"))
        #expect(!lint.stdout.contains(item.id) && leadLint.stdout.contains(item.id), "\(lint.stdout.prefix(300)) | \(leadLint.stdout.prefix(300))")

        // review: refused without --unblind; with it, both verdicts side by side, and settling works.
        let refused = try ScenelensCLI.run(["review", Self.samples, "--list"], environment: env)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("blind team project") && refused.stderr.contains("--unblind"))
        #expect(!refused.stdout.contains("ana") && !refused.stderr.contains("ana accept"))
        let listed = try ScenelensCLI.run(["review", Self.samples, "--list", "--unblind"], environment: env)
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout.contains("ana accept") && listed.stdout.contains("bo reject"))
        let settled = try ScenelensCLI.run(["review", Self.samples, "--unblind", "--annotator", "lead",
                                            "--settle", "\(item.id)/\(n1.id)=reject"], environment: env)
        #expect(settled.status == 0, "\(settled.stderr)")
        let final = try ScenelensCLI.run(["stats", Self.samples, "--no-lint", "--json", "--unblind"], environment: env)
        #expect(final.stdout.contains("settled") || final.stdout.contains("adjudicat"), "\(final.stdout.prefix(600))")
    }

    @Test func anUnreachableServerIsNamedWithoutItsPassword() throws {
        let run = try ScenelensCLI.run(["stats", Self.samples, "--no-lint", "--store", "postgresql://ana:pa55word@127.0.0.1:1/team"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("postgresql://ana:***@127.0.0.1:1/team") && run.stderr.contains("could not connect"))
        #expect(!run.stderr.contains("pa55word") && !run.stdout.contains("pa55word"))
    }
}
