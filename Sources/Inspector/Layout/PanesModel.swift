import Analysis
import SceneData

/// What the panes show, worked out from the state; shared by `update` (to
/// keep selections in range) and `view`.
enum PanesModel {
    /// The scene-graph pane's lines for the current item and negative.
    static func graphRows(_ s: AppState) -> [GraphRow] {
        guard let item = s.item else { return [] }
        if let a = s.panes.analysis, a.itemID == item.id, a.negativeIndex == s.nav.negativeIndex { return a.graphRows }
        return GraphRows.build(item, negative: s.negative)
    }

    /// Chosen and negative steps aligned word by word; nil on one side is a skipped (or added) step.
    static func stepPairs(_ s: AppState) -> [StepPair] {
        guard let item = s.item else { return [] }
        if let a = s.panes.analysis, a.itemID == item.id, a.negativeIndex == s.nav.negativeIndex { return a.stepPairs }
        guard let neg = s.negative else {
            return item.chosen.steps.enumerated().map { i, step in
                StepPair(chosen: RationaleDiff.compare(step, step).chosen, negative: nil, chosenIndex: i)
            }
        }
        return RationaleDiff.compare(chosen: item.chosen, negative: neg.rationale).steps
    }

    /// Overlap J(SG-, SG+) of the selected negative.
    static func jaccard(_ s: AppState) -> Double? {
        guard let item = s.item, let neg = s.negative else { return nil }
        if let a = s.panes.analysis, a.itemID == item.id, a.negativeIndex == s.nav.negativeIndex { return a.jaccard }
        return Overlap.jaccard(negative: neg, item: item)
    }

    /// Works out the analysis for the current selection unless it is already there.
    static func refresh(_ s: inout AppState) {
        guard let item = s.item else { s.panes.analysis = nil; return }
        if let a = s.panes.analysis, a.itemID == item.id, a.negativeIndex == s.nav.negativeIndex { return }
        s.panes.analysis = nil
        s.panes.analysis = ItemAnalysis(itemID: item.id, negativeIndex: s.nav.negativeIndex, graphRows: graphRows(s),
                                  stepPairs: stepPairs(s), jaccard: jaccard(s))
    }

    /// How many step rows the rationale pane has.
    static func stepCount(_ s: AppState) -> Int { stepPairs(s).count }

    /// The entity whose box is highlighted: the selected graph row's object
    /// (or a relation's subject) while the graph pane has focus.
    static func highlightedEntity(_ s: AppState) -> String? {
        let rows = graphRows(s)
        guard s.panes.focus == .graph, s.panes.graphSelection < rows.count else { return nil }
        switch rows[s.panes.graphSelection].kind {
        case .entity(let id): return id
        case .relation(let r): return r.subject
        default: return nil
        }
    }

    /// The attention map on the image: the one `m` chose, else the selected
    /// step's (chosen side first), else a `focus` map, else the first.
    static func attention(_ s: AppState) -> AttentionMap? {
        guard let item = s.item else { return nil }
        if let k = s.image.counterfactualIndex(of: item) { return counterfactualMap(item, k, original: ownAttention(s)) }
        return ownAttention(s)
    }

    /// The map over the item's own image (see `attention`).
    static func ownAttention(_ s: AppState) -> AttentionMap? {
        guard let item = s.item, !item.attention.isEmpty else { return nil }
        if let c = s.image.attentionChoice, c >= 0, c < item.attention.count { return item.attention[c] }
        let pairs = stepPairs(s)
        let negID = s.negative?.id
        if s.panes.focus == .rationale || s.panes.focus == .image, s.panes.stepSelection < pairs.count {
            let p = pairs[s.panes.stepSelection]
            if let c = p.chosenIndex, let m = item.attention.first(where: { ($0.rationale ?? "chosen") == "chosen" && $0.step == c }) { return m }
            if let n = p.negativeIndex, let m = item.attention.first(where: { $0.rationale == negID && $0.step == n && negID != nil }) { return m }
        }
        return item.attention.first { $0.label.lowercased() == "focus" && $0.step == nil } ?? item.attention.first { $0.step == nil }
    }

    /// Over counterfactual `k`: its map with the label (and step) of the one
    /// the original shows, else its first.
    static func counterfactualMap(_ item: Item, _ k: Int, original: AttentionMap?) -> AttentionMap? {
        let maps = item.counterfactuals[k].attention
        if let o = original, let m = maps.first(where: { $0.label == o.label && $0.step == o.step && $0.rationale == o.rationale }) { return m }
        return maps.first
    }

    /// The image pane's words for a counterfactual shown: which, what was
    /// changed, and how far the attention moved from the original's (total
    /// variation, as the `attention-unmoved` lint measures it).
    static func counterfactual(_ s: AppState) -> String? {
        guard let item = s.item, let k = s.image.counterfactualIndex(of: item) else { return nil }
        let c = item.counterfactuals[k]
        var text = "counterfactual \(k + 1)/\(item.counterfactuals.count): \(c.change)"
        if let o = ownAttention(s), let m = counterfactualMap(item, k, original: o), let a = o.grid, let b = m.grid,
           let size = s.image.loaded.map({ (w: $0.originalWidth, h: $0.originalHeight) }),
           let moved = AttentionMass.shift(from: a, fit: o.fit, to: b, fit: m.fit, imageWidth: size.w, imageHeight: size.h) {
            text += String(format: ", attention moved %.2f", moved)
        } else if item.counterfactuals[k].attention.isEmpty {
            text += ", no attention map"
        }
        return text
    }
}
