import Inspector
import Review
import SceneData
import Testing
import TerminalUI

/// What stays readable when the screen is narrow or a value is long: the
/// header keeps the position, negative and operator; pane titles end in an
/// ellipsis; the status bar gives way by priority.
@Suite struct NarrowLayoutTests {
    func lines(_ s: AppState) -> [String] { s.screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    /// The fixture with item 1's id 300 characters long, on item 1.
    func longID(width: Int, height: Int, ascii: Bool = false) -> (AppState, String) {
        var items = Fixture.items
        items[1].id = "id-start-" + String(repeating: "x", count: 282) + "-id-end"
        let source = InMemorySource(items: items, images: ["img1.png": [1]])
        let r = EffectRunner(services: .init(source: source, store: MemoryStore(), decode: Fixture.decode, contentHash: Fixture.realHash))
        var s = AppState(width: width, height: height, datasetName: "fixture", annotator: "tester", asciiOnly: ascii)
        s.nav.itemCount = items.count; s.nav.fullyIndexed = true; s.nav.indexFraction = 1
        Headless.settle(&s, InspectorApp.start(&s, at: 1), runner: r)
        return (s, items[1].id)
    }

    @Test(arguments: [(80, 24, false), (160, 48, false), (100, 30, true)])
    func aLongIdIsShortenedSoTheNegativeAndOperatorStay(width: Int, height: Int, ascii: Bool) {
        let (s, id) = longID(width: width, height: height, ascii: ascii)
        let title = lines(s)[0]
        let dots = ascii ? "..." : "…"
        #expect(title.contains("item 2 of 4"), "\(title)")
        #expect(title.contains("negative n1 (1/2)"), "\(title)")
        #expect(title.hasSuffix("op swap"), "\(title)")
        // Both ends of the id, the middle left out.
        #expect(title.contains("id id-start-x") && title.contains("x-id-end"), "\(title)")
        #expect(title.contains(dots) && !title.contains(id))
        // The scores keep their own line.
        #expect(lines(s)[1].hasPrefix(" J 0.00"), "\(lines(s)[1])")
    }

    @Test func aShortIdIsNotShortened() {
        let (s, _) = Fixture.app(index: 1)
        #expect(lines(s)[0].contains("id clevr-1 · negative n1 (1/2) · op swap"))
    }

    /// The top border of the rationale pane (the first one naming it).
    func rationaleTitle(_ s: AppState) -> String {
        lines(s).first { $0.contains("Rationales") } ?? ""
    }

    @Test(arguments: [false, true])
    func narrowPaneTitlesDropTheLegendBeforeTheStepCounters(ascii: Bool) {
        var (s, r) = Fixture.app(width: 80, height: 24, ascii: ascii)
        s.press("3", r)
        let top = rationaleTitle(s)
        #expect(top.contains("Rationales (chosen step 1/3, negative step 1/3)"), "\(top)")
        #expect(!top.contains("red:") && !top.contains("underlined"), "\(top)")
        // Nothing cut mid-word: the title closes and the border runs on to the corner.
        #expect(top.contains("1/3) " + (ascii ? "-" : "─")), "\(top)")
    }

    @Test func wideScreensKeepTheLegend() {
        let (s, _) = Fixture.app(width: 160, height: 48)
        #expect(rationaleTitle(s).contains("red: only chosen  green: only negative"))
    }

    @Test(arguments: [false, true])
    func aTitleTooLongForItsPaneEndsInAnEllipsis(ascii: Bool) {
        var (s, r) = Fixture.app(width: 40, height: 24, ascii: ascii)
        s.press("3", r)
        let top = rationaleTitle(s)
        #expect(top.contains("Rationales (chosen step 1/3, neg" ) || top.contains("Rationales (chosen"), "\(top)")
        #expect(top.contains(ascii ? "... +" : "… ┐"), "\(top)")
    }

    /// The status bar is the last row.
    func status(_ s: AppState) -> String { lines(s).last ?? "" }

    @Test(arguments: [(160, 48), (100, 30), (80, 24)])
    func theStatusBarKeepsTheEssentialsWithAFilterOn(width: Int, height: Int) {
        var (s, r) = Fixture.app(width: width, height: height)
        s.choose(.undecided, r)
        let bar = status(s)
        #expect(bar.contains("undecided"), "\(bar)")
        #expect(bar.contains("tester"), "\(bar)")
        #expect(bar.contains("0"), "\(bar)")
        for k in ["a ac", "x rej", "s skip", "? help"] { #expect(bar.contains(k), "\(k) in \(bar)") }
        #expect(!bar.contains("…"), "\(bar)")
    }

    @Test func wordsShortenBeforeKeysGo() {
        var (s, r) = Fixture.app(width: 100, height: 30)
        s.choose(.undecided, r)
        let bar = status(s)
        // At 100 columns the decision keys stay with their words shortened if need be; the undo key too.
        #expect(bar.contains("u undo"), "\(bar)")
    }

    @Test func theFullBarShowsOnAWideScreen() {
        let (s, _) = Fixture.app(width: 160, height: 48)
        let bar = status(s)
        #expect(bar.contains("reviewed 0 · accepted 0 · rejected 0 · skipped 0 · filter all · tester"), "\(bar)")
        #expect(bar.contains("a accept  x reject  s skip  u undo  n/p item  ]/[ neg  Tab pane  ? help  q quit"), "\(bar)")
    }
}
