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
}
