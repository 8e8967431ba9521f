import Testing
import Foundation
@testable import SceneData

@Suite struct NegativeTests {
    let graph: [String: Any] = [
        "entities": [["id": "o1", "name": "man"], ["id": "o2", "name": "bike"], ["id": "o3", "name": "dog"]],
        "attributes": [["o2", "red"]],
        "relations": [["o1", "next to", "o2"]],
    ]

    func negative(_ n: [String: Any]) -> (Item?, [Diagnostic]) {
        var neg: [String: Any] = ["id": "n1", "rationale": "The bike is next to the man."]
        for (k, v) in n { neg[k] = v }
        return readItem(line(itemObject(["scene_graph": graph, "negatives": [neg]])))
    }

    @Test(arguments: [
        ("swap", PerturbationOperator.swap), ("misgrounded_relation", .swap),
        ("replace", .replace), ("hallucinated_entity", .replace),
        ("shorten", .shorten), ("skipped_step", .shorten),
        ("overthink", .overthink), ("over_specified", .overthink),
    ])
    func operatorsAndSynonyms(name: String, op: PerturbationOperator) throws {
        let (item, ds) = negative(["operator": name])
        #expect(errors(ds).isEmpty)
        let n = try #require(item?.negatives.first)
        #expect(n.op == op)
        #expect(n.operatorName == name)
    }

    @Test func unknownOperatorIsAnErrorAndTheNegativeIsKept() throws {
        let (item, ds) = negative(["operator": "flip"])
        #expect(errors(ds).map(\.field) == ["negatives[0].operator"])
        #expect(item?.negatives.first?.op == nil)
        #expect(item?.negatives.first?.operatorName == "flip")
    }

    @Test func rejectedIsASynonymOfNegatives() throws {
        let o = itemObject(["negatives": NSNull(),
                            "rejected": [["id": "r1", "operator": "shorten", "rationale": "Short."]]])
        let (item, ds) = readItem(line(o))
        #expect(errors(ds).isEmpty)
        #expect(item?.negatives.map(\.id) == ["r1"])
    }

    @Test func allFourEditFormsAndSGMinusAndScores() throws {
        let (item, ds) = negative([
            "operator": "replace",
            "edits": [
                ["op": "swap", "relation": ["o1", "next to", "o2"]] as [String: Any],
                ["op": "replace", "from": "o3", "to": "cat"],
                ["op": "replace", "from": ["o2", "red"], "to": ["o2", "blue"]],
                ["op": "remove", "element": ["o2", "red"]],
                ["op": "add", "element": "o3"],
            ],
            "scene_graph": ["entities": [["id": "o1", "name": "man"], ["id": "o4", "name": "cat"]],
                            "relations": [["o4", "next to", "o1"]]] as [String: Any],
            "scores": ["chosen": 0.9, "rejected": 0.2, "confidence": 0.8, "margin": 0.7],
        ])
        #expect(errors(ds).isEmpty)
        let n = try #require(item?.negatives.first)
        #expect(n.edits == [
            .swap(relation: Relation(subject: "o1", predicate: "next to", object: "o2")),
            .replace(from: .entity("o3"), to: .name("cat")),
            .replace(from: .attribute(AttributePair(entity: "o2", value: "red")),
                     to: .element(.attribute(AttributePair(entity: "o2", value: "blue")))),
            .remove(.attribute(AttributePair(entity: "o2", value: "red"))),
            .add(.entity("o3")),
        ])
        #expect(n.sceneGraph?.entities.map(\.name) == ["man", "cat"])
        #expect(n.scores == Scores(chosen: 0.9, rejected: 0.2, confidence: 0.8, other: ["margin": 0.7]))
    }

    @Test func editsAndCriticalReferringToMissingEntitiesAreErrors() {
        let o = itemObject([
            "scene_graph": graph,
            "critical": ["o1", ["o9", "red"], ["o1", "next to", "o2"]],
            "negatives": [["id": "n1", "operator": "swap", "rationale": "x",
                           "edits": [["op": "swap", "relation": ["o1", "next to", "o7"]],
                                     ["op": "remove", "element": "o8"]]]],
        ])
        let (item, ds) = readItem(line(o))
        #expect(item != nil)
        #expect(errors(ds).map(\.field) == ["negatives[0].edits[0].relation", "negatives[0].edits[1].element", "critical[1]"])
        #expect(item?.critical?.count == 3)
    }

    @Test func sgMinusRelationToMissingEntityIsAnError() {
        let (_, ds) = negative(["operator": "swap",
                                "scene_graph": ["entities": [["id": "o1", "name": "man"]], "relations": [["o1", "near", "zz"]]]])
        #expect(errors(ds).map(\.field) == ["negatives[0].scene_graph.relations[0].object"])
    }

    @Test func deeplyNestedFieldsAreNamedInFull() {
        // As deep as the format goes: seven steps below `negatives`, one of them an object id.
        let (_, ds) = negative(["operator": "swap",
                                "scene_graph": ["objects": ["7": ["name": "man", "relations": [["object": "7"], ["object": "7", "name": 3]]]]],
                                "edits": [["op": "replace", "from": ["o1", "near", "zz"], "to": "dog"]]])
        #expect(errors(ds).map(\.field) == ["negatives[0].scene_graph.objects.7.relations[0].name",
                                             "negatives[0].scene_graph.objects.7.relations[1].name",
                                             "negatives[0].edits[0].from"])
        let vg = negative(["operator": "swap",
                           "scene_graph": ["objects": [["object_id": 1, "name": "man"]],
                                           "relationships": [["subject": ["name": "dog"], "object_id": 1, "predicate": "near"]]]]).1
        #expect(errors(vg).map(\.field) == ["negatives[0].scene_graph.relationships[0].subject.object_id",
                                             "negatives[0].scene_graph.relationships[0]"])
    }

    @Test func confidenceOutsideUnitIntervalIsAWarning() {
        let (_, ds) = negative(["operator": "swap", "scores": ["confidence": 1.5]])
        #expect(errors(ds).isEmpty)
        #expect(ds.contains { $0.severity == .warning && $0.field == "negatives[0].scores.confidence" })
    }

    @Test func duplicateNegativeIDsAreErrors() {
        let o = itemObject(["negatives": [["id": "n1", "operator": "swap", "rationale": "a"],
                                          ["id": "n1", "operator": "shorten", "rationale": "b"]]])
        let (_, ds) = readItem(line(o))
        #expect(errors(ds).map(\.field) == ["negatives[1].id"])
    }
}

