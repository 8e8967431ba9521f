import CLITestSupport
import Foundation
import Testing
@testable import SceneData

/// Issue 14: an image or attention path naming a device or a FIFO used to grow
/// memory without end (`/dev/zero`) or block `open()` for ever (a FIFO) in
/// validate, render and lint. Only regular files are read now.
@Suite struct SpecialFileTests {
    static func dataset() throws -> TempDataset {
        let zero = itemObject(id: "zero", ["image": "/dev/zero"])
        let fifo = itemObject(id: "fifo", ["image": "pipe.png",
                                            "attention": [["label": "focus", "path": "attn.npy"]]])
        let t = try TempDataset(lines: [line(zero), line(fifo)], files: ["img.png": pngBytes()])
        for name in ["pipe.png", "attn.npy"] { #expect(mkfifo(t.directory + "/" + name, 0o600) == 0) }
        return t
    }

    @Test func validateNamesSpecialFilesAndReturns() throws {
        let t = try Self.dataset()
        let run = try ScenelensCLI.run(["validate", t.path], timeout: 60)
        #expect(run.status == 1, "\(run.status) \(run.stderr)")
        #expect(run.stdout.contains("zero: image:"), "\(run.stdout)")
        #expect(run.stdout.contains("it is a device, not a regular file"), "\(run.stdout)")
        #expect(run.stdout.contains("it is a FIFO, not a regular file"), "\(run.stdout)")
        #expect(run.stdout.contains("fifo: attention"), "\(run.stdout)")
    }

    @Test(arguments: ["0", "1"])
    func renderAndLintReturn(item: String) throws {
        let t = try Self.dataset()
        let render = try ScenelensCLI.run(["render", t.path, "--item", item, "--plain", "--size", "120x30"], timeout: 60)
        #expect(render.status == 0, "\(render.status) \(render.stderr)")
        let lint = try ScenelensCLI.run(["lint", t.path], timeout: 60)
        #expect(lint.status < 2, "\(lint.status) \(lint.stderr)")
    }

    @Test func aDatasetThatIsAFIFOIsRefused() throws {
        let t = try TempDataset(lines: [line(itemObject())])
        let fifo = t.directory + "/data.fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        let run = try ScenelensCLI.run(["validate", fifo], timeout: 60)
        #expect(run.status == 2, "\(run.status)")
        #expect(run.stderr.contains("not a regular file"), "\(run.stderr)")
    }

    @Test(arguments: [["decode", "--info", "/dev/zero"], ["decode", "/dev/urandom", "--out", "/dev/null"],
                      ["view", "/dev/urandom"], ["view", "/dev/zero"]])
    func decodeAndViewRefuseDevices(arguments: [String]) throws {
        let run = try ScenelensCLI.run(arguments, timeout: 60)
        #expect(run.status != 0 && run.status != 9, "\(arguments): \(run.status)")
        #expect(run.stderr.contains("not a regular file"), "\(arguments): \(run.stderr)")
    }
}
