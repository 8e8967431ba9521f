import Foundation
import Testing
@testable import SceneData

/// Issue 14, found by the numeric-extremes generator: numbers written where
/// an id goes (Visual Genome ids are numbers) turned `1e400` into the id
/// "null" and 9007199254740993 into 9007199254740992, another object's id.
/// Such numbers are refused, naming the field; ids below 2^53 read as before.
@Suite struct NumericIDTests {
    @Test(arguments: [("1e400", "infinity as parsed"), ("-1e400", "infinity as parsed"),
                      ("9007199254740993", "9007199254740992, beyond 2^53"), ("1e19", "1e+19, beyond 2^53")])
    func anItemIDNoJSONNumberHoldsExactlyIsAnError(text: String, shown: String) {
        let json = line(itemObject(id: "placeholder")).replacingOccurrences(of: #""id":"placeholder""#, with: #""id":\#(text)"#)
        #expect(json.contains(#""id":\#(text)"#))
        let (item, diagnostics) = readItem(json)
        #expect(item == nil)
        let d = diagnostics.first { $0.field == "id" }
        #expect(d?.severity == .error)
        #expect(d?.message.contains(shown) == true, "\(diagnostics.map(\.formatted))")
        #expect(d?.message.contains("write the id as a string") == true)
    }

    @Test func aNumericItemIDBelow2To53IsUsedAsText() {
        let json = line(itemObject(id: "placeholder")).replacingOccurrences(of: #""id":"placeholder""#, with: #""id":1058549"#)
        let (item, diagnostics) = readItem(json)
        #expect(item?.id == "1058549")
        #expect(errors(diagnostics).isEmpty, "\(diagnostics.map(\.formatted))")
    }

    @Test func aVisualGenomeObjectIDBeyond2To53IsRefusedNotMerged() {
        // Two objects whose ids differ in the file but not as doubles.
        let graph = #"{"objects":[{"object_id":9007199254740993,"name":"cube"},{"object_id":9007199254740992,"name":"ball"}],"relationships":[]}"#
        var reader = ItemReader(file: "t.jsonl", line: 3, dataset: nil)
        let value = try? JSONParser.parse(graph)
        let read = value.flatMap { reader.readSceneGraph($0, field: "scene_graph") }
        #expect(read?.graph.entities.isEmpty == true, "\(String(describing: read?.graph.entities))")
        let messages = reader.diagnostics.filter { $0.field == "scene_graph.objects[0].object_id" || $0.field == "scene_graph.objects[1].object_id" }
        #expect(messages.count == 2, "\(reader.diagnostics.map(\.formatted))")
        #expect(messages.allSatisfy { $0.severity == .error && $0.message.contains("beyond 2^53") })
        #expect(!reader.diagnostics.contains { $0.message.contains("used by more than one object") })
    }

    @Test func anAttentionRationaleThatIsNoIDIsAnError() {
        var object = itemObject(id: "a")
        object["attention"] = [["label": "focus", "rationale": 1e300, "rows": 1, "cols": 1, "values": [1]]]
        let (_, diagnostics) = readItem(line(object))
        #expect(diagnostics.contains { $0.field == "attention[0].rationale" && $0.severity == .error }, "\(diagnostics.map(\.formatted))")
    }
}
