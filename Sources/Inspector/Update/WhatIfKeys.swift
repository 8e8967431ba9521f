import Analysis
import SceneData

/// The what-if keys: `r` applies the next operator to the element selected in
/// the scene-graph pane, `R` shows its next choice, `d` checks the selected
/// negative's change against what its operator does. All of it is worked out
/// here, from `Analysis.WhatIf`; the view only draws `s.whatIf`.
enum WhatIfKeys {
    /// `r`: swap, replace, shorten, overthink on the selected element in turn, then closed.
    static func nextOperator(_ s: inout AppState) {
        guard let item = s.item else { s.flash = "no item to apply an operator to"; return }
        let rows = PanesModel.graphRows(s)
        guard rows.indices.contains(s.panes.graphSelection), let element = element(of: rows[s.panes.graphSelection]) else {
            s.flash = "what-if: select an object or relation in the scene graph pane first (2, then j/k)"
            return
        }
        let text = rows[s.panes.graphSelection].text
        let open = s.whatIf.flatMap { $0.itemID == item.id && $0.element == element && $0.check == nil ? $0.op : nil }
        guard let op = WhatIfView.next(after: open) else {
            s.whatIf = nil
            s.flash = "what-if closed"
            s.refreshLayout()
            return
        }
        let view = WhatIfView(item: item, element: element, text: text, op: op)
        s.whatIf = view
        s.panes.lintScroll = 0
        let map = s.keyMap
        let key = { (a: Action) in map.keys(a).first?.name ?? "?" }
        s.flash = view.candidates.isEmpty
            ? Flash("what-if \(op.rawValue): nothing to do on \(WhatIfKeysText.short(text)) (\(reason(op))); \(key(.whatIf)): next operator")
            : Flash("what-if \(op.rawValue) on \(WhatIfKeysText.short(text)): \(view.candidates.count) choice\(view.candidates.count == 1 ? "" : "s") (\(key(.whatIfNext)): next choice, \(key(.whatIf)): next operator)")
        s.refreshLayout()
    }

    /// `R`: the next thing the operator could choose on the element.
    static func nextChoice(_ s: inout AppState) {
        guard var view = s.whatIf, view.itemID == s.item?.id, !view.candidates.isEmpty else {
            let y = s.keyMap.keys(.whatIf).first?.name ?? "r"
            s.flash = Flash("no what-if choices: \(y) applies an operator to the selected graph element")
            return
        }
        view.choice = (view.choice + 1) % view.candidates.count
        s.whatIf = view
        s.flash = Flash("what-if \(view.op.rawValue): choice \(view.choice + 1) of \(view.candidates.count)")
        s.refreshLayout()
    }

    /// `d`: does the selected negative's change match what its operator does to SG^c?
    static func compare(_ s: inout AppState) {
        guard let item = s.item, let neg = s.negative else { s.flash = "no negative to compare"; return }
        let result = WhatIf.check(neg, in: item)
        // The candidate the check matched (or found nearest) beside the negative,
        // whatever the panel showed before: the verdict is about that pair.
        s.whatIf = neg.op.map { WhatIfView(item: item, negativeID: neg.id, op: $0, check: result) }
        s.panes.lintScroll = 0
        s.flash = Flash(result.message)
        s.refreshLayout()
    }

    /// The element a graph row stands for: an object, a relation, a broken critical reference.
    static func element(of row: GraphRow) -> ElementRef? {
        switch row.kind {
        case .entity(let id): .entity(id)
        case .relation(let r): .relation(r)
        case .brokenReference(let ref): ref
        case .heading, .change: nil
        }
    }

    /// Why `op` has nothing to do on an element.
    static func reason(_ op: PerturbationOperator) -> String {
        switch op {
        case .swap: "swap reverses a critical relation"
        case .replace: "replace renames a critical object or changes a critical attribute"
        case .shorten: "shorten drops a critical fact or object"
        case .overthink: "overthink adds a fact of the scene about a critical object"
        }
    }
}
