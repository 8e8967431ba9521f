import TerminalUI

extension AppState {
    /// What the screen shows. While item `i` loads (too slowly to wait for it
    /// within a frame), the item being left stays on screen as it was (its
    /// header, panes, selections and picture) and the status line says which
    /// item is coming: never the next item's number over the last one's id and
    /// blank panes. Otherwise the state itself.
    var shownWhileLoading: AppState {
        guard case .loadingItem(let i) = phase, nav.index == i, let c = nav.current, c.index != i,
              let kept = leaving else { return self }
        var shown = self
        shown.nav.index = c.index
        shown.panes.graphSelection = kept.panes.graphSelection
        shown.panes.graphScroll = kept.panes.graphScroll
        shown.panes.stepSelection = kept.panes.stepSelection
        shown.panes.rationaleScroll = kept.panes.rationaleScroll
        shown.panes.lintScroll = kept.panes.lintScroll
        shown.image.attentionChoice = kept.attentionChoice
        shown.image.viewport = kept.viewport
        shown.flash = keepingSaved("loading item \(i + 1)\(Theme(ascii: asciiOnly).ellipsis)")
        shown.refreshLayout()
        return shown
    }
}
