import Analysis
import Review
import SceneData
import TerminalUI

/// The header's first line in two parts: who is shown (item, id, negative,
/// operator) and the measures (J, judge scores, confidence). When both do
/// not fit on one line the measures get a line of their own under it, so no
/// score is ever cut off; on a very narrow screen their names are shortened.
struct HeaderTitle {
    /// ` SceneLens `, `item 1 of 15`, the id, the negative and its operator.
    var identity: [(String, Style)]
    /// `J 0.60`, `judge chosen 0.91 rejected 0.21`, `conf 0.80`, without a leading separator.
    var measures: [(String, Style)]
    /// The same with short names (`judge c 0.91 r 0.21`), for screens too narrow for the full line.
    var shortMeasures: [(String, Style)]
    /// The separator the title uses between segments.
    var separator: (String, Style)
    /// Which segment of `identity` is the item id: the one that gives way when the line is too narrow.
    var idSegment: Int

    /// The title for the current state.
    static func of(_ s: AppState, _ t: Theme) -> HeaderTitle {
        // While the file is still being indexed the total is a lower bound: say so in words ("20000+" read as a typo).
        let total = s.nav.fullyIndexed ? "of \(s.nav.itemCount)" : "of at least \(max(s.nav.itemCount, s.nav.index + 1))"
        var identity: [(String, Style)] = [(" SceneLens ", Style(fg: .indexed(0), bg: .indexed(14), attributes: [.bold])),
                                           (" item \(s.nav.index + 1) \(total)", t.title)]
        let id = s.nav.current.map { c in
            c.item?.id ?? ((c.diagnostics.lazy.compactMap(\.itemID).first.map { $0 + " " } ?? "")
                + "(unreadable line \(c.diagnostics.first?.line.map(String.init) ?? "?"))")
        } ?? "loading..."
        identity.append((t.sep + "id ", t.dim))
        let idSegment = identity.count
        identity.append((id, t.title))
        var measures: [(String, Style)] = [], short: [(String, Style)] = []
        if let neg = s.negative, let item = s.item {
            identity.append(("\(t.sep)negative \(neg.id) (\(s.nav.negativeIndex + 1)/\(item.negatives.count))\(t.sep)op ", t.dim))
            identity.append((neg.op?.rawValue ?? neg.operatorName, t.touched))
            if let j = PanesModel.jaccard(s) {
                measures.append(("J \(Linter.format(j))", t.title))
                short.append(("J \(Linter.format(j))", t.title))
            }
            if let sc = neg.scores ?? item.scores {
                let lead = measures.isEmpty ? "" : t.sep
                let c = Self.number(sc.chosen), r = Self.number(sc.rejected)
                measures.append(("\(lead)judge chosen \(c) rejected \(r)", t.dim))
                short.append(("\(lead)judge c \(c) r \(r)", t.dim))
                // The confidence export filters on; "(item)" when the negative has none of its own.
                let from = PairConfidence.isInherited(neg, in: item) ? " (item)" : ""
                let conf = " conf \(Self.number(PairConfidence.of(neg, in: item)))\(from)"
                measures.append((conf, t.dim))
                short.append((conf, t.dim))
            }
        }
        return HeaderTitle(identity: identity, measures: measures, shortMeasures: short, separator: (t.sep, t.dim),
                           idSegment: idSegment)
    }

    /// A score with two decimals, `-` when there is none.
    static func number(_ v: Double?) -> String {
        guard let v else { return "-" }
        return String(format: "%.2f", v)
    }

    /// Whether the measures need their own line on a screen `width` columns wide.
    func wraps(width: Int) -> Bool {
        !measures.isEmpty && Self.width(identity) + DisplayWidth.of(separator.0) + Self.width(measures) > width
    }

    /// Whether the header at this state's size puts the measures on a second line.
    static func wraps(_ s: AppState) -> Bool {
        of(s, Theme(ascii: s.asciiOnly)).wraps(width: s.width)
    }

    /// The identity with the id shortened in the middle when the line is too narrow
    /// for all of it, so the position, the negative and the operator stay in view.
    func fitted(width: Int, theme t: Theme) -> [(String, Style)] {
        guard identity.indices.contains(idSegment) else { return identity }
        var segs = identity
        if t.ascii { segs = segs.map { (Theme.asciiOnly($0.0), $0.1) } }
        let others = Self.width(segs) - Self.width([segs[idSegment]])
        // One column spare at the right edge; an id never shrinks below a recognisable stub.
        let room = max(8, width - others - 1)
        segs[idSegment].0 = TextFit.middle(segs[idSegment].0, columns: room, ellipsis: t.ellipsis)
        return segs
    }

    static func width(_ segments: [(String, Style)]) -> Int {
        segments.reduce(0) { $0 + DisplayWidth.of(Sanitizer.clean($1.0)) }
    }
}
