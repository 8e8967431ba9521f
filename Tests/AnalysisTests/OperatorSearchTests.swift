import Testing
@testable import Analysis
import SceneData

/// `scenelens perturb`'s search: candidates per operator, J as lint measures
/// it, the band, and the same choice for the same seed.
@Suite struct OperatorSearchTests {
    /// SG+: a small grey cube left of a large yellow sphere, plus a red cone behind it and a large grey cylinder.
    static func item() -> Item {
        let g = SceneGraph(entities: [
            Entity(id: "o1", name: "cube", attributes: ["small", "grey"]),
            Entity(id: "o2", name: "sphere", attributes: ["large", "yellow"]),
            Entity(id: "o3", name: "cone", attributes: ["small", "red"]),
            Entity(id: "o4", name: "cylinder", attributes: ["large", "grey"]),
        ], relations: [Relation(subject: "o1", predicate: "left of", object: "o2"),
                       Relation(subject: "o3", predicate: "behind", object: "o1")])
        return Item(id: "t", line: 1, image: .path("x.png"), question: "Is the grey cube left of the yellow sphere?",
                    answer: "yes", sceneGraph: g,
                    critical: [.attribute(AttributePair(entity: "o1", value: "grey")),
                               .attribute(AttributePair(entity: "o2", value: "yellow")),
                               .relation(Relation(subject: "o1", predicate: "left of", object: "o2"))],
                    chosen: Rationale(steps: ["The grey cube is left of the yellow sphere."], answer: "yes"), negatives: [])
    }

    @Test func swapReversesTheCriticalRelationAndReadsJ() throws {
        let swaps = OperatorSearch.candidates(.swap, item: Self.item())
        let c = try #require(swaps.first)
        #expect(swaps.count == 1)
        #expect(c.edits == [.swap(relation: Relation(subject: "o1", predicate: "left of", object: "o2"))])
        // U(SG^c) = {grey, yellow, (o1,o2)}; the swap trades (o1,o2) for (o2,o1): 2 of 4.
        #expect(c.j == 0.5)
        #expect(c.minus.relations == [Relation(subject: "o2", predicate: "left of", object: "o1")])
    }

    @Test func replaceOffersOnlyValuesOfTheSameKind() {
        let values = OperatorSearch.candidates(.replace, item: Self.item()).compactMap { c -> String? in
            if case .replace(.attribute(let p), .name(let v)) = c.edits.first, p.value == "grey" { return v }
            return nil
        }
        // "small" and "large" each sit beside "grey" on some object: sizes, not colours.
        #expect(Set(values) == ["yellow", "red"])
    }

    @Test func overthinkAddsFactsTheRationaleLeftOut() {
        let adds = OperatorSearch.candidates(.overthink, item: Self.item())
        #expect(adds.contains { $0.edits == [.add(.relation(Relation(subject: "o3", predicate: "behind", object: "o1")))] })
        #expect(adds.allSatisfy { c in c.edits.allSatisfy { if case .add = $0 { true } else { false } } })
        // One extra fact on three reads 0.75; two read 0.6, inside the band.
        #expect(adds.contains { $0.edits.count == 2 && abs($0.j - 0.6) < 1e-9 })
    }

    @Test func theChoiceStaysInTheBandAndFollowsTheSeed() {
        var o = OperatorSearch.Options()
        o.seed = 7
        let a = OperatorSearch.search(Self.item(), options: o)
        let b = OperatorSearch.search(Self.item(), options: o)
        #expect(a.chosen == b.chosen)
        #expect(a.chosen.count == 3)
        #expect(a.chosen.allSatisfy { o.band.contains($0.j) })
        #expect(Set(a.chosen.map(\.op)).count == 3, "operators take turns")
        o.band = 0.95...1
        #expect(OperatorSearch.search(Self.item(), options: o).chosen.isEmpty)
    }
}
