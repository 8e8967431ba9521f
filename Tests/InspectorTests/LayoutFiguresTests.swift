import Inspector
import TerminalUI
import Testing

/// The layout figures `update` works with live in the state and follow the
/// screen: after a resize, keys page, scroll and switch panes by the new size.
@Suite struct LayoutFiguresTests {
    @Test func aResizeToASmallScreenSwitchesToTabsAndTheirFocusKeys() {
        var (s, r) = Fixture.app(width: 160, height: 48)
        #expect(!s.layout.screen.tabbed)
        s.press("1", r)
        #expect(s.screen.contains("no image pane on this screen"))
        _ = InspectorApp.update(&s, .resize(width: 100, height: 30))
        #expect(s.layout.screen.tabbed && s.layout.screen.focusable == Pane.allCases)
        s.press("1", r)
        #expect(s.panes.focus == .image)
        #expect(s.screen.contains(" 1 Image "))
    }

    @Test func theHelpScrollsToItsEndAtTheSizeItIsNow() {
        var (s, r) = Fixture.app(width: 160, height: 48)
        s.press("?", r)
        _ = InspectorApp.update(&s, .resize(width: 80, height: 24))
        s.press("<End>", r)
        #expect(s.panes.helpScroll == s.layout.helpMaxScroll && s.panes.helpScroll > 0)
        // The last line of the help is on screen, and the position says so.
        let lines = s.screen.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.contains("quit (decisions are already saved)") })
        _ = InspectorApp.update(&s, .resize(width: 160, height: 48))
        s.press("<End>", r)
        #expect(s.panes.helpScroll == s.layout.helpMaxScroll)
    }

    @Test func aPageIsTheFocusedPanesHeightAfterAResize() {
        var (s, r) = Fixture.app(width: 160, height: 48)
        s.press("2", r)
        let tall = s.layout.page(.graph)
        _ = InspectorApp.update(&s, .resize(width: 160, height: 44))
        #expect(s.layout.page(.graph) < tall)
        _ = InspectorApp.update(&s, .resize(width: 100, height: 30))
        s.press("2", r)
        #expect(s.layout.page(.graph) == s.layout.screen.graph.height - 4)
        // The image is asked for at the size of its pane now.
        #expect(s.layout.imageArea.width == 98)
    }
}
