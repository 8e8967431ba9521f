import TerminalUI

extension InspectorApp {
    /// The screen for `s` and the picture to show in real pixels over it, if
    /// the image pane draws pixels and nothing covers them: the help hides the
    /// picture, and so does any overlay over a sixel or iTerm2 picture (whose
    /// pixels would lie over the overlay's text). kitty's placeholder cells
    /// are plain text, so an overlay simply takes their place.
    public static func frame(_ s: AppState) -> (buffer: Buffer, pixels: PixelPlacement?) {
        let s = s.shownWhileLoading
        let b = view(s)
        guard s.image.drawsPixels, !s.panes.showHelp, !s.listOpen, !s.datasetIsEmpty else { return (b, nil) }
        let pane = ScreenLayout.of(s).image
        guard !pane.isEmpty, let p = ImagePane.placement(s, pane: pane) else { return (b, nil) }
        if p.drawnOverCells && !PixelPlacement.isIntact(p.mode, placeholders: p.placeholders, rect: p.rect, buffer: b) {
            return (b, nil)
        }
        return (b, p)
    }
}
