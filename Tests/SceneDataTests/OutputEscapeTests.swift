import CLITestSupport
import Foundation
import Testing
@testable import SceneData

/// Issue 14: every output line is one report, and `--json` carries no raw
/// control or bidi character, whatever the dataset holds.
@Suite struct OutputEscapeTests {
    @Test func jsonEscapesC1ControlsAndBidiOverrides() throws {
        let text = JSONValue.quoted("a\u{9B}31m b\u{202E}c\u{2066}d\u{1B}e")
        #expect(text == #""a\u009b31m b\u202ec\u2066d\u001be""#)
        #expect(!text.unicodeScalars.contains { $0.value == 0x9B || $0.value == 0x202E })
        // Still the same string once parsed.
        let back = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) as? String
        #expect(back == "a\u{9B}31m b\u{202E}c\u{2066}d\u{1B}e")
    }

    @Test func aDiagnosticIsOneLine() {
        let d = Diagnostic(.error, file: "d.jsonl", line: 3, itemID: "x\ny", field: "attention[0]",
                           message: "bad header '<f4\n/etc/d.jsonl:9: forged'")
        #expect(!d.formatted.contains("\n"))
        #expect(d.formatted == "d.jsonl:3: x^Jy: attention[0]: bad header '<f4^J/etc/d.jsonl:9: forged'")
    }

    /// The audit's forged line: a `.npy` header whose text holds a line feed
    /// and a fake `FILE:LINE:` report.
    @Test func aCraftedNPYHeaderCannotForgeAReportLine() throws {
        var header = Array("{'descr': '<f4\n/tmp/forged.jsonl:99: fake: all good', 'fortran_order': False, 'shape': (2, 2), }".utf8)
        while (10 + header.count + 1) % 64 != 0 { header.append(0x20) }
        header.append(0x0A)
        let npy: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(header.count & 0xFF), UInt8(header.count >> 8)]
            + header + [UInt8](repeating: 0, count: 16)
        let item = itemObject(id: "npy", ["attention": [["label": "focus", "path": "a.npy"]]])
        let t = try TempDataset(lines: [line(item)], files: ["img.png": pngBytes(), "a.npy": npy])
        for args in [["validate", t.path], ["lint", t.path]] {
            let run = try ScenelensCLI.run(args, timeout: 60)
            let forged = run.stdout.split(separator: "\n").filter { $0.hasPrefix("/tmp/forged.jsonl") }
            #expect(forged.isEmpty, "\(args): \(run.stdout)")
        }
        let json = try ScenelensCLI.run(["validate", t.path, "--json"], timeout: 60)
        for l in json.stdout.split(separator: "\n") {
            #expect((try? JSONSerialization.jsonObject(with: Data(l.utf8))) != nil, "one JSON object per line: \(l)")
        }
    }

    @Test func validateJSONCarriesNoRawControls() throws {
        let id = "evil\u{9B}2J\u{202E}"
        let t = try TempDataset(lines: [line(itemObject(id: id, ["image": "missing.png"]))])
        let run = try ScenelensCLI.run(["validate", t.path, "--json"], timeout: 60)
        #expect(run.stdout.contains(#"evil\u009b2J\u202e"#), "\(run.stdout)")
        #expect(!run.stdout.unicodeScalars.contains { $0.value == 0x9B || $0.value == 0x202E })
    }

    @Test func decodeErrorsShowEscapesInFileNamesAsPlaceholders() throws {
        let dir = NSTemporaryDirectory() + "scenelens-esc-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let name = dir + "/x\u{1B}]0;pwned\u{7}.png"
        try Data("not an image".utf8).write(to: URL(fileURLWithPath: name))
        let run = try ScenelensCLI.run(["decode", name, "--info"], timeout: 60)
        #expect(run.status == 2)
        #expect(!run.stderr.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, "\(run.stderr)")
        #expect(run.stderr.contains("^["), "\(run.stderr)")
    }
}
