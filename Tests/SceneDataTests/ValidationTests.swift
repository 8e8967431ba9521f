import CLITestSupport
import Testing
import Foundation
@testable import SceneData

@Suite struct ValidationTests {
    /// Validates a one-or-more-line dataset with `img.png` present.
    func validate(_ lines: [String], files: [String: [UInt8]] = ["img.png": pngBytes()]) throws -> ValidationReport {
        let t = try TempDataset(lines: lines, files: files)
        return Validator().validate(try t.open())
    }

    func single(_ changes: [String: Any]) throws -> [Diagnostic] {
        try validate([line(itemObject(id: "x", changes))]).diagnostics
    }

    @Test func aBrokenInlineImageIsOneFindingNotTwo() throws {
        let ds = try single(["image": ["base64": "!!!"]])
        #expect(ds.count == 1)
        #expect(ds.first?.field == "image.base64")
    }

    @Test func aFolderGivenAsTheImageIsNotCalledAJSONLinesFile() throws {
        let ds = try validate([line(itemObject(id: "x", ["image": "pics"]))], files: ["pics/a.png": pngBytes()]).diagnostics
        #expect(ds.count == 1)
        #expect(ds.first?.message.hasSuffix("/pics: cannot be read (it is a directory)") == true, "\(ds)")
    }

    @Test func invalidUTF8NamesTheItem() throws {
        var bytes = Array(line(itemObject(id: "u1", ["question": "QQQ"])).utf8)
        if let q = bytes.firstIndex(of: UInt8(ascii: "Q")) { bytes[q] = 0xFF }
        let t = try TempDataset(bytes: bytes + [0x0A], files: ["img.png": pngBytes()])
        let ds = Validator().validate(try t.open()).diagnostics
        let utf8 = try #require(ds.first { $0.message.hasPrefix("invalid UTF-8") })
        #expect(utf8.itemID == "u1")
    }

    @Test func invalidUTF8NamesTheFieldAndTheColumnOfTheBadByte() throws {
        // "QQé\xFF": the bad byte is the 4th character of the question (é is two bytes).
        var bytes = Array(line(itemObject(id: "u2", ["question": "QQéQ"])).utf8)
        let q = try #require(bytes.firstIndex(of: UInt8(ascii: "Q")))
        bytes[q + 4] = 0xFF
        let t = try TempDataset(bytes: bytes + [0x0A], files: ["img.png": pngBytes()])
        let ds = Validator().validate(try t.open()).diagnostics
        let utf8 = try #require(ds.first { $0.message.hasPrefix("invalid UTF-8") })
        #expect(utf8.field == "question")
        let column = String(decoding: bytes[..<(q + 4)], as: UTF8.self).unicodeScalars.count + 1
        #expect(utf8.column == column)
        // In a rationale step, the path goes down to the step.
        let text = line(itemObject(id: "u3"))
        let steps = try #require(text.range(of: #""steps":[""#))
        var neg = Array(text.utf8)
        neg[text.utf8.distance(from: text.startIndex, to: steps.upperBound)] = 0xFF
        let t2 = try TempDataset(bytes: neg + [0x0A], files: ["img.png": pngBytes()])
        let d2 = try #require(Validator().validate(try t2.open()).diagnostics.first { $0.message.hasPrefix("invalid UTF-8") })
        #expect(d2.field?.hasSuffix("steps[0]") == true, "\(d2)")
    }

    @Test func aValidDatasetHasNoFindings() throws {
        let r = try validate([line(itemObject(id: "a")), "", line(itemObject(id: "b"))])
        #expect(r.diagnostics.isEmpty)
        #expect(r.items == 2)
        #expect(r.summary.hasSuffix("2 items, 0 errors, 0 warnings"))
    }

    @Test func jsonSyntaxErrorWithLineAndColumn() throws {
        let r = try validate([line(itemObject(id: "a")), #"{"id": "b", "question": }"#])
        let d = try #require(r.diagnostics.first)
        #expect(d.line == 2 && d.column == 25)
        #expect(d.itemID == "b")                 // recovered from the raw line
        #expect(d.formatted.hasSuffix("data.jsonl:2:25: b: JSON syntax error: expected a value, found '}'"))
    }

    @Test func everyItemNamingASharedAttentionFileGetsItsGridOrItsError() throws {
        // Attention files are read once per run; each item must still see the outcome.
        let npy = try Dataset.readFile(fixture("npy/grid_f4.npy"))
        let nan = try Dataset.readFile(fixture("npy/nan_f2.npy"))
        let lines = (0..<6).map { i in
            line(itemObject(id: "i\(i)", ["attention": [["label": "a", "path": ["attn/ok.npy", "attn/gone.npy", "attn/f.npy"][i % 3]]]]))
        }
        let t = try TempDataset(lines: lines, files: ["img.png": pngBytes(), "attn/ok.npy": npy, "attn/f.npy": nan])
        let r = Validator().validate(try t.open())
        #expect(r.diagnostics.map { "\($0.itemID ?? ""): \($0.field ?? "")" } ==
                ["i1: attention[0].path", "i2: attention[0].path", "i4: attention[0].path", "i5: attention[0].path"])
        #expect(r.diagnostics[0].message == r.diagnostics[2].message && r.diagnostics[0].message.contains("gone.npy"))
        #expect(r.diagnostics[1].message == r.diagnostics[3].message && r.diagnostics[1].message.contains("NaN"))
        let d = try t.open(), cache = AttentionFileCache()
        let first = d.item(at: 0, attentionFiles: cache).item?.attention.first?.grid
        #expect(first != nil && d.item(at: 3, attentionFiles: cache).item?.attention.first?.grid == first)
    }

    @Test func requiredFieldMissing() throws {
        let ds = try single(["answer": NSNull()])
        #expect(errors(ds).map(\.field) == ["answer"])
    }

    @Test func wrongType() throws {
        let ds = try single(["answer": ["x"]])
        #expect(errors(ds).map(\.field) == ["answer"])
        #expect(errors(ds).first?.message.contains("must be a string, found a list") == true)
    }

    @Test func duplicateIDsNameBothLines() throws {
        let r = try validate([line(itemObject(id: "a")), line(itemObject(id: "d")), "", line(itemObject(id: "d"))])
        #expect(r.errors == 1)
        let d = try #require(r.diagnostics.first)
        #expect(d.line == 4 && d.itemID == "d" && d.field == "id")
        #expect(d.message.contains("line 2"))
    }

    @Test func relationToMissingEntity() throws {
        let ds = try single(["scene_graph": ["entities": [["id": "o1", "name": "a"]], "relations": [["o1", "on", "o5"]]]])
        #expect(errors(ds).map(\.field) == ["scene_graph.relations[0].object"])
    }

    @Test func criticalToMissingEntity() throws {
        let ds = try single(["critical": ["o1", ["o9", "near", "o2"]]])
        #expect(errors(ds).map(\.field) == ["critical[1]"])
        #expect(errors(ds).first?.message.contains("'o9'") == true)
    }

    @Test func editToMissingEntity() throws {
        let ds = try single(["negatives": [["id": "n1", "operator": "shorten", "rationale": "x",
                                            "edits": [["op": "remove", "element": "o3"]]]]])
        #expect(errors(ds).map(\.field) == ["negatives[0].edits[0].element"])
    }

    @Test func boxOutsideTheImageWhenTheGraphGivesItsSize() throws {
        let ds = try single(["scene_graph": ["width": 100, "height": 50, "objects": [
            "1": ["name": "a", "x": 10, "y": 10, "w": 20, "h": 20] as [String: Any],
            "2": ["name": "b", "x": 90, "y": 10, "w": 20, "h": 60] as [String: Any],
        ] as [String: Any]] as [String: Any]])
        #expect(errors(ds).map(\.field) == ["scene_graph.objects.2"])
        #expect(errors(ds).first?.message.contains("outside the 100 x 50 image") == true)
    }

    @Test func attentionGridSizeMismatch() throws {
        let ds = try single(["attention": [["label": "f", "rows": 3, "cols": 3, "values": [1, 2, 3]]]])
        #expect(errors(ds).map(\.field) == ["attention[0].values"])
    }

    @Test func unknownOperator() throws {
        let ds = try single(["negatives": [["id": "n1", "operator": "invert", "rationale": "x"]]])
        #expect(errors(ds).map(\.field) == ["negatives[0].operator"])
    }

    @Test func missingImageFile() throws {
        let ds = try single(["image": "images/none.png"])
        #expect(errors(ds).map(\.field) == ["image"])
        #expect(errors(ds).first?.message.contains("images/none.png") == true)
    }

    @Test func imageThatDoesNotDecode() throws {
        var broken = pngBytes()
        broken.removeLast(30)                   // cut into the pixel data
        let r = try validate([line(itemObject(id: "a")), line(itemObject(id: "b", ["image": "bad.png"])),
                              line(itemObject(id: "c", ["image": "text.png"]))],
                             files: ["img.png": pngBytes(), "bad.png": broken, "text.png": Array("hello".utf8)])
        #expect(r.diagnostics.map(\.line) == [2, 3])
        #expect(r.diagnostics.allSatisfy { $0.field == "image" && $0.message.hasPrefix("image does not decode") })
    }

    @Test func inlineImageThatDoesNotDecode() throws {
        let ds = try single(["image": ["base64": Data("not an image".utf8).base64EncodedString()]])
        #expect(errors(ds).map(\.field) == ["image.base64"])
    }

    @Test func boxOutsideTheImageWhoseSizeComesFromTheFileHeader() throws {
        // img.png is 64 x 48; the graph does not say its size.
        let ds = try single(["scene_graph": ["entities": [["id": "o1", "name": "a", "box": [10, 10, 20, 20]],
                                                          ["id": "o2", "name": "b", "box": [50, 40, 20, 20]]]]])
        #expect(errors(ds).map(\.field) == ["scene_graph.entities[1].box"])
        #expect(errors(ds).first?.message.contains("64 x 48") == true)
    }

    @Test func confidenceAndEmptyRationaleAreWarningsOnly() throws {
        let ds = try single(["scores": ["confidence": -0.2], "chosen": ""])
        #expect(errors(ds).isEmpty)
        #expect(Set(ds.compactMap(\.field)) == ["scores.confidence", "chosen"])
        #expect(ds.allSatisfy { $0.severity == .warning })
    }

    @Test func neverStopsAtTheFirstError() throws {
        let r = try validate(["{", line(itemObject(id: "b", ["answer": 1])), "[1,2", line(itemObject(id: "d"))])
        #expect(r.errors == 3)
        #expect(r.diagnostics.compactMap(\.line) == [1, 2, 3])
    }

    // MARK: - The command's behaviour

    func run(_ path: String, json: Bool = false) -> (status: Int32, out: [String], err: [String]) {
        var out: [String] = [], err: [String] = []
        let s = ValidationRun.run(path: path, json: json, output: { out.append($0) }, errorOutput: { err.append($0) })
        return (s, out, err)
    }

    @Test func exitStatusZeroOneTwo() throws {
        let good = try TempDataset(lines: [line(itemObject(id: "a"))], files: ["img.png": pngBytes()])
        let g = run(good.path)
        #expect(g.status == 0)
        #expect(g.out == ["\(good.path): 1 item, 0 errors, 0 warnings"])

        let bad = try TempDataset(lines: [line(itemObject(id: "a"))])   // img.png missing
        let b = run(bad.path)
        #expect(b.status == 1)
        #expect(b.out.count == 2)
        #expect(b.out[0].hasPrefix("\(bad.path):1: a: image: image file not found"))

        let none = run("/nonexistent/scenes.jsonl")
        #expect(none.status == 2)
        #expect(none.out.isEmpty)
        #expect(none.err.first?.contains("/nonexistent/scenes.jsonl: no such file") == true)
        // A folder is read as shards; one holding no dataset file cannot be read.
        #expect(run(good.directory).status == 0)
        let empty = try TempDataset(bytes: [], name: "readme.txt")
        #expect(run(empty.directory).status == 2)
    }

    @Test func jsonOutputIsJSONLinesWithASummary() throws {
        let t = try TempDataset(lines: [line(itemObject(id: "a", ["scores": ["confidence": 2]]))], files: ["img.png": pngBytes()])
        let r = run(t.path, json: true)
        #expect(r.status == 0)
        #expect(r.out.count == 2)
        let finding = try JSONParser.parse(r.out[0])
        #expect(finding["severity"] == .string("warning"))
        #expect(finding["item"] == .string("a"))
        #expect(finding["field"] == .string("scores.confidence"))
        #expect(finding["line"] == .number(1))
        #expect(finding["column"] == .null)
        let summary = try JSONParser.parse(r.out[1])
        #expect(summary["summary"]?["warnings"] == .number(1))
        #expect(summary["summary"]?["errors"] == .number(0))
    }

    @Test func theBuiltExecutableExitsWithTheDocumentedStatus() throws {
        try #require(ScenelensCLI.executable != nil, "\(ScenelensCLI.missing)")
        func status(_ args: [String]) throws -> Int32 { try ScenelensCLI.run(args).status }
        let good = try TempDataset(lines: [line(itemObject(id: "a"))], files: ["img.png": pngBytes()])
        let bad = try TempDataset(lines: [line(itemObject(id: "a")), "{oops"], files: ["img.png": pngBytes()])
        #expect(try status(["validate", good.path]) == 0)
        #expect(try status(["validate", bad.path]) == 1)
        #expect(try status(["validate", "--json", bad.path]) == 1)
        #expect(try status(["validate", good.directory + "/absent.jsonl"]) == 2)
    }
}
