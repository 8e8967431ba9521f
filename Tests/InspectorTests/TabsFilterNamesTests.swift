import Inspector
import SceneData
import Testing

@Suite struct TabsFilterNamesTests {
    static func app(_ items: [Item], width: Int = 160, height: Int = 48) -> (AppState, EffectRunner) {
        let r = EffectRunner(services: .init(source: InMemorySource(items: items), store: MemoryStore(), decode: Fixture.decode))
        var s = AppState(width: width, height: height, datasetName: "t", annotator: "tester", imageMode: .truecolor)
        s.nav.itemCount = items.count; s.nav.fullyIndexed = true
        Headless.settle(&s, InspectorApp.start(&s, at: 0), runner: r)
        return (s, r)
    }

    @Test func numberKeysPickTheTabOnSmallScreens() {
        var (s, r) = Fixture.app(width: 100, height: 30)
        #expect(s.panes.focus == .rationale)
        s.press("2", r)
        #expect(s.panes.focus == .graph && s.screen.contains("Scene graph"))
        s.press("4", r)
        #expect(s.panes.focus == .lints)
        s.press("1", r)
        #expect(s.panes.focus == .image)
    }

    @Test func theOnlyItemPassingIsNotReportedAsNone() {
        // Only item 0 has a shorten negative.
        let items = (0..<4).map { n -> Item in
            var it = Fixture.item(n)
            if n > 0 { it.negatives.removeAll { $0.op == .shorten } }
            return it
        }
        var (s, r) = Self.app(items)
        s.choose(.op(.shorten), r)
        #expect(s.lookup.filter == .op(.shorten) && s.nav.index == 0)
        s.press("n", r)
        #expect(s.nav.index == 0)
        #expect(s.flash?.text.contains("no item passes") != true)
        #expect(s.flash?.text.contains("only item") == true)
    }

    @Test func repeatedNamesGetTheirIdsAndSynonymsTheCanonicalName() {
        var item = Fixture.item(0)
        item.sceneGraph.entities.append(Entity(id: "o4", name: "cube", box: nil, attributes: ["grey"]))
        let rel = Relation(subject: "o1", predicate: "left of", object: "o4")
        item.sceneGraph.relations.append(rel)
        item.negatives = [Negative(id: "n1", op: .swap, operatorName: "misgrounded_relation", edits: [.swap(relation: rel)],
                                   rationale: Rationale(steps: ["The grey cube is left of the red cube."], answer: "no"))]
        let rows = GraphRows.build(item, negative: item.negatives.first).map(\.text)
        #expect(rows.contains("- cube o1 left of cube o4"))
        #expect(rows.contains("+ cube o4 left of cube o1"))
        #expect(rows.contains { $0.contains("swap (misgrounded_relation)") })
        // A name used once stays short.
        #expect(GraphRows.build(Fixture.item(0), negative: Fixture.item(0).negatives.first).map(\.text).contains("- cube left of sphere"))
    }
}

@Suite struct DiffNamesAgainstTheWholeSceneTests {
    @Test func aNameRepeatedOutsideTheCriticalSubgraphStillGetsItsId() {
        // The second cube is not in SG^c or SG-, only in the scene: the diff must still say which cube.
        var item = Fixture.item(0)
        item.sceneGraph.entities.append(Entity(id: "o5", name: "cube", box: nil, attributes: ["grey"]))
        let rows = GraphRows.build(item, negative: item.negatives.first).map(\.text)
        #expect(rows.contains("- cube o1 left of sphere"))
    }
}

@Suite struct ReplacedEntityNamesTests {
    @Test func replacingOneCubeByAnotherSaysWhichIsWhich() {
        var item = Fixture.item(0)
        item.sceneGraph.entities.append(Entity(id: "o4", name: "cube", box: nil, attributes: ["grey"]))
        item.negatives = [Negative(id: "n1", op: .replace, operatorName: "replace",
                                   edits: [.replace(from: .entity("o1"), to: .element(.entity("o4")))],
                                   rationale: Rationale(steps: ["The grey cube is left of the sphere."], answer: "no"))]
        let rows = GraphRows.build(item, negative: item.negatives.first).map(\.text)
        #expect(rows.contains("- cube o1"), "\(rows.prefix(4))")
        #expect(rows.contains("+ cube o4"), "\(rows.prefix(4))")
    }

    @Test func anEntityRenamedInPlaceShowsItsNewName() {
        // edits: replace o1 by the name "dog": one id, two names.
        var item = Fixture.item(0)
        item.negatives = [Negative(id: "n1", op: .replace, operatorName: "replace",
                                   edits: [.replace(from: .entity("o1"), to: .name("dog"))],
                                   rationale: Rationale(steps: ["The dog is left of the sphere."], answer: "no"))]
        let rows = GraphRows.build(item, negative: item.negatives.first).map(\.text)
        #expect(rows.contains("- cube o1"), "\(rows.prefix(4))")
        #expect(rows.contains("+ dog o1"), "\(rows.prefix(4))")
    }
}
