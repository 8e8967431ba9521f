import Imaging
import Testing
@testable import TerminalUI

/// What the terminal is sent besides the cells, frame after frame: pictures
/// sent once, redrawn when they change, erased when they go.
struct GraphicsPresenterTests {
    static let cell = CellSize(width: 4, height: 8)

    static func placement(_ mode: GraphicsMode, key: String = "a", rect: Rect = Rect(x: 2, y: 3, width: 5, height: 4),
                          color: RGBA = RGBA(200, 40, 40)) -> PixelPlacement {
        PixelPlacement(mode: mode, rect: rect, key: key, widget: ImageWidget(image: RGBAImage(width: 20, height: 32, fill: color)))
    }

    @Test func aSixelPictureIsDrawnAfterTheCellsAtItsCellsAndOnlyAgainWhenItChanges() throws {
        var p = GraphicsPresenter()
        let first = p.plan(Self.placement(.sixel), cell: Self.cell, repainted: false)
        #expect(!first.repaint && first.before.isEmpty)
        // Cursor saved, moved to row 4 column 3 (1-based), the sixel, cursor restored.
        #expect(first.after.hasPrefix("\u{1B}7\u{1B}[4;3H\u{1B}P"))
        #expect(first.after.hasSuffix("\u{1B}\\\u{1B}8"))
        let sixel = String(first.after.dropFirst("\u{1B}7\u{1B}[4;3H".count).dropLast(2))
        let img = try #require(decodeSixel(sixel))
        // 5 x 4 cells of 4 x 8 pixels, the picture's red in it.
        #expect(img.width == 20 && img.height == 32)
        #expect(img[10, 16].r > 190 && img[10, 16].g < 50)
        // The same picture: nothing to send.
        #expect(p.plan(Self.placement(.sixel), cell: Self.cell, repainted: false) == GraphicsPresenter.Plan())
        // The cells repainted (Ctrl-L, a resize) erase it: drawn again, no extra repaint.
        let again = p.plan(Self.placement(.sixel), cell: Self.cell, repainted: true)
        #expect(!again.repaint && !again.after.isEmpty)
    }

    /// `n` then `p`: the picture of the item shown a moment ago is written
    /// again from its escapes, not composed and encoded again; a change of
    /// anything it is made of (here the cell size) encodes it afresh.
    @Test(arguments: [GraphicsMode.sixel, .kitty, .iterm])
    func goingBackToAPictureShownLatelyReusesItsEscapes(mode: GraphicsMode) {
        var p = GraphicsPresenter()
        let a = p.plan(Self.placement(mode), cell: Self.cell, repainted: false)
        _ = p.plan(Self.placement(mode, key: "b", color: RGBA(20, 40, 200)), cell: Self.cell, repainted: false)
        let back = p.plan(Self.placement(mode), cell: Self.cell, repainted: false)
        #expect(p.encodes == 2)
        #expect(!back.before.isEmpty || !back.after.isEmpty)
        #expect(a.before + a.after == back.before + back.after, "the same picture's bytes")
        // Another cell size comes with a resize, which repaints.
        _ = p.plan(Self.placement(mode), cell: CellSize(width: 5, height: 10), repainted: true)
        #expect(p.encodes == 3)
    }

    @Test func aSixelPictureThatChangesMovesOrGoesIsErasedByARepaint() {
        var p = GraphicsPresenter()
        _ = p.plan(Self.placement(.sixel), cell: Self.cell, repainted: false)
        let other = p.plan(Self.placement(.sixel, key: "b"), cell: Self.cell, repainted: false)
        #expect(other.repaint && !other.after.isEmpty)
        let moved = p.plan(Self.placement(.sixel, key: "b", rect: Rect(x: 0, y: 0, width: 5, height: 4)), cell: Self.cell, repainted: false)
        #expect(moved.repaint && moved.after.hasPrefix("\u{1B}7\u{1B}[1;1H"))
        // An overlay over it (the frame has no picture): repaint, nothing drawn.
        let gone = p.plan(nil, cell: Self.cell, repainted: false)
        #expect(gone.repaint && gone.after.isEmpty && gone.before.isEmpty)
        // Nothing shown, nothing asked: nothing to do.
        #expect(p.plan(nil, cell: Self.cell, repainted: false) == GraphicsPresenter.Plan())
    }

    @Test func kittySendsAVirtualPlacementOnceAndDeletesItWhenThePictureGoes() throws {
        var p = GraphicsPresenter()
        let first = p.plan(Self.placement(.kitty), cell: Self.cell, repainted: false)
        #expect(!first.repaint && first.after.isEmpty)
        let cmds = try #require(kittyCommands(first.before))
        let keys = cmds[0].keys
        #expect(keys["a"] == "T" && keys["U"] == "1" && keys["i"] == "91" && keys["c"] == "5" && keys["r"] == "4")
        #expect(keys["s"] == "20" && keys["v"] == "32")
        // Redrawn cells keep showing it through the placeholders: nothing is sent again.
        #expect(p.plan(Self.placement(.kitty), cell: Self.cell, repainted: false) == GraphicsPresenter.Plan())
        // A new picture replaces the image under the same id, no repaint.
        let next = p.plan(Self.placement(.kitty, key: "b"), cell: Self.cell, repainted: false)
        #expect(!next.repaint && kittyCommands(next.before)?.first?.keys["i"] == "91")
        let gone = p.plan(nil, cell: Self.cell, repainted: false)
        #expect(gone.before == KittyGraphics.delete(id: 91) && !gone.repaint)
        _ = p.plan(Self.placement(.kitty), cell: Self.cell, repainted: false)
        #expect(p.teardown() == KittyGraphics.delete(id: 91))
        #expect(p.teardown().isEmpty)
    }

    @Test func insideTmuxKittyGoesThroughThePassthrough() {
        var p = GraphicsPresenter()
        var pl = Self.placement(.kitty)
        pl.tmux = true
        let plan = p.plan(pl, cell: Self.cell, repainted: false)
        #expect(plan.before.hasPrefix("\u{1B}Ptmux;\u{1B}\u{1B}_G"))
    }

    @Test func reservedCellsTellWhetherAnOverlayCoversThePicture() {
        var b = Buffer(width: 20, height: 10)
        let r = Rect(x: 2, y: 2, width: 6, height: 4)
        PixelPlacement.reserve(.sixel, rect: r, buffer: &b)
        #expect(PixelPlacement.isIntact(.sixel, rect: r, buffer: b))
        // An overlay's blank cell is not the reserved one.
        b[4, 3] = Cell(" ")
        #expect(!PixelPlacement.isIntact(.sixel, rect: r, buffer: b))
        var k = Buffer(width: 20, height: 10)
        PixelPlacement.reserve(.kitty, rect: r, buffer: &k)
        #expect(k[2, 2].symbol.unicodeScalars.first == KittyGraphics.placeholderScalar)
        #expect(PixelPlacement.isIntact(.kitty, rect: r, buffer: k))
    }

    @Test func olderKittyGetsThePicturePlacedOverTheCellsAndDeletedWhenItChanges() throws {
        var p = GraphicsPresenter()
        var pl = Self.placement(.kitty)
        pl.placeholders = false
        let first = p.plan(pl, cell: Self.cell, repainted: false)
        #expect(first.before.isEmpty && !first.repaint)
        #expect(first.after.hasPrefix("\u{1B}7\u{1B}[4;3H") && first.after.hasSuffix("\u{1B}8"))
        let cmds = try #require(kittyCommands(String(first.after.dropFirst("\u{1B}7\u{1B}[4;3H".count).dropLast(2))))
        // A placement at the cursor over 5 x 4 cells, not a virtual one.
        #expect(cmds[0].keys["U"] == nil && cmds[0].keys["c"] == "5" && cmds[0].keys["r"] == "4")
        #expect(p.plan(pl, cell: Self.cell, repainted: false) == GraphicsPresenter.Plan())
        pl.key = "b"
        let next = p.plan(pl, cell: Self.cell, repainted: false)
        #expect(next.before == KittyGraphics.delete(id: 91) && !next.after.isEmpty)
        let gone = p.plan(nil, cell: Self.cell, repainted: false)
        #expect(gone.before == KittyGraphics.delete(id: 91) && gone.after.isEmpty)
    }
}
