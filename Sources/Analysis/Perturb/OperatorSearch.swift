import SceneData

/// One way an operator could perturb an item's critical subgraph SG^c, with
/// what it would give: SG-, the overlap J(SG-, SG^c) and the critical elements it touches.
public struct PerturbationCandidate: Sendable, Hashable {
    /// The operator the edits stand for.
    public var op: PerturbationOperator
    /// The edits, in FORMAT.md's vocabulary, applied to SG^c.
    public var edits: [Edit]
    /// J(SG-, SG^c), as `Overlap.measure` reads a negative given by its edits.
    public var j: Double
    /// The critical elements the edits change (empty for a pure addition).
    public var touched: [ElementRef]
    /// SG-: SG^c with the edits applied (entities brought in taken from SG+).
    public var minus: SceneGraph
    /// One line per change, as the graph pane and `lint` describe changes.
    public var changes: [String]
}

/// The structural half of the SceneAlign pipeline: for an item with SG+ and a
/// chosen rationale, every single-edit perturbation of SG^c each operator can
/// make, measured with J, and a deterministic choice of those inside the band.
///
/// The operators, on SG^c (the elements the chosen rationale relies on):
/// - swap: a critical relation (a, r, b) becomes (b, r, a);
/// - replace: a critical entity takes another name of the scene or gives way to
///   another entity of SG+; a critical attribute takes another value seen in SG+;
/// - shorten: a critical relation, attribute or (when SG^c has more than one) entity is dropped;
/// - overthink: a fact of SG+ about SG^c's entities that SG^c leaves out is added.
/// Predicate replacements are not proposed: J ignores predicates (FORMAT.md), so
/// they always read J = 1 and could never enter the band.
public enum OperatorSearch {
    /// How candidates are chosen.
    public struct Options: Sendable, Hashable {
        /// Candidates kept when J lies here (the paper keeps [0.3, 0.7]).
        public var band: ClosedRange<Double> = 0.3...0.7
        /// How many negatives to keep per item (the paper keeps three).
        public var perItem: Int = 3
        /// The operators to draw from, in the order they take turns.
        public var operators: [PerturbationOperator] = PerturbationOperator.allCases
        /// Fixes every choice: the same seed gives the same negatives.
        public var seed: UInt64 = 0
        /// Options with the paper's defaults.
        public init() {}
    }

    /// What the search found for one item.
    public struct Outcome: Sendable, Hashable {
        /// The kept candidates, operators taking turns.
        public var chosen: [PerturbationCandidate]
        /// Every candidate considered, in or out of the band.
        public var considered: [PerturbationCandidate]
        /// How many candidates had J inside the band.
        public var inBand: Int
    }

    /// Every candidate of `op` on `item`, in graph order.
    public static func candidates(_ op: PerturbationOperator, item: Item) -> [PerturbationCandidate] {
        let plus = item.sceneGraph
        let critical = CriticalElements.subgraph(for: item)
        let criticalIDs = Set(critical.entities.map(\.id))
        let criticalRelations = Set(critical.relations)
        let byID = Dictionary(plus.entities.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var edits: [([Edit], [ElementRef])] = []
        switch op {
        case .swap:
            for r in critical.relations where r.subject != r.object {
                edits.append(([.swap(relation: r)], [.relation(r)]))
            }
        case .replace:
            let names = distinct(plus.entities.map(\.name))
            let values = distinct(plus.entities.flatMap(\.attributes))
            let together = cooccurring(plus)
            for e in critical.entities {
                let own = EntityMatcher.nameKey(e.name)
                for n in names where EntityMatcher.nameKey(n) != own {
                    edits.append(([.replace(from: .entity(e.id), to: .name(n))], [.entity(e.id)]))
                }
                // Another object of the scene, outside SG^c, takes its place (a different cube for this cube).
                for o in plus.entities where !criticalIDs.contains(o.id) && EntityMatcher.nameKey(o.name) == own {
                    edits.append(([.replace(from: .entity(e.id), to: .element(.entity(o.id)))], [.entity(e.id)]))
                }
                let mine = Set((byID[e.id]?.attributes ?? e.attributes).map(EntityMatcher.nameKey))
                for v in e.attributes {
                    // A value of the same kind: one no object of SG+ carries together
                    // with `v` (nothing is both small and large, grey and cyan).
                    let key = EntityMatcher.nameKey(v)
                    for w in values where !mine.contains(EntityMatcher.nameKey(w))
                        && !together.contains(Pair(key, EntityMatcher.nameKey(w))) {
                        let p = AttributePair(entity: e.id, value: v)
                        edits.append(([.replace(from: .attribute(p), to: .name(w))], [.attribute(p)]))
                    }
                }
            }
        case .shorten:
            // A skipped step drops what it relied on: one fact, a run of
            // neighbouring facts, or an entity with everything about it.
            var facts: [ElementRef] = critical.relations.map { .relation($0) }
            for e in critical.entities { facts += e.attributes.map { .attribute(AttributePair(entity: e.id, value: $0)) } }
            for run in runs(facts) { edits.append((run.map { .remove($0) }, run)) }
            if critical.entities.count > 1 {
                for e in critical.entities { edits.append(([.remove(.entity(e.id))], [.entity(e.id)])) }
            }
        case .overthink:
            // Over-specified reasoning brings in facts of SG+ the question does not
            // need: one, or a run of several (one extra fact rarely moves J into the band).
            var extra: [ElementRef] = []
            for e in critical.entities {
                let kept = Set(e.attributes.map(EntityMatcher.nameKey))
                for v in byID[e.id]?.attributes ?? [] where !kept.contains(EntityMatcher.nameKey(v)) {
                    extra.append(.attribute(AttributePair(entity: e.id, value: v)))
                }
            }
            for r in plus.relations where !criticalRelations.contains(r)
                && (criticalIDs.contains(r.subject) || criticalIDs.contains(r.object)) {
                extra.append(.relation(r))
            }
            for run in runs(extra) { edits.append((run.map { .add($0) }, [])) }
        }
        var seen: Set<[Edit]> = []
        return edits.compactMap { e, touched in
            guard seen.insert(e).inserted else { return nil }
            return measure(op, e, touched: touched, item: item, critical: critical)
        }
    }

    /// The candidates of every operator in `options`, and those chosen: the
    /// in-band candidates of each operator in an order fixed by the seed and
    /// the item id, operators taking turns until `perItem` are kept.
    public static func search(_ item: Item, options: Options = Options()) -> Outcome {
        var considered: [PerturbationCandidate] = []
        var pools: [[PerturbationCandidate]] = []
        for op in options.operators {
            let all = candidates(op, item: item)
            considered += all
            var rng = SplitMix64(seed: options.seed, stream: SplitMix64.stream(item.id, op.rawValue))
            pools.append(rng.shuffled(all.filter { options.band.contains($0.j) }))
        }
        let inBand = pools.reduce(0) { $0 + $1.count }
        var chosen: [PerturbationCandidate] = []
        var round = 0
        while chosen.count < options.perItem, pools.contains(where: { round < $0.count }) {
            for pool in pools where round < pool.count && chosen.count < options.perItem { chosen.append(pool[round]) }
            round += 1
        }
        return Outcome(chosen: chosen, considered: considered, inBand: inBand)
    }

    /// A candidate measured as a negative given by its edits is measured.
    static func measure(_ op: PerturbationOperator, _ edits: [Edit], touched: [ElementRef], item: Item,
                        critical: SceneGraph) -> PerturbationCandidate? {
        let probe = Negative(id: "candidate", op: op, operatorName: op.rawValue, edits: edits, rationale: Rationale(steps: []))
        guard let j = Overlap.measure(negative: probe, item: item)?.value else { return nil }
        let minus = EditApplier.apply(edits, to: critical, lookup: item.sceneGraph)
        guard minus.problems.isEmpty else { return nil }
        let diff = GraphDiff.fromEdits(edits, plus: item.sceneGraph)
        return PerturbationCandidate(op: op, edits: edits, j: j, touched: touched, minus: minus.graph, changes: diff.summaries)
    }

    /// How many facts one shorten or overthink candidate may change at most.
    static let longestRun = 4

    /// Every single fact, then every run of 2 to `longestRun` neighbouring facts:
    /// linear in the number of facts, unlike all subsets.
    static func runs(_ facts: [ElementRef]) -> [[ElementRef]] {
        var out: [[ElementRef]] = []
        for length in 1...longestRun where length <= facts.count {
            for start in 0...(facts.count - length) { out.append(Array(facts[start..<(start + length)])) }
        }
        return out
    }

    /// An unordered pair of attribute values.
    struct Pair: Hashable {
        let a: String, b: String
        init(_ x: String, _ y: String) { (a, b) = x < y ? (x, y) : (y, x) }
    }

    /// The pairs of attribute values some entity of `g` carries together.
    static func cooccurring(_ g: SceneGraph) -> Set<Pair> {
        var out: Set<Pair> = []
        for e in g.entities {
            let keys = e.attributes.map(EntityMatcher.nameKey)
            for i in keys.indices { for j in keys.indices where j > i { out.insert(Pair(keys[i], keys[j])) } }
        }
        return out
    }

    /// The strings in first-seen order, compared with spaces and case folded.
    static func distinct(_ strings: [String]) -> [String] {
        var seen: Set<String> = []
        return strings.filter { seen.insert(EntityMatcher.nameKey($0)).inserted }
    }
}
