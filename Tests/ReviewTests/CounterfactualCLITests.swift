import CLITestSupport
import Foundation
import Imaging
import SceneData
import Testing

/// `scenelens counterfactual` as a researcher runs it, then `lint` on what it
/// wrote once a model's attention is added.
@Suite struct CounterfactualCLITests {
    /// A folder with a 40 x 30 striped image holding a red cube at (10, 10, 8, 8),
    /// an item whose critical object is the cube, and an item whose graph has no box.
    static func dataset() throws -> (dir: URL, path: String, image: RGBAImage) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cf-cli-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var image = RGBAImage(width: 40, height: 30)
        for y in 0..<30 { for x in 0..<40 { image[x, y] = x % 2 == 0 ? RGBA(0, 0, 255) : RGBA(255, 255, 255) } }
        for y in 10..<18 { for x in 10..<18 { image[x, y] = RGBA(255, 0, 0) } }
        try Data(PNGEncoder.encode(image, dropAlpha: true)).write(to: dir.appendingPathComponent("img.png"))
        func item(_ id: String, box: Bool) -> String {
            let cube = box ? #"{"id": "o1", "name": "cube", "attributes": ["red"], "box": [10, 10, 8, 8]}"#
                           : #"{"id": "o1", "name": "cube", "attributes": ["red"]}"#
            return #"{"id": "\#(id)", "image": "img.png", "question": "What colour is the cube?", "answer": "red", "#
                + #""scene_graph": {"entities": [\#(cube)], "relations": []}, "critical": ["o1"], "#
                + #""chosen": ["The cube is red."], "negatives": [{"id": "n1", "operator": "replace", "rationale": ["The cube is blue."]}]}"#
        }
        let path = dir.appendingPathComponent("d.jsonl").path
        try (item("boxed", box: true) + "\n" + item("unboxed", box: false) + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return (dir, path, image)
    }

    @Test func masksTheCriticalBoxAndWritesTheEntry() throws {
        let (dir, path, original) = try Self.dataset(); defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("d.cf.jsonl").path
        let r = try ScenelensCLI.run(["counterfactual", path, "--out", out])
        // The item without a box is named and written unchanged; the status says not every item got one.
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains("d.jsonl:2: unboxed: scene_graph: no critical entity has a box; written without a counterfactual"), "\(r.stderr)")
        #expect(r.stderr.contains("1 item with a mask counterfactual in d.cf.images/; 1 without one"), "\(r.stderr)")
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        let entry = try #require((first["counterfactual"] as? [[String: Any]])?.first)
        #expect(entry["image"] as? String == "d.cf.images/0-boxed-mask.png")
        #expect(entry["change"] as? String == "mask")
        #expect(entry["region"] as? [Int] == [10, 10, 8, 8])
        #expect(!lines[1].contains("counterfactual"))

        let masked = try ImageDecoder.decode(Array(try Data(contentsOf: dir.appendingPathComponent("d.cf.images/0-boxed-mask.png"))))
        #expect(masked.width == 40 && masked.height == 30)
        for y in 0..<30 {
            for x in 0..<40 {
                let inside = (10..<18).contains(x) && (10..<18).contains(y)
                if inside { #expect(masked[x, y] != RGBA(255, 0, 0)) } else { #expect(masked[x, y] == original[x, y]) }
            }
        }
        // The output opens as a dataset with the counterfactual read back.
        let data = try Dataset.open(path: out)
        #expect(data.item(at: 0).item?.counterfactuals.first?.region == BoundingBox(x: 10, y: 10, w: 8, h: 8))
    }

    @Test func lintFlagsAttentionThatStaysOnTheMaskedCube() throws {
        let (dir, path, _) = try Self.dataset(); defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("d.cf.jsonl").path
        _ = try ScenelensCLI.run(["counterfactual", path, "--out", out, "--change", "blur"])
        // A model's maps added: on the cube before, and after on the cube again (item 1) or elsewhere (item 2).
        let onCube = #"[{"label": "focus", "rows": 3, "cols": 4, "values": [0,0,0,0, 0,1,0,0, 0,0,0,0]}]"#
        let elsewhere = #"[{"label": "focus", "rows": 3, "cols": 4, "values": [0,0,0,0, 0,0,0,0, 0,0,0,1]}]"#
        let line = try #require(try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").first.map(String.init))
        func with(_ after: String, id: String) -> String {
            line.replacingOccurrences(of: #""id":"boxed""#, with: #""id":"\#(id)""#)
                .replacingOccurrences(of: #""change":"blur""#, with: #""change":"blur","attention":\#(after)"#)
                .replacingOccurrences(of: #""critical":"#, with: #""attention":\#(onCube),"critical":"#)
        }
        let checked = dir.appendingPathComponent("d.cf.jsonl").path
        try (with(onCube, id: "stays") + "\n" + with(elsewhere, id: "moves") + "\n").write(toFile: checked, atomically: true, encoding: .utf8)
        let lint = try ScenelensCLI.run(["lint", checked, "--only", "attention-unmoved"])
        #expect(lint.stdout.contains("d.cf.jsonl:1: stays: attention-unmoved: counterfactual[0] (blur of [10, 10, 8, 8]) attention[0] \"focus\": moved 0% from attention[0] (threshold 10%)"), "\(lint.stdout)\n\(lint.stderr)")
        #expect(!lint.stdout.contains("moves: attention-unmoved"), "\(lint.stdout)")
    }

    @Test func wrongOptionsExitTwoAndWriteNothing() throws {
        let (dir, path, _) = try Self.dataset(); defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("o.jsonl").path
        let r = try ScenelensCLI.run(["counterfactual", path, "--out", out, "--change", "erase"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--change must be one of mask, blur, not 'erase'"), "\(r.stderr)")
        let elsewhere = try ScenelensCLI.run(["counterfactual", path, "--out", FileManager.default.temporaryDirectory.appendingPathComponent("x-\(UUID().uuidString).jsonl").path])
        #expect(elsewhere.status == 2)
        #expect(elsewhere.stderr.contains("write --out beside the dataset"), "\(elsewhere.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    /// The same two items as a JSON array (another layout `validate` and `render` read).
    @Test func readsAJSONArrayAsValidateDoes() throws {
        let (dir, path, _) = try Self.dataset(); defer { try? FileManager.default.removeItem(at: dir) }
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        let array = dir.appendingPathComponent("d.json").path
        try ("[\n" + lines.joined(separator: ",\n") + "\n]\n").write(toFile: array, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("d.cf.jsonl").path
        let r = try ScenelensCLI.run(["counterfactual", array, "--out", out])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains("1 item with a mask counterfactual"), "\(r.stderr)")
        let data = try Dataset.open(path: out)
        #expect(data.item(at: 0).item?.counterfactuals.first?.region == BoundingBox(x: 10, y: 10, w: 8, h: 8))
        #expect(data.item(at: 1).item?.id == "unboxed")
    }

    /// An image transparent outside the cube: the counterfactual keeps what
    /// the model sees there, black under the alpha (pillow) or white (--alpha white).
    @Test func alphaDecidesWhatTheTransparentPixelsBecome() throws {
        let (dir, path, _) = try Self.dataset(); defer { try? FileManager.default.removeItem(at: dir) }
        var rgba = RGBAImage(width: 40, height: 30)
        for y in 0..<30 { for x in 0..<40 { rgba[x, y] = RGBA(0, 0, 0, 0) } }
        for y in 10..<18 { for x in 10..<18 { rgba[x, y] = RGBA(255, 0, 0) } }
        try Data(PNGEncoder.encode(rgba)).write(to: dir.appendingPathComponent("img.png"))
        func corner(_ args: [String]) throws -> RGBA {
            let out = dir.appendingPathComponent("d.cf.jsonl").path
            let r = try ScenelensCLI.run(["counterfactual", path, "--out", out] + args, environment: ProcessInfo.processInfo.environment.merging(["XDG_CONFIG_HOME": dir.path]) { $1 })
            #expect(r.status == 1, "\(r.stderr)")
            let img = try ImageDecoder.decode(Array(try Data(contentsOf: dir.appendingPathComponent("d.cf.images/0-boxed-mask.png"))))
            return img[0, 0]
        }
        #expect(try corner([]) == RGBA(0, 0, 0))
        #expect(try corner(["--alpha", "pillow"]) == RGBA(0, 0, 0))
        #expect(try corner(["--alpha", "white"]) == RGBA(255, 255, 255))
        let bad = try ScenelensCLI.run(["counterfactual", path, "--out", dir.appendingPathComponent("x.jsonl").path, "--alpha", "grey"])
        #expect(bad.status == 2, "\(bad.stderr)")
    }

    /// validate opens counterfactual images and names the broken and missing ones.
    @Test func validateReportsABrokenCounterfactualImage() throws {
        let (dir, path, _) = try Self.dataset(); defer { try? FileManager.default.removeItem(at: dir) }
        try Data("not a png".utf8).write(to: dir.appendingPathComponent("broken.png"))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let planted = text.replacingOccurrences(of: #""critical": ["o1"], "#, with: #""critical": ["o1"], "counterfactual": [{"image": "img.png", "change": "mask"}, {"image": "broken.png", "change": "mask"}, {"image": "gone.png", "change": "blur"}], "#)
        try planted.write(toFile: path, atomically: true, encoding: .utf8)
        let r = try ScenelensCLI.run(["validate", path])
        #expect(r.status == 1)
        #expect(r.stdout.contains("d.jsonl:1: boxed: counterfactual[1].image: image does not decode"), "\(r.stdout)")
        #expect(r.stdout.contains("d.jsonl:1: boxed: counterfactual[2].image: image file not found: gone.png"), "\(r.stdout)")
        #expect(r.stdout.contains("d.jsonl:2: unboxed: counterfactual[1].image: image does not decode"), "\(r.stdout)")
        #expect(!r.stdout.contains("counterfactual[0].image"), "the good one is not reported: \(r.stdout)")
    }
}
