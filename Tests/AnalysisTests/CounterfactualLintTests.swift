import Testing
import SceneData
@testable import Analysis

/// Faithful-MR1's check: attention over a counterfactual image (the evidence
/// masked) that stays where it was is flagged; attention that moves is not.
@Suite struct CounterfactualLintTests {
    /// A 24 x 24 grid with mass 1 in rows `rows` and columns `cols`.
    func grid(rows: ClosedRange<Int>, cols: ClosedRange<Int>) -> AttentionGrid {
        var v = [Float](repeating: 0, count: 24 * 24)
        for r in rows { for c in cols { v[r * 24 + c] = 1 } }
        return AttentionGrid(rows: 24, cols: 24, values: v)
    }

    /// An item on a 240 x 240 image whose critical object is the cube at (100, 100, 40, 40)
    /// (grid rows and columns 10...13), its map on the cube, and one masked counterfactual.
    func item(after: AttentionGrid, label: String = "focus", region: BoundingBox? = BoundingBox(x: 100, y: 100, w: 40, h: 40)) -> Item {
        let g = SceneGraph(entities: [Entity(id: "o1", name: "cube", box: BoundingBox(x: 100, y: 100, w: 40, h: 40))],
                           relations: [], width: 240, height: 240)
        var it = Sample.item(critical: [.entity("o1")],
                             attention: [AttentionMap(label: "focus", grid: grid(rows: 10...13, cols: 10...13))], graph: g)
        it.counterfactuals = [Counterfactual(image: .path("cf.png"), change: "mask", region: region,
                                             attention: [AttentionMap(label: label, grid: after)])]
        return it
    }

    func unmoved(_ item: Item) -> [LintFinding] {
        Linter().lint(item, imageSize: (240, 240)).filter { $0.name == "attention-unmoved" }
    }

    @Test func attentionThatStaysOnTheMaskedObjectIsFlagged() throws {
        let found = unmoved(item(after: grid(rows: 10...13, cols: 10...13)))
        #expect(found.count == 1)
        let f = try #require(found.first)
        #expect(f.severity == .warning)
        #expect(f.value == 0)
        #expect(f.message.contains("counterfactual[0] (mask of [100, 100, 40, 40]) attention[0] \"focus\": moved 0% from attention[0]"))
        #expect(f.message.contains("inside the changed region 100% before, 100% after"))
    }

    @Test func attentionThatMovesAwayIsNotFlagged() {
        #expect(unmoved(item(after: grid(rows: 0...3, cols: 0...3))).isEmpty)
        // Half of the mass moved: a distance of one half, far above 10%.
        var half = grid(rows: 10...13, cols: 10...13)
        for r in 0...3 { for c in 0...3 { half.values[r * 24 + c] = 1 } }
        #expect(AttentionMass.shift(from: grid(rows: 10...13, cols: 10...13), to: half, imageWidth: 240, imageHeight: 240)
            .map { abs($0 - 0.5) < 1e-9 } == true)
        #expect(unmoved(item(after: half)).isEmpty)
    }

    @Test func theThresholdIsAConfiguration() {
        // A row of four cells added below the object: a distance of 0.2, flagged only under a threshold above it.
        var slight = grid(rows: 10...13, cols: 10...13)
        for c in 10...13 { slight.values[14 * 24 + c] = 1 }
        let it = item(after: slight)
        #expect(AttentionMass.shift(from: grid(rows: 10...13, cols: 10...13), to: slight, imageWidth: 240, imageHeight: 240)
            .map { abs($0 - 0.2) < 1e-9 } == true)
        #expect(unmoved(it).isEmpty)
        var config = LintConfig()
        config.counterfactualShift = 0.25
        #expect(Linter(config: config).lint(it, imageSize: (240, 240)).filter { $0.name == "attention-unmoved" }.count == 1)
    }

    @Test func mapsArePairedByLabelAndUnpairedOnesAreLeftAlone() {
        // The only map on each side pairs whatever its label; with two maps a label must match.
        #expect(unmoved(item(after: grid(rows: 10...13, cols: 10...13), label: "other")).count == 1)
        var it = item(after: grid(rows: 10...13, cols: 10...13), label: "other")
        it.attention.append(AttentionMap(label: "second", grid: grid(rows: 0...1, cols: 0...1)))
        #expect(unmoved(it).isEmpty)
        it.counterfactuals[0].attention[0].label = "focus"
        #expect(unmoved(it).count == 1)
    }

    @Test func withoutARegionTheCriticalBoxesAreWhereTheEvidenceWas() throws {
        let f = try #require(unmoved(item(after: grid(rows: 10...13, cols: 10...13), region: nil)).first)
        #expect(f.message.contains("counterfactual[0] (mask) attention[0]"))
        #expect(f.message.contains("inside the critical boxes 100% before, 100% after"))
    }

    @Test func theShiftReadsGridsOfDifferentSizesAndFitsOnTheImage() {
        // The same place on the image as a 24 x 24 and as a 12 x 12 grid: no move.
        var coarse = [Float](repeating: 0, count: 144)
        for r in 5...6 { for c in 5...6 { coarse[r * 12 + c] = 1 } }
        let moved = AttentionMass.shift(from: grid(rows: 10...13, cols: 10...13),
                                        to: AttentionGrid(rows: 12, cols: 12, values: coarse), imageWidth: 240, imageHeight: 240)
        #expect(moved.map { $0 < 1e-9 } == true)
        #expect(AttentionMass.shift(from: grid(rows: 0...0, cols: 0...0), to: AttentionGrid(rows: 24, cols: 24, values: .init(repeating: 0, count: 576)),
                                    imageWidth: 240, imageHeight: 240) == nil)
    }
}
