import TerminalUI

/// Where each part of the screen goes for a given size: side by side when
/// there is room (at least 140x40), otherwise one pane at a time as tabs.
public struct ScreenLayout: Sendable, Hashable {
    public var header: Rect
    /// The tab bar; empty when the panes are side by side.
    public var tabs: Rect
    public var image: Rect
    public var graph: Rect
    public var rationale: Rect
    public var lints: Rect
    public var prompt: Rect
    public var status: Rect
    /// True when one pane is shown at a time.
    public var tabbed: Bool

    /// Header rows above the panes: title, question, answer, evidence; one more
    /// when the item has reading problems, so they never push the evidence out,
    /// and one more when the judge scores do not fit on the title line.
    static func headerHeight(_ s: AppState) -> Int {
        let scores = (HeaderTitle.wraps(s) ? 1 : 0) + HeaderText.extraRows(s)
        guard s.item?.evidence != nil, LintRows.problemCount(s) > 0 else { return 4 + scores }
        return 5 + scores
    }

    /// The layout for `state`'s size, focus and zoom.
    public static func of(_ s: AppState) -> ScreenLayout {
        let empty = Rect(x: 0, y: 0, width: 0, height: 0)
        let hh = min(headerHeight(s), max(0, s.height - 2))
        let rows = [Rect(x: 0, y: 0, width: s.width, height: hh),
                    Rect(x: 0, y: hh, width: s.width, height: s.height - hh - 2),
                    Rect(x: 0, y: max(0, s.height - 2), width: s.width, height: s.height >= 2 ? 1 : 0),
                    Rect(x: 0, y: max(0, s.height - 1), width: s.width, height: 1)]
        var l = ScreenLayout(header: rows[0], tabs: empty, image: empty, graph: empty, rationale: empty,
                             lints: empty, prompt: rows[2], status: rows[3], tabbed: false)
        let body = rows[1]
        if s.image.zoomed {
            l.image = Rect(x: 0, y: 0, width: s.width, height: max(0, s.height - 1))
            l.header = empty
            l.prompt = empty
            return l
        }
        if s.width >= 140 && s.height >= 40 {
            let lw = body.width * 38 / 100
            let ih = body.height / 2
            l.image = Rect(x: body.x, y: body.y, width: lw, height: ih)
            l.graph = Rect(x: body.x, y: body.y + ih, width: lw, height: body.height - ih)
            l.rationale = Rect(x: body.x + lw, y: body.y, width: body.width - lw, height: body.height - 7)
            l.lints = Rect(x: body.x + lw, y: body.bottom - 7, width: body.width - lw, height: 7)
        } else {
            l.tabbed = true
            let parts = [Rect(x: body.x, y: body.y, width: body.width, height: min(1, body.height)),
                         Rect(x: body.x, y: body.y + 1, width: body.width, height: body.height - 1)]
            l.tabs = parts[0]
            switch s.panes.focus {
            case .image: l.image = parts[1]
            case .graph: l.graph = parts[1]
            case .rationale: l.rationale = parts[1]
            case .lints: l.lints = parts[1]
            }
        }
        return l
    }

    /// The tab titles of a small screen and where each starts on the tab row
    /// (`tabs`), as drawn and as a click finds them.
    public var tabTitles: [(pane: Pane, title: String, x: Int)] {
        var x = tabs.left + 1
        return Pane.allCases.enumerated().map { i, p in
            let title = " \(i + 1) \(p.rawValue.capitalized) "
            defer { x += title.count + 1 }
            return (p, title, x)
        }
    }

    /// The panes Tab cycles through in this layout.
    public var focusable: [Pane] { tabbed ? Pane.allCases : [.graph, .rationale, .lints] }

    /// The inside of a bordered pane.
    static func inner(_ r: Rect) -> Rect { r.inset(by: 1) }
}
