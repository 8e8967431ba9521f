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
