import Testing
import SceneData
@testable import Analysis

/// A map that lies exactly on an object as the model saw the image (its
/// centre crop, the padded square) must read as on the object with the right
/// `fit`, and reads as off target when the grid is stretched over the whole
/// image: the false `attention-off-target` of issue 16.
@Suite struct AttentionFitTests {
    /// A 24 x 24 grid (CLIP/LLaVA's 576 patches) with mass 1 in rows `rows` and columns `cols`.
    func grid(rows: ClosedRange<Int>, cols: ClosedRange<Int>, size: Int = 24) -> AttentionGrid {
        var v = [Float](repeating: 0, count: size * size)
        for r in rows { for c in cols { v[r * size + c] = 1 } }
        return AttentionGrid(rows: size, cols: size, values: v)
    }

    /// An item whose critical element is one object at `box` on a `width` x `height` image.
    func item(box: BoundingBox, width: Int, height: Int, map: AttentionMap) -> Item {
        let g = SceneGraph(entities: [Entity(id: "o1", name: "cube", box: box)], relations: [], width: width, height: height)
        return Sample.item(critical: [.entity("o1")], attention: [map], graph: g)
    }

    @Test func regionsOfEachFit() {
        #expect(AttentionFit.stretch.region(imageWidth: 640, imageHeight: 480) == BoundingBox(x: 0, y: 0, w: 640, h: 480))
        #expect(AttentionFit.centerCrop.region(imageWidth: 640, imageHeight: 480) == BoundingBox(x: 80, y: 0, w: 480, h: 480))
        #expect(AttentionFit.centerCrop.region(imageWidth: 300, imageHeight: 500) == BoundingBox(x: 0, y: 100, w: 300, h: 300))
        #expect(AttentionFit.pad.region(imageWidth: 640, imageHeight: 480) == BoundingBox(x: 0, y: -80, w: 640, h: 640))
        let r = BoundingBox(x: 5, y: 6, w: 7, h: 8)
        #expect(AttentionFit.region(r).region(imageWidth: 640, imageHeight: 480) == r)
        #expect(AttentionFit.pad.unitRegion(imageWidth: 640, imageHeight: 480) == BoundingBox(x: 0, y: -80.0 / 480, w: 1, h: 640.0 / 480))
        #expect(AttentionFit.pad.unitRegion(imageWidth: 0, imageHeight: 480) == nil)
    }

    @Test func centreCropMapOnTheObjectReadsAllInsideWithItsFitAndOffTargetStretched() {
        // 640 x 480: the crop is x 80...560, 20 px a cell. The cube at x 100...160,
        // y 200...280 is crop columns 1...3, rows 10...13.
        let box = BoundingBox(x: 100, y: 200, w: 60, h: 80)
        let g = grid(rows: 10...13, cols: 1...3)
        let cropped = AttentionMass.share(map: g, fit: .centerCrop, boxes: [box], imageWidth: 640, imageHeight: 480)
        #expect(cropped.map { $0 > 0.999 } == true)
        let stretched = AttentionMass.share(map: g, boxes: [box], imageWidth: 640, imageHeight: 480) ?? 1
        #expect(stretched < 0.1)

        // Through the linter, with its default margin of one cell.
        let right = Linter().lint(item(box: box, width: 640, height: 480, map: AttentionMap(label: "focus", grid: g, fit: .centerCrop)),
                                  imageSize: (640, 480))
        #expect(!right.contains { $0.name == "attention-off-target" })
        let share = right.first { $0.name == "attention-share" }
        #expect(share?.value.map { $0 > 0.999 } == true)
        #expect(share?.message == "attention[0] \"focus\" (fit center-crop): 100% of the mass lies inside the critical boxes")
        let wrong = Linter().lint(item(box: box, width: 640, height: 480, map: AttentionMap(label: "focus", grid: g)), imageSize: (640, 480))
        #expect(wrong.contains { $0.name == "attention-off-target" })
    }

    @Test func paddedSquareMapOnTheObjectReadsAllInsideWithItsFitAndOffTargetStretched() {
        // 640 x 480 padded to 640 x 640 (80 px above and below), 26.67 px a cell.
        // The cube at x 80...160, y 0...80 is padded rows 3...5, columns 3...5.
        let box = BoundingBox(x: 80, y: 0, w: 80, h: 80)
        let g = grid(rows: 3...5, cols: 3...5)
        let padded = AttentionMass.share(map: g, fit: .pad, boxes: [box], imageWidth: 640, imageHeight: 480)
        #expect(padded.map { $0 > 0.999 } == true)
        let stretched = AttentionMass.share(map: g, boxes: [box], imageWidth: 640, imageHeight: 480) ?? 1
        #expect(stretched < 0.4)
        let right = Linter().lint(item(box: box, width: 640, height: 480, map: AttentionMap(label: "focus", grid: g, fit: .pad)),
                                  imageSize: (640, 480))
        #expect(!right.contains { $0.name == "attention-off-target" })
    }

    @Test func attentionOnThePaddingCountsAsOutsideEveryBox() {
        // All the mass in the top row of the padded square: above the image.
        let g = grid(rows: 0...0, cols: 0...23)
        let whole = BoundingBox(x: 0, y: 0, w: 640, h: 480)
        #expect(AttentionMass.share(map: g, fit: .pad, boxes: [whole], imageWidth: 640, imageHeight: 480) == 0)
    }

    @Test func anExplicitRegionPlacesTheGrid() {
        // A 10 x 10 grid over x 100...300, y 50...250: cell (0, 0) is x 100...120, y 50...70.
        var v = [Float](repeating: 0, count: 100)
        v[0] = 1
        let g = AttentionGrid(rows: 10, cols: 10, values: v)
        let fit = AttentionFit.region(BoundingBox(x: 100, y: 50, w: 200, h: 200))
        #expect(AttentionMass.share(map: g, fit: fit, boxes: [BoundingBox(x: 100, y: 50, w: 20, h: 20)], imageWidth: 640, imageHeight: 480) == 1)
        #expect(AttentionMass.share(map: g, fit: fit, boxes: [BoundingBox(x: 0, y: 0, w: 64, h: 48)], imageWidth: 640, imageHeight: 480) == 0)
    }
}
