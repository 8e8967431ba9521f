import SceneData

/// Chooses an item's negatives among the candidate perturbations: different
/// operators first, J(SG-, SG^c) in [0.3, 0.7], and a changed answer unless
/// the operator only adds a fact.
public enum NegativeSelector {
    /// The range of J the paper keeps.
    public static let overlapRange: ClosedRange<Double> = 0.3...0.7

    /// Up to `count` perturbations of `plan`, trying operators in `order` (all, shuffled, when nil).
    public static func choose(_ plan: ItemPlan, scene: Scene, count: Int, order: [PerturbationOperator]? = nil,
                              rng: inout SplitMix64) -> [Perturbation] {
        let chosen = plan.chosen
        let ops = order ?? rng.shuffled(PerturbationOperator.allCases)
        var pools: [[Perturbation]] = []
        for op in ops {
            let all = Perturber.candidates(op, plan: plan, scene: scene, rng: &rng)
                .filter { $0.rationale != chosen.steps }
            let best = all.filter { overlapRange.contains($0.overlap) && ($0.answer != chosen.answer || op == .overthink) }
            let fair = all.filter { overlapRange.contains($0.overlap) }
            pools.append(!best.isEmpty ? best : fair)
        }
        var picked: [Perturbation] = []
        // One per operator first, then more of the same operators if the item needs them.
        for round in 0..<3 where picked.count < count {
            for pool in pools where picked.count < count {
                let fresh = pool.filter { p in !picked.contains { $0.rationale == p.rationale } }
                if round == 0 || !fresh.isEmpty, let p = rng.pick(fresh) { picked.append(p) }
            }
        }
        return picked
    }
}
