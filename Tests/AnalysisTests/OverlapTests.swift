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

    @Test func negativeFromEditsAppliesThemToSGPlus() {
        // Removing the cylinder removes cylinder·green and (cylinder, cube): J = 4/6.
        let neg = Sample.negative(op: "shorten", edits: [.remove(.entity("o3"))], steps: ["x"])
        let j = Overlap.jaccard(negative: neg, item: Sample.item())
        #expect(j.map { abs($0 - 4.0 / 6.0) < 1e-12 } == true)
        #expect(Overlap.jaccard(negative: Sample.negative(steps: ["x"]), item: Sample.item()) == nil)
    }

    @Test func criticalJaccardUsesTheCriticalSubgraph() {
        // SG^c = {cube·red, (cube, sphere)}; after the swap {cube·red, (sphere, cube)}: J = 1/3.
        let item = Sample.item(critical: [.attribute(AttributePair(entity: "o1", value: "red")), .relation(Sample.leftOf)])
        let neg = Sample.negative(edits: [.swap(relation: Sample.leftOf)], steps: ["x"])
        let j = Overlap.criticalJaccard(negative: neg, item: item)
        #expect(j.map { abs($0 - 1.0 / 3.0) < 1e-12 } == true)
    }

    @Test func editApplierReportsEditsThatDoNotFit() {
        let result = EditApplier.apply([.swap(relation: Relation(subject: "o3", predicate: "on", object: "o2"))], to: Sample.graph)
        #expect(result.graph == Sample.graph)
        #expect(result.problems.count == 1)
    }
}
