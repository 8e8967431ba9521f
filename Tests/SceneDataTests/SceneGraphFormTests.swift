import Testing
@testable import SceneData

@Suite struct SceneGraphFormTests {
    func graph(_ sg: [String: Any]) -> (SceneGraph?, [Diagnostic]) {
        let (item, ds) = readItem(line(itemObject(["scene_graph": sg, "negatives": [Any]()])))
        return (item?.sceneGraph, ds)
    }

    @Test func readsGQAWithBoxesAndOutgoingRelations() throws {
        let (g, ds) = graph([
            "width": 500, "height": 333,
            "objects": [
                "1188535": ["name": "meat", "x": 176, "y": 231, "w": 32, "h": 22, "attributes": [String](),
                            "relations": [["name": "inside", "object": "1188513"]]] as [String: Any],
                "1188513": ["name": "skillet", "x": 148, "y": 210, "w": 350, "h": 118, "attributes": ["black"],
                            "relations": [Any]()] as [String: Any],
            ] as [String: Any],
        ])
        let sg = try #require(g)
        #expect(errors(ds).isEmpty)
        #expect(sg.form == .gqa)
        #expect(sg.width == 500 && sg.height == 333)
        #expect(sg.entity("1188513")?.attributes == ["black"])
        #expect(sg.entity("1188535")?.box == BoundingBox(x: 176, y: 231, w: 32, h: 22))
        #expect(sg.relations == [Relation(subject: "1188535", predicate: "inside", object: "1188513")])
    }

    @Test func readsTripleFormWithOptionalBoxes() throws {
        let (g, ds) = graph([
            "entities": [["id": "o1", "name": "man"], ["id": "o2", "name": "motorcycle", "box": [40, 60, 200, 120]]],
            "attributes": [["o2", "red"]],
            "relations": [["o1", "next to", "o2"]],
        ])
        let sg = try #require(g)
        #expect(errors(ds).isEmpty)
        #expect(sg.form == .triple)
        #expect(sg.entity("o1")?.box == nil)
        #expect(sg.entity("o2")?.box == BoundingBox(x: 40, y: 60, w: 200, h: 120))
        #expect(sg.attributePairs == [AttributePair(entity: "o2", value: "red")])
        #expect(sg.relations == [Relation(subject: "o1", predicate: "next to", object: "o2")])
    }

    @Test func readsVisualGenomeWithNumericIDsNamesAndIDRelationships() throws {
        let (g, ds) = graph([
            "objects": [
                ["object_id": 1058549, "names": ["trees"], "x": 0, "y": 0, "w": 799, "h": 557],
                ["object_id": 1058534, "name": "sidewalk", "x": 10, "y": 400, "w": 100, "h": 50, "attributes": ["grey"]],
            ],
            "relationships": [["subject_id": 1058549, "predicate": "ON", "object_id": 1058534]],
        ])
        let sg = try #require(g)
        #expect(errors(ds).isEmpty)
        #expect(sg.form == .visualGenome)
        #expect(sg.entities.map(\.id) == ["1058549", "1058534"])
        #expect(sg.entities.map(\.name) == ["trees", "sidewalk"])
        #expect(sg.entity("1058534")?.attributes == ["grey"])
        #expect(sg.relations == [Relation(subject: "1058549", predicate: "ON", object: "1058534")])
    }

    @Test func readsVisualGenomeNestedSubjectAndObject() throws {
        let (g, ds) = graph([
            "relationships": [[
                "predicate": "wears",
                "subject": ["object_id": 5, "name": "man", "x": 1, "y": 2, "w": 3, "h": 4],
                "object": ["object_id": 6, "names": ["hat"]],
            ] as [String: Any]],
        ])
        let sg = try #require(g)
        #expect(errors(ds).isEmpty)
        #expect(sg.entities.map(\.name) == ["man", "hat"])
        #expect(sg.entity("5")?.box == BoundingBox(x: 1, y: 2, w: 3, h: 4))
        #expect(sg.relations == [Relation(subject: "5", predicate: "wears", object: "6")])
    }

    @Test func unknownShapeIsAnErrorButTheItemRemains() {
        let (item, ds) = readItem(line(itemObject(["scene_graph": ["nodes": [Any]()]])))
        #expect(item != nil)
        #expect(errors(ds).contains { $0.field == "scene_graph" && $0.message.contains("not a known scene-graph form") })
    }

    @Test func partialBoxAndBadTripleBoxAreErrors() {
        let (_, ds) = graph(["entities": [["id": "o1", "name": "a", "box": [1, 2, 3]],
                                          ["id": "o2", "name": "b", "x": 1, "y": 2]]])
        #expect(errors(ds).map(\.field) == ["scene_graph.entities[0].box", "scene_graph.entities[1]"])
    }
}
