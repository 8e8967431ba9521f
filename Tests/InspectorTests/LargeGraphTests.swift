import Foundation
import Analysis
import Testing
@testable import Inspector
import SceneData

/// Issue 14: the scene-graph pane and the lints are linear in the graph.
/// 100k objects is a size where the old lookups (a scan of every entity per
/// relation, per tied mention) would take hours, so these tests finish only
/// when the code is linear; they measure nothing and cannot be flaky.
@Suite struct LargeGraphTests {
    static let n = 100_000

    /// n cubes and spheres, all small and grey (so the text's "grey cube" ties
    /// across 50k look-alikes), each left of the next.
    static func item() -> Item {
        var entities: [Entity] = []
        var relations: [Relation] = []
        for i in 0..<n {
            entities.append(Entity(id: "o\(i)", name: i % 2 == 0 ? "sphere" : "cube",
                                   box: BoundingBox(x: Double(i % 300), y: Double(i % 200), w: 10, h: 10),
                                   attributes: ["small", "grey"]))
            relations.append(Relation(subject: "o\(i)", predicate: "left of", object: "o\((i + 1) % n)"))
        }
        relations.append(Relation(subject: "o1", predicate: "touching", object: "o-missing"))
        let plus = SceneGraph(entities: entities, relations: relations, width: 320, height: 240)
        var minus = plus
        minus.relations[0] = relations[0].reversed
        let negative = Negative(id: "n1", op: .swap, operatorName: "swap", edits: [.swap(relation: relations[0])],
                                sceneGraph: minus,
                                rationale: Rationale(steps: ["The small cube is left of the grey sphere.", "So no."], answer: "no"))
        return Item(id: "big", line: 1, image: .path("img.png"), question: "Is the grey sphere left of the small cube?",
                    answer: "yes", sceneGraph: plus, critical: nil,
                    chosen: Rationale(steps: ["The grey sphere is left of the small cube.", "So yes."], answer: "yes"),
                    negatives: [negative])
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["SCENELENS_LARGE_TESTS"] != nil,
                   "minutes in a debug build on 2 cores; SCENELENS_LARGE_TESTS=1 swift test -c release --filter LargeGraphTests"))
    func theGraphPaneOfAHundredThousandObjectsIsBuilt() throws {
        let item = Self.item()
        let rows = GraphRows.build(item, negative: item.negatives.first)
        let entities = rows.filter { if case .entity = $0.kind { true } else { false } }
        let relations = rows.filter { if case .relation = $0.kind { true } else { false } }
        #expect(entities.count == Self.n)
        #expect(relations.count == Self.n + 1)
        // The relation to an entity the graph lacks is still marked.
        #expect(relations.contains { $0.broken == "(no entity o-missing)" })
        // The swap is found between two 100k graphs.
        #expect(rows.contains { $0.text == "- sphere left of cube" }, "\(rows.prefix(6).map(\.text))")
        #expect(rows.contains { $0.text == "+ cube left of sphere" }, "\(rows.prefix(6).map(\.text))")
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["SCENELENS_LARGE_TESTS"] != nil,
                   "minutes in a debug build on 2 cores; SCENELENS_LARGE_TESTS=1 swift test -c release --filter LargeGraphTests"))
    func theLintsOfAHundredThousandObjectsRun() {
        let item = Self.item()
        let findings = Linter().lint(item, imageSize: (320, 240))
        #expect(findings.allSatisfy { $0.itemID == "big" })
        #expect(!CriticalElements.resolved(for: item).isEmpty, "the chosen text names the sphere and the cube")
    }

    @Test func entityLookupsFollowChangesToTheList() {
        var g = SceneGraph(entities: (0..<40).map { Entity(id: "e\($0)", name: "n\($0)") }, relations: [])
        #expect(g.entity("e39")?.name == "n39")
        let copy = g
        g.entities.removeAll { $0.id == "e3" }
        g.entities.append(Entity(id: "new", name: "fresh"))
        #expect(g.entity("e3") == nil)
        #expect(g.entity("new")?.name == "fresh")
        #expect(g.entity("e39")?.name == "n39")
        #expect(copy.entity("e3")?.name == "n3", "a copy keeps its own list and index")
        #expect(copy.entity("new") == nil)
        g.entities.append(Entity(id: "e5", name: "duplicate"))
        #expect(g.entity("e5")?.name == "n5", "the first entity with an id wins, as before")
    }
}
