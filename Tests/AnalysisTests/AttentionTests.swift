import Testing
import SceneData
@testable import Analysis

@Suite struct AttentionTests {
    /// A 10 x 10 grid over a 100 x 100 image with all its mass in one cell.
    func spike(row: Int, col: Int) -> AttentionGrid {
        var v = [Float](repeating: 0, count: 100)
        v[row * 10 + col] = 4
        return AttentionGrid(rows: 10, cols: 10, values: v)
    }

    @Test func shareCountsCellsByCoveredArea() {
        let grid = AttentionGrid(rows: 1, cols: 2, values: [1, 3])
        // The box covers the left cell (mass 1) and half the right cell (mass 3): (1 + 1.5) / 4.
        let share = AttentionMass.share(map: grid, boxes: [BoundingBox(x: 0, y: 0, w: 15, h: 10)], imageWidth: 20, imageHeight: 10)
        #expect(share == 0.625)
        // Overlapping boxes are not counted twice.
        let twice = AttentionMass.share(map: grid, boxes: [BoundingBox(x: 0, y: 0, w: 15, h: 10), BoundingBox(x: 5, y: 0, w: 10, h: 10)],
                                        imageWidth: 20, imageHeight: 10)
        #expect(twice == 0.625)
    }

    @Test func marginReachesTheNeighbouringCell() {
        // The cube's box covers cells (1...2, 1...2); all the mass sits in cell (1, 3), just beside it.
        let grid = spike(row: 1, col: 3)
        let box = [Sample.cube.box ?? BoundingBox(x: 0, y: 0, w: 0, h: 0)]
        #expect(AttentionMass.share(map: grid, boxes: box, imageWidth: 100, imageHeight: 100) == 0)
        #expect(AttentionMass.share(map: grid, boxes: box, imageWidth: 100, imageHeight: 100, marginCells: 1) == 1)
    }

    @Test func shareIsNilWithoutAnythingToCompare() {
        #expect(AttentionMass.share(map: AttentionGrid(rows: 2, cols: 2, values: [0, 0, 0, 0]), boxes: [BoundingBox(x: 0, y: 0, w: 1, h: 1)], imageWidth: 2, imageHeight: 2) == nil)
        #expect(AttentionMass.share(map: AttentionGrid(rows: 2, cols: 2, values: [1]), boxes: [BoundingBox(x: 0, y: 0, w: 1, h: 1)], imageWidth: 2, imageHeight: 2) == nil)
        #expect(AttentionMass.share(map: spike(row: 0, col: 0), boxes: [], imageWidth: 100, imageHeight: 100) == nil)
    }

    @Test func offTargetMapIsReportedAndOnTargetOnlyShared() {
        let maps = [AttentionMap(label: "focus", grid: spike(row: 1, col: 1)),          // inside the cube's box
                    AttentionMap(label: "step", rationale: "chosen", step: 0, grid: spike(row: 9, col: 9))]  // far corner
        let item = Sample.item(critical: [.entity("o1")], attention: maps)
        let findings = Linter().lint(item, imageSize: (100, 100))
        let shares = findings.filter { $0.name == "attention-share" }
        #expect(shares.map(\.value) == [1, 0])
        #expect(shares.allSatisfy { $0.severity == .info })
        let off = findings.filter { $0.name == "attention-off-target" }
        #expect(off.count == 1 && off.first?.message.contains("(chosen step 1)") == true)
    }

    @Test func imageSizeFallsBackToTheGraphsSize() {
        let item = Sample.item(critical: [.entity("o1")], attention: [AttentionMap(label: "focus", grid: spike(row: 9, col: 9))])
        #expect(Linter().lint(item, imageSize: nil).contains { $0.name == "attention-off-target" })
        var noSize = item
        noSize.sceneGraph.width = nil
        #expect(!Linter().lint(noSize, imageSize: nil).contains { $0.name.hasPrefix("attention") })
    }
}
