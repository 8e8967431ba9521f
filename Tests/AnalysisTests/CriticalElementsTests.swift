import Testing
import SceneData
@testable import Analysis

@Suite struct CriticalElementsTests {
    @Test func findsEntitiesAttributesAndRelationsOfTheChosenRationale() {
        let found = CriticalElements.find(in: Sample.item())
        #expect(found == [
            .entity("o1"), .entity("o2"), .entity("o3"),
            .attribute(AttributePair(entity: "o1", value: "red")),
            .attribute(AttributePair(entity: "o2", value: "blue")),
            .attribute(AttributePair(entity: "o3", value: "green")),
            .relation(Sample.leftOf), .relation(Sample.inFront),
        ])
        // "metal" is never said.
        #expect(!found.contains(.attribute(AttributePair(entity: "o1", value: "metal"))))
    }

    @Test func pluralsAndInflections() {
        let g = SceneGraph(entities: [Entity(id: "a", name: "box"), Entity(id: "b", name: "leaf"),
                                      Entity(id: "c", name: "knife"), Entity(id: "d", name: "man"),
                                      Entity(id: "e", name: "berry"), Entity(id: "f", name: "glass")],
                           relations: [Relation(subject: "d", predicate: "holding", object: "c")])
        let text = "Two boxes, three leaves, the knives; men holds it. Berries and glasses."
        let found = Set(CriticalElements.mentions(in: text, graph: g))
        #expect(found.isSuperset(of: [.entity("a"), .entity("b"), .entity("c"), .entity("d"), .entity("e"), .entity("f")]))
        #expect(found.contains(.relation(Relation(subject: "d", predicate: "holding", object: "c"))))
    }

    @Test func multiWordNamesAndLoosePredicates() {
        let g = SceneGraph(entities: [Entity(id: "t", name: "traffic light", attributes: ["green"]),
                                      Entity(id: "c", name: "car")],
                           relations: [Relation(subject: "c", predicate: "left of", object: "t"),
                                       Relation(subject: "t", predicate: "in front of", object: "c")])
        let found = CriticalElements.mentions(in: "The car is to the left of the green traffic lights.", graph: g)
        #expect(found.contains(.entity("t")))
        #expect(found.contains(.attribute(AttributePair(entity: "t", value: "green"))))
        #expect(found.contains(.relation(Relation(subject: "c", predicate: "left of", object: "t"))))
        #expect(!found.contains(.relation(Relation(subject: "t", predicate: "in front of", object: "c"))))
        // Half of a multi-word name is not a mention.
        #expect(!CriticalElements.mentions(in: "The light is on.", graph: g).contains(.entity("t")))
        // "to the left of" as a predicate matches "left of" in text too.
        let g2 = SceneGraph(entities: g.entities, relations: [Relation(subject: "c", predicate: "to the left of", object: "t")])
        #expect(CriticalElements.mentions(in: "car left of traffic light", graph: g2).count == 3)
    }

    @Test func relationNeedsPredicateAndBothEntitiesInOneStep() {
        let chosen = Rationale(steps: ["There is a cube.", "Something is left of the sphere."], answer: "cube")
        let found = CriticalElements.find(in: Sample.item(chosen: chosen))
        #expect(!found.contains(.relation(Sample.leftOf)))
    }

    @Test func attributesPickOneOfTwoSameNamedEntities() {
        let g = SceneGraph(entities: [Entity(id: "a", name: "cube", attributes: ["red"]),
                                      Entity(id: "b", name: "cube", attributes: ["blue"])], relations: [])
        #expect(CriticalElements.mentions(in: "the blue cube", graph: g) == [.entity("b"), .attribute(AttributePair(entity: "b", value: "blue"))])
        #expect(CriticalElements.mentions(in: "a cube", graph: g) == [.entity("a"), .entity("b")])
    }

    @Test func resolvedPrefersTheDatasetsCritical() {
        let item = Sample.item(critical: [.entity("o3")])
        #expect(CriticalElements.resolved(for: item) == [.entity("o3")])
        #expect(CriticalElements.resolved(for: Sample.item()).count == 8)
    }
}

@Suite struct MentionTests {
    /// Two grey cylinders; only o5 is right of the green one.
    let graph = SceneGraph(entities: [Entity(id: "o1", name: "cylinder", attributes: ["small", "green"]),
                                      Entity(id: "o4", name: "cylinder", attributes: ["small", "grey"]),
                                      Entity(id: "o5", name: "cylinder", attributes: ["small", "grey"]),
                                      Entity(id: "o6", name: "sphere", attributes: ["small", "cyan"])],
                           relations: [Relation(subject: "o5", predicate: "right of", object: "o1"),
                                       Relation(subject: "o4", predicate: "left of", object: "o6")])

    @Test func attributesBelongToTheirOwnNounPhrase() {
        let found = CriticalElements.mentions(in: "The cyan sphere is right of the small green cylinder.", graph: graph)
        #expect(found.contains(.attribute(AttributePair(entity: "o6", value: "cyan"))))
        // "small" describes the cylinder, not the sphere.
        #expect(!found.contains(.attribute(AttributePair(entity: "o6", value: "small"))))
        #expect(CriticalElements.mentions(in: "The sphere is cyan.", graph: graph).contains(.attribute(AttributePair(entity: "o6", value: "cyan"))))
    }

    @Test func tiesAreNarrowedByTheStatedRelation() {
        let found = CriticalElements.mentions(in: "The grey cylinder is right of the small green cylinder.", graph: graph)
        #expect(found.contains(.entity("o5")) && found.contains(.entity("o1")))
        #expect(!found.contains(.entity("o4")))
        #expect(found.contains(.relation(Relation(subject: "o5", predicate: "right of", object: "o1"))))
    }

    @Test func twoSameNamedEntitiesInOneStep() {
        let found = CriticalElements.mentions(in: "The small grey cylinder is left of the green cylinder.", graph: graph)
        #expect(found.contains(.entity("o1")))
        #expect(CriticalElements.mentionsUniquely("o1", in: "the green cylinder", graph: graph))
        #expect(!CriticalElements.mentionsUniquely("o4", in: "the grey cylinder", graph: graph))
    }
}
