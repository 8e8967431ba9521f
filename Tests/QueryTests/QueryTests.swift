import Analysis
import Foundation
import Query
import Review
import SceneData
import Testing

/// A small dataset with planted values: operators, scores, a planted
/// identical negative, tags and verdicts from two annotators.
enum Planted {
    static func negative(_ id: String, op: String, steps: [String] = ["The bike is above the sun."],
                         answer: String = "no", scores: String? = nil) -> String {
        let s = scores.map { #","scores":\#($0)"# } ?? ""
        let stepsJSON = steps.map { "\"\($0)\"" }.joined(separator: ",")
        return #"{"id":"\#(id)","operator":"\#(op)","rationale":{"steps":[\#(stepsJSON)],"answer":"\#(answer)"}\#(s)}"#
    }

    static func item(_ id: String, question: String = "Is the sun above the bike?", negatives: [String]) -> String {
        #"{"id":"\#(id)","image":"img.ppm","question":"\#(question)","answer":"yes","#
            + #""scene_graph":{"entities":[{"id":"s","name":"sun"},{"id":"m","name":"bike"}],"relations":[["s","above","m"]]},"#
            + #""chosen":{"steps":["The sun is above the bike."],"answer":"yes"},"#
            + #""negatives":[\#(negatives.joined(separator: ","))]}"#
    }

    /// Item a: a swap (confident) and a replace (not); item b: an identical
    /// negative (error lint) and an overthink with a margin; item c: a lone
    /// shorten asking about a dog.
    static let lines = [
        item("a", negatives: [
            negative("n1", op: "swap", scores: #"{"chosen":0.9,"rejected":0.2,"confidence":0.95}"#),
            negative("n2", op: "replace", steps: ["The moon is above the bike."], scores: #"{"chosen":0.6,"rejected":0.5,"confidence":0.3}"#),
        ]),
        item("b", negatives: [
            negative("n1", op: "shorten", steps: ["The sun is above the bike."], answer: "yes"),
            negative("n2", op: "over_specified", steps: ["The sun is bright.", "The bike is above the sun."], scores: #"{"chosen":0.8,"rejected":0.1}"#),
        ]),
        item("c", question: "Is there a dog?", negatives: [negative("n1", op: "shorten")]),
    ]

    static func dataset() throws -> (dir: URL, data: Dataset) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("scenelens-query-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("d.jsonl").path
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
        // A 2x2 grey picture, so export finds the image it writes beside each pair.
        try Data("P6 2 2 255\n".utf8 + [UInt8](repeating: 128, count: 12)).write(to: dir.appendingPathComponent("img.ppm"))
        let data = try Dataset.open(path: path)
        data.indexAll()
        return (dir, data)
    }

    /// alice accepts a/n1 and rejects a/n2; bob rejects a/n1 (a conflict) with a tag and a note; bob skips c/n1.
    static func decisions(_ data: Dataset) throws -> [String: [Decision]] {
        let store = try SQLiteReviewStore.inMemory(annotator: "alice")
        func hash(_ item: String, _ neg: String) -> String {
            let it = data.reviewItem(id: item)!
            return ContentHash.of(it.negative(neg)!, in: it)
        }
        var out: [Decision] = []
        out.append(try store.record(NegativeKey(itemID: "a", negativeID: "n1"), verdict: .accept, contentHash: hash("a", "n1"), note: nil, tags: nil))
        out.append(try store.record(NegativeKey(itemID: "a", negativeID: "n2"), verdict: .reject, contentHash: hash("a", "n2"), note: nil, tags: nil))
        var bob = out[0]
        bob.annotator = "bob"; bob.verdict = .reject; bob.note = "the bike is red"; bob.tags = ["wrong-relation"]
        out.append(bob)
        var skip = out[0]
        skip.key = NegativeKey(itemID: "c", negativeID: "n1"); skip.annotator = "bob"; skip.verdict = .skip
        skip.contentHash = hash("c", "n1")
        out.append(skip)
        return Dictionary(grouping: out, by: \.key.itemID)
    }

    /// The matching negatives as `item/negative` strings.
    static func matches(_ query: String, decisions: [String: [Decision]] = [:]) throws -> [String] {
        let (dir, data) = try dataset(); defer { try? FileManager.default.removeItem(at: dir) }
        let q = try QueryExpr.parse(query)
        let linter = Linter()
        let m = DatasetQuery.run(q, items: data, sources: .init(decisions: decisions.isEmpty ? (try Self.decisions(data)) : decisions,
                                                                lint: { linter.lint($0, imageSize: nil) }))
        return m.items.flatMap { i in
            (m.negatives[i] ?? []).map { k in
                let item = data.reviewItem(at: i)!
                return item.id + "/" + item.negatives[k].id
            }
        }
    }
}

@Suite struct QueryParserTests {
    @Test func precedenceIsNotThenAndThenOr() throws {
        let q = try QueryExpr.parse("operator=swap or not j<0.3 and tag=x")
        #expect(q.text == "operator=swap or not j<0.3 and tag=x")
        guard case .or(_, .and(.not, _)) = q else { Issue.record("parsed as \(q)"); return }
    }

    @Test func wordsSideBySideMeanBoth() throws {
        #expect(try QueryExpr.parse("red cube").text == "text~red and text~cube")
        #expect(try QueryExpr.parse("\"left of\" operator=swap").text == "text~\"left of\" and operator=swap")
    }

    @Test func rangesListsAndSynonyms() throws {
        #expect(try QueryExpr.parse("j in 0.3..0.7").text == "j=0.3..0.7")
        #expect(try QueryExpr.parse("confidence=..0.5").text == "confidence=..0.5")
        #expect(try QueryExpr.parse("operator=misgrounded_relation,replace").text == "operator=swap,replace")
        #expect(try QueryExpr.parse("verdict=accepted").text == "verdict=accept")
        #expect(try QueryExpr.parse("NOT (verdict=skipped)").text == "not verdict=skip")
    }

    @Test func mistakesNameTheColumnAndWhatWasMeant() {
        func error(_ q: String) -> QueryError? {
            do { _ = try QueryExpr.parse(q); return nil } catch { return error }
        }
        #expect(error("opertor=swap")?.column == 1)
        #expect(error("opertor=swap")?.message.contains("did you mean 'operator'") == true)
        #expect(error("operator=swap and j<abc")?.column == 21)
        #expect(error("verdict=acept")?.message.contains("did you mean 'accept'") == true)
        #expect(error("lint=identicl")?.message.contains("did you mean 'identical'") == true)
        #expect(error("j~0.3")?.message.contains("is a number") == true)
        #expect(error("tag<x")?.message.contains("is text") == true)
        #expect(error("(operator=swap")?.message.contains("')'") == true)
        #expect(error("j=0.7..0.3")?.message.contains("empty") == true)
        #expect(error("j<0.1,0.2")?.message.contains("one value") == true)
        #expect(error("note=\"open")?.column == 6)
        #expect(error("")?.message == "the query is empty")
        #expect(error("j=1e400")?.message.contains("not one") == true)
    }
}

@Suite struct QueryEvaluationTests {
    @Test func itemAndNegativeFields() throws {
        #expect(try Planted.matches("operator=swap") == ["a/n1"])
        #expect(try Planted.matches("operator=overthink") == ["b/n2"], "a synonym in the data reads as its operator")
        #expect(try Planted.matches("id=a") == ["a/n1", "a/n2"])
        #expect(try Planted.matches("question~dog") == ["c/n1"])
        #expect(try Planted.matches("steps>=2") == ["b/n2"])
        #expect(try Planted.matches("item=2") == ["c/n1"])
    }

    @Test func scoresMarginAndMissingValues() throws {
        #expect(try Planted.matches("confidence>=0.9") == ["a/n1"])
        #expect(try Planted.matches("confidence=none") == ["b/n1", "b/n2", "c/n1"])
        #expect(try Planted.matches("margin>0.5") == ["a/n1", "b/n2"])
        #expect(try Planted.matches("margin=0.05..0.2") == ["a/n2"])
        #expect(try Planted.matches("not confidence<0.5") == ["a/n1", "b/n1", "b/n2", "c/n1"], "a missing value is not below anything")
    }

    @Test func lintsAndSeverity() throws {
        #expect(try Planted.matches("lint=identical") == ["b/n1"])
        #expect(try Planted.matches("severity=error") == ["b/n1"])
        #expect(try Planted.matches("severity>=warning and operator=shorten") == ["b/n1"])
    }

    @Test func verdictsAnnotatorsTagsNotes() throws {
        #expect(try Planted.matches("verdict=conflict") == ["a/n1"])
        #expect(try Planted.matches("verdict=reject") == ["a/n1", "a/n2"])
        #expect(try Planted.matches("verdict=undecided") == ["b/n1", "b/n2"])
        #expect(try Planted.matches("verdict=skipped") == ["c/n1"])
        #expect(try Planted.matches("annotator=bob and not verdict=skip") == ["a/n1"])
        #expect(try Planted.matches("tag=wrong-relation") == ["a/n1"])
        #expect(try Planted.matches("note~RED") == ["a/n1"])
        #expect(try Planted.matches("tag=none and id=a") == ["a/n2"])
    }

    /// `attention`: the lowest attention-share of the negative's own maps, else the item's; none without either.
    @Test func attentionIsTheLowestShareOfTheNegativesMapsElseTheItems() throws {
        let (dir, data) = try Planted.dataset(); defer { try? FileManager.default.removeItem(at: dir) }
        let item = try #require(data.reviewItem(id: "a"))
        func share(_ v: Double, negative k: Int?) -> LintFinding {
            LintFinding(name: Lint.attentionShare.name, severity: .info, itemID: "a", negativeID: k.map { item.negatives[$0].id },
                        line: 1, message: "", value: v, negativeIndex: k)
        }
        let field = try #require(QueryField.named("attention"))
        // n1 has maps of its own (0.7 and 0.4); n2 has none and falls back to the item's (0.9, 0.6).
        let planted = [share(0.9, negative: nil), share(0.6, negative: nil), share(0.7, negative: 0), share(0.4, negative: 0)]
        let facts = ItemFacts(item: item, index: 0, needs: field.needs, lint: { _ in planted })
        #expect(facts.number(field, negative: 0) == 0.4)
        #expect(facts.number(field, negative: 1) == 0.6)
        let none = ItemFacts(item: item, index: 0, needs: field.needs, lint: { _ in [] })
        #expect(none.number(field, negative: 0) == nil)
        // The planted dataset has no attention maps: no negative has a value.
        #expect(try Planted.matches("attention=none").count == 5)
        #expect(try Planted.matches("attention<1").isEmpty)
    }

    @Test func aChangedNegativeMakesItsDecisionStale() throws {
        let (dir, data) = try Planted.dataset(); defer { try? FileManager.default.removeItem(at: dir) }
        var grouped = try Planted.decisions(data)
        grouped["a"] = grouped["a"]?.map { d in var d = d; d.contentHash = "old"; return d }
        #expect(try Planted.matches("verdict=stale", decisions: grouped) == ["a/n1", "a/n2"])
        #expect(try Planted.matches("verdict=stale and verdict=undecided", decisions: grouped) == ["a/n1", "a/n2"],
                "a stale decision does not count as decided")
    }
}

@Suite struct FrequencyTableTests {
    @Test func operatorByVerdict() throws {
        let (dir, data) = try Planted.dataset(); defer { try? FileManager.default.removeItem(at: dir) }
        let fields = try FrequencyTable.fields("operator,verdict")
        let t = FrequencyTable.count(by: fields, items: data, matches: nil,
                                     sources: .init(decisions: try Planted.decisions(data)))
        #expect(t.negatives == 5)
        #expect(t.count(["swap", "accept"]) == 1)
        #expect(t.count(["swap", "reject"]) == 1)
        #expect(t.count(["swap", "conflict"]) == 1)
        #expect(t.count(["shorten", "undecided"]) == 1)
        #expect(t.count(["shorten", "skip"]) == 1)
        #expect(t.values[0] == ["swap", "replace", "shorten", "overthink"])
        let text = t.text()
        #expect(text.contains("operator \\ verdict"))
        let swapRow = text.split(separator: "\n").first { $0.hasPrefix("  swap") }.map(String.init) ?? ""
        #expect(swapRow.split(separator: " ").last == "3", "a negative with several verdicts counts under each: \(swapRow)")
    }

    @Test func numbersGoInBinsWithTheGapsShown() throws {
        let (dir, data) = try Planted.dataset(); defer { try? FileManager.default.removeItem(at: dir) }
        let t = FrequencyTable.count(by: try FrequencyTable.fields("confidence"), items: data, matches: nil, sources: .init())
        #expect(t.values[0].first == "[0.3, 0.4)")
        #expect(t.values[0].contains("[0.5, 0.6)"), "empty bins between used ones are listed")
        #expect(t.values[0].last == FrequencyTable.noValue)
        #expect(t.count(["[0.9, 1]"]) == 1)
        #expect(t.count([FrequencyTable.noValue]) == 3)
    }

    @Test func onlyTheMatchesAreCounted() throws {
        let (dir, data) = try Planted.dataset(); defer { try? FileManager.default.removeItem(at: dir) }
        let m = DatasetQuery.run(try QueryExpr.parse("id=b"), items: data, sources: .init())
        let t = FrequencyTable.count(by: try FrequencyTable.fields("operator"), items: data, matches: m, sources: .init())
        #expect(t.negatives == 2)
        #expect(t.values[0] == ["shorten", "overthink"])
    }

    @Test func badFieldsAreNamed() {
        #expect(throws: QueryError.self) { try FrequencyTable.fields("operater") }
        #expect(throws: QueryError.self) { try FrequencyTable.fields("operator,verdict,tag") }
    }
}

@Suite struct MatchingSourcesTests {
    @Test func statsAndExportSeeOnlyTheMatches() throws {
        let (dir, data) = try Planted.dataset(); defer { try? FileManager.default.removeItem(at: dir) }
        let m = DatasetQuery.run(try QueryExpr.parse("operator=swap,shorten"), items: data, sources: .init())
        #expect(m.summary == "3 items, 3 negatives")
        let items = MatchingItems(data, matches: m)
        #expect(items.itemCount == 3)
        #expect(items.reviewItem(at: 0)?.negatives.map(\.id) == ["n1"])
        #expect(items.reviewItem(id: "b")?.negatives.map(\.operatorName) == ["shorten"])
        #expect(items.reviewItem(id: "nope") == nil)
        let decisions = try Planted.decisions(data)
        let report = ReviewStats.compute(items: items, decisions: decisions.mapValues { $0.filter { m.keys.contains($0.key) } })
        #expect(report.overall.negatives == 3)
        #expect(report.orphaned.isEmpty, "decisions on negatives left out are not orphans")
        #expect(report.byOperator["replace"] == nil)
    }
}
