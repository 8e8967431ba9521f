import Imaging
import Testing
import TerminalUI
@testable import Inspector

/// The image pane in a terminal that shows pixels, the mode key, and zooming
/// into the picture, as an annotator uses them.
struct PixelPaneTests {
    /// The fixture app as a terminal that answered the kitty query (or sixel) would start it.
    static func app(_ mode: GraphicsMode?, width: Int = 160, height: Int = 48) -> (AppState, EffectRunner) {
        var (s, r) = Fixture.app(width: width, height: height)
        s.image.support = GraphicsSupport(pixelProtocol: mode, symbols: true, cellSize: CellSize(width: 10, height: 20))
        s.image.graphics = mode ?? .blocks
        Headless.settle(&s, InspectorApp.update(&s, .resize(width: width, height: height)), runner: r)
        return (s, r)
    }

    /// Presses keys until the graph pane's selection is the object `id`.
    static func select(_ id: String, _ s: inout AppState, _ r: EffectRunner) {
        s.press("2", r)
        for _ in 0..<20 where ImageZoom.selectedEntity(s) != id { s.press("j", r) }
    }

    @Test func kittyDrawsPlaceholderCellsAndAPictureAtTheCellsPixelSize() throws {
        let (s, _) = Self.app(.kitty)
        let f = InspectorApp.frame(s)
        let p = try #require(f.pixels)
        #expect(p.mode == .kitty)
        let pane = ScreenLayout.of(s).image
        #expect(pane.inset(by: 1).intersection(p.rect) == p.rect)
        #expect(f.buffer[p.rect.x, p.rect.y].symbol == KittyGraphics.placeholder(row: 0, column: 0))
        #expect(f.buffer[p.rect.right - 1, p.rect.bottom - 1].symbol == KittyGraphics.placeholder(row: p.rect.height - 1, column: p.rect.width - 1))
        #expect(f.buffer.plainText.contains("Image [kitty]"))
        // The picture was asked for at the pane's pixel size, not two rows a cell.
        let img = try #require(s.image.loaded?.image)
        #expect(img.width >= (p.rect.width - 1) * 10 || img.height >= (p.rect.height - 1) * 20)
        // Text modes draw no pixels.
        var t = s
        t.image.graphics = .blocks
        #expect(InspectorApp.frame(t).pixels == nil)
    }

    @Test func sixelIsLeftOutWhileTheHelpCoversThePaneAndBackWhenItCloses() throws {
        var (s, r) = Self.app(.sixel)
        let p = try #require(InspectorApp.frame(s).pixels)
        #expect(p.mode == .sixel)
        #expect(InspectorApp.frame(s).buffer[p.rect.x, p.rect.y] == PixelPlacement.reservedCell)
        s.press("?", r)
        #expect(InspectorApp.frame(s).pixels == nil)
        s.press("<Esc>", r)
        #expect(InspectorApp.frame(s).pixels?.key == p.key)
        // Another item is another picture.
        s.press("n", r)
        let next = try #require(InspectorApp.frame(s).pixels)
        #expect(next.key != p.key)
    }

    @Test func aSixelPictureWithAnOverlayOverPartOfItIsNotDrawn() {
        // On a small screen the tag list opens over the image tab.
        var (s, r) = Self.app(.sixel, width: 100, height: 30)
        s.press("1", r)
        #expect(InspectorApp.frame(s).pixels != nil)
        s.press("t", r)
        let f = InspectorApp.frame(s)
        let pane = ScreenLayout.of(s).image.inset(by: 1)
        let covered = ImagePane.placement(s, pane: ScreenLayout.of(s).image).map {
            !PixelPlacement.isIntact(.sixel, rect: $0.rect, buffer: f.buffer)
        } ?? false
        #expect(!pane.isEmpty)
        // Either the overlay covers the picture and it is left out, or it does not and it stays.
        #expect(covered ? f.pixels == nil : f.pixels != nil)
    }

    @Test func theModeKeyCyclesThroughWhatTheTerminalSupports() {
        var (s, r) = Self.app(.kitty)
        var seen: [String] = []
        for _ in 0..<7 {
            seen.append(s.image.label)
            s.press("i", r)
        }
        #expect(seen == ["kitty", "symbols", "truecolor", "256", "16", "ascii", "kitty"])
        var (t, r2) = Self.app(nil)
        t.press("i", r2)
        #expect(t.image.label == "256")
        #expect(!t.image.support.cycle(asciiOnly: false).contains { $0.graphics.isPixel })
        #expect(t.image.support.cycle(asciiOnly: true).map(\.graphics) == [.ascii])
        // The symbol mode draws sextant glyphs in the pane.
        var u = t
        u.image.graphics = .symbols
        u.image.mode = .truecolor
        let sextants = u.screen.unicodeScalars.filter { (0x1FB00...0x1FB3B).contains($0.value) }.count
        #expect(sextants > 0)
        #expect(u.screen.contains("Image [symbols]"))
    }

    @Test func zoomingToTheSelectedObjectShowsItsBoxFillingThePane() throws {
        var (s, r) = Self.app(nil)
        let whole = try #require(s.image.loaded?.image)
        Self.select("o1", &s, r)
        s.press("Z", r)
        let v = try #require(s.image.viewport)
        #expect(v.subject == "box 'cube'")
        // The cube's box (10, 20, 30 x 30 in a 100 x 60 image) is inside what is shown.
        #expect(v.x <= 0.10 && v.x + v.width >= 0.40 && v.y <= 20.0 / 60 && v.y + v.height >= 50.0 / 60)
        #expect(s.screen.contains("zoom") && s.screen.contains("box 'cube'"))
        // At full resolution: the picture is decoded bigger to show the part at the pane's size.
        let zoomed = try #require(s.image.loaded?.image)
        #expect(zoomed.width > whole.width)
        let w = try #require(ImagePane.widget(s, theme: Theme(ascii: false)))
        let box = try #require(w.highlightedBox.map { w.boxes[$0] })
        #expect(box.w / Double(w.image.width) > 0.4)
        // Pan right, then Esc: the whole image again.
        let before = v.x
        s.press("L", r)
        #expect((s.image.viewport?.x ?? 0) > before)
        s.press("<Esc>", r)
        #expect(s.image.viewport == nil)
        #expect(!s.screen.contains("zoom "))
    }

    @Test func plusAndMinusZoomByHandAndTheCriticalElementsTogether() throws {
        var (s, r) = Self.app(nil)
        s.press("+", r)
        let v = try #require(s.image.viewport)
        #expect(abs(v.magnification - 1.5) < 0.01)
        s.press("-", r)
        #expect(s.image.viewport == nil)
        // The critical elements are o1 (the cube) and the relation o1 left of o2: cube and sphere together.
        s.press("C", r)
        let c = try #require(s.image.viewport)
        #expect(c.subject == "critical elements")
        #expect(c.x <= 0.10 && c.x + c.width >= 0.85)
        // Another item starts with the whole image.
        s.press("n", r)
        #expect(s.image.viewport == nil)
    }

    @Test func aZoomedPixelPictureShowsTheSourcePixelsOfTheBox() throws {
        var (s, r) = Self.app(.kitty)
        s.press("b", r)  // no outlines over the pixels compared
        s.press("h", r)
        Self.select("o1", &s, r)
        s.press("Z", r)
        let p = try #require(InspectorApp.frame(s).pixels)
        let frame = PixelFrame.compose(p.widget, width: p.rect.width * 10, height: p.rect.height * 20)
        // The fixture image is (2x, 4y, 128) in 100 x 60: the picture's centre
        // is the source pixel at the centre of what is shown.
        let v = try #require(s.image.viewport)
        let (cx, cy) = ((v.x + v.width / 2) * 100, (v.y + v.height / 2) * 60)
        let c = frame[frame.width / 2, frame.height / 2]
        #expect(abs(Double(c.r) - 2 * cx) <= 6 && abs(Double(c.g) - 4 * cy) <= 6 && c.b == 128)
        // And the cube's box lies inside the picture.
        #expect(v.x * 100 <= 10 && (v.x + v.width) * 100 >= 40)
    }
}
