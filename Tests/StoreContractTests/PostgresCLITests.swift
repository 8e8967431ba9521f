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

    @Test(.enabled(if: Backend.testServer != nil))
    func statsAndExportReadTheServer() throws {
        let server = try #require(Backend.testServer)
        let (url, drop) = try scratchDatabase(server)
        defer { drop() }
        let data = try Dataset.open(path: Self.samples)
        data.indexAll()
        let item = try #require(data.item(at: 0).item)
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

    @Test func anUnreachableServerIsNamedWithoutItsPassword() throws {
        let run = try ScenelensCLI.run(["stats", Self.samples, "--no-lint", "--store", "postgresql://ana:pa55word@127.0.0.1:1/team"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("postgresql://ana:***@127.0.0.1:1/team") && run.stderr.contains("could not connect"))
        #expect(!run.stderr.contains("pa55word") && !run.stdout.contains("pa55word"))
    }
}
