import Testing
import SceneData
import TerminalUI
@testable import Inspector

/// `e`: the question and the evidence in full (the evidence-leak lint is
/// judged against the evidence, which a narrow screen cuts).
@Suite struct ExpandHeaderTests {
    static let evidence = "A red metal cube stands left of a blue sphere on a grey floor, a green rubber cylinder behind it, "
        + "and the light falls from the upper right so that the cube's shadow reaches towards the sphere; the answer is yes."

    func app(width: Int, height: Int) -> (AppState, EffectRunner) {
        var item = Fixture.item(0)
        item.evidence = Self.evidence
        let source = InMemorySource(items: [item], images: ["img0.png": [UInt8(1)]])
        let runner = EffectRunner(services: .init(source: source, store: MemoryStore(), decode: Fixture.decode))
        var s = AppState(width: width, height: height, datasetName: "fixture", annotator: "t", imageMode: .truecolor)
        s.nav.itemCount = 1; s.nav.fullyIndexed = true; s.nav.indexFraction = 1
        Headless.settle(&s, InspectorApp.start(&s, at: 0), runner: runner)
        return (s, runner)
    }

    @Test func eShowsTheWholeEvidenceWrappedAndEAgainCutsIt() {
        var (s, r) = app(width: 80, height: 24)
        let words = Self.evidence.split(separator: " ").map(String.init)
        #expect(!s.screen.contains("answer is yes."), "cut to one line at 80 columns")
        let headerBefore = ScreenLayout.of(s).header.height
        s.press("e", r)
        #expect(s.panes.headerExpanded)
        // Every word on screen, in the header rows.
        let header = s.screen.split(separator: "\n").prefix(ScreenLayout.of(s).header.height).joined(separator: " ")
        for w in words { #expect(header.contains(w), "\(w)") }
        #expect(ScreenLayout.of(s).header.height > headerBefore, "the panes move down to make room")
        #expect(s.screen.contains("CHOSEN"), "the panes are still there")
        s.press("e", r)
        #expect(ScreenLayout.of(s).header.height == headerBefore)
        #expect(!s.screen.contains("answer is yes."))
    }

    @Test func onATinyScreenTheTextStopsAtAQuarterOfIt() {
        var (s, r) = app(width: 50, height: 20)
        s.press("e", r)
        let lines = HeaderText.evidence(s, width: s.width)
        #expect(lines.count == 5)
        #expect(lines.last?.hasSuffix("…") == true)
    }
}
