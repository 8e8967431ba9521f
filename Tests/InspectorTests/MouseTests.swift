import Testing
import TerminalUI
@testable import Inspector

/// Issue 20, the mouse: a click focuses the pane under it and selects what
/// it points at; the wheel moves the pane under the pointer; off in the config.
@Suite struct MouseTests {
    func click(_ s: inout AppState, _ r: EffectRunner, _ kind: MouseEvent.Kind = .press, x: Int, y: Int) {
        Headless.settle(&s, InspectorApp.update(&s, .mouse(MouseEvent(kind, x: x, y: y))), runner: r)
    }

    /// Where `text` is on screen (column, row), the first time.
    func find(_ s: AppState, _ text: String) -> (x: Int, y: Int)? {
        for (y, line) in s.screen.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let range = line.range(of: text) { return (line.distance(from: line.startIndex, to: range.lowerBound), y) }
        }
        return nil
    }

    @Test func aClickOnAGraphRowFocusesTheGraphAndSelectsTheRow() throws {
        var (s, r) = Fixture.app()
        #expect(s.panes.focus == .rationale)
        let at = try #require(find(s, "cylinder ["))
        click(&s, r, x: at.x, y: at.y)
        #expect(s.panes.focus == .graph)
        let rows = PanesModel.graphRows(s)
        #expect(rows[s.panes.graphSelection].text.contains("cylinder ["), "\(rows[s.panes.graphSelection].text)")
        #expect(PanesModel.highlightedEntity(s) == "o3", "the clicked object's box is highlighted")
    }

    @Test func aClickOnTheStripSelectsThatNegative() throws {
        var (s, r) = Fixture.app()
        #expect(s.negative?.id == "n1")
        let at = try #require(find(s, "n2·"))
        click(&s, r, x: at.x, y: at.y)
        #expect(s.negative?.id == "n2")
        #expect(s.screen.contains("NEGATIVE n2"))
    }

    @Test func aClickOnAStepSelectsItAndTheWheelMovesThePaneUnderThePointer() throws {
        var (s, r) = Fixture.app()
        let at = try #require(find(s, "So the red object is left"))
        click(&s, r, x: at.x, y: at.y)
        #expect(s.panes.focus == .rationale && s.panes.stepSelection == 2)
        // The wheel over the graph moves the graph, and the focus stays on the rationale.
        let graph = try #require(find(s, "Objects ("))
        let before = s.panes.graphSelection
        click(&s, r, .wheelDown, x: graph.x, y: graph.y)
        #expect(s.panes.focus == .rationale)
        #expect(s.panes.graphSelection > before)
        click(&s, r, .wheelUp, x: at.x, y: at.y)
        #expect(s.panes.stepSelection == 0, "three rows up from step 3 is the first step")
    }

    @Test func onASmallScreenATabIsClickable() throws {
        var (s, r) = Fixture.app(width: 100, height: 30)
        let at = try #require(find(s, "2 Graph"))
        click(&s, r, x: at.x, y: at.y)
        #expect(s.panes.focus == .graph)
        #expect(s.screen.contains("Scene graph"))
    }

    @Test func offInTheConfigAndWhileAPromptIsOpenClicksDoNothing() throws {
        var (s, r) = Fixture.app()
        let at = try #require(find(s, "cylinder ["))
        s.mouseEnabled = false
        click(&s, r, x: at.x, y: at.y)
        #expect(s.panes.focus == .rationale)
        s.mouseEnabled = true
        s.press("/", r)
        click(&s, r, x: at.x, y: at.y)
        #expect(s.panes.focus == .rationale && s.prompt?.kind == .search)
    }
}
