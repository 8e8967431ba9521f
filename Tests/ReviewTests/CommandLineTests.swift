import CLITestSupport
import Foundation
import Review
import SceneData
import Testing

/// The built `scenelens` executable, run as a user would: exit statuses,
/// messages and help texts of the commands around review.
@Suite struct CommandLineTests {
    func scenelens(_ args: [String]) throws -> CLIRun { try ScenelensCLI.run(args) }

    @Test(arguments: ["stats", "export"])
    func missingDatasetExitsTwoLikeValidate(command: String) throws {
        let dir = try makeTempDir(); defer { try? FileManager.default.removeItem(at: dir) }
        let missing = dir.appendingPathComponent("nope.jsonl").path
        var args = [command, missing]
        if command == "export" { args += ["--out", dir.appendingPathComponent("o.jsonl").path] }
        let r = try scenelens(args)
        #expect(r.status == 2)
        #expect(r.stderr == "scenelens \(command): \(missing): no such file\n")
        let v = try scenelens(["validate", missing])
        #expect(v.status == 2 && v.stderr == "scenelens validate: \(missing): no such file\n")
    }

    @Test func anAnnotatorWithNoDecisionsIsNamedAndAConfidenceAboveOneRefused() throws {
        let dir = try makeTempDir(); defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("ds").path
        #expect(try scenelens(["sample", "--items", "2", "--out", out]).status == 0)
        let dataset = out + "/dataset.jsonl", storePath = out + "/dataset.review.sqlite"
        let store = try SQLiteReviewStore(path: storePath, annotator: "qa", readOnly: false)
        _ = try store.record(NegativeKey(itemID: "clevr-0000000", negativeID: "n1"), verdict: .accept, contentHash: "", note: nil, tags: nil)
        let exported = dir.appendingPathComponent("o.jsonl").path
        // A typo must not read as "nothing decided yet": refused, exit 2, nothing written.
        for args in [["stats", dataset, "--no-lint", "--annotator", "qq"], ["export", dataset, "--out", exported, "--annotator", "qq"]] {
            let r = try scenelens(args)
            #expect(r.status == 2)
            #expect(r.stderr == "scenelens \(args[0]): no decisions by annotator 'qq' in \(storePath) (annotators there: qa)\n", "\(r.stderr)")
            #expect(r.stdout.isEmpty)
        }
        #expect(!FileManager.default.fileExists(atPath: exported))
        #expect(try !scenelens(["stats", dataset, "--no-lint", "--annotator", "qa"]).stderr.contains("no decisions by annotator"))
        let high = try scenelens(["export", dataset, "--out", exported, "--min-confidence", "2"])
        #expect(high.status != 0 && high.stderr.contains("--min-confidence must be between 0 and 1"), "\(high.stderr)")
    }

    @Test func sampleDoesNotWriteOverADatasetWithAReviewStore() throws {
        let dir = try makeTempDir(); defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("ds").path
        #expect(try scenelens(["sample", "--items", "3", "--out", out]).status == 0)
        let dataset = out + "/dataset.jsonl"
        let before = try Data(contentsOf: URL(fileURLWithPath: dataset))
        // The review store of those three items (its contents do not matter here).
        #expect(FileManager.default.createFile(atPath: out + "/dataset.review.sqlite", contents: Data()))
        let refused = try scenelens(["sample", "--items", "5", "--seed", "2", "--out", out])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("\(dataset) has a review store beside it"))
        #expect(refused.stderr.contains("--force"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: dataset)) == before)
        // --force replaces it; a fresh folder needs nothing.
        #expect(try scenelens(["sample", "--items", "5", "--seed", "2", "--out", out, "--force"]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: dataset)) != before)
    }

    @Test(arguments: ["stats", "export"])
    func readOnlyCommandsDoNotPromiseTheLoginNameAsDefault(command: String) throws {
        // Help is wrapped to the terminal width: compare with single spaces.
        let help = try scenelens([command, "--help"]).stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(help.contains("--annotator"))
        #expect(!help.contains("login name"))
        #expect(help.contains("every annotator"))
    }

    /// `scenelens render --help` is parsed by the subcommand alone (a start-up
    /// fast path); its usage must still name the tool, as `scenelens help render` does.
    @Test(arguments: ["render", "decode", "validate"])
    func subcommandUsageNamesTheTool(command: String) throws {
        let direct = try scenelens([command, "--help"])
        let viaHelp = try scenelens(["help", command])
        #expect(direct.status == 0)
        #expect(direct.stdout.contains("USAGE: scenelens \(command) "))
        #expect(direct.stdout == viaHelp.stdout)
        let wrong = try scenelens([command, "--no-such-option"])
        #expect(wrong.status != 0)
        #expect(wrong.stderr.contains("Usage: scenelens \(command) "))
    }

    @Test func versionIsPrintedWithHowItWasBuilt() throws {
        let r = try scenelens(["--version"])
        #expect(r.status == 0)
        // `swift build` cannot record the commit and says so; scripts/build-static.sh stamps it.
        let line = r.stdout.trimmingCharacters(in: .newlines)
        let number = line.split(separator: " ").first.map(String.init) ?? ""
        #expect(number.split(separator: ".").count == 3 && number.allSatisfy { $0.isNumber || $0 == "." }, "\(line)")
        #expect(line.hasSuffix("build by swift build, commit not recorded)") || line.contains("(commit "), "\(line)")
    }

    @Test func decodeAndViewSayWhyAFileCannotBeRead() throws {
        for command in ["decode", "view"] {
            let r = try scenelens([command, "/nonexistent/picture.png"])
            #expect(r.status != 0)
            #expect(r.stderr == "scenelens \(command): /nonexistent/picture.png: cannot read the file: no such file\n")
        }
    }

    /// Issue 14: `export` refuses an accepted pair whose image lies outside the
    /// dataset's folder, in one report line naming file, line, item and field,
    /// writes nothing and exits 2; `--allow-outside` exports it.
    @Test func exportRefusesImagesOutsideTheDatasetFolderUnlessAllowed() throws {
        let dir = try makeTempDir(); defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("ds").path
        #expect(try scenelens(["sample", "--items", "2", "--out", out]).status == 0)
        let dataset = out + "/dataset.jsonl"
        // The first item's image moves out of the folder; the dataset climbs to it.
        var lines = try String(contentsOfFile: dataset, encoding: .utf8).split(separator: "\n").map(String.init)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        let image = try #require(first["image"] as? String)
        try FileManager.default.moveItem(atPath: out + "/" + image, toPath: dir.appendingPathComponent("moved.png").path)
        lines[0] = lines[0].replacingOccurrences(of: "\"\(image)\"", with: "\"../moved.png\"")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: dataset))
        let id = try #require(first["id"] as? String)
        let item = try #require(try Dataset.open(path: dataset).item(at: 0).item)
        let negative = try #require(item.negatives.first)
        let store = try SQLiteReviewStore(path: out + "/dataset.review.sqlite", annotator: "qa", readOnly: false)
        _ = try store.record(NegativeKey(itemID: id, negativeID: negative.id), verdict: .accept,
                             contentHash: ContentHash.of(negative, in: item), note: nil, tags: nil)
        let exported = dir.appendingPathComponent("o.jsonl").path
        let refused = try scenelens(["export", dataset, "--out", exported])
        #expect(refused.status == 2, "\(refused.stderr)")
        #expect(refused.stderr.contains("\(dataset):1: \(id): image: ../moved.png lies outside the dataset folder \(out) (it resolves to \(FolderContainment.realPath(dir.path))/moved.png)"), "\(refused.stderr)")
        #expect(refused.stderr.hasSuffix("scenelens export: nothing written: an image path leads outside the dataset folder\n"), "\(refused.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["ds", "moved.png"])
        let allowed = try scenelens(["export", dataset, "--out", exported, "--allow-outside"])
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(try String(contentsOfFile: exported, encoding: .utf8).contains("\"moved.png\""))
    }

    @Test func exportIntoAMissingFolderIsOneLine() throws {
        let dir = try makeTempDir(); defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("d.jsonl").path
        _ = FileManager.default.createFile(atPath: data, contents: Data())
        let out = dir.appendingPathComponent("no/such/folder/pairs.jsonl").path
        let r = try scenelens(["export", data, "--out", out])
        #expect(r.status == 2)
        #expect(r.stderr.hasSuffix("scenelens export: \(out): cannot create the export file: No such file or directory (does the folder exist, is it writable?)\n"), "\(r.stderr)")
        #expect(!r.stderr.contains("Error:"))
    }

    @Test func decodeReplacesItsOutputWhole() throws {
        let dir = try makeTempDir(); defer { try? FileManager.default.removeItem(at: dir) }
        // A 1x1 grey PGM: decodes to one opaque RGBA pixel.
        let image = dir.appendingPathComponent("dot.pgm").path
        _ = FileManager.default.createFile(atPath: image, contents: Data("P5\n1 1\n255\n".utf8 + [200]))
        let out = dir.appendingPathComponent("dot.pam").path
        _ = FileManager.default.createFile(atPath: out, contents: Data("old contents".utf8))
        let ok = try scenelens(["decode", image, "--out", out])
        #expect(ok.status == 0, "\(ok.stderr)")
        let pam = try Data(contentsOf: URL(fileURLWithPath: out))
        #expect(String(decoding: pam.prefix(2), as: UTF8.self) == "P7")
        #expect(Array(pam.suffix(4)) == [200, 200, 200, 255])
        // A broken image leaves the previous output as it was, and no temporary file.
        let broken = dir.appendingPathComponent("broken.png").path
        _ = FileManager.default.createFile(atPath: broken, contents: Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]))
        let failed = try scenelens(["decode", broken, "--out", out])
        #expect(failed.status != 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == pam)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["broken.png", "dot.pam", "dot.pgm"])
    }

    /// Issue 14: `decode --out` follows no planted link (a link at --out is
    /// replaced, never written through; links under temporary names are left
    /// alone), and a stale temporary of a dead run is removed.
    @Test func decodeOutFollowsNoPlantedLink() throws {
        let dir = try makeTempDir(); defer { try? FileManager.default.removeItem(at: dir) }
        let image = dir.appendingPathComponent("dot.pgm").path
        _ = FileManager.default.createFile(atPath: image, contents: Data("P5\n1 1\n255\n".utf8 + [200]))
        let victim = dir.appendingPathComponent("victim").path
        _ = FileManager.default.createFile(atPath: victim, contents: Data("precious".utf8))
        let out = dir.appendingPathComponent("dot.pam").path
        try FileManager.default.createSymbolicLink(atPath: out, withDestinationPath: victim)
        let planted = dir.appendingPathComponent(".dot.pam.tmp-99999998-lnk").path
        try FileManager.default.createSymbolicLink(atPath: planted, withDestinationPath: victim)
        let stale = dir.appendingPathComponent(".dot.pam.tmp-99999999-old").path
        _ = FileManager.default.createFile(atPath: stale, contents: Data("half".utf8))
        let r = try scenelens(["decode", image, "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious")
        let attrs = try FileManager.default.attributesOfItem(atPath: out)
        #expect(attrs[.type] as? FileAttributeType == .typeRegular)
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: out)).suffix(4)) == [200, 200, 200, 255])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
                == [".dot.pam.tmp-99999998-lnk", "dot.pam", "dot.pgm", "victim"])
    }

    @Test func decodeOutputErrorsNameTheOutputNotATemporaryFile() throws {
        let dir = try makeTempDir(); defer { try? FileManager.default.removeItem(at: dir) }
        let image = dir.appendingPathComponent("dot.pgm").path
        _ = FileManager.default.createFile(atPath: image, contents: Data("P5\n1 1\n255\n".utf8 + [200]))
        let nowhere = dir.appendingPathComponent("no/such/x.pam").path
        let r = try scenelens(["decode", image, "--out", nowhere])
        #expect(r.stderr == "scenelens decode: \(nowhere): cannot write: no such folder\n")
        let folder = try scenelens(["decode", image, "--out", dir.path])
        #expect(folder.stderr == "scenelens decode: \(dir.path): cannot write: it is a directory\n")
    }

    @Test func inspectKeepsTheLoginNameDefault() throws {
        let help = try scenelens(["inspect", "--help"]).stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(help.contains("login name"))
    }

    @Test func unreadableHeatmapSaysWhy() throws {
        let dir = try makeTempDir(); defer { try? FileManager.default.removeItem(at: dir) }
        let image = dir.appendingPathComponent("g.pgm")
        try Data("P5\n2 2\n255\n".utf8 + [0, 80, 160, 255]).write(to: image)
        let missing = dir.appendingPathComponent("nope.npy").path
        let r = try scenelens(["view", image.path, "--heatmap", missing, "--mode", "ascii", "--width", "4"])
        #expect(r.status == 2)
        #expect(r.stderr == "scenelens view: \(missing): cannot read the file: no such file\n")
        let folder = try scenelens(["view", image.path, "--heatmap", dir.path, "--mode", "ascii", "--width", "4"])
        #expect(folder.stderr.contains("is a directory"))
    }
}
