import Foundation
import Testing
@testable import SceneData

/// `counterfactual` as FORMAT.md gives it: image, change, region, attention;
/// every mistake named by its field, the rest of the item kept.
@Suite struct CounterfactualReadingTests {
    @Test func readsImageChangeRegionAndAttention() throws {
        let json = line(itemObject(["counterfactual": [
            ["image": "cf/masked.png", "change": "mask", "region": [10, 20, 30, 40],
             "attention": [["label": "focus", "rows": 2, "cols": 2, "values": [1, 0, 0, 0]]]],
            ["image": ["base64": "iVBORw0KGgo="], "change": "painted the cube blue"],
        ]]))
        let (item, diagnostics) = readItem(json)
        #expect(errors(diagnostics).isEmpty)
        let cfs = try #require(item?.counterfactuals)
        #expect(cfs.count == 2)
        #expect(cfs[0].image == .path("cf/masked.png"))
        #expect(cfs[0].change == "mask")
        #expect(cfs[0].region == BoundingBox(x: 10, y: 20, w: 30, h: 40))
        #expect(cfs[0].attention.first?.grid == AttentionGrid(rows: 2, cols: 2, values: [1, 0, 0, 0]))
        #expect(cfs[1].change == "painted the cube blue")
        #expect(cfs[1].region == nil)
        #expect(item?.hasAttention == true)
    }

    @Test func mistakesAreNamedByTheirFieldAndTheItemStillReads() throws {
        let json = line(itemObject(["counterfactual": [
            ["change": "mask"],
            ["image": "", "change": "mask"],
            ["image": "b.png", "change": 3, "region": [0, 0, -1, 5]],
            ["image": "c.png", "attention": [["label": "x", "values": "no"]]],
            "just a string",
        ]]))
        let (item, diagnostics) = readItem(json)
        let messages = errors(diagnostics).map { "\($0.field ?? ""): \($0.message)" }
        #expect(item != nil, "a broken counterfactual does not cost the item")
        #expect(messages.contains { $0.hasPrefix("counterfactual[0].image: required field is missing") })
        #expect(messages.contains { $0.hasPrefix("counterfactual[1].image: must not be empty") })
        #expect(messages.contains { $0.hasPrefix("counterfactual[2].change: must say what was changed") })
        #expect(messages.contains { $0.hasPrefix("counterfactual[2].region: width and height must be greater than 0") })
        #expect(messages.contains { $0.hasPrefix("counterfactual[3].attention[0]") })
        #expect(messages.contains { $0.hasPrefix("counterfactual[4]: a counterfactual must be an object") })
        // The readable ones are kept: b.png (without its region) and c.png.
        #expect(item?.counterfactuals.map(\.image) == [.path("b.png"), .path("c.png")])
        #expect(item?.counterfactuals.first?.region == nil)
    }

    @Test func aListIsRequiredAndAbsentIsNone() {
        let (item, diagnostics) = readItem(line(itemObject(["counterfactual": "cf.png"])))
        #expect(errors(diagnostics).map(\.message).contains { $0.hasPrefix("must be a list of") })
        #expect(item?.counterfactuals.isEmpty == true)
        let (plain, none) = readItem(line(itemObject(["counterfactual": NSNull()])))
        #expect(errors(none).isEmpty && plain?.counterfactuals.isEmpty == true)
    }
}
