import Review
import TerminalUI

/// The status bar: this annotator's counts, the filter, the search, indexing and
/// the annotator on the left, the most useful keys on the right. When the line
/// is too narrow it degrades by priority: first words get shorter (`acc 3`,
/// `x rej`), then the least needed parts go (`Tab pane`, `]/[ neg`, ...), so
/// the counts, the filter, the annotator and the decision keys stay longest.
struct StatusLine {
    /// One part of the line: its full and short text and how long it stays (higher stays longer).
    struct Part {
        var full: String
        var short: String
        var priority: Int
        var keys: Bool
        var shortened = false
        var text: String { shortened ? short : full }
    }

    var parts: [Part]
    var separator: String

    /// The parts for the state `s`.
    static func of(_ s: AppState, _ t: Theme) -> StatusLine {
        var p: [Part] = []
        func left(_ full: String, _ short: String, _ priority: Int) { p.append(Part(full: full, short: short, priority: priority, keys: false)) }
        func key(_ full: String, _ short: String, _ priority: Int) { p.append(Part(full: full, short: short, priority: priority, keys: true)) }
        if let sum = s.review.summary {
            let total = s.review.totalNegatives.map { " of \($0)" } ?? ""
            // One part: the counts read together, and shortened together they still fit 80 columns.
            // A skip is no verdict: it is listed, and does not count as reviewed.
            let reviewed = sum.accepted + sum.rejected
            left("reviewed \(reviewed)\(total)\(t.sep)accepted \(sum.accepted)\(t.sep)rejected \(sum.rejected)\(t.sep)skipped \(sum.skipped)",
                 "rev \(reviewed)\(s.review.totalNegatives.map { "/\($0)" } ?? "") acc \(sum.accepted) rej \(sum.rejected) skp \(sum.skipped)", 8)
        } else if s.datasetIsEmpty {
            left("nothing to review", "nothing to review", 8)
        } else {
            // Stale and orphaned decisions do not count: until the store is checked against the file, say so.
            left("counting decisions\(t.ellipsis)", "counting\(t.ellipsis)", 8)
        }
        if let team = s.team {
            let key = s.item.flatMap { i in s.negative.map { NegativeKey(itemID: i.id, negativeID: $0.id) } }
            let mine = key.map { s.review.verdicts[$0.negativeID] != nil } ?? false
            let done = s.review.summary?.decided ?? 0
            left(team.status(selected: key, decidedByMe: mine, mine: done, short: false),
                 team.status(selected: key, decidedByMe: mine, mine: done, short: true), 8)
        }
        // A query filter says how many items it holds once they are counted.
        let held = s.lookup.query.flatMap { q in s.lookup.queryCount.flatMap { $0.query == q.text && $0.done ? " (\($0.items))" : nil } } ?? ""
        left("filter \(s.lookup.filter.label)\(held)", "f:\(s.lookup.filter.label)\(held)", 9)
        if let q = s.lookup.search {
            let at = s.lookup.matches.map { " " + $0.position(of: s.nav.index) } ?? ""
            left("search \"\(q)\"\(at) (n/N)", "search \"\(q)\"\(at)", 7)
        }
        if !s.nav.fullyIndexed { left("indexing \(Int(s.nav.indexFraction * 100))%", "idx \(Int(s.nav.indexFraction * 100))%", 5) }
        if let f = s.nav.summarising { left("summarising \(Int(f * 100))%", "sum \(Int(f * 100))%", 5) }
        left(s.review.annotator, s.review.annotator, 9)
        // The keys as the key map has them bound.
        for h in s.image.zoomed ? KeyMap.zoomedHints : KeyMap.hints {
            key(s.keyMap.hintText(h, short: false), s.keyMap.hintText(h, short: true), h.priority)
        }
        return StatusLine(parts: p, separator: t.sep)
    }

    /// The left and right texts for `width` columns: full when they fit, else
    /// shortened and then thinned by priority; the left one may still need cutting.
    func fitted(width: Int) -> (left: String, right: String) {
        var ps = parts
        if Self.width(ps, separator) <= width { return Self.texts(ps, separator) }
        // Shorter words first, the least needed parts first.
        for level in Set(ps.map(\.priority)).sorted() {
            // Parts of one rank shorten together (`a acc  x rej  s skip`, never half of them).
            for i in ps.indices where ps[i].priority == level { ps[i].shortened = true }
            if Self.width(ps, separator) <= width { return Self.texts(ps, separator) }
        }
        // Then drop parts, the least needed (and of equals, the rightmost) first.
        while let drop = ps.indices.filter({ ps[$0].priority < 9 }).min(by: { (ps[$0].priority, -$0) < (ps[$1].priority, -$1) }) {
            ps.remove(at: drop)
            if Self.width(ps, separator) <= width { break }
        }
        return Self.texts(ps, separator)
    }

    private static func texts(_ ps: [Part], _ sep: String) -> (left: String, right: String) {
        let l = ps.filter { !$0.keys }.map(\.text)
        let r = ps.filter(\.keys).map(\.text)
        return (" " + l.joined(separator: sep) + " ", r.isEmpty ? "" : " " + r.joined(separator: "  ") + " ")
    }

    private static func width(_ ps: [Part], _ sep: String) -> Int {
        let (l, r) = texts(ps, sep)
        return TextFit.width(l) + TextFit.width(r)
    }

    /// Draws the bar on `r` (TerminalUI's `StatusBar`): the keys keep their
    /// place while the counts keep 8 columns; the left part is cut (with an ellipsis) if it must be.
    func draw(in r: Rect, theme t: Theme, buffer b: inout Buffer) {
        guard r.height > 0 else { return }
        let (left, right) = fitted(width: r.width)
        let text = { (s: String) in t.ascii ? Theme.asciiOnly(s) : s }
        StatusBar(left: [Span(text(left), style: Style(attributes: [.bold]))], right: [Span(text(right))],
                  style: t.status, glyphs: t.glyphs, gap: 0, minLeft: 8).render(in: r, buffer: &b)
    }
}
