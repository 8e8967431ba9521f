import CLITestSupport
import Foundation
import Testing

/// The command line tools never pass dataset text to the terminal raw, and
/// report data problems in one line instead of a usage text.
@Suite struct TerminalOutputCLITests {
    /// One item line; `id` and `op` are written as given (JSON escapes included).
    static func line(id: String, op: String = "swap", negatives: [String] = ["n1"]) -> String {
        let negs = negatives.map { #"{"id":"\#($0)","operator":"\#(op)","rationale":{"steps":["The bike is above the sun."],"answer":"no"}}"# }
        return #"{"id":"\#(id)","image":"nope.png","question":"Is the sun above the bike?","answer":"yes","#
            + #""scene_graph":{"entities":[{"id":"s","name":"sun"},{"id":"m","name":"bike"}],"relations":[["s","above","m"]]},"#
            + #""chosen":{"steps":["The sun is above the bike."],"answer":"yes"},"evidence":"yes","#
            + #""negatives":[\#(negs.joined(separator: ","))]}"#
    }

    static func write(_ lines: [String]) throws -> (dir: URL, path: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("scenelens-tty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("d.jsonl").path
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
        return (dir, path)
    }

    /// An id that clears the screen and sets the window title, an operator with a bidi override.
    static let evilID = #"evil\u001b[2J\u001b]0;pwned\u0007"#
    static let evilOp = #"sw\u202eap"#

    @Test func textOutputShowsControlsAsPlaceholders() throws {
        let (dir, path) = try Self.write([Self.line(id: Self.evilID, op: Self.evilOp)])
        defer { try? FileManager.default.removeItem(at: dir) }
        let runs = [
            try ScenelensCLI.run(["validate", path]),
            try ScenelensCLI.run(["lint", path]),
            try ScenelensCLI.run(["stats", path, "--store", dir.appendingPathComponent("none.sqlite").path]),
            try ScenelensCLI.run(["export", path, "--out", dir.appendingPathComponent("o.jsonl").path]),
        ]
        for r in runs {
            let all = r.stdout + r.stderr
            #expect(!all.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E }, "\(all)")
        }
        #expect(runs[0].stdout.contains("evil^[[2J^[]0;pwned^G: "))
        #expect(runs[1].stdout.contains("evil^[[2J^[]0;pwned^G/n1: "))
        #expect(runs[1].stdout.contains("sw<U+202E>ap"))  // the operator column of the count table
    }

    @Test func jsonOutputStaysExact() throws {
        let (dir, path) = try Self.write([Self.line(id: Self.evilID, op: Self.evilOp)])
        defer { try? FileManager.default.removeItem(at: dir) }
        let lint = try ScenelensCLI.run(["lint", path, "--json"])
        let first = try #require(lint.stdout.split(separator: "\n").first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])
        #expect(object["item"] as? String == "evil\u{1B}[2J\u{1B}]0;pwned\u{07}")
        #expect(object["operator"] as? String == "sw\u{202E}ap")
    }

    /// A number is a position (found without reading ids, so --item 0 stays
    /// fast on huge files), unless only the item with that id has the negative asked for.
    @Test func renderTakesPositionsAndFallsBackToTheIDANegativeBelongsTo() throws {
        let ids = ["i0", "i1", "4", "i3", "i4"]
        let (dir, path) = try Self.write(ids.map { Self.line(id: $0, negatives: [$0 == "4" ? "7" : "n1"]) })
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try ScenelensCLI.run(["render", path, "--item", "4", "--negative", "7", "--size", "120x30"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("id 4 "))
        // A number that is no id picks by position, and so does one that is
        // an id when nothing says the id is meant.
        let byPosition = try ScenelensCLI.run(["render", path, "--item", "3", "--size", "120x30"])
        #expect(byPosition.stdout.contains("id i3 "))
        let four = try ScenelensCLI.run(["render", path, "--item", "4", "--size", "120x30"])
        #expect(four.stdout.contains("id i4 "))
        // Past the end, a number can only be an id.
        let (dir2, path2) = try Self.write([Self.line(id: "i0", negatives: ["n1"]), Self.line(id: "9", negatives: ["n1"])])
        defer { try? FileManager.default.removeItem(at: dir2) }
        let nine = try ScenelensCLI.run(["render", path2, "--item", "9", "--size", "120x30"])
        #expect(nine.stdout.contains("id 9 "))
    }

    @Test func aNegativeAskedOfAnUnreadableLineSaysTheLineCannotBeRead() throws {
        let (dir, path) = try Self.write([Self.line(id: "i0", negatives: ["n1"])])
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = try String(contentsOfFile: path, encoding: .utf8) + "{\"id\": broken\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let r = try ScenelensCLI.run(["render", path, "--item", "1", "--negative", "n1"])
        #expect(r.status == 2)
        #expect(r.stderr == "scenelens render: item 1 (line 2) cannot be read, so it has no negative 'n1'\n", "\(r.stderr)")
    }

    @Test func renderDataErrorsAreOneLineWithoutUsage() throws {
        let (dir, path) = try Self.write([Self.line(id: "a")])
        defer { try? FileManager.default.removeItem(at: dir) }
        let noNegative = try ScenelensCLI.run(["render", path, "--item", "a", "--negative", "zz"])
        #expect(noNegative.status == 2)  // an option names something that does not exist
        #expect(noNegative.stderr == "scenelens render: item a has no negative 'zz'\n")
        let noItem = try ScenelensCLI.run(["render", path, "--item", "nope"])
        #expect(noItem.status == 2)
        #expect(noItem.stderr.hasPrefix("scenelens render: no item 'nope' in "))
        #expect(!noItem.stderr.contains("Usage"))
        // A store that cannot be opened is unreadable input: status 2, one line.
        let badStore = try ScenelensCLI.run(["render", path, "--store", dir.path])
        #expect(badStore.status == 2)
        #expect(badStore.stderr.hasPrefix("scenelens: "))
        #expect(!badStore.stderr.contains("Usage") && badStore.stderr.split(separator: "\n").count == 1)
        for command in ["stats", "export"] {
            var args = [command, path, "--store", dir.path]
            if command == "export" { args += ["--out", dir.appendingPathComponent("o.jsonl").path] }
            let r = try ScenelensCLI.run(args)
            #expect(r.status == 2)
            #expect(r.stderr.hasPrefix("scenelens \(command): \(dir.path): "))
        }
    }
}
