import Foundation
import Testing
import SceneData
import Analysis
@testable import Review

@Suite struct StatsTests {
    /// Three items (one unreadable line), three annotators with known overlaps.
    func scenario() throws -> (items: ArrayReviewItemSource, store: SQLiteReviewStore, dir: URL) {
        let dir = try makeTempDir()
        let path = dir.appendingPathComponent("s.sqlite").path
        let i0 = makeItem("i0"), i1 = makeItem("i1"), i2 = makeItem("i2")
        let ana = try SQLiteReviewStore(path: path, annotator: "ana")
        let bo = try SQLiteReviewStore(path: path, annotator: "bo")
        let cy = try SQLiteReviewStore(path: path, annotator: "cy")
        // ana and bo judge four negatives: agree on three (2 accept, 1 reject), differ on one.
        try decide(ana, i0, "n1", .accept); try decide(bo, i0, "n1", .accept)
        try decide(ana, i0, "n2", .reject); try decide(bo, i0, "n2", .reject)
        try decide(ana, i1, "n1", .accept); try decide(bo, i1, "n1", .accept)
        try decide(ana, i1, "n2", .accept); try decide(bo, i1, "n2", .reject)
        // cy: one judgement shared with both, one skip (not a judgement).
        try decide(cy, i0, "n1", .accept)
        try decide(cy, i2, "n1", .skip)
        // A stale decision and two orphans.
        var changed = i2; changed.negatives[1].rationale.steps = ["Other text."]
        try decide(ana, changed, "n2", .accept)
        try ana.record(key("gone", "n1"), verdict: .reject, contentHash: "x", note: nil, tags: nil)
        try bo.record(key("i2", "n9"), verdict: .accept, contentHash: "x", note: nil, tags: nil)
        return (ArrayReviewItemSource([i0, nil, i1, i2], directory: dir.path), ana, dir)
    }

    @Test func countsPerOperatorAndAnnotator() throws {
        let (items, store, dir) = try scenario(); defer { try? FileManager.default.removeItem(at: dir) }
        let r = try ReviewStats.compute(items: items, store: store)
        #expect(r.items == 4 && r.unreadableItems == 1)
        #expect(r.overall.negatives == 6)
        #expect(r.overall.decided == 5) // all but i2/n2, whose only decision is stale
        #expect(r.overall.verdicts == ReviewSummary(accepted: 6, rejected: 3, skipped: 1))
        let swap = try #require(r.byOperator["swap"]) // n1 of each item
        #expect(swap.negatives == 3 && swap.decided == 3)
        #expect(swap.verdicts == ReviewSummary(accepted: 5, rejected: 0, skipped: 1))
        #expect(swap.acceptanceRate == 1)
        let replace = try #require(r.byOperator["replace"])
        #expect(replace.verdicts == ReviewSummary(accepted: 1, rejected: 3, skipped: 0))
        #expect(replace.acceptanceRate == 0.25)
        let ana = try #require(r.byAnnotator["ana"])
        #expect(ana.negatives == 6 && ana.decided == 4 && ana.undecided == 2)
        #expect(ana.acceptanceRate == 0.75)
        #expect(r.byAnnotator["cy"]?.verdicts == ReviewSummary(accepted: 1, rejected: 0, skipped: 1))
    }

    @Test func agreementConflictsStaleAndOrphans() throws {
        let (items, store, dir) = try scenario(); defer { try? FileManager.default.removeItem(at: dir) }
        let r = try ReviewStats.compute(items: items, store: store)
        let ab = try #require(r.pairs.first { $0.first == "ana" && $0.second == "bo" })
        #expect(ab.overlap == 4 && ab.observed == 0.75)
        // Table [[2,1],[0,1]]: p_o 0.75, p_e 0.75*0.5 + 0.25*0.5 = 0.5, kappa 0.5.
        #expect(ab.kappa == Kappa.cohen([[2, 1], [0, 1]]))
        #expect(ab.kappa.map { abs($0 - 0.5) < 1e-12 } == true)
        // ana/cy and bo/cy share one negative, on which all three accepted: kappa undefined.
        let ac = try #require(r.pairs.first { $0.first == "ana" && $0.second == "cy" })
        #expect(ac.overlap == 1 && ac.kappa == nil)
        let g = try #require(r.group)
        #expect(g.annotators == ["ana", "bo", "cy"] && g.overlap == 1 && g.kappa == nil)
        #expect(r.conflicts.count == 1)
        #expect(r.conflicts.first?.key == key("i1", "n2"))
        #expect(r.conflicts.first?.verdicts.map { "\($0.0)=\($0.1.rawValue)" } == ["ana=accept", "bo=reject"])
        #expect(r.stale.map(\.key) == [key("i2", "n2")])
        #expect(r.orphaned.map { "\($0.decision.key.itemID)/\($0.decision.key.negativeID) \($0.itemMissing)" }
                == ["gone/n1 true", "i2/n9 false"])
    }

    @Test func textAndJSONForms() throws {
        let (items, store, dir) = try scenario(); defer { try? FileManager.default.removeItem(at: dir) }
        let r = try ReviewStats.compute(items: items, store: store)
        let text = r.text(dataset: "d.jsonl", store: "d.review.sqlite")
        #expect(text.contains("Negatives  6: 5 decided, 1 undecided"))
        #expect(text.contains("ana / bo: 4 judged by both, agree 75.0%, Cohen's kappa 0.500"))
        #expect(text.contains("i1 / n2: ana accept, bo reject"))
        #expect(text.contains("  replace           3        2          1       1       3     0        25.0%"))
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(r.json(dataset: "d.jsonl", store: "s").utf8)) as? [String: Any])
        #expect(obj["negatives"] as? Int == 6 && obj["decided"] as? Int == 5 && obj["unreadable_items"] as? Int == 1)
        let ops = try #require(obj["by_operator"] as? [String: [String: Any]])
        #expect(ops["replace"]?["acceptance_rate"] as? Double == 0.25)
        let agreement = try #require(obj["agreement"] as? [String: Any])
        let pairs = try #require(agreement["pairs"] as? [[String: Any]])
        #expect(pairs.first?["cohen_kappa"] as? Double == 0.5)
        #expect((agreement["group"] as? [String: Any])?["fleiss_kappa"] is NSNull)
        #expect((obj["conflicts"] as? [Any])?.count == 1)
        #expect((obj["orphaned"] as? [[String: Any]])?.map { $0["missing"] as? String } == ["item", "negative"])
    }

    @Test func fleissOverThreeAnnotatorsOnSharedNegatives() throws {
        // Four negatives judged by all three: (A,A,A) (R,R,R) (A,A,R) (A,R,R).
        var grouped: [String: [Decision]] = [:]
        let items = (0..<4).map { makeItem("f\($0)", negatives: [makeItem("x").negatives[0]]) }
        let verdicts: [[Verdict]] = [[.accept, .accept, .accept], [.reject, .reject, .reject],
                                     [.accept, .accept, .reject], [.accept, .reject, .reject]]
        for (i, vs) in verdicts.enumerated() {
            let item = items[i]
            for (a, v) in zip(["a", "b", "c"], vs) {
                grouped[item.id, default: []].append(Decision(key: key(item.id, "n1"), annotator: a, verdict: v, time: Date(),
                                                              contentHash: ContentHash.of(item.negatives[0], in: item)))
            }
        }
        let r = ReviewStats.compute(items: ArrayReviewItemSource(items, directory: "/"), decisions: grouped)
        let g = try #require(r.group)
        #expect(g.overlap == 4)
        // P-bar = (1 + 1 + 1/3 + 1/3) / 4 = 2/3, P-e = 0.5: kappa = 1/3.
        #expect(g.kappa.map { abs($0 - 1.0 / 3.0) < 1e-12 } == true)
        #expect(r.conflicts.count == 2)
    }
}

@Suite struct StatsLintTests {
    /// One item whose swap negative repeats the chosen text (punctuation aside): a planted `identical`.
    func plantedItems() -> ArrayReviewItemSource {
        var planted = makeItem("p0")
        planted.negatives[0].rationale = Rationale(steps: ["The man kneels next to the motorcycle", "He looks at the engine!"],
                                                   answer: "inspecting it")
        return ArrayReviewItemSource([planted, nil, makeItem("c0")], directory: "/")
    }

    func lintCounts(_ items: ArrayReviewItemSource) -> LintCounts {
        let linter = Linter()
        return LintCounts.count(items: items, positioned: { item in
            linter.lint(item, imageSize: nil).filter { $0.severity != .info }
                .map { ($0.name, $0.negativeID == nil ? nil : $0.negativeIndex) }
        })
    }

    @Test func plantedIdenticalShowsUnderItsOperator() throws {
        let items = plantedItems()
        let counts = lintCounts(items)
        #expect(counts.count("identical", operator: "swap") == 1)
        #expect(counts.count("identical") == 1) // the clean copy c0 adds nothing
        var report = ReviewStats.compute(items: items, decisions: [:])
        report.lints = counts
        let text = report.text(dataset: "d.jsonl", store: "s")
        let section = try #require(text.components(separatedBy: "Lints per operator").last)
        let header = try #require(section.split(separator: "\n").dropFirst().first)
        let row = try #require(section.split(separator: "\n").first { $0.contains("identical") })
        // The 1 sits in the swap column.
        let swapEnd = try #require(header.range(of: "swap")).upperBound
        let rowCells = String(row)
        #expect(rowCells.count >= header.distance(from: header.startIndex, to: swapEnd))
        let idx = rowCells.index(rowCells.startIndex, offsetBy: header.distance(from: header.startIndex, to: swapEnd) - 1)
        #expect(rowCells[idx] == "1")

        let data = Data(report.json(dataset: "d.jsonl", store: "s").utf8)
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let byOp = try #require(json["lints_by_operator"] as? [String: [String: Int]])
        #expect(byOp["swap"]?["identical"] == 1)
        #expect(byOp["replace"]?["identical"] == nil)
    }

    @Test func noLintSectionWhenNotLinted() {
        let report = ReviewStats.compute(items: plantedItems(), decisions: [:])
        #expect(!report.text(dataset: "d", store: "s").contains("Lints per operator"))
        #expect(!report.json(dataset: "d", store: "s").contains("lints_by_operator"))
    }
}

@Suite struct DatasetOpeningTests {
    @Test func missingDatasetIsStatusTwoWithValidatesMessage() throws {
        let dir = try makeTempDir(); defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("nope.jsonl").path
        guard case .failure(let f) = DatasetOpening.open(path, command: "stats") else {
            Issue.record("a missing dataset opened"); return
        }
        #expect(f.message == "scenelens stats: \(path): no such file")
        #expect(f.status == 2)
    }

    @Test func directoryIsStatusTwo() throws {
        let dir = try makeTempDir(); defer { try? FileManager.default.removeItem(at: dir) }
        guard case .failure(let f) = DatasetOpening.open(dir.path, command: "export") else {
            Issue.record("a directory opened as a dataset"); return
        }
        #expect(f.message.hasPrefix("scenelens export: \(dir.path): "))
        #expect(f.status == 2)
    }
}

@Suite struct LintCountsOrderTests {
    /// `stats` and `lint` print the same table shape: operators in catalogue
    /// order (not alphabetical), lints in the order the caller gives.
    @Test func columnsFollowTheOperatorsAndRowsTheCallersOrder() {
        var c = LintCounts()
        c.add("same-answer", operator: "swap")
        c.add("identical", operator: "overthink")
        c.add("identical", operator: "twist")
        c.add("evidence-leak", operator: nil)
        let lines = c.ordered(by: ["identical", "same-answer", "evidence-leak"]).textLines()
        let header = lines[0].split(separator: " ").map(String.init)
        #expect(header == ["lint", "total", "swap", "overthink", "twist", "(item)"])
        #expect(lines.dropFirst().map { $0.split(separator: " ").first.map(String.init) ?? "" }
                == ["identical", "same-answer", "evidence-leak"])
    }
}
