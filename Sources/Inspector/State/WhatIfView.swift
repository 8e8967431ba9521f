import Analysis
import SceneData

/// The what-if panel (`r`, `R`, `d`): an operator applied to one element of
/// the scene graph, the candidate chosen among those it can make there, and
/// the selected negative's own change beside it. It belongs to one item and
/// is closed by another item, Esc, or `r` past the last operator.
public struct WhatIfView: Sendable, Hashable {
    /// The item it was worked out on.
    public var itemID: String
    /// The element the operator was applied to, and how the graph pane names it.
    public var element: ElementRef
    public var elementText: String
    /// The operator applied.
    public var op: PerturbationOperator
    /// What the operator can make on the element (`WhatIf.candidates`), in order.
    public var candidates: [PerturbationCandidate]
    /// The candidate shown (`R` steps through them).
    public var choice = 0
    /// The last `d`: the negative checked and what the check said.
    public var check: NegativeCheck?

    /// What `d` found for one negative.
    public struct NegativeCheck: Sendable, Hashable {
        public var negativeID: String
        public var result: WhatIf.Check
    }

    /// The candidate shown, nil when the operator has none on the element.
    public var candidate: PerturbationCandidate? {
        candidates.indices.contains(choice) ? candidates[choice] : nil
    }

    /// `op` on `element` of `item`.
    init(item: Item, element: ElementRef, text: String, op: PerturbationOperator) {
        itemID = item.id; self.element = element; elementText = text; self.op = op
        candidates = WhatIf.candidates(op, on: element, item: item)
    }

    /// `d` with no what-if open: the candidate of the negative's operator the
    /// check matched or found nearest, beside the negative.
    init(item: Item, negativeID: String, op: PerturbationOperator, check: WhatIf.Check) {
        itemID = item.id; self.op = op
        candidates = check.candidate.map { [$0] } ?? []
        element = check.candidate?.touched.first ?? .entity("")
        elementText = "negative \(negativeID)'s own change"
        self.check = NegativeCheck(negativeID: negativeID, result: check)
    }

    /// The operator after `op` (`r`), nil past the last: the panel closes.
    static func next(after op: PerturbationOperator?) -> PerturbationOperator? {
        let all = PerturbationOperator.allCases
        guard let op, let i = all.firstIndex(of: op) else { return all.first }
        return all.index(after: i) < all.endIndex ? all[all.index(after: i)] : nil
    }
}
