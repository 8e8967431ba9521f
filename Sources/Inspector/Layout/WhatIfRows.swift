import Analysis
import SceneData

/// The what-if panel's lines, worked out from the state: the operator's
/// candidate on the left, the selected negative's own change on the right,
/// each with J against the band, the critical elements touched, the graph
/// difference and SG-; the last `d`'s verdict above both.
enum WhatIfRows {
    /// How a line is drawn.
    enum Kind: Equatable { case heading, plain, dim, added, removed, good, bad }
    struct Line: Equatable {
        var text: String
        var kind: Kind
        init(_ text: String, _ kind: Kind = .plain) { self.text = text; self.kind = kind }
    }

    /// The paper's band for J.
    static let band = OperatorSearch.Options().band

    /// The what-if shown for the item on screen, if any.
    static func shown(_ s: AppState) -> WhatIfView? {
        guard let w = s.whatIf, let item = s.item, w.itemID == item.id else { return nil }
        return w
    }

    /// The panel's title.
    static func title(_ w: WhatIfView) -> String {
        let what = w.check == nil ? "\(w.op.rawValue) on \(WhatIfKeysText.short(w.elementText))" : "\(w.op.rawValue) vs \(w.elementText)"
        let which = w.candidates.isEmpty ? "no choice" : "choice \(w.choice + 1)/\(w.candidates.count)"
        return "What-if: \(what) (\(which))"
    }

    /// The verdict line of the last `d`, when it was about the selected negative.
    static func verdict(_ s: AppState, _ w: WhatIfView) -> Line? {
        guard let c = w.check, c.negativeID == s.negative?.id else { return nil }
        return Line(c.result.message, c.result.matches ? .good : .bad)
    }

    /// The left column (the operator's candidate) and the right (the negative's own), as long as each other.
    static func columns(_ s: AppState, _ w: WhatIfView) -> (left: [Line], right: [Line]) {
        guard let item = s.item else { return ([], []) }
        var left = [Line("WHAT-IF \(w.op.rawValue.uppercased())", .heading)]
        if let c = w.candidate {
            let diff = GraphDiff.fromEdits(c.edits, plus: item.sceneGraph)
            left += body(j: c.j, touched: c.touched, diff: diff, minus: c.minus, item: item)
        } else {
            left.append(Line("nothing to do on this element", .dim))
        }
        var right: [Line]
        if let neg = s.negative {
            right = [Line("NEGATIVE \(neg.id) (\(neg.operatorName))", .heading)]
            let diff = GraphDiff.of(neg, in: item)
            let j = s.panes.analysis.flatMap { $0.itemID == item.id && $0.negativeIndex == s.nav.negativeIndex ? $0.jaccard : nil }
                ?? Overlap.measure(negative: neg, item: item)?.value
            if diff.changes.isEmpty && j == nil {
                right.append(Line("no SG- and no edits", .dim))
            } else {
                right += body(j: j, touched: WhatIf.touchedCritical(diff, item: item), diff: diff,
                              minus: WhatIf.minus(of: neg, in: item), item: item)
            }
        } else {
            right = [Line("no negative selected", .dim)]
        }
        let n = max(left.count, right.count)
        left += Array(repeating: Line(""), count: n - left.count)
        right += Array(repeating: Line(""), count: n - right.count)
        return (left, right)
    }

    /// Every line of the panel (the verdict, then both columns side by side) for scrolling.
    static func count(_ s: AppState) -> Int {
        guard let w = shown(s) else { return 0 }
        return (verdict(s, w) == nil ? 0 : 1) + columns(s, w).left.count
    }

    /// J against the band, the critical elements touched, the changes, SG-.
    static func body(j: Double?, touched: [ElementRef], diff: GraphDiff, minus: SceneGraph?, item: Item) -> [Line] {
        var out: [Line] = []
        if let j {
            let inBand = band.contains(j)
            out.append(Line("J \(WhatIfKeysText.two(j))  \(inBand ? "in" : "outside") band [\(WhatIfKeysText.two(band.lowerBound)), \(WhatIfKeysText.two(band.upperBound))]",
                            inBand ? .good : .bad))
        } else {
            out.append(Line("J unknown", .dim))
        }
        let name = { (id: String) in item.sceneGraph.entity(id)?.name ?? diff.name(of: id) }
        let t = touched.map { GraphChange.text(of: $0, name: name) }
        out.append(Line("critical touched: " + (t.isEmpty ? "none" : t.joined(separator: ", ")), t.isEmpty ? .dim : .plain))
        out.append(Line("changes:", .heading))
        for line in GraphRows.changeLines(diff, scene: item.sceneGraph) {
            if case .change(let added) = line.kind { out.append(Line("  " + line.text, added ? .added : .removed)) }
        }
        if diff.changes.isEmpty { out.append(Line("  none", .dim)) }
        if let minus {
            func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
            out.append(Line("SG- (\(count(minus.entities.count, "object")), \(count(minus.relations.count, "relation"))):", .heading))
            for e in minus.entities {
                out.append(Line("  \(e.id) \(e.name)" + (e.attributes.isEmpty ? "" : " [" + e.attributes.joined(separator: ", ") + "]")))
            }
            for r in minus.relations {
                let n = { (id: String) in minus.entity(id)?.name ?? name(id) }
                out.append(Line("  \(n(r.subject)) \(r.predicate) \(n(r.object))"))
            }
        }
        return out
    }
}

/// Small text helpers the what-if lines share.
enum WhatIfKeysText {
    /// Two decimals, as the what-if's verdicts write J.
    static func two(_ v: Double) -> String { WhatIf.format(v) }
    /// A graph row's text up to its box or ids.
    static func short(_ text: String) -> String {
        let cut = text.range(of: " @") ?? text.range(of: "  (")
        return String(cut.map { text[..<$0.lowerBound] } ?? text[...])
    }
}
