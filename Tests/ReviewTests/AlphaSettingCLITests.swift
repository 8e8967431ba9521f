import CLITestSupport
import Foundation
import Imaging
import Testing

/// `--alpha pillow|white` and the config's `[images] alpha`: what "as the
/// model sees it" does with transparency, the same in decode, view, render
/// and the image notes of validate and export (issue 16's open point).
@Suite struct AlphaSettingCLITests {
    /// A folder with a 4x4 RGBA PNG: black under alpha 0 in the left half,
    /// opaque red at the right, and a one-item dataset showing it.
    func fixture() throws -> (dir: URL, image: String, dataset: String) {
        let dir = try makeTempDir()
        var pixels: [UInt8] = []
        for _ in 0..<4 { for x in 0..<4 { pixels += x < 2 ? [0, 0, 0, 0] : [255, 0, 0, 255] } }
        let image = dir.appendingPathComponent("cutout.png").path
        try Data(PNGEncoder.encode(RGBAImage(width: 4, height: 4, pixels: pixels))).write(to: URL(fileURLWithPath: image))
        let item = #"{"id": "a1", "image": "cutout.png", "question": "Is it red?", "answer": "yes", "#
            + #""scene_graph": {"entities": [{"id": "o1", "name": "thing"}], "relations": []}, "#
            + #""chosen": {"steps": ["It is red."], "answer": "yes"}, "#
            + #""negatives": [{"id": "n1", "operator": "replace", "rationale": {"steps": ["It is blue."], "answer": "no"}}]}"#
        let dataset = dir.appendingPathComponent("data.jsonl").path
        try Data((item + "\n").utf8).write(to: URL(fileURLWithPath: dataset))
        return (dir, image, dataset)
    }

    /// A config home whose config.toml says `text`.
    func configHome(_ dir: URL, _ text: String) throws -> [String: String] {
        let home = dir.appendingPathComponent("xdg")
        try FileManager.default.createDirectory(at: home.appendingPathComponent("scenelens"), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: home.appendingPathComponent("scenelens/config.toml"))
        var env = ProcessInfo.processInfo.environment
        env["XDG_CONFIG_HOME"] = home.path
        return env
    }

    /// The first pixel (transparent in the file) and the last (opaque red) of `decode`'s PAM output.
    func decodedCorners(_ args: [String], env: [String: String]? = nil) throws -> (first: [UInt8], last: [UInt8], stderr: String) {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("alpha-\(UUID().uuidString).pam")
        defer { try? FileManager.default.removeItem(at: out) }
        let r = try ScenelensCLI.run(["decode"] + args + ["--out", out.path], environment: env)
        #expect(r.status == 0, "\(r.stderr)")
        let data = Array((try? Data(contentsOf: out)) ?? Data())
        let marker = Array("ENDHDR\n".utf8)
        let at = try #require(data.indices.first { Array(data[$0..<min(data.count, $0 + marker.count)]) == marker })
        let end = at + marker.count
        try #require(data.count >= end + 4)
        return (Array(data[end..<end + 4]), Array(data[(data.count - 4)...]), r.stderr)
    }

    @Test func decodeDropsAlphaByDefaultAndCompositesOverWhiteWhenAsked() throws {
        let f = try fixture(); defer { try? FileManager.default.removeItem(at: f.dir) }
        let plain = try configHome(f.dir, "")
        #expect(try decodedCorners([f.image], env: plain).first == [0, 0, 0, 255])
        #expect(try decodedCorners([f.image, "--alpha", "pillow"], env: plain).first == [0, 0, 0, 255])
        let white = try decodedCorners([f.image, "--alpha", "white"], env: plain)
        #expect(white.first == [255, 255, 255, 255])
        #expect(white.last == [255, 0, 0, 255])  // opaque pixels are the same either way
        // The file's own pixels keep their alpha whatever the setting.
        #expect(try decodedCorners([f.image, "--stored", "--alpha", "white"], env: plain).first == [0, 0, 0, 0])
    }

    @Test func theConfigChoosesAndTheOptionOverrides() throws {
        let f = try fixture(); defer { try? FileManager.default.removeItem(at: f.dir) }
        let env = try configHome(f.dir, "[images]\nalpha = \"white\"\n")
        #expect(try decodedCorners([f.image], env: env).first == [255, 255, 255, 255])
        #expect(try decodedCorners([f.image, "--alpha", "pillow"], env: env).first == [0, 0, 0, 255])
        // A wrong value is named with its file and line, and Pillow's rendition is used.
        let bad = try configHome(f.dir, "[images]\n\nalpha = \"grey\"\n")
        let r = try decodedCorners([f.image], env: bad)
        #expect(r.first == [0, 0, 0, 255])
        #expect(r.stderr.contains("config.toml:3") && r.stderr.contains("alpha: expected \"pillow\""), "\(r.stderr)")
        let typo = try ScenelensCLI.run(["decode", f.image, "--alpha", "black"], environment: env)
        #expect(typo.status == 2)
    }

    @Test func validateSaysWhatEachTrainingPathDoesAndWhichIsShown() throws {
        let f = try fixture(); defer { try? FileManager.default.removeItem(at: f.dir) }
        let env = try configHome(f.dir, "")
        for (alpha, shown) in [("pillow", "SceneLens shows Pillow's (--alpha pillow)"), ("white", "SceneLens shows white (--alpha white)")] {
            let r = try ScenelensCLI.run(["validate", f.dataset, "--alpha", alpha], environment: env)
            let line = r.stdout.split(separator: "\n").first { $0.contains("transparent") }.map(String.init) ?? ""
            #expect(line.contains("cutout.png: 8 of 16 pixels (50%) are transparent or translucent"), "\(r.stdout)")
            #expect(line.contains("Pillow's convert(\"RGB\") drops the alpha") && line.contains("transformers' image processors (convert_to_rgb) composite them over white"))
            #expect(line.contains(shown), "\(line)")
        }
    }
}
