import SceneData
import Testing
@testable import SampleGenerator

@Suite struct OperatorTests {
    private func all(_ op: PerturbationOperator) -> [(ItemPlan, Perturbation)] {
        samplePlans().flatMap { scene, plan in
            var rng = SplitMix64(seed: 5)
            return Perturber.candidates(op, plan: plan, scene: scene, rng: &rng).map { (plan, $0) }
        }
    }

    @Test func swapReversesTheRelation() throws {
        let cases = all(.swap)
        #expect(cases.count > 5)
        for (plan, p) in cases {
            guard case .swap(let r)? = p.edits.first else { Issue.record("swap without a swap edit"); continue }
            #expect(plan.graph.liveRelations.contains(r))
            #expect(!p.graph.liveRelations.contains(r))
            #expect(p.graph.liveRelations.contains(Relation(subject: r.object, predicate: r.predicate, object: r.subject)))
            #expect(p.graph.nodes == plan.graph.nodes)
        }
    }

    @Test func shortenRemovesAnElementAndItsStep() {
        let cases = all(.shorten)
        #expect(cases.count > 5)
        for (plan, p) in cases {
            guard case .remove(let ref)? = p.edits.first else { Issue.record("shorten without a remove edit"); continue }
            switch ref {
            case .entity(let id):
                #expect(plan.graph.node(id) != nil && p.graph.node(id) == nil)
            case .relation(let r):
                #expect(plan.graph.liveRelations.contains(r) && !p.graph.liveRelations.contains(r))
            case .attribute: Issue.record("shorten removed an attribute")
            }
            #expect(p.graph.units.isStrictSubset(of: plan.graph.units))
            #expect(p.rationale.count < plan.chosen.steps.count)
        }
    }

    @Test func overthinkAddsAnElementAndAStep() {
        let cases = all(.overthink)
        #expect(cases.count > 5)
        for (plan, p) in cases {
            guard case .add(.entity(let id))? = p.edits.first else { Issue.record("overthink without an add edit"); continue }
            #expect(plan.graph.node(id) == nil && p.graph.node(id) != nil)
            #expect(p.graph.units.isStrictSuperset(of: plan.graph.units))
            #expect(p.rationale.count == plan.chosen.steps.count + 1)
        }
    }

    @Test func replaceChangesAnElementForOneFromTheRestOfTheGraph() {
        let cases = all(.replace)
        #expect(cases.count > 5)
        for (plan, p) in cases {
            guard case .replace(let from, .element(let to))? = p.edits.first else { Issue.record("replace without an edit"); continue }
            switch (from, to) {
            case (.entity(let a), .entity(let b)):
                #expect(plan.graph.node(a) != nil && p.graph.node(a) == nil && p.graph.node(b) != nil)
                #expect(plan.graph.node(b) == nil, "the replacement comes from outside SG^c")
            case (.attribute(let a), .attribute(let b)):
                #expect(plan.graph.node(a.entity)?.attributes.contains(a.value) == true)
                #expect(p.graph.node(b.entity)?.attributes.contains(b.value) == true)
                #expect(p.graph.node(a.entity)?.attributes.contains(a.value) == false)
            default: Issue.record("unexpected replace edit \(from) -> \(to)")
            }
            #expect(p.graph != plan.graph)
            #expect(p.rationale != plan.chosen.steps)
        }
    }

    @Test func rationaleDiffersOnlyWhereTheGraphChanged() {
        for (plan, p) in all(.swap) + all(.replace) {
            let chosen = plan.chosen.steps
            guard p.rationale.count == chosen.count else { continue }
            // Steps about untouched elements read exactly as before.
            for (k, step) in plan.steps.enumerated() where step != .conclusion {
                let ids = plan.entities(of: step)
                let untouched = ids.allSatisfy { id in plan.graph.node(id) == p.graph.node(id) }
                    && { if case .relation(let i) = step { return plan.graph.relations[i] == p.graph.relations[i] }; return true }()
                if untouched { #expect(p.rationale[k] == chosen[k]) }
            }
        }
    }

    @Test func selectedNegativesKeepTheOverlapInRange() {
        var count = 0
        for (scene, plan) in samplePlans() {
            var rng = SplitMix64(seed: 3)
            for p in NegativeSelector.choose(plan, scene: scene, count: 3, rng: &rng) {
                #expect(NegativeSelector.overlapRange.contains(p.overlap), "J \(p.overlap) for \(p.op) on \(plan.template.id)")
                #expect(p.overlap == p.graph.jaccard(plan.graph))
                count += 1
            }
        }
        #expect(count > 30)
    }

    @Test func jaccardFollowsTheFormat() {
        let a = CriticalGraph(nodes: [.init(id: "o1", name: "cube", attributes: ["red"]), .init(id: "o2", name: "sphere", attributes: ["large"])],
                              relations: [Relation(subject: "o1", predicate: "left of", object: "o2")])
        var b = a
        b.relations[0] = Relation(subject: "o2", predicate: "left of", object: "o1")
        // U(a) = {(o1,red), (o2,large), (o1,o2)}; U(b) swaps the pair: 2 shared of 4.
        #expect(a.jaccard(b) == 0.5)
        #expect(a.jaccard(a) == 1)
    }
}
