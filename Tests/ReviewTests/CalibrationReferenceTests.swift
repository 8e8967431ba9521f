import Foundation
import Review
import SceneData
import Testing

/// `stats --calibration`'s figures against an independent computation in
/// Python (scripts/calibration_reference.py) on the same pairs.
@Suite struct CalibrationReferenceTests {
    struct Reference: Decodable {
        struct Pair: Decodable { var confidence: Double; var judge_prefers_chosen: Bool; var accepts: Int; var rejects: Int }
        struct Bin: Decodable { var pairs: Int; var mean_confidence: Double?; var agreement: Double? }
        struct Expected: Decodable { var pairs: Int; var ece: Double; var agreement: Double; var bins: [Bin] }
        var pairs: [Pair]
        var expected: Expected
    }

    static func reference() throws -> Reference {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Calibration/pairs.json")
        return try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
    }

    /// One item per pair, its negative scored so the judge prefers what the pair says, decided as the pair says.
    static func dataset(_ pairs: [Reference.Pair]) throws -> (ArrayReviewItemSource, [String: [Decision]]) {
        var items: [Item?] = []
        var decisions: [String: [Decision]] = [:]
        for (k, p) in pairs.enumerated() {
            let negative = Negative(id: "n1", op: .swap, operatorName: "swap", rationale: Rationale(steps: ["The bike is above the sun."], answer: "no"),
                                    scores: Scores(chosen: p.judge_prefers_chosen ? 0.9 : 0.1,
                                                   rejected: p.judge_prefers_chosen ? 0.1 : 0.9, confidence: p.confidence))
            let item = Item(id: "i\(k)", line: k + 1, image: .path("x.png"), question: "Is the sun above the bike?", answer: "yes",
                            sceneGraph: SceneGraph(entities: [], relations: []), chosen: Rationale(steps: ["The sun is above the bike."], answer: "yes"), negatives: [negative])
            items.append(item)
            let hash = ContentHash.of(negative, in: item)
            let verdicts = Array(repeating: Verdict.accept, count: p.accepts) + Array(repeating: Verdict.reject, count: p.rejects)
            decisions[item.id] = verdicts.enumerated().map { a, v in
                Decision(key: NegativeKey(itemID: item.id, negativeID: "n1"), annotator: "a\(a)", verdict: v, time: Date(), contentHash: hash)
            }
        }
        return (ArrayReviewItemSource(items, directory: "/tmp"), decisions)
    }

    @Test func matchesThePythonReference() throws {
        let ref = try Self.reference()
        let (items, decisions) = try Self.dataset(ref.pairs)
        let r = CalibrationReport.compute(items: items, decisions: decisions)
        #expect(r.pairs.count == ref.expected.pairs)
        #expect(r.withoutVerdict == ref.pairs.count - ref.expected.pairs, "the tie and the undecided pair are left out")
        #expect(abs((r.expectedCalibrationError ?? -1) - ref.expected.ece) < 1e-12)
        #expect(abs((r.agreement ?? -1) - ref.expected.agreement) < 1e-12)
        #expect(r.bins.map(\.count) == ref.expected.bins.map(\.pairs))
        for (mine, theirs) in zip(r.bins, ref.expected.bins) {
            #expect(abs((mine.meanConfidence ?? -1) - (theirs.mean_confidence ?? -1)) < 1e-12)
            #expect(abs((mine.agreement ?? -1) - (theirs.agreement ?? -1)) < 1e-12)
        }
    }

    @Test func confidentDisagreementsAreListedMostConfidentFirst() throws {
        let ref = try Self.reference()
        let (items, decisions) = try Self.dataset(ref.pairs)
        let r = CalibrationReport.compute(items: items, decisions: decisions, confidentAt: 0.8)
        let listed = r.confidentDisagreements
        let expected = ref.pairs.filter { $0.accepts != $0.rejects && $0.confidence >= 0.8
            && $0.judge_prefers_chosen != ($0.accepts > $0.rejects) }.count
        #expect(listed.count == expected && expected > 0)
        #expect(listed.map(\.confidence) == listed.map(\.confidence).sorted(by: >))
        #expect(r.text().contains("Confident disagreements (confidence ≥ 0.80"))
    }

    @Test func aJudgeThatIsAlwaysRightAtFullConfidenceIsCalibrated() throws {
        let pairs = (0..<10).map { k in Reference.Pair(confidence: 1, judge_prefers_chosen: k % 2 == 0, accepts: k % 2 == 0 ? 1 : 0, rejects: k % 2 == 0 ? 0 : 1) }
        let (items, decisions) = try Self.dataset(pairs)
        let r = CalibrationReport.compute(items: items, decisions: decisions)
        #expect(r.expectedCalibrationError == 0)
        #expect(r.agreement == 1)
        #expect(r.confidentDisagreements.isEmpty)
    }
}
