import CLITestSupport
import Foundation
import Testing
@testable import SceneData

/// Numbers past what any image or score can mean (`1e19` overflows `Int`,
/// `1e400` parses as infinity) are refused where they are read, with the item
/// and field named, so no view, lint or command traps converting them.
@Suite struct ExtremeNumberTests {
    /// The fixture item with the first object's box replaced by `box`.
    static func itemLine(id: String, box: String, scores: String? = nil) -> String {
        var text = line(itemObject(id: id))
        text = text.replacingOccurrences(of: #"{"id":"o1","name":"cube"}"#,
                                         with: #"{"box":\#(box),"id":"o1","name":"cube"}"#)
        if let scores { text = text.replacingOccurrences(of: #""id":"\#(id)""#, with: #""id":"\#(id)","scores":\#(scores)"#) }
        return text
    }

    @Test(arguments: ["[1e400,0,10,10]", "[0,-1e400,10,10]", "[1e19,0,10,10]", "[0,0,1e300,10]"])
    func aBoxBeyondAnyImageIsRefusedWithItsField(box: String) throws {
        let text = Self.itemLine(id: "huge", box: box)
        #expect(text.contains(box), "the fixture must carry the box")
        let (item, diagnostics) = readItem(text)
        let entity = try #require(item?.sceneGraph.entities.first { $0.id == "o1" })
        #expect(entity.box == nil, "a refused box must not reach the views")
        let d = try #require(diagnostics.first { $0.message.contains("coordinates must lie within") }, "\(diagnostics)")
        #expect(d.severity == .error)
        #expect(d.itemID == "huge")
        #expect(d.field?.hasSuffix("box") == true, "\(d)")
    }

    @Test func aBoxAtTheLimitIsKept() throws {
        let (item, diagnostics) = readItem(Self.itemLine(id: "edge", box: "[16777216,0,10,10]"))
        #expect(item?.sceneGraph.entities.first?.box?.x == 16_777_216)
        #expect(!diagnostics.contains { $0.message.contains("coordinates must lie within") })
    }

    @Test func anInfiniteScoreIsIgnoredWithAWarning() throws {
        let (item, diagnostics) = readItem(Self.itemLine(id: "s", box: "[1,1,2,2]", scores: #"{"chosen":1e400,"rejected":0.2}"#))
        #expect(item?.scores?.chosen == nil)
        #expect(item?.scores?.rejected == 0.2)
        #expect(diagnostics.contains { $0.field == "scores.chosen" && $0.message.contains("not a finite number") }, "\(diagnostics)")
    }

    /// The audit's crash, as a user meets it: `render` used to die with a trap
    /// (exit 132) and `validate` printed the number as `null`.
    @Test func renderAndValidateSurviveAnOverflowingBox() throws {
        let t = try TempDataset(lines: [Self.itemLine(id: "crash", box: "[1e400,1e19,10,10]"), line(itemObject(id: "fine"))],
                                files: ["img.png": pngBytes()])
        let render = try ScenelensCLI.run(["render", t.path, "--item", "0", "--plain", "--size", "120x30"])
        #expect(render.status == 0, "render: \(render.status) \(render.stderr)")
        #expect(render.stdout.contains("id crash"), "\(render.stdout)")
        let validate = try ScenelensCLI.run(["validate", t.path])
        #expect(validate.status == 1)
        #expect(validate.stdout.contains("crash: scene_graph.entities[0].box: box x is out of range (infinity as parsed)"),
                "\(validate.stdout)")
        #expect(!validate.stdout.contains("null"))
        let lint = try ScenelensCLI.run(["lint", t.path])
        #expect(lint.status != 132 && lint.status < 128, "lint: \(lint.status) \(lint.stderr)")
    }
}
