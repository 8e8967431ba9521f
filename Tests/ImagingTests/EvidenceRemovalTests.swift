import Testing
@testable import Imaging

/// Counterfactual images change the pixels inside the critical boxes and
/// nothing outside them.
@Suite struct EvidenceRemovalTests {
    /// A 40 x 30 image: a red square at (10, 10, 8, 8) on a striped background.
    func picture() -> RGBAImage {
        var image = RGBAImage(width: 40, height: 30)
        for y in 0..<30 { for x in 0..<40 { image[x, y] = x % 2 == 0 ? RGBA(0, 0, 255) : RGBA(255, 255, 255) } }
        for y in 10..<18 { for x in 10..<18 { image[x, y] = RGBA(255, 0, 0) } }
        return image
    }

    func outsideUnchanged(_ a: RGBAImage, _ b: RGBAImage, except r: EvidenceRemoval.Rect) -> Bool {
        (0..<a.height).allSatisfy { y in
            (0..<a.width).allSatisfy { x in
                (x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h) || a[x, y] == b[x, y]
            }
        }
    }

    @Test func maskFillsTheBoxWithTheMeanColourAndLeavesTheRest() {
        let before = picture()
        var image = before
        let r = EvidenceRemoval.Rect(x: 10, y: 10, w: 8, h: 8)
        #expect(EvidenceRemoval.mask.apply(to: &image, rects: [r]) == [r])
        let mean = EvidenceRemoval.meanColour(before)
        #expect((10..<18).allSatisfy { y in (10..<18).allSatisfy { x in image[x, y] == mean } })
        #expect(image[14, 14] != RGBA(255, 0, 0))
        #expect(outsideUnchanged(before, image, except: r))
    }

    @Test func blurMeltsTheBoxAndLeavesTheRest() {
        let before = picture()
        var image = before
        let r = EvidenceRemoval.Rect(x: 8, y: 8, w: 12, h: 12)
        _ = EvidenceRemoval.blur.apply(to: &image, rects: [r])
        #expect(outsideUnchanged(before, image, except: r))
        // The red square's centre is no longer pure red: its neighbours' stripes bled in.
        #expect(image[14, 14] != RGBA(255, 0, 0))
        #expect(image[14, 14].r > image[14, 14].g)
    }

    @Test func rectanglesAreClippedToTheImageAndEmptyOnesDropped() {
        var image = picture()
        let clipped = EvidenceRemoval.mask.apply(to: &image, rects: [
            EvidenceRemoval.Rect(x: -5, y: 25, w: 10, h: 10),
            EvidenceRemoval.Rect(x: 50, y: 0, w: 4, h: 4),
        ])
        #expect(clipped == [EvidenceRemoval.Rect(x: 0, y: 25, w: 5, h: 5)])
    }
}
