import Inspector
import TerminalUI
import Testing

/// "The previous frame stays until the next item has loaded": while the
/// next item is on its way, the screen shows the item being left as it was,
/// never the next item's number over the last one's id and blank panes.
@Suite struct ShownWhileLoadingTests {
    @Test(arguments: [(160, 48), (100, 30)])
    func theItemLeftStaysOnScreenUntilTheNextHasLoaded(width: Int, height: Int) {
        var (s, r) = Fixture.app(width: width, height: height)
        s.press("3jj", r)                                  // the third step of the rationales
        let before = s.screen
        #expect(before.contains("item 1 of 4") && before.contains("chosen step 3/3"))
        let fx = InspectorApp.update(&s, .key(.char("n")))  // item 2 asked for, not here yet
        let waiting = s.screen
        #expect(waiting.contains("item 1 of 4 · id clevr-0"), "the header is the item still shown")
        #expect(!waiting.contains("item 2 of 4"))
        #expect(waiting.contains("chosen step 3/3"), "its selection as it was")
        #expect(!waiting.contains("loading..."), "no blank panes")
        #expect(waiting.contains("loading item 2…"), "the status line says what is coming")
        // Apart from the message line, the frame is the one before.
        let a = before.split(separator: "\n", omittingEmptySubsequences: false)
        let b = waiting.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(a.count == b.count)
        for (x, y) in zip(a, b) where !y.contains("loading item") { #expect(x == y) }
        Headless.settle(&s, fx, runner: r)
        let arrived = s.screen
        #expect(arrived.contains("item 2 of 4 · id clevr-1"))
        #expect(!arrived.contains("loading item"))
    }
}
