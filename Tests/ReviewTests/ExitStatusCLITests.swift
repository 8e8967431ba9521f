import CLITestSupport
import Foundation
import Testing

/// Mistakes at the command line, as a new user makes them, and the one set of
/// exit statuses every command follows (README, "Exit status"): 0 fine,
/// 1 findings, 2 could not run.
@Suite struct ExitStatusCLITests {
    func scenelens(_ args: [String], environment: [String: String]? = nil) throws -> CLIRun {
        try ScenelensCLI.run(args, environment: environment)
    }

    static let commands = ["inspect", "render", "validate", "lint", "stats", "export", "view", "decode", "sample", "doctor"]

    @Test(arguments: [("stat", "stats"), ("exprot", "export"), ("valdate", "validate"), ("docter", "doctor"),
                      ("rendr", "render"), ("val", "validate"), ("lnt", "lint")])
    func aMistypedCommandSuggestsTheRightOne(typed: String, meant: String) throws {
        let r = try scenelens([typed, "data.jsonl"])
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr == "scenelens: '\(typed)' is not a command (and there is no file of that name); did you mean 'scenelens \(meant)'?\n",
                "\(r.stderr)")
    }

    @Test func aWordThatIsNeitherCommandNorFileSaysSo() throws {
        let r = try scenelens(["frobnicate"])
        #expect(r.status == 2)
        #expect(r.stderr == "scenelens: 'frobnicate' is neither a command nor a file; `scenelens --help` lists the commands.\n")
        // A path is a dataset that is missing, as before.
        let path = try scenelens(["/nonexistent/data.jsonl"])
        #expect(path.status == 2)
        #expect(path.stderr == "scenelens: /nonexistent/data.jsonl: no such file\n")
    }

    /// ArgumentParser exits 64 on a usage error; SceneLens makes it 2, like every other failure to run.
    @Test(arguments: commands)
    func anUnknownOptionExitsTwoWithTheUsage(command: String) throws {
        let r = try scenelens([command, "--no-such-option"])
        #expect(r.status == 2, "\(command): \(r.status) \(r.stderr)")
        #expect(r.stderr.contains("Usage: scenelens \(command)"), "\(r.stderr)")
        let bare = try scenelens([])
        #expect(bare.status == 2 && bare.stderr.contains("Missing expected argument"))
    }

    @Test func zeroOneAndTwoMeanTheSameForValidateAndLint() throws {
        let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Samples")
        let clean = samples.appendingPathComponent("scenes.jsonl").path
        let broken = samples.appendingPathComponent("broken.jsonl").path
        #expect(try scenelens(["validate", clean]).status == 0)
        #expect(try scenelens(["validate", broken]).status == 1)
        #expect(try scenelens(["lint", broken]).status == 1)
        #expect(try scenelens(["validate", "/nonexistent/x.jsonl"]).status == 2)
        #expect(try scenelens(["lint", "/nonexistent/x.jsonl"]).status == 2)
        #expect(try scenelens(["lint", clean, "--only", "no-such-lint"]).status == 2)
    }

    @Test(arguments: ["stats", "export"])
    func aStoreThatDoesNotExistIsNamedNotCountedAsEmpty(command: String) throws {
        let dir = try makeTempDir(); defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("d.jsonl").path
        _ = FileManager.default.createFile(atPath: data, contents: Data())
        let typo = dir.appendingPathComponent("d.reveiw.sqlite").path
        var args = [command, data, "--store", typo]
        if command == "export" { args += ["--out", dir.appendingPathComponent("o.jsonl").path] }
        let r = try scenelens(args)
        #expect(r.status == 2)
        #expect(r.stderr == "scenelens \(command): --store \(typo): no such file\n", "\(r.stderr)")
        // Without --store, a dataset nobody has reviewed yet is read: a note, and
        // status 0 for stats; export finds nothing to write, a finding (status 1).
        var plain = [command, data]
        if command == "export" { plain += ["--out", dir.appendingPathComponent("o.jsonl").path] }
        let fresh = try scenelens(plain)
        #expect(fresh.status == (command == "export" ? 1 : 0), "\(fresh.stderr)")
        #expect(fresh.stderr.contains("note: no review store at"))
        // ... but an --annotator there names nobody.
        let nobody = try scenelens(plain + ["--annotator", "anm"])
        #expect(nobody.status == 2)
        #expect(nobody.stderr.contains("scenelens \(command): no decisions by annotator 'anm': there is no review store at "))
    }

    @Test func decodeRefusesToWriteBinaryToATerminal() throws {
        let exe = try #require(ScenelensCLI.executable, "\(ScenelensCLI.missing)")
        let dir = try makeTempDir(); defer { try? FileManager.default.removeItem(at: dir) }
        let image = dir.appendingPathComponent("dot.pgm").path
        _ = FileManager.default.createFile(atPath: image, contents: Data("P5\n1 1\n255\n".utf8 + [200]))
        // Standard output on a pseudo-terminal, as in an interactive shell:
        // script(1) (util-linux, on every Debian and Ubuntu) runs it on one.
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        p.arguments = ["-qec", "'\(exe.path)' decode '\(image)'", "/dev/null"]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let screen = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 2, "\(screen)")
        #expect(screen.contains("scenelens decode: refusing to write a binary PAM image to the terminal; give --out FILE, "
                                + "redirect it (> image.pam), or use --info for the header"), "\(screen)")
        #expect(!screen.contains("P7"), "no image reached the terminal")
        // Redirected, the same command writes the image.
        let piped = try scenelens(["decode", image])
        #expect(piped.status == 0 && piped.stdout.hasPrefix("P7\n"))
    }
}
