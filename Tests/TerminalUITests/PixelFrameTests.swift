import Imaging
import Testing
@testable import TerminalUI

/// The picture the pixel protocols show: image, heatmap and boxes composited.
@Suite struct PixelFrameTests {
    @Test func theImageFillsTheFrameAndItsPixelsMatchTheDownscaledSource() {
        let src = photoLike(width: 400, height: 200)
        let f = PixelFrame.compose(ImageWidget(image: src, showHeatmap: false, showBoxes: false), width: 200, height: 120)
        let fit = PixelFrame.fit(imageWidth: 400, imageHeight: 200, width: 200, height: 120)
        #expect(fit.w == 200 && fit.h == 100 && fit.y == 10)
        let small = src.resampled(width: 200, height: 100)
        for (x, y) in [(0, 0), (57, 33), (199, 99), (120, 80)] {
            #expect(f[x, y + 10] == small[x, y])
        }
        #expect(f[5, 2] == RGBA(0, 0, 0) && f[5, 115] == RGBA(0, 0, 0), "letterbox in the background colour")
    }

    @Test func boxesAreOutlinedOutsideTheObjectAndSmallOnesGetCornerMarks() {
        var src = RGBAImage(width: 100, height: 100, fill: RGBA(100, 100, 100))
        for y in 40..<60 { for x in 40..<60 { src[x, y] = RGBA(200, 0, 0) } }      // a 20 px object
        for y in 80..<83 { for x in 10..<13 { src[x, y] = RGBA(0, 0, 200) } }      // a 3 px object
        let w = ImageWidget(image: src, boxes: [BoxOverlay(x: 40, y: 40, w: 20, h: 20, label: "cube"),
                                                BoxOverlay(x: 10, y: 80, w: 3, h: 3, label: "b")], showHeatmap: false)
        let f = PixelFrame.compose(w, width: 100, height: 100)
        // Every pixel of both objects is still the object's colour.
        for y in 40..<60 { for x in 40..<60 { #expect(f[x, y] == RGBA(200, 0, 0)) } }
        for y in 80..<83 { for x in 10..<13 { #expect(f[x, y] == RGBA(0, 0, 200)) } }
        // The outline is the ring just outside.
        #expect(f[39, 50] == RGBA(0, 255, 255) && f[60, 50] == RGBA(0, 255, 255) && f[50, 60] == RGBA(0, 255, 255))
        // The small one: corners marked, the middle of its sides left alone.
        #expect(f[9, 79] == RGBA(0, 255, 255) && f[13, 83] == RGBA(0, 255, 255))
        #expect(f[11, 84] != RGBA(0, 255, 255) || f[11, 79] != RGBA(0, 255, 255))
    }

    @Test func labelsNeverOverlap() {
        let src = RGBAImage(width: 100, height: 100, fill: RGBA(100, 100, 100))
        // Two boxes at the same place: the second label must go elsewhere.
        var placer = LabelPlacer()
        placer.take(x: 10, y: 10, w: 20, h: 7)
        #expect(!placer.isFree(x: 25, y: 12, w: 10, h: 7) && placer.isFree(x: 31, y: 10, w: 10, h: 7))
        let w = ImageWidget(image: src, boxes: [BoxOverlay(x: 30, y: 30, w: 30, h: 30, label: "aaaa"),
                                                BoxOverlay(x: 30, y: 30, w: 30, h: 30, label: "bbbb")], showHeatmap: false)
        let f = PixelFrame.compose(w, width: 100, height: 100)
        // Label backgrounds are black: one above the box, one below it.
        #expect(f[29, 20] == RGBA(0, 0, 0) && f[29, 65] == RGBA(0, 0, 0))
    }

    @Test func zeroAttentionKeepsTheImageColourInPixels() {
        let src = photoLike(width: 80, height: 80)
        let heat = Heatmap(rows: 2, cols: 2, values: [0, 0, 0, 1])
        let f = PixelFrame.compose(ImageWidget(image: src, heatmap: heat, showBoxes: false), width: 80, height: 80)
        let plain = src.resampled(width: 80, height: 80)
        // The top-left quarter has no attention at all (the bilinear ramp starts past the grid cell centre).
        for (x, y) in [(2, 2), (15, 18), (19, 5)] { #expect(f[x, y] == plain[x, y]) }
        #expect(f[75, 75] != plain[75, 75])
    }
}
