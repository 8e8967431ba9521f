import Foundation
import Testing
import CLITestSupport
import Review
import SceneData
import ReviewPostgres

/// Settlements as every store keeps them, and `scenelens review` settling a
/// planted conflict on SQLite and PostgreSQL, with `stats` and `export` using
/// the settled verdict.
@Suite struct AdjudicationTests {
    static let samples = PostgresCLITests.samples

    /// The backends with a real store behind a command line: SQLite and (with a test server) PostgreSQL.
    static var cliBackends: [Backend] { Backend.available.filter { $0 != .memory } }

    @Test(arguments: Backend.available)
    func aSettlementReadsBackIsReplacedAndReopened(_ backend: Backend) throws {
        let h = try backend.harness()
        let store = try #require(try h.open("judge") as? any SettlementStore)
        let k = NegativeKey(itemID: "i1", negativeID: "n1")
        let first = try #require(try store.settle(k, verdict: .accept, contentHash: "h1", note: "  the text holds  ", adjudicator: "judge"))
        #expect(first.note == "the text holds" && first.verdict == .accept && first.adjudicator == "judge")
        // Another connection (another process, a restart) sees exactly what was returned.
        let other = try #require(try h.open("someone") as? any SettlementStore)
        #expect(try other.settlements() == [first])
        let second = try store.settle(k, verdict: .reject, contentHash: "h1", note: nil, adjudicator: "lead")
        #expect(try other.settlements() == [second].compactMap { $0 })
        #expect(second?.adjudicator == "lead" && second?.note == nil)
        #expect(throws: ReviewStoreError.self) { try store.settle(k, verdict: .skip, contentHash: "h1", note: nil, adjudicator: "judge") }
        #expect(try store.settle(k, verdict: nil, contentHash: "h1", note: nil, adjudicator: "judge") == nil)
        #expect(try other.settlements().isEmpty)
        // Settlements are not decisions: nobody's counts change.
        #expect(try other.annotators().isEmpty)
    }

    /// The store location and project arguments for `backend`, and a way to open it for an annotator.
    static func place(_ backend: Backend, dir: URL) throws -> (args: [String], open: (String) throws -> any DecisionStore) {
        switch backend {
        case .postgresql:
            let url = try #require(Backend.testServer)
            let project = "adj-\(UUID().uuidString)"
            return (["--store", url, "--project", project], { try PostgresReviewStore(url: url, project: project, annotator: $0) })
        default:
            let path = dir.appendingPathComponent("team.review.sqlite").path
            return (["--store", path], { try SQLiteReviewStore(path: path, annotator: $0) })
        }
    }

    @Test(arguments: cliBackends)
    func reviewSettlesAPlantedConflictAndExportCarriesIt(_ backend: Backend) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("adj-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let (args, open) = try Self.place(backend, dir: dir)
        let data = try Dataset.open(path: Self.samples)
        data.indexAll()
        let item = try #require(data.item(at: 0).item)
        let n1 = item.negatives[0], n2 = item.negatives[1]
        func decide(_ who: String, _ n: Negative, _ v: Verdict, note: String? = nil, tags: [String]? = nil) throws {
            try open(who).record(NegativeKey(itemID: item.id, negativeID: n.id), verdict: v,
                                 contentHash: ContentHash.of(n, in: item), note: note, tags: tags)
        }
        // The planted conflict: ana accepts n1, bo rejects it with a note and a tag; both accept n2.
        try decide("ana", n1, .accept, note: "a fair contrast")
        try decide("bo", n1, .reject, note: "gives the answer away", tags: ["answer-leak"])
        try decide("ana", n2, .accept)
        try decide("bo", n2, .accept)

        let list = try ScenelensCLI.run(["review", Self.samples, "--list", "--json"] + args)
        #expect(list.status == 0, "\(list.stderr)")
        let lines = list.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        let conflict = try #require(try JSONSerialization.jsonObject(with: Data((lines.first ?? "").utf8)) as? [String: Any])
        #expect(conflict["id"] as? String == item.id && conflict["negative_id"] as? String == n1.id)
        let decisions = try #require(conflict["decisions"] as? [[String: Any]])
        #expect(decisions.map { $0["annotator"] as? String } == ["ana", "bo"])
        #expect(decisions.map { $0["verdict"] as? String } == ["accept", "reject"])
        #expect(decisions[1]["note"] as? String == "gives the answer away" && decisions[1]["tags"] as? [String] == ["answer-leak"])
        #expect(conflict["settled"] is NSNull)

        // Before: a tie, which majority does not accept: only n2 is exported.
        let out = dir.appendingPathComponent("pairs.jsonl").path
        func exported() throws -> [String] {
            let r = try ScenelensCLI.run(["export", Self.samples, "--out", out] + args)
            #expect(r.status == 0 || r.status == 1, "\(r.stderr)")
            guard let text = try? String(contentsOfFile: out, encoding: .utf8) else { return [] }
            return text.split(separator: "\n").compactMap {
                (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]).flatMap { $0["negative_id"] as? String }
            }
        }
        #expect(try exported().filter { [n1.id, n2.id].contains($0) } == [n2.id])

        // The walk: the conflict and both sides are shown; c writes a note, a settles accept.
        let walk = try ScenelensCLI.run(["review", Self.samples, "--annotator", "judge"] + args, input: "c\nthe answer is not in it\na\n")
        #expect(walk.status == 0, "\(walk.stderr)")
        #expect(walk.stdout.contains("Conflict 1 of 1 (open): \(item.id) / \(n1.id)"))
        #expect(walk.stdout.contains("ana  accept  note: a fair contrast  tags: -"))
        #expect(walk.stdout.contains("bo   reject  note: gives the answer away  tags: answer-leak"))
        #expect(walk.stdout.contains("settled accept (saved)"))
        #expect(walk.stdout.contains("settled 1 now; 0 of 1 conflicts open"))

        let stats = try ScenelensCLI.run(["stats", Self.samples, "--no-lint", "--json"] + args)
        #expect(stats.status == 0, "\(stats.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
        #expect(json["settled"] as? Int == 1 && json["open_conflicts"] as? Int == 0)
        let settled = try #require(((json["conflicts"] as? [[String: Any]])?.first)?["settled"] as? [String: Any])
        #expect(settled["verdict"] as? String == "accept" && settled["adjudicator"] as? String == "judge")
        #expect(settled["note"] as? String == "the answer is not in it")
        let after = try #require((json["agreement"] as? [String: Any])?["after_adjudication"] as? [String: [String: Any]])
        // ana matches both final verdicts; bo only the shared accept.
        #expect(after["ana"]?["agreed"] as? Int == 2 && after["ana"]?["compared"] as? Int == 2)
        #expect(after["bo"]?["agreed"] as? Int == 1 && after["bo"]?["compared"] as? Int == 2)
        let text = try ScenelensCLI.run(["stats", Self.samples, "--no-lint"] + args)
        #expect(text.stdout.contains("Conflicts (1: 1 settled, 0 open;"))
        #expect(text.stdout.contains("\(item.id) / \(n1.id): ana accept, bo reject -> settled accept by judge"))

        // After: the settled accept is exported, whatever --resolve says.
        #expect(try exported().filter { [n1.id, n2.id].contains($0) } == [n1.id, n2.id])
        let unanimous = try ScenelensCLI.run(["export", Self.samples, "--out", out, "--resolve", "unanimous"] + args)
        #expect(unanimous.stderr.contains("1 verdict settled by adjudication"), "\(unanimous.stderr)")

        // Settled again without asking: reject, and the pair leaves the export.
        let again = try ScenelensCLI.run(["review", Self.samples, "--settle", "\(item.id)/\(n1.id)=reject", "--note", "on second look"] + args)
        #expect(again.status == 0 && again.stderr.contains("settled reject (saved)"), "\(again.stderr)")
        #expect(try exported().filter { [n1.id, n2.id].contains($0) } == [n2.id])
        // A negative the annotators agree on is not a conflict: refused, exit 1, nothing settled.
        let agreed = try ScenelensCLI.run(["review", Self.samples, "--settle", "\(item.id)/\(n2.id)=reject"] + args)
        #expect(agreed.status == 1 && agreed.stderr.contains("not a conflict"), "\(agreed.stderr)")
        // Nothing open is left to walk.
        let done = try ScenelensCLI.run(["review", Self.samples] + args)
        #expect(done.stdout.contains("No open conflicts"), "\(done.stdout)")
    }

    @Test(.enabled(if: Backend.testServer != nil))
    func settlementsTravelWithStoreCopyAndAreNotOverwritten() throws {
        let server = try #require(Backend.testServer)
        let (url, drop) = try scratchDatabase(server)
        defer { drop() }
        let dir = try StoreCopyTests.tempDir(); defer { try? FileManager.default.removeItem(at: dir) }
        let local = dir.appendingPathComponent("local.sqlite").path, back = dir.appendingPathComponent("back.sqlite").path
        try StoreCopyTests.localWork(local)
        let settled = try SQLiteReviewStore(path: local, annotator: "judge")
            .settle(NegativeKey(itemID: "i1", negativeID: "n1"), verdict: .reject, contentHash: "h1", note: "leaks", adjudicator: "judge")
        let up = try ScenelensCLI.run(["store", "copy", local, url, "--project", "team"])
        #expect(up.status == 0 && up.stderr.contains("and 1 settlement(s)"), "\(up.stderr)")
        #expect(try PostgresReviewStore(url: url, project: "team", annotator: "x").settlements() == [settled].compactMap { $0 })
        let down = try ScenelensCLI.run(["store", "copy", url, back, "--project", "team"])
        #expect(down.status == 0, "\(down.stderr)")
        #expect(try SQLiteReviewStore(path: back, annotator: "x").settlements() == [settled].compactMap { $0 })
        // A store that already settled the negative keeps its adjudicator's verdict: the copy is refused.
        let third = dir.appendingPathComponent("third.sqlite").path
        try SQLiteReviewStore(path: third, annotator: "lead")
            .settle(NegativeKey(itemID: "i1", negativeID: "n1"), verdict: .accept, contentHash: "h1", note: nil, adjudicator: "lead")
        let clash = try ScenelensCLI.run(["store", "copy", local, third])
        #expect(clash.status == 1 && clash.stderr.contains("already holds a settlement on i1/n1"), "\(clash.stderr)")
        #expect(try SQLiteReviewStore(path: third, annotator: "x").settlements().map(\.verdict) == [.accept])
    }
}
