import Testing
import SceneData
@testable import Analysis

@Suite struct OverlapTests {
    @Test func universeHoldsAttributePairsAndRelationPairs() {
        // 4 attribute pairs (cube red, cube metal, sphere blue, cylinder green) + 2 relation pairs.
        #expect(Overlap.elements(of: Sample.graph).count == 6)
    }

    @Test func swapOnTheSampleGraph() {
        // U(SG+) = {cube·red, cube·metal, sphere·blue, cylinder·green, (cube, sphere), (cylinder, cube)}
        // U(SG-) = the same with (cube, sphere) replaced by (sphere, cube)
        // |∩| = 5, |∪| = 7, J = 5/7 ≈ 0.714
        var minus = Sample.graph
        minus.relations[0] = Relation(subject: "o2", predicate: "left of", object: "o1")
        #expect(abs(Overlap.jaccard(Sample.graph, minus) - 5.0 / 7.0) < 1e-12)
    }

    @Test func renameChangesEveryElementOfTheEntity() {
        // Renaming the cube (same id) changes cube·red, cube·metal, (cube, sphere), (cylinder, cube):
        // |∩| = 2 (sphere·blue, cylinder·green), |∪| = 2 + 4 + 4 = 10, J = 0.2
        var minus = Sample.graph
        minus.entities[0].name = "dog"
        #expect(abs(Overlap.jaccard(Sample.graph, minus) - 0.2) < 1e-12)
    }

    @Test func smallGraphByHand() {
        // SG+: man(o1) next to motorcycle(o2); motorcycle red.   U+ = {moto·red, (man, moto)}
        // SG-: shorten removes the attribute, overthink adds (o2, o1) "behind".
        //      U- = {(man, moto), (moto, man)}.  |∩| = 1, |∪| = 3, J = 1/3
        let plus = SceneGraph(entities: [Entity(id: "o1", name: "man"), Entity(id: "o2", name: "motorcycle", attributes: ["red"])],
                              relations: [Relation(subject: "o1", predicate: "next to", object: "o2")])
        var minus = plus
        minus.entities[1].attributes = []
        minus.relations.append(Relation(subject: "o2", predicate: "behind", object: "o1"))
        #expect(abs(Overlap.jaccard(plus, minus) - 1.0 / 3.0) < 1e-12)
    }

    @Test func predicatesDoNotCount() {
        var minus = Sample.graph
        minus.relations[0].predicate = "right of"
        #expect(Overlap.jaccard(Sample.graph, minus) == 1)
    }

    @Test func bothEmptyIsOne() {
        let bare = SceneGraph(entities: [Entity(id: "o1", name: "cube")], relations: [])
        #expect(Overlap.jaccard(bare, bare) == 1)
        #expect(Overlap.jaccard(bare, SceneGraph(entities: [], relations: [])) == 1)
    }

    @Test func editsAreAppliedToTheCriticalSubgraph() {
        // No `critical`: the chosen text mentions the three entities, red, blue and green (not metal)
        // and both relations. U(SG^c) = {cube·red, sphere·blue, cylinder·green, (cube, sphere), (cylinder, cube)}.
        // Removing the cylinder removes cylinder·green and (cylinder, cube): J = 3/5.
        let neg = Sample.negative(op: "shorten", edits: [.remove(.entity("o3"))], steps: ["x"])
        let m = Overlap.measure(negative: neg, item: Sample.item())
        #expect(m.map { abs($0.value - 3.0 / 5.0) < 1e-12 } == true)
        #expect(m?.reading == .criticalSubgraph && m?.source == .edits)
        #expect(Overlap.jaccard(negative: Sample.negative(steps: ["x"]), item: Sample.item()) == nil)
    }

    @Test func criticalReferencesDefineTheSubgraph() {
        // SG^c = {cube·red, (cube, sphere)}; after the swap {cube·red, (sphere, cube)}: J = 1/3.
        let item = Sample.item(critical: [.attribute(AttributePair(entity: "o1", value: "red")), .relation(Sample.leftOf)])
        let neg = Sample.negative(edits: [.swap(relation: Sample.leftOf)], steps: ["x"])
        #expect(Overlap.jaccard(negative: neg, item: item).map { abs($0 - 1.0 / 3.0) < 1e-12 } == true)
    }

    @Test func wholeGraphSGMinusIsComparedWithSGPlus() {
        var minus = Sample.graph
        minus.relations[0] = Relation(subject: "o2", predicate: "left of", object: "o1")
        let item = Sample.item(critical: [.entity("o1"), .entity("o2"), .relation(Sample.leftOf)])
        let m = Overlap.measure(negative: Sample.negative(graph: minus, steps: ["x"]), item: item)
        #expect(m?.reading == .wholeGraph)
        #expect(m.map { abs($0.value - 5.0 / 7.0) < 1e-12 } == true)
    }

    /// SG- written as the perturbed critical subgraph, as `scenelens sample` writes it.
    @Test func criticalFormSGMinusIsComparedWithSGc() {
        // SG+: cylinders o12 (purple) and o13 (large, brown), o12 right of o13, plus o8 (cyan) and o9 elsewhere.
        let plus = SceneGraph(entities: [Entity(id: "o12", name: "cylinder", attributes: ["purple", "metal"]),
                                         Entity(id: "o13", name: "cylinder", attributes: ["large", "brown"]),
                                         Entity(id: "o8", name: "cylinder", attributes: ["cyan", "small"]),
                                         Entity(id: "o9", name: "sphere", attributes: ["red"])],
                              relations: [Relation(subject: "o12", predicate: "right of", object: "o13")])
        let critical: [ElementRef] = [.entity("o12"), .entity("o13"), .attribute(AttributePair(entity: "o12", value: "purple")),
                                      .attribute(AttributePair(entity: "o13", value: "large")),
                                      .attribute(AttributePair(entity: "o13", value: "brown")),
                                      .relation(Relation(subject: "o12", predicate: "right of", object: "o13"))]
        // replace o12 by o8 (another cylinder of the scene):
        // U(SG^c) = {o12·purple, o13·large, o13·brown, (o12, o13)}
        // U(SG-)  = {o8·cyan,    o13·large, o13·brown, (o8, o13)}   |∩| = 2, |∪| = 6, J = 1/3.
        // o8 is not matched to o12 by name: the ids are shared with SG+.
        let minus = SceneGraph(entities: [Entity(id: "o8", name: "cylinder", attributes: ["cyan"]),
                                          Entity(id: "o13", name: "cylinder", attributes: ["large", "brown"])],
                               relations: [Relation(subject: "o8", predicate: "right of", object: "o13")])
        let item = Sample.item(critical: critical, graph: plus)
        let neg = Sample.negative(op: "replace", edits: [.replace(from: .entity("o12"), to: .element(.entity("o8")))], graph: minus, steps: ["x"])
        let m = Overlap.measure(negative: neg, item: item)
        #expect(m?.reading == .criticalSubgraph)
        #expect(m.map { abs($0.value - 1.0 / 3.0) < 1e-12 } == true)
        let diff = GraphDiff.of(neg, in: item)
        #expect(diff.changes.count == 1)
        guard case .replacedEntity(let from, let to)? = diff.changes.first else { Issue.record("no replacement"); return }
        #expect(from.id == "o12" && to.id == "o8")
        // overthink: o9 and (o13, behind, o9) join SG^c.
        // U(SG-) = U(SG^c) ∪ {o9·red, (o13, o9)}: |∩| = 4, |∪| = 6, J = 2/3.
        var more = CriticalElements.subgraph(for: item)
        more.entities.append(Entity(id: "o9", name: "sphere", attributes: ["red"]))
        more.relations.append(Relation(subject: "o13", predicate: "behind", object: "o9"))
        let over = Sample.negative(op: "overthink", graph: more, steps: ["x"])
        #expect(Overlap.jaccard(negative: over, item: item).map { abs($0 - 2.0 / 3.0) < 1e-12 } == true)
        #expect(Set(GraphDiff.of(over, in: item).changes) == [.added(.entity("o9")), .added(.relation(Relation(subject: "o13", predicate: "behind", object: "o9")))])
    }

    @Test func editApplierReportsEditsThatDoNotFit() {
        let result = EditApplier.apply([.swap(relation: Relation(subject: "o3", predicate: "on", object: "o2"))], to: Sample.graph)
        #expect(result.graph == Sample.graph)
        #expect(result.problems.count == 1)
    }
}
