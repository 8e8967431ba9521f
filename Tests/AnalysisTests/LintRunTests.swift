import Foundation
import Testing
import SceneData
@testable import Analysis

@Suite struct LintRunTests {
    /// One item in triple form with a clean swap (n1) and a shorten that swaps instead (n2), then a broken line.
    static let dataset = """
    {"id":"c1","image":"img.png","question":"What is left of the sphere?","answer":"cube","scene_graph":{"entities":[{"id":"o1","name":"cube"},{"id":"o2","name":"sphere"}],"attributes":[["o1","red"],["o2","blue"]],"relations":[["o1","left of","o2"]]},"chosen":{"steps":["The red cube is left of the blue sphere.","So it is the cube."],"answer":"cube"},"negatives":[{"id":"n1","operator":"swap","edits":[{"op":"swap","relation":["o1","left of","o2"]}],"rationale":{"steps":["The blue sphere is left of the red cube.","So it is the sphere."],"answer":"sphere"}},{"id":"n2","operator":"shorten","edits":[{"op":"swap","relation":["o1","left of","o2"]}],"rationale":{"steps":["The blue sphere is left of the red cube.","So it is nothing."],"answer":"nothing"}}]}

    {"id": broken
    """

    func run(_ text: String, _ options: LintRun.Options) throws -> (Int32, [String], [String]) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lintrun-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("data.jsonl").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        var out: [String] = [], err: [String] = []
        let status = LintRun.run(path: path, options: options, imageSize: { _, _ in nil },
                                 output: { out.append($0.replacingOccurrences(of: path, with: "data.jsonl")) },
                                 errorOutput: { err.append($0) })
        return (status, out, err)
    }

    /// Items are linted on every core a batch at a time: findings and read
    /// errors must still come out in file order, over several batches.
    @Test func manyItemsComeOutInFileOrder() throws {
        let item = Self.dataset.split(separator: "\n").first.map(String.init) ?? ""
        var lines: [String] = []
        for k in 0..<1300 {
            lines.append(k % 97 == 50 ? "{\"id\": broken" : item.replacingOccurrences(of: "\"id\":\"c1\"", with: "\"id\":\"c\(k)\""))
        }
        let (_, out, err) = try run(lines.joined(separator: "\n"), LintRun.Options())
        let ids = out.compactMap { line -> Int? in
            guard line.hasPrefix("data.jsonl:"), let range = line.range(of: ": c") else { return nil }
            return Int(line[range.upperBound...].prefix { $0.isNumber })
        }
        let expected = (0..<1300).filter { $0 % 97 != 50 }
        #expect(ids == expected)
        let errorLines = err.compactMap { Int($0.split(separator: ":").dropFirst().first ?? "") }
        #expect(errorLines == (0..<1300).filter { $0 % 97 == 50 }.map { $0 + 1 })
        // Unreadable lines are items too, named by line, as validate and stats count them.
        let broken = 1300 - expected.count
        #expect(out.last?.hasPrefix("1300 items (\(broken) unreadable: lines 51, 148, 245, 342, 439 and \(broken - 5) more), "
                                    + "\(expected.count * 2) negatives: \(expected.count) errors") == true, "\(out.last ?? "")")
    }

    /// Preference rows (TRL here) have no scene graph, operator or answer: the
    /// lints that need them are skipped and said so once, not an error per negative.
    @Test func lintsThatNeedMissingDataSayNAOnce() throws {
        let rows = (0..<3).map { #"{"id": "t\#($0)", "image": "img.png", "prompt": "What is it?", "chosen": "A red cube.", "rejected": "A blue ball."}"# }
        let (status, out, err) = try run(rows.joined(separator: "\n"), LintRun.Options())
        #expect(status == LintRun.ok)
        #expect(err.isEmpty)
        #expect(Array(out.suffix(6)) == [
            "3 items, 3 negatives: 0 errors, 0 warnings",
            "n/a: overlap-out-of-range skipped on 3 negatives without a scene graph: the data has none",
            "n/a: operator-mismatch skipped on 3 negatives without an operator: the data has none",
            "n/a: untouched-text skipped on 3 negatives without a scene graph: the data has none",
            "n/a: same-answer skipped on 3 negatives without an answer: the data has none",
            "n/a: unknown-entity skipped on 3 negatives without a scene graph: the data has none",
        ])
        // --only a lint that runs: no word about the others.
        let (_, only, _) = try run(rows.joined(separator: "\n"), LintRun.Options(config: LintConfig(only: ["identical"])))
        #expect(!only.contains { $0.hasPrefix("n/a") })
        // A SceneLens item with a graph and operators skips nothing.
        let (_, full, _) = try run(Self.dataset, LintRun.Options())
        #expect(!full.contains { $0.hasPrefix("n/a") })
    }

    @Test func parallelMapKeepsOrderAndNils() {
        for count in [0, 1, 2, 3, 7, 513] {
            #expect(ParallelMap.map(10..<(10 + count)) { $0 * 3 } == (10..<(10 + count)).map { $0 * 3 })
            // Results that are themselves optional keep their place.
            let odd: [Int?] = ParallelMap.map(0..<count) { $0 % 2 == 1 ? $0 : nil }
            #expect(odd == (0..<count).map { $0 % 2 == 1 ? $0 : nil })
        }
    }

    @Test func askingOnlyForInfoLintsSaysToAddInfo() throws {
        let (_, out, err) = try run(Self.dataset, LintRun.Options(config: LintConfig(only: ["overlap"])))
        #expect(err.contains("scenelens lint: note: overlap is an info lint; add --info to print the findings"))
        #expect(!out.contains { $0.contains(": overlap:") })
        let (_, shown, quiet) = try run(Self.dataset, LintRun.Options(config: LintConfig(only: ["overlap"]), showInfo: true))
        #expect(!quiet.contains { $0.contains("note:") })
        #expect(shown.contains { $0.contains(": overlap: J(SG-") })
    }

    @Test func textLinesThenTable() throws {
        let (status, out, err) = try run(Self.dataset, LintRun.Options())
        #expect(status == LintRun.errorsFound)
        #expect(out.contains("data.jsonl:1: c1/n2: operator-mismatch: operator shorten but the edits show nothing removed (swap: cube left of sphere → sphere left of cube)"))
        #expect(!out.contains { $0.contains("c1/n1") })
        #expect(out.contains { $0.hasPrefix("operator-mismatch ") && $0.split(separator: " ").map(String.init) == ["operator-mismatch", "1", "0", "0", "1", "0", "0"] })
        #expect(out.last == "2 items (1 unreadable: line 3), 2 negatives: 1 error, 0 warnings")
        #expect(err.contains { $0.contains(":3:") })
    }

    /// An item that reads but has a dataset error (here a critical reference to
    /// no entity) is linted; the summary names it apart from unreadable lines and lint findings.
    @Test func itemsReadWithDatasetErrorsAreNamedApartFromUnreadableLines() throws {
        let first = Self.dataset.components(separatedBy: "\n")[0]
        let dangling = first.replacingOccurrences(of: "\"id\":\"c1\"", with: "\"id\":\"c2\",\"critical\":[\"o9\"]")
        let (status, out, err) = try run([first, dangling, "{\"id\": broken"].joined(separator: "\n"), LintRun.Options())
        #expect(status == LintRun.errorsFound)
        #expect(out.dropLast().last?.hasPrefix("3 items (1 unreadable: line 3), 4 negatives: 2 errors, ") == true, "\(out)")
        #expect(out.last == "1 item read with dataset errors (line 2); `scenelens validate` lists them")
        #expect(err.contains { $0.hasSuffix(":2: c2: critical[0]: no entity 'o9' in the scene graph") }, "\(err)")
    }

    @Test func jsonLinesCarryJ() throws {
        let (_, out, _) = try run(Self.dataset, LintRun.Options(json: true))
        let objects = out.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(objects.count == out.count)
        // U+ = {cube·red, sphere·blue, (cube, sphere)}; the swap makes the pair (sphere, cube):
        // |∩| = 2, |∪| = 4, J = 0.5 for both negatives.
        let overlaps = objects.filter { $0["lint"] as? String == "overlap" }
        #expect(overlaps.count == 2)
        #expect(overlaps.allSatisfy { ($0["value"] as? Double) == 0.5 && ($0["overlap"] as? Double) == 0.5 })
        #expect(objects.contains { $0["lint"] as? String == "operator-mismatch" && $0["negative"] as? String == "n2" && $0["severity"] as? String == "error" })
    }

    @Test func cleanDatasetExitsZeroAndOnlyFilters() throws {
        let clean = Self.dataset.components(separatedBy: "\n")[0].replacingOccurrences(of: "\"shorten\"", with: "\"swap\"")
        #expect(try run(clean, LintRun.Options()).0 == LintRun.ok)
        let (status, out, _) = try run(Self.dataset, LintRun.Options(config: LintConfig(only: ["same-answer"])))
        #expect(status == LintRun.errorsFound)  // the broken line still counts
        #expect(!out.contains { $0.contains("operator-mismatch:") })
    }

    @Test func couldNotRun() throws {
        var err: [String] = []
        let status = LintRun.run(path: "/nonexistent/data.jsonl", options: LintRun.Options(), imageSize: { _, _ in nil },
                                 output: { _ in }, errorOutput: { err.append($0) })
        #expect(status == LintRun.couldNotRun && err.count == 1)
        #expect(try run(Self.dataset, LintRun.Options(config: LintConfig(only: ["nope"]))).0 == LintRun.couldNotRun)
    }
}
