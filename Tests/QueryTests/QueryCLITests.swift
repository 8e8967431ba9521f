import CLITestSupport
import Foundation
import Imaging
import Review
import SceneData
import Testing

/// `--where` and `--by` on the commands, as a user runs them, on the planted dataset.
@Suite struct QueryCLITests {
    /// The planted dataset with alice's accept of a/n1 and a/n2 and bob's reject of a/n1 in its default store.
    static func withStore() throws -> (dir: URL, path: String) {
        let (dir, data) = try Planted.dataset()
        let path = dir.appendingPathComponent("d.jsonl").path
        for (annotator, verdict, neg) in [("alice", Verdict.accept, "n1"), ("alice", .accept, "n2"), ("bob", .reject, "n1")] {
            let store = try SQLiteReviewStore(path: SQLiteReviewStore.defaultPath(forDataset: path), annotator: annotator)
            let item = data.reviewItem(id: "a")!
            _ = try store.record(NegativeKey(itemID: "a", negativeID: neg), verdict: verdict,
                                 contentHash: ContentHash.of(item.negative(neg)!, in: item), note: nil, tags: nil)
        }
        return (dir, path)
    }

    /// The commands answer alike from the summary (made in XDG_CACHE_HOME on
    /// the first run, read on the next) and with `--no-summary`; a damaged
    /// summary is said so and made again.
    @Test func theSummaryChangesNoAnswerOfTheCommands() throws {
        let (dir, path) = try Self.withStore(); defer { try? FileManager.default.removeItem(at: dir) }
        var env = ProcessInfo.processInfo.environment
        env["XDG_CACHE_HOME"] = dir.appendingPathComponent("cache").path
        let runs: [[String]] = [
            ["stats", path, "--by", "operator,verdict", "--json"],
            ["stats", path, "--where", "verdict=conflict or text~moon", "--by", "lint"],
            ["stats", path, "--where", "lint=identical or operator=swap"],
            ["export", path, "--where", "operator=swap", "--out", dir.appendingPathComponent("OUT").path],
            ["lint", path, "--where", "question~dog"],
            ["render", path, "--where", "verdict=accept", "--size", "100x30"],
        ]
        for first in [true, false] {
            for args in runs {
                let kept = try ScenelensCLI.run(args, environment: env)
                let out = dir.appendingPathComponent("OUT").path
                let exported = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
                let walked = try ScenelensCLI.run(args + ["--no-summary"], environment: env)
                let exportedWalking = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
                #expect(kept.status == walked.status && kept.stdout == walked.stdout, "\(args) (first: \(first))")
                #expect(kept.stderr.split(separator: "\n").filter { $0.contains("matches") }
                        == walked.stderr.split(separator: "\n").filter { $0.contains("matches") }, "\(args)")
                #expect(exported == exportedWalking)
            }
        }
        let folder = dir.appendingPathComponent("cache/scenelens/summaries")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".summary") }
        #expect(files.count == 1 && files[0].hasPrefix("d.jsonl-"))
        let file = folder.appendingPathComponent(files[0])
        var bytes = [UInt8](try Data(contentsOf: file))
        bytes[bytes.count - 20] ^= 0x01
        try Data(bytes).write(to: file)
        let again = try ScenelensCLI.run(["stats", path, "--by", "operator"], environment: env)
        #expect(again.status == 0)
        #expect(again.stderr.contains("the summary was damaged (checksum does not match) and was made again"), "\(again.stderr)")
    }

    /// Making a summary lints every item: a question without lints walks
    /// instead while there is none, and one with lints makes it for the next.
    @Test func aSummaryIsMadeOnlyForAQuestionThatLints() throws {
        let (dir, path) = try Self.withStore(); defer { try? FileManager.default.removeItem(at: dir) }
        var env = ProcessInfo.processInfo.environment
        env["XDG_CACHE_HOME"] = dir.appendingPathComponent("cache").path
        let folder = dir.appendingPathComponent("cache/scenelens/summaries").path
        func kept() -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".summary") } }
        for args in [["stats", path, "--by", "operator"], ["stats", path, "--where", "operator=swap and text~moon"]] {
            let r = try ScenelensCLI.run(args, environment: env)
            #expect(r.status == 0, "\(r.stderr)")
            #expect(kept().isEmpty, "\(args) made a summary")
        }
        let linting = try ScenelensCLI.run(["stats", path, "--by", "lint"], environment: env)
        #expect(linting.status == 0, "\(linting.stderr)")
        #expect(kept().count == 1, "a table of lints makes the summary")
        // Once there, a question without lints uses it too, with the same answer as the walk.
        let used = try ScenelensCLI.run(["stats", path, "--by", "operator"], environment: env)
        let walked = try ScenelensCLI.run(["stats", path, "--by", "operator", "--no-summary"], environment: env)
        #expect(used.stdout == walked.stdout)
    }

    @Test func statsByOperatorAndVerdict() throws {
        let (dir, path) = try Self.withStore(); defer { try? FileManager.default.removeItem(at: dir) }
        let r = try ScenelensCLI.run(["stats", path, "--by", "operator,verdict", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let rows = json?["rows"] as? [[String: Any]] ?? []
        func n(_ op: String, _ v: String) -> Int? {
            rows.first { $0["operator"] as? String == op && $0["verdict"] as? String == v }?["negatives"] as? Int
        }
        #expect(n("swap", "conflict") == 1)
        #expect(n("replace", "accept") == 1)
        #expect(n("shorten", "undecided") == 2)
        #expect(json?["negatives"] as? Int == 5)
        let text = try ScenelensCLI.run(["stats", path, "--by", "operator", "--where", "verdict=accept"])
        #expect(text.stdout.contains("negatives by operator (2 negatives)"), "\(text.stdout)")
        #expect(text.stderr.contains("matches 1 item, 2 negatives"), "\(text.stderr)")
    }

    @Test func statsWhereCountsOnlyTheMatches() throws {
        let (dir, path) = try Self.withStore(); defer { try? FileManager.default.removeItem(at: dir) }
        let r = try ScenelensCLI.run(["stats", path, "--where", "operator=swap", "--json", "--no-lint"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        #expect(json?["negatives"] as? Int == 1, "\(r.stdout.prefix(400))")
        #expect(json?["items"] as? Int == 1)
        #expect((json?["orphaned"] as? [Any])?.isEmpty ?? true)
    }

    @Test func exportWhereWritesOnlyMatchingPairs() throws {
        let (dir, path) = try Self.withStore(); defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("o.jsonl").path
        // Both of a's negatives are accepted by the majority? a/n1 is 1-1 (not), a/n2 is accepted.
        let all = try ScenelensCLI.run(["export", path, "--out", out, "--format", "pairs", "--resolve", "any"])
        #expect(all.status == 0, "\(all.stderr)")
        #expect(try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").count == 2)
        let some = try ScenelensCLI.run(["export", path, "--out", out, "--format", "pairs", "--resolve", "any",
                                         "--where", "confidence<0.5"])
        #expect(some.status == 0, "\(some.stderr)")
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.contains("moon") == true, "only a/n2 has a confidence below 0.5: \(lines)")
        let none = try ScenelensCLI.run(["export", path, "--out", out, "--where", "id=zzz"])
        #expect(none.status == 1, "no pair written is exit 1: \(none.stderr)")
    }

    @Test func renderShowsTheFirstMatch() throws {
        let (dir, path) = try Self.withStore(); defer { try? FileManager.default.removeItem(at: dir) }
        let r = try ScenelensCLI.run(["render", path, "--where", "lint=identical", "--size", "120x6", "--plain"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("id b · negative n1"), "\(r.stdout)")
        let none = try ScenelensCLI.run(["render", path, "--where", "verdict=skip", "--size", "120x6"])
        #expect(none.status == 1)
        #expect(none.stderr.contains("nothing matches --where verdict=skip"), "\(none.stderr)")
    }

    @Test func lintWhereReportsOnlyMatchingNegatives() throws {
        let (dir, path) = try Self.withStore(); defer { try? FileManager.default.removeItem(at: dir) }
        let all = try ScenelensCLI.run(["lint", path])
        #expect(all.stdout.contains("b/n1: identical"))
        let r = try ScenelensCLI.run(["lint", path, "--where", "verdict=accept"])
        #expect(!r.stdout.contains("b/n1"), "\(r.stdout)")
        #expect(r.stdout.contains("1 item, 2 negatives") || r.stdout.contains("1 items, 2 negatives"), "\(r.stdout)")
    }

    @Test func aBadQueryIsAUsageErrorThatPointsAtTheMistake() throws {
        let (dir, path) = try Self.withStore(); defer { try? FileManager.default.removeItem(at: dir) }
        for command in ["render", "lint", "stats", "export"] {
            var args = [command, path, "--where", "verdict=acepted"]
            if command == "export" { args += ["--out", dir.appendingPathComponent("x.jsonl").path] }
            let r = try ScenelensCLI.run(args)
            #expect(r.status == 2, "\(command): \(r.stderr)")
            #expect(r.stderr.contains("column 9"), "\(command): \(r.stderr)")
        }
        let by = try ScenelensCLI.run(["stats", path, "--by", "operater"])
        #expect(by.status == 2)
        #expect(by.stderr.contains("did you mean 'operator'"), "\(by.stderr)")
    }
}

/// `stats --calibration` and `stats --plot DIR` as a user runs them.
@Suite struct StatsFiguresCLITests {
    @Test func calibrationOnThePlantedDataset() throws {
        let (dir, path) = try QueryCLITests.withStore(); defer { try? FileManager.default.removeItem(at: dir) }
        let r = try ScenelensCLI.run(["stats", path, "--calibration", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        // a/n2 (confidence 0.3, judge prefers chosen, accepted) agrees; a/n1 is tied 1-1 and left out.
        #expect(json?["pairs"] as? Int == 1, "\(r.stdout)")
        #expect(json?["without_verdict"] as? Int == 1)
        #expect(json?["agreement"] as? Double == 1)
        let text = try ScenelensCLI.run(["stats", path, "--calibration"])
        #expect(text.stdout.contains("expected calibration error 0.70"), "|1 - 0.3|: \(text.stdout)")
    }

    @Test func chartsPrintTheFiguresInTheTerminal() throws {
        let (dir, path) = try QueryCLITests.withStore(); defer { try? FileManager.default.removeItem(at: dir) }
        let r = try ScenelensCLI.run(["stats", path, "--charts", "--no-lint"], environment: ["LANG": "C.UTF-8", "TERM": "xterm-256color"])
        #expect(r.status == 0, "\(r.stderr)")
        for title in ["Overlap J of", "Acceptance per operator", "Judge calibration:", "Decisions over time (UTC)"] {
            #expect(r.stdout.contains(title), "\(title)")
        }
        #expect(r.stdout.contains("█"), "the planted decisions give bars")
        // The reliability diagram and progress are braille plots: dots, an axis from 0 to 1 / to the count.
        let braille = r.stdout.unicodeScalars.filter { (0x2801...0x28FF).contains($0.value) }
        #expect(!braille.isEmpty, "braille dots")
        #expect(r.stdout.contains("confidence 0"))
        let ascii = try ScenelensCLI.run(["stats", path, "--charts", "--no-lint"], environment: ["LANG": "C", "LC_ALL": "C", "TERM": "vt100"])
        #expect(ascii.status == 0)
        #expect(ascii.stdout.contains("Acceptance per operator"))
        #expect(!ascii.stdout.contains("█") && !ascii.stdout.contains("▏"))
        #expect(ascii.stdout.contains("#"), "bars in # without Unicode")
    }

    @Test func plotsArePNGFilesThatOpen() throws {
        let (dir, path) = try QueryCLITests.withStore(); defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("plots").path
        let r = try ScenelensCLI.run(["stats", path, "--plot", out, "--no-lint"])
        #expect(r.status == 0, "\(r.stderr)")
        // The planted negatives have no SG- or edits, so j.png is drawn from the bundled samples.
        let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Samples/scenes.jsonl").path
        let sampleRun = try ScenelensCLI.run(["stats", samples, "--plot", out, "--no-lint"])
        #expect(sampleRun.status == 0, "\(sampleRun.stderr)")
        let j = try ImageDecoder.decodeFile(atPath: (out as NSString).appendingPathComponent("j.png"))
        #expect(stride(from: 0, to: j.pixels.count, by: 4).contains { j.pixels[$0] == 40 && j.pixels[$0 + 1] == 120 && j.pixels[$0 + 2] == 200 },
                "the bars inside the band are in the accent colour")
        _ = try ScenelensCLI.run(["stats", path, "--plot", out, "--no-lint"])
        for name in ["acceptance.png", "calibration.png", "progress.png"] {
            let file = (out as NSString).appendingPathComponent(name)
            let image = try ImageDecoder.decodeFile(atPath: file)
            #expect(image.width == 720 && image.height == 420, "\(name)")
            // Not blank: a bar or a line in a colour other than the white background and the grey ink.
            #expect(stride(from: 0, to: image.pixels.count, by: 4).contains { i in
                let p = image.pixels
                return p[i] != p[i + 1] || p[i + 1] != p[i + 2]
            }, "\(name) has no coloured bar")
        }
        let blocked = try ScenelensCLI.run(["stats", path, "--plot", path + "/x", "--no-lint"])
        #expect(blocked.status == 2, "a folder inside a file cannot be made: \(blocked.stderr)")
        #expect(blocked.stderr.contains("--plot"))
    }
}
