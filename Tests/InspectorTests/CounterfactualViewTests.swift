import Testing
import Imaging
import SceneData
import TerminalUI
@testable import Inspector

/// `v`: the item's counterfactual images in turn, each with its own
/// attention map, and how far the attention moved from the original's.
@Suite struct CounterfactualViewTests {
    /// The fixture's item 0 (attention all on the top-left cell) with two
    /// counterfactuals: one whose attention moved to the bottom right, one without a map.
    func app() -> (AppState, EffectRunner) {
        var item = Fixture.item(0)
        item.counterfactuals = [
            Counterfactual(image: .path("masked.png"), change: "mask", region: BoundingBox(x: 10, y: 20, w: 30, h: 30),
                           attention: [AttentionMap(label: "focus", grid: AttentionGrid(rows: 2, cols: 2, values: [0, 0, 0, 1]))]),
            Counterfactual(image: .path("blurred.png"), change: "blur"),
        ]
        // Each file decodes to a picture of its own colour, to tell them apart on screen.
        let source = InMemorySource(items: [item], images: ["img0.png": [0], "masked.png": [1], "blurred.png": [2]])
        let decode: @Sendable ([UInt8]) throws -> RGBAImage = { bytes in
            let c: RGBA = bytes.first == 1 ? RGBA(250, 0, 0) : bytes.first == 2 ? RGBA(0, 0, 250) : RGBA(0, 250, 0)
            return RGBAImage(width: 100, height: 60, fill: c)
        }
        let runner = EffectRunner(services: .init(source: source, store: MemoryStore(), decode: decode))
        var s = AppState(width: 160, height: 48, datasetName: "fixture", annotator: "t", imageMode: .truecolor)
        s.nav.itemCount = 1; s.nav.fullyIndexed = true; s.nav.indexFraction = 1
        s.image.showHeatmap = false
        Headless.settle(&s, InspectorApp.start(&s, at: 0), runner: runner)
        return (s, runner)
    }

    /// The colour most of the image pane's cells show.
    func paneColour(_ s: AppState) -> Color? {
        let b = InspectorApp.view(s)
        let r = ScreenLayout.inner(ScreenLayout.of(s).image)
        var counts: [Color: Int] = [:]
        for y in r.top..<r.bottom { for x in r.left..<r.right where b[x, y].symbol == "▀" { counts[b[x, y].fg, default: 0] += 1 } }
        return counts.max { $0.value < $1.value }?.key
    }

    @Test func vShowsEachCounterfactualThenTheItemsOwnImage() {
        // A pane too narrow for two pictures (SideBySideTests has the wide one): one at a time.
        var (s, r) = SideBySideTests().app(width: 44)
        s.press("1", r)
        let own = paneColour(s)
        s.press("v", r)
        // The title is cut on so narrow a pane: its words in full, and its start on screen.
        #expect(PanesModel.counterfactual(s) == "counterfactual 1/2: mask, attention moved 1.00")
        #expect(s.screen.contains("Counterfactual 1/2: mask"))
        let masked = paneColour(s)
        #expect(masked != own && masked == .rgb(250, 0, 0), "the masked picture is shown")
        s.press("v", r)
        #expect(PanesModel.counterfactual(s) == "counterfactual 2/2: blur, no attention map")
        #expect(paneColour(s) == .rgb(0, 0, 250))
        s.press("v", r)
        #expect(!s.screen.contains("Counterfactual"))
        #expect(paneColour(s) == own)
        #expect(s.flash?.text == "the item's own image")
    }

    @Test func anItemWithoutCounterfactualsSaysSo() {
        var (s, r) = Fixture.app()
        s.press("v", r)
        #expect(s.flash?.text.hasPrefix("this item has no counterfactual image") == true)
    }
}

/// `v` with room for it: the original and the counterfactual side by side,
/// each with its own attention, and the difference when there is room for a third.
@Suite struct SideBySideTests {
    func app(width: Int = 160) -> (AppState, EffectRunner) {
        var (s, r) = CounterfactualViewTests().app()
        if width != s.width { Headless.settle(&s, InspectorApp.update(&s, .resize(width: width, height: 48)), runner: r) }
        return (s, r)
    }

    /// The colour most cells of `rect` show (half blocks).
    func colour(_ s: AppState, _ rect: Rect) -> Color? {
        let b = InspectorApp.view(s)
        var counts: [Color: Int] = [:]
        for y in rect.top..<rect.bottom { for x in rect.left..<rect.right where b[x, y].symbol == "▀" { counts[b[x, y].fg, default: 0] += 1 } }
        return counts.max { $0.value < $1.value }?.key
    }

    @Test func originalAndCounterfactualSideBySideWithTheirLabels() throws {
        var (s, r) = app()
        s.press("v", r)
        let inner = ImageArea.picture(s.image, pane: ScreenLayout.of(s).image)
        let panels = ImageArea.sideBySide(s.image, inner: inner)
        try #require(panels.count == 2, "a 160-column screen has room for two")
        #expect(colour(s, panels[0]) == .rgb(0, 250, 0), "the original on the left")
        #expect(colour(s, panels[1]) == .rgb(250, 0, 0), "the masked picture on the right")
        let text = s.screen
        #expect(text.contains("original: focus"))
        #expect(text.contains("mask: focus"))
        #expect(text.contains("Counterfactual 1/2: mask, attention moved 1.00"))
        // The counterfactual without a map says so; then back to one picture, no trace of the other.
        s.press("v", r)
        #expect(s.screen.contains("blur: no attention map"))
        s.press("v", r)
        #expect(!s.screen.contains("original: focus"))
        let whole = ImageArea.picture(s.image, pane: ScreenLayout.of(s).image)
        #expect(colour(s, whole) == .rgb(0, 250, 0))
        let b = InspectorApp.view(s)
        let reds = (whole.top..<whole.bottom).flatMap { y in (whole.left..<whole.right).map { b[$0, y] } }.filter { $0.fg == .rgb(250, 0, 0) }
        #expect(reds.isEmpty, "no ghost of the masked picture")
    }

    /// In a terminal that shows pixels (one picture per pane), the pictures
    /// side by side are drawn in symbols and no pixel picture is placed over them.
    @Test func aPixelTerminalShowsThemSideBySideInSymbols() throws {
        var (s, r) = app()
        s.image.support = GraphicsSupport(pixelProtocol: .kitty, symbols: true, cellSize: CellSize(width: 10, height: 20))
        s.image.graphics = .kitty
        s.press("v", r)
        let inner = ImageArea.picture(s.image, pane: ScreenLayout.of(s).image)
        let panels = ImageArea.sideBySide(s.image, inner: inner)
        try #require(panels.count == 2)
        #expect(InspectorApp.frame(s).pixels == nil, "no pixel picture over the two")
        let b = InspectorApp.view(s)
        let sides = panels.map { p in (p.top..<p.bottom).flatMap { y in (p.left..<p.right).map { b[$0, y] } } }
        #expect(sides[0].contains { $0.fg == .rgb(0, 250, 0) || $0.bg == .rgb(0, 250, 0) }, "the original's colour on the left")
        #expect(sides[1].contains { $0.fg == .rgb(250, 0, 0) || $0.bg == .rgb(250, 0, 0) }, "the masked picture's on the right")
        #expect(s.screen.contains("original: focus") && s.screen.contains("mask: focus"))
        #expect(s.screen.contains("[symbols") && !s.screen.contains("[kitty"),
                "the title names what is drawn, not the terminal's pixel mode: \(s.screen.split(separator: "\n").first { $0.contains("Counterfactual") } ?? "")")
        // Back to the item's own image: one picture, in pixels again.
        s.press("vv", r)
        #expect(InspectorApp.frame(s).pixels != nil)
        #expect(s.screen.contains("Image [kitty]"))
    }

    @Test func zoomedThereIsRoomForTheDifference() throws {
        var (s, r) = app()
        s.press("vz", r)
        let inner = ImageArea.picture(s.image, pane: ScreenLayout.of(s).image)
        let panels = ImageArea.sideBySide(s.image, inner: inner)
        try #require(panels.count == 3)
        #expect(s.screen.contains("where the attention moved"))
        // The second counterfactual has no map: the third panel says so and shows no picture.
        s.press("v", r)
        #expect(s.screen.contains("attention moved: no two maps to compare"))
        #expect(!s.screen.contains("no image"))
        let b = InspectorApp.view(s)
        let third = ImageArea.sideBySide(s.image, inner: ImageArea.picture(s.image, pane: ScreenLayout.of(s).image))[2]
        #expect(!(third.top..<third.bottom).contains { y in (third.left..<third.right).contains { b[$0, y].symbol == "▀" } })
    }

    @Test func aNarrowPaneShowsOnePictureAtATime() throws {
        // A small screen: the image is a tab of its own, 42 columns wide.
        var (s, r) = app(width: 44)
        s.press("1v", r)
        let inner = ImageArea.picture(s.image, pane: ScreenLayout.of(s).image)
        #expect(ImageArea.sideBySide(s.image, inner: inner).isEmpty)
        #expect(!s.screen.contains("original: focus"))
        #expect(s.screen.contains("Counterfactual 1/2"))
    }
}
