import CLITestSupport
import Foundation
import Testing
@testable import SceneData

/// Issue 14: image and attention paths that climb out of the dataset's folder
/// (`../../etc/passwd`, an absolute path elsewhere, a symbolic link inside
/// the folder pointing out) were opened and their first bytes shown in
/// messages. `validate` now warns about each, naming where it leads, and no
/// message shows anything read from such a file.
@Suite struct OutsidePathTests {
    /// A dataset folder and, beside it, a "secret" folder the items point into.
    struct Layout {
        let data: TempDataset
        let secretDir: String
        init() throws {
            secretDir = NSTemporaryDirectory() + "scenelens-secret-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: secretDir, withIntermediateDirectories: true)
            // Text whose first bytes ("root") a decoder would have quoted as 72 6f 6f 74.
            try Data("root:x:0:0:SECRET-LINE\n".utf8).write(to: URL(fileURLWithPath: secretDir + "/passwd"))
            // A .npy whose header text a reader would have quoted.
            let npy: [UInt8] = NPYReader.magic + [1, 0, 20, 0] + Array("{'descr': 'SECRETDT'}\n".utf8)
            try Data(npy).write(to: URL(fileURLWithPath: secretDir + "/attn.npy"))
            let secretName = (secretDir as NSString).lastPathComponent
            let lines = [
                line(itemObject(id: "climbs", ["image": "../\(secretName)/passwd"])),
                line(itemObject(id: "absolute", ["image": secretDir + "/passwd"])),
                line(itemObject(id: "linked", ["image": "link.png"])),
                line(itemObject(id: "attn", ["attention": [["label": "focus", "path": "../\(secretName)/attn.npy"]]])),
                line(itemObject(id: "inside", ["image": "img.png"])),
            ]
            data = try TempDataset(lines: lines, files: ["img.png": pngBytes()])
            #expect(symlink(secretDir + "/passwd", data.directory + "/link.png") == 0)
        }
        var realSecret: String { FolderContainment.realPath(secretDir) }
    }

    /// Nothing of the secret file's content, in any form, is in `text`.
    static func expectNoSecret(_ text: String, _ context: String) {
        // ("root" alone is the annotator's name when the tests run as root.)
        for leak in ["72 6f 6f 74", "root:x", "secret-line", "secretdt"] {
            #expect(!text.lowercased().contains(leak), "\(context) shows '\(leak)': \(text)")
        }
    }

    @Test func containmentIsJudgedOnRealPaths() throws {
        let l = try Layout()
        let ds = try l.data.open()
        let secretName = (l.secretDir as NSString).lastPathComponent
        #expect(ds.outsideFolder("../\(secretName)/passwd") == l.realSecret + "/passwd")
        #expect(ds.outsideFolder(l.secretDir + "/passwd") == l.realSecret + "/passwd")
        #expect(ds.outsideFolder("link.png") == l.realSecret + "/passwd")
        #expect(ds.outsideFolder("img.png") == nil)
        #expect(ds.outsideFolder("sub/../img.png") == nil)
        // A missing file is judged by where its path leads, too.
        #expect(ds.outsideFolder("../nowhere/x.png") != nil)
        #expect(ds.outsideFolder("nowhere/x.png") == nil)
        // A dangling link pointing out is outside.
        #expect(symlink("/nonexistent-\(UUID().uuidString)/x.png", l.data.directory + "/dangling.png") == 0)
        #expect(ds.outsideFolder("dangling.png") != nil)
    }

    @Test func validateWarnsWithFileLineItemFieldAndWhereItLeads() throws {
        let l = try Layout()
        let run = try ScenelensCLI.run(["validate", l.data.path], timeout: 60)
        let out = run.stdout
        let lines = out.split(separator: "\n").map(String.init)
        let secretName = (l.secretDir as NSString).lastPathComponent
        let climbs = try #require(lines.first { $0.hasPrefix("\(l.data.path):1: warning: climbs: image: ") }, "\(out)")
        #expect(climbs.contains("../\(secretName)/passwd lies outside the dataset folder"), "\(climbs)")
        #expect(climbs.contains("resolves to \(l.realSecret)/passwd"), "\(climbs)")
        #expect(climbs.contains("export refuses it unless --allow-outside"), "\(climbs)")
        #expect(lines.contains { $0.hasPrefix("\(l.data.path):2: warning: absolute: image: \(l.secretDir)/passwd lies outside") }, "\(out)")
        let linked = try #require(lines.first { $0.hasPrefix("\(l.data.path):3: warning: linked: image: link.png lies outside") }, "\(out)")
        #expect(linked.contains("resolves to \(l.realSecret)/passwd"), "\(linked)")
        #expect(lines.contains { $0.hasPrefix("\(l.data.path):4: warning: attn: attention[0].path: ../\(secretName)/attn.npy lies outside") }, "\(out)")
        #expect(!lines.contains { $0.contains("inside:") }, "\(out)")
        // The files are still checked, and found wanting, without a byte of them shown.
        #expect(lines.contains { $0.hasPrefix("\(l.data.path):3: linked: image: image does not decode: not an image SceneLens knows") }, "\(out)")
        #expect(lines.contains { $0.hasPrefix("\(l.data.path):4: attn: attention[0].path: ") && $0.contains("not an attention map SceneLens reads") }, "\(out)")
        Self.expectNoSecret(out + run.stderr, "validate")
        // Inside the folder, the same bad bytes are still described in full (the
        // magic bytes help someone who saved an HTML page as .png).
        try Data("root:x:0:0:SECRET-LINE\n".utf8).write(to: URL(fileURLWithPath: l.data.directory + "/img.png"))
        let inside = try ScenelensCLI.run(["validate", l.data.path], timeout: 60)
        #expect(inside.stdout.contains("inside: image: image does not decode: not an image SceneLens knows (PNG, JPEG, WebP, GIF, TIFF, BMP, Netpbm): it starts with bytes 72 6F 6F 74"), "\(inside.stdout)")
    }

    @Test(arguments: ["climbs", "absolute", "linked", "attn"])
    func renderAndLintShowNothingOfTheFile(item: String) throws {
        let l = try Layout()
        let render = try ScenelensCLI.run(["render", l.data.path, "--item", item, "--plain", "--size", "200x50"], timeout: 60)
        #expect(render.status == 0, "\(render.status) \(render.stderr)")
        Self.expectNoSecret(render.stdout + render.stderr, "render \(item)")
        if item == "linked" {
            // The image pane says what kind of failure it is, and no more (the
            // message for a file inside the folder goes on to quote its bytes).
            let said = try #require(render.stdout.split(separator: "\n").first { $0.contains("no image:") }, "\(render.stdout)")
            #expect(said.contains("no image: not an image SceneLens knows │") || said.contains("no image: not an image SceneLens knows  "), "\(said)")
            #expect(!said.contains("(PNG"), "\(said)")
        }
        let lint = try ScenelensCLI.run(["lint", l.data.path], timeout: 60)
        Self.expectNoSecret(lint.stdout + lint.stderr, "lint")
    }
}
