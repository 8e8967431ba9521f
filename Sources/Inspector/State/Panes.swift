/// Which pane has the focus, what is selected and scrolled in each, and the
/// help overlay over them.
public struct Panes: Sendable {
    /// The pane that j/k, arrows and PgUp/PgDn move in.
    public var focus: Pane = .rationale
    /// Selected row in the graph pane (an object or relation line).
    public var graphSelection = 0
    public var graphScroll = 0
    /// Selected step pair in the rationale pane.
    public var stepSelection = 0
    public var rationaleScroll = 0
    public var lintScroll = 0
    public var showHelp = false
    /// `e`: the question and the evidence in full, wrapped, rather than cut to a line each.
    public var headerExpanded = false
    /// First line of the help overlay shown.
    public var helpScroll = 0
    /// The analysis of the item and negative on screen, worked out once per selection.
    public var analysis: ItemAnalysis?

    public init() {}

    /// Back to the top of every pane (another item).
    mutating func resetSelections() {
        graphSelection = 0; graphScroll = 0
        stepSelection = 0; rationaleScroll = 0; lintScroll = 0
    }

    /// Another negative is selected (`steps`: its step rows): the step stays
    /// where it can, the rationale and lints panes go back to their top.
    mutating func otherNegative(steps: Int) {
        stepSelection = min(stepSelection, max(0, steps - 1))
        rationaleScroll = 0
        lintScroll = 0
    }

    /// j/k, PgDn/PgUp, Home/End in the focused pane: `d` rows down (up when
    /// negative). `graphRows`: the graph pane's rows; `steps`: the rationale's
    /// step rows; `layout`: how far the rationale and lints panes scroll.
    mutating func move(_ d: Int, graphRows rows: [GraphRow], steps: Int, layout: LayoutFigures) {
        switch focus {
        case .graph:
            let start = min(max(0, graphSelection + d), max(0, rows.count - 1))
            // Headings are not selectable: step past them in the direction of travel, and
            // when only headings lie that way (a move clamped at either end) back the other way.
            let step = d >= 0 ? 1 : -1
            let selectable = { (i: Int) in i >= 0 && i < rows.count && rows[i].kind != .heading }
            var i = start
            while i >= 0, i < rows.count, !selectable(i) { i += step }
            if !selectable(i) {
                i = start
                while i >= 0, i < rows.count, !selectable(i) { i -= step }
            }
            if selectable(i) { graphSelection = i }
        case .rationale:
            let last = max(0, steps - 1)
            var d = d
            // Rows scrolled past the last step are given back before the selection moves up.
            if d < 0, rationaleScroll > 0 {
                let back = min(rationaleScroll, -d)
                rationaleScroll -= back
                d += back
            }
            let sel = min(max(0, stepSelection + d), last)
            // Moving on from the last step scrolls on to the end of the content (the answers).
            let past = d > 0 ? d - (sel - stepSelection) : 0
            if sel != stepSelection { rationaleScroll = 0 }
            stepSelection = sel
            if past > 0 { rationaleScroll = min(rationaleScroll + past, layout.rationaleMaxExtraScroll) }
        case .lints:
            lintScroll = min(max(0, lintScroll + d), layout.lintMaxScroll)
        case .image:
            break
        }
    }

    /// What a key does while the help is open (`page`: rows of a page,
    /// `maxScroll`: the last useful offset).
    mutating func help(_ action: Action?, page: Int, maxScroll: Int) {
        switch action {
        case .help, .escape, .quit: showHelp = false
        case .down: helpScroll += 1
        case .up: helpScroll -= 1
        case .pageDown: helpScroll += page
        case .pageUp: helpScroll -= page
        case .home: helpScroll = 0
        case .end: helpScroll = Int.max
        default: break
        }
        helpScroll = min(max(0, helpScroll), maxScroll)
    }
}
