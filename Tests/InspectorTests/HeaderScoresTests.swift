import Inspector
import Review
import SceneData
import Testing
import TerminalUI

/// The judge scores in the header are never cut: on the title line when it
/// has room, on a line of their own under it when not, with short names only
/// on very narrow screens.
@Suite struct HeaderScoresTests {
    static let full = "J 0.00 · judge chosen 0.90 rejected 0.20 conf 0.80"

    func lines(_ s: AppState) -> [String] { s.screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    @Test func wideScreenKeepsEverythingOnTheTitleLine() {
        let (s, _) = Fixture.app(width: 160, height: 48)
        let rows = lines(s)
        #expect(rows[0].contains("op swap · " + Self.full), "\(rows[0])")
        #expect(rows[1].hasPrefix(" Q: Item 0"))
    }

    @Test(arguments: [(100, 30), (80, 24)])
    func narrowerScreensPutTheScoresOnTheirOwnLine(width: Int, height: Int) {
        let (s, _) = Fixture.app(width: width, height: height)
        let rows = lines(s)
        #expect(rows[0].hasSuffix("op swap"), "\(rows[0])")
        #expect(!rows[0].contains("…"))
        #expect(rows[1] == " " + Self.full, "\(rows[1])")
        #expect(rows[2].hasPrefix(" Q: Item 0"))
        #expect(rows[3].hasPrefix(" A: yes"))
        // The panes start under the whole header.
        #expect(rows.contains { $0.contains("1 Image") && $0.contains("2 Graph") })
    }

    @Test func aLongIdMovesTheScoresDownEvenAt160() {
        var items = Fixture.items
        items[0].id = "aokvqa-train-" + String(repeating: "0", count: 50) + "123"
        let source = InMemorySource(items: items, images: ["img0.png": [1]])
        let r = EffectRunner(services: .init(source: source, store: MemoryStore(), decode: Fixture.decode, contentHash: Fixture.realHash))
        var s = AppState(width: 160, height: 48, datasetName: "fixture", annotator: "tester")
        s.nav.itemCount = items.count; s.nav.fullyIndexed = true; s.nav.indexFraction = 1
        Headless.settle(&s, InspectorApp.start(&s, at: 0), runner: r)
        let rows = lines(s)
        #expect(rows[0].contains(items[0].id) && rows[0].hasSuffix("op swap"), "\(rows[0])")
        #expect(rows[1] == " " + Self.full)
    }

    @Test func veryNarrowScreensShortenTheNamesNotTheNumbers() {
        let (s, _) = Fixture.app(width: 44, height: 24)
        let rows = lines(s)
        #expect(rows[1] == " J 0.00 · judge c 0.90 r 0.20 conf 0.80", "\(rows[1])")
    }

    @Test func asciiTerminalsUseTheirSeparator() {
        let (s, _) = Fixture.app(width: 80, height: 24, ascii: true)
        #expect(lines(s)[1] == " J 0.00 | judge chosen 0.90 rejected 0.20 conf 0.80")
    }
}
