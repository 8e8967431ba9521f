import Testing
import SceneData
@testable import Analysis

@Suite struct GraphDiffTests {
    let plus = Sample.graph

    @Test func identicalGraphsHaveNoChanges() {
        #expect(GraphDiff.between(plus: plus, minus: plus).isEmpty)
    }

    @Test func reversedRelationIsASwapNotRemoveAndAdd() {
        var minus = plus
        minus.relations[0] = Relation(subject: "o2", predicate: "left of", object: "o1")
        let diff = GraphDiff.between(plus: plus, minus: minus)
        #expect(diff.changes == [.swapped(Sample.leftOf)])
        #expect(diff.summaries == ["swap: cube left of sphere → sphere left of cube"])
        #expect(diff.touchedEntityIDs == ["o1", "o2"])
        #expect(diff.touchedRelations == [Sample.leftOf])
    }

    @Test func swapWrittenAsExchangedNamesIsASwap() {
        var minus = plus
        minus.entities[0].name = "sphere"
        minus.entities[1].name = "cube"
        let diff = GraphDiff.between(plus: plus, minus: minus)
        #expect(diff.changes.contains(.swapped(Sample.leftOf)))
        #expect(!diff.changes.contains { if case .replacedEntity = $0 { return true }; return false })
    }

    @Test func renamedEntityIsAReplacement() {
        var minus = plus
        minus.entities[1].name = "dog"
        let diff = GraphDiff.between(plus: plus, minus: minus)
        #expect(diff.changes.count == 1)
        guard case .replacedEntity(let from, let to)? = diff.changes.first else { Issue.record("no replacement"); return }
        #expect(from.name == "sphere" && to.name == "dog")
        #expect(diff.summaries == ["replace: sphere → dog"])
    }

    @Test func entityWithNewIdInTheSamePlaceIsAReplacement() {
        var minus = plus
        minus.entities[1] = Entity(id: "o9", name: "cone", attributes: ["blue"])
        minus.relations[0] = Relation(subject: "o1", predicate: "left of", object: "o9")
        let diff = GraphDiff.between(plus: plus, minus: minus)
        #expect(diff.changes.count == 1)
        guard case .replacedEntity(let from, let to)? = diff.changes.first else { Issue.record("no replacement"); return }
        #expect(from.id == "o2" && to.id == "o9")
    }

    @Test func entitiesWithOtherIdsAreMatchedByName() {
        let renumbered = SceneGraph(entities: plus.entities.map { e in var e = e; e.id = "x" + e.id; return e },
                                    relations: plus.relations.map { Relation(subject: "x" + $0.subject, predicate: $0.predicate, object: "x" + $0.object) })
        #expect(GraphDiff.between(plus: plus, minus: renumbered).isEmpty)
    }

    @Test func changedAttributeIsAReplacement() {
        var minus = plus
        minus.entities[0].attributes = ["yellow", "metal"]
        let diff = GraphDiff.between(plus: plus, minus: minus)
        #expect(diff.changes == [.replacedAttribute(entity: "o1", from: "red", to: "yellow")])
        #expect(diff.summaries == ["replace: cube red → yellow"])
    }

    @Test func relationToAnotherEntityIsAReplacedRelation() {
        var minus = plus
        minus.relations[0] = Relation(subject: "o1", predicate: "left of", object: "o3")
        let diff = GraphDiff.between(plus: plus, minus: minus)
        #expect(diff.changes == [.replacedRelation(from: Sample.leftOf, to: Relation(subject: "o1", predicate: "left of", object: "o3"))])
    }

    @Test func removedAndAddedElements() {
        var minus = plus
        minus.relations.removeLast()
        minus.entities[1].attributes.append("rubber")
        minus.entities.append(Entity(id: "o4", name: "cone"))
        let diff = GraphDiff.between(plus: plus, minus: minus)
        #expect(Set(diff.changes) == [.removed(.relation(Sample.inFront)),
                                      .added(.attribute(AttributePair(entity: "o2", value: "rubber"))),
                                      .added(.entity("o4"))])
    }

    @Test func removedEntityTakesItsRelations() {
        var minus = plus
        minus.entities.removeLast()
        minus.relations.removeLast()
        let diff = GraphDiff.between(plus: plus, minus: minus)
        #expect(Set(diff.changes) == [.removed(.entity("o3")), .removed(.relation(Sample.inFront))])
    }

    @Test func movedBoxIsReported() {
        var minus = plus
        minus.entities[2].box = BoundingBox(x: 0, y: 0, w: 5, h: 5)
        let diff = GraphDiff.between(plus: plus, minus: minus)
        #expect(diff.changes == [.changedBox(entity: "o3", from: Sample.cylinder.box, to: BoundingBox(x: 0, y: 0, w: 5, h: 5))])
        // A graph without boxes (a language-model parse) is not a box change.
        var boxless = plus
        for k in boxless.entities.indices { boxless.entities[k].box = nil }
        #expect(GraphDiff.between(plus: plus, minus: boxless).isEmpty)
    }

    @Test func editsBecomeChanges() {
        let edits: [Edit] = [
            .swap(relation: Sample.leftOf),
            .replace(from: .entity("o2"), to: .name("dog")),
            .replace(from: .attribute(AttributePair(entity: "o1", value: "red")), to: .name("gray")),
            .remove(.relation(Sample.inFront)),
            .add(.attribute(AttributePair(entity: "o3", value: "small"))),
        ]
        let diff = GraphDiff.fromEdits(edits, plus: plus)
        #expect(diff.source == .edits)
        #expect(diff.changes == [
            .swapped(Sample.leftOf),
            .replacedEntity(from: Sample.sphere, to: Entity(id: "o2", name: "dog")),
            .replacedAttribute(entity: "o1", from: "red", to: "gray"),
            .removed(.relation(Sample.inFront)),
            .added(.attribute(AttributePair(entity: "o3", value: "small"))),
        ])
        #expect(diff.minus.entity("o2")?.name == "dog")
    }

    @Test func negativePrefersItsGraphOverItsEdits() {
        var minus = plus
        minus.relations[0] = Relation(subject: "o2", predicate: "left of", object: "o1")
        let withGraph = Sample.negative(edits: [.remove(.entity("o3"))], graph: minus, steps: ["x"])
        #expect(GraphDiff.of(withGraph, in: Sample.item()).changes == [.swapped(Sample.leftOf)])
        let editsOnly = Sample.negative(edits: [.remove(.entity("o3"))], steps: ["x"])
        #expect(GraphDiff.of(editsOnly, in: Sample.item()).changes == [.removed(.entity("o3"))])
        #expect(GraphDiff.of(Sample.negative(steps: ["x"]), in: Sample.item()).source == .none)
    }

    // SG- written as a perturbed SG^c that copies the critical entities from SG+
    // whole, while `critical` names the entities but not their attributes.
    static let critical: [ElementRef] = [.entity("o1"), .entity("o2"), .relation(Sample.leftOf)]

    /// SG^c's entities as SG+ has them (attributes included), without the cylinder.
    static func copiedWhole(_ relations: [Relation]) -> SceneGraph {
        SceneGraph(entities: [Sample.cube, Sample.sphere], relations: relations, width: 100, height: 100)
    }

    @Test func attributesSGPlusAlreadyHasAreNotAddedInACriticalFormSwap() {
        let item = Sample.item(critical: Self.critical)
        let neg = Sample.negative(graph: Self.copiedWhole([Sample.leftOf.reversed]), steps: ["x"])
        let diff = GraphDiff.of(neg, in: item)
        #expect(diff.changes == [.swapped(Sample.leftOf)])
        #expect(diff.summaries == ["swap: cube left of sphere → sphere left of cube"])
        // J leaves the repeated attributes out, so the swap reads as it does
        // written as edits: SG^c's one relation reversed, J 0 either way.
        let asEdits = Sample.negative(edits: [.swap(relation: Sample.leftOf)], steps: ["x"])
        #expect(Overlap.jaccard(negative: neg, item: item) == 0)
        #expect(Overlap.jaccard(negative: neg, item: item) == Overlap.jaccard(negative: asEdits, item: item))
    }

    @Test func aReplacedAttributeStillShowsBesideRepeatedOnes() {
        // `critical` names red but not metal; SG- writes metal first, then the replacement.
        let item = Sample.item(critical: [.attribute(AttributePair(entity: "o1", value: "red")), .relation(Sample.leftOf)])
        var minus = Self.copiedWhole([Sample.leftOf])
        minus.entities[0].attributes = ["metal", "yellow"]
        let diff = GraphDiff.of(Sample.negative(op: "replace", graph: minus, steps: ["x"]), in: item)
        #expect(diff.summaries == ["replace: cube red → yellow"])
    }

    @Test func aRepeatedRelationBetweenCriticalEntitiesIsNotAdded() {
        let rightOf = Relation(subject: "o2", predicate: "right of", object: "o1")
        var graph = Sample.graph
        graph.relations.append(rightOf)
        let item = Sample.item(critical: Self.critical, graph: graph)
        let diff = GraphDiff.of(Sample.negative(graph: Self.copiedWhole([Sample.leftOf.reversed, rightOf]), steps: ["x"]), in: item)
        #expect(diff.changes == [.swapped(Sample.leftOf)])
    }

    @Test func aSwapOfASymmetricRelationStillShows() {
        // SG+ says "next to" both ways; SG^c has one, SG- the other: that is the swap.
        let nextTo = Relation(subject: "o1", predicate: "next to", object: "o2")
        var graph = Sample.graph
        graph.relations = [nextTo, nextTo.reversed, Sample.inFront]
        let item = Sample.item(critical: [.entity("o1"), .entity("o2"), .relation(nextTo)], graph: graph)
        let diff = GraphDiff.of(Sample.negative(graph: Self.copiedWhole([nextTo.reversed]), steps: ["x"]), in: item)
        #expect(diff.changes == [.swapped(nextTo)])
    }

    @Test func shortenAndOverthinkStillShowBesideRepeatedAttributes() {
        let item = Sample.item(critical: Self.critical)
        // shorten: the relation is gone; the attributes copied with the entities are not news.
        let short = GraphDiff.of(Sample.negative(op: "shorten", graph: Self.copiedWhole([]), steps: ["x"]), in: item)
        #expect(short.changes == [.removed(.relation(Sample.leftOf))])
        // overthink: the cylinder and its relation join from the rest of SG+ (a cone
        // stays out, so SG- still reads as a perturbed SG^c).
        var graph = Sample.graph
        graph.entities.append(Entity(id: "o4", name: "cone", attributes: ["yellow"]))
        var more = Self.copiedWhole([Sample.leftOf, Sample.inFront])
        more.entities.append(Sample.cylinder)
        let over = GraphDiff.of(Sample.negative(op: "overthink", graph: more, steps: ["x"]), in: Sample.item(critical: Self.critical, graph: graph))
        #expect(Set(over.changes) == [.added(.entity("o3")), .added(.relation(Sample.inFront))])
    }

    @Test func anOverthinkThatPicksOneAttributeOfACriticalEntityShowsIt() {
        // critical names the cube but none of its attributes (red, metal); the
        // overthink writes the cube with metal only: that is the change, not a
        // copy of the cube, and shows. The same SG- declared a shorten copied it.
        let item = Sample.item(critical: Self.critical)
        var minus = Self.copiedWhole([Sample.leftOf])
        minus.entities[0].attributes = ["metal"]
        let over = GraphDiff.of(Sample.negative(op: "overthink", graph: minus, steps: ["x"]), in: item)
        #expect(over.changes.contains(.added(.attribute(AttributePair(entity: "o1", value: "metal")))))
        let other = GraphDiff.of(Sample.negative(op: "shorten", graph: minus, steps: ["x"]), in: item)
        #expect(!other.changes.contains(.added(.attribute(AttributePair(entity: "o1", value: "metal")))))
    }
}
