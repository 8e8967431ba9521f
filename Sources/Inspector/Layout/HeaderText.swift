import TerminalUI

/// The question and the evidence in the header: one line each, cut, or with
/// `e` the whole of each, wrapped (each at most a quarter of the screen,
/// the rest cut). Shared by the header's height and its drawing.
enum HeaderText {
    /// The question's lines after `Q: ` on a screen `width` wide.
    static func question(_ s: AppState, width: Int) -> [String] {
        lines(s.item?.question ?? "", s, width: width - 2 - 3)
    }

    /// The evidence's lines after `Evidence: `; none without evidence.
    static func evidence(_ s: AppState, width: Int) -> [String] {
        guard let ev = s.item?.evidence else { return [] }
        return lines(ev, s, width: width - 2 - 10)
    }

    private static func lines(_ text: String, _ s: AppState, width: Int) -> [String] {
        guard s.panes.headerExpanded, width > 4 else { return [text] }
        let most = max(1, s.height / 4)
        var out: [String] = []
        TextWrap.forEachLine([Span(text)], width: width) { line in
            out.append(line.map(\.text).joined())
            return out.count <= most
        }
        if out.count > most {
            // More than fits: the last line shown says so.
            out = Array(out.prefix(most))
            out[most - 1] += "…"
        }
        return out.isEmpty ? [""] : out
    }

    /// Rows the expanded texts take beyond one line each.
    static func extraRows(_ s: AppState) -> Int {
        guard s.panes.headerExpanded else { return 0 }
        return question(s, width: s.width).count - 1 + max(0, evidence(s, width: s.width).count - 1)
    }
}
