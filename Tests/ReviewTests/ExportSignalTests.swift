import CLITestSupport
import Foundation
import Review
import SceneData
import Testing

/// Issue 14: a real SIGINT or SIGTERM to a real `scenelens export` caught
/// half-way (its temporary file and images folder on disk) removes both, leaves
/// the destination as it was (the previous export byte for byte, or nothing),
/// and ends the process by that signal, as the shell expects (130 and 143).
@Suite(.serialized) struct ExportSignalTests {
    /// Items with an inline image each, every negative accepted: export writes
    /// one image per pair into its temporary folder as it goes.
    static func dataset(in dir: URL, items: Int) throws -> String {
        let path = dir.appendingPathComponent("data.jsonl").path
        let image = Data(TinyImages.png).base64EncodedString()
        var text = ""
        for k in 0..<items {
            text += """
                {"id":"it-\(k)","image":{"base64":"\(image)"},"question":"What is left of the cube \(k)?","answer":"a sphere",\
                "scene_graph":{"entities":[{"id":"o1","name":"cube"},{"id":"o2","name":"sphere"}],"relations":[]},\
                "chosen":{"steps":["The sphere is left of the cube \(k).","So the answer is a sphere."],"answer":"a sphere"},\
                "negatives":[{"id":"n1","operator":"swap","rationale":{"steps":["The cube is left of the sphere \(k).",\
                "So the answer is a cube."],"answer":"a cube"}}]}

                """
        }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let data = try Dataset.open(path: path)
        data.indexAll()
        var decisions: [Decision] = []
        for i in 0..<data.count {
            let item = try #require(data.item(at: i).item)
            for n in item.negatives {
                decisions.append(Decision(key: NegativeKey(itemID: item.id, negativeID: n.id), annotator: "qa", verdict: .accept,
                                          time: Date(), contentHash: ContentHash.of(n, in: item)))
            }
        }
        let store = try SQLiteReviewStore(path: dir.appendingPathComponent("data.review.sqlite").path, annotator: "qa", readOnly: false)
        try store.importRecords(decisions: decisions, history: [], settlements: [])
        return path
    }

    /// The names in `dir` that are export temporaries (`.out.jsonl.tmp-...`, `.out.images.tmp-...`).
    static func temporaries(_ dir: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasPrefix(".out.") }.sorted()
    }

    @Test(arguments: [(SIGINT, true), (SIGTERM, false)])
    func aSignalMidExportRemovesTheTemporariesAndKeepsTheDestination(signal: Int32, previousOutput: Bool) throws {
        let exe = try #require(ScenelensCLI.executable, "\(ScenelensCLI.missing)")
        let dir = try makeTempDir(); defer { try? FileManager.default.removeItem(at: dir) }
        let dataset = try Self.dataset(in: dir, items: 6000)
        let out = dir.appendingPathComponent("out.jsonl")
        let previous = Data("{\"previous\":\"export\"}\n".utf8)
        if previousOutput { try previous.write(to: out) }

        let p = Process()
        // Through perl, which unblocks every signal and puts SIGINT and SIGTERM
        // back to their defaults before exec, as a shell starts a command: a
        // child inherits its parent's blocked and ignored signals, and the test
        // runner's threads block them (export then rightly never sees them).
        p.executableURL = URL(fileURLWithPath: "/usr/bin/perl")
        p.arguments = ["-e", "use POSIX; sigprocmask(SIG_SETMASK, POSIX::SigSet->new); $SIG{INT} = 'DEFAULT'; $SIG{TERM} = 'DEFAULT'; exec @ARGV or die", exe.path,
                       "export", dataset, "--out", out.path]
        p.standardInput = FileHandle.nullDevice
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        defer { if p.isRunning { kill(p.processIdentifier, SIGKILL); p.waitUntilExit() } }

        // Mid-way: the temporary file exists and images are being written into the temporary folder.
        let deadline = Date().addingTimeInterval(120)
        var midWay = false
        while p.isRunning, Date() < deadline {
            let temps = Self.temporaries(dir)
            if let folder = temps.first(where: { $0.hasPrefix(".out.images.tmp-") }), temps.contains(where: { $0.hasPrefix(".out.jsonl.tmp-") }),
               let images = try? FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent(folder).path), images.count >= 50 {
                midWay = true
                break
            }
            usleep(2_000)
        }
        try #require(midWay, "export ended (or took 120 s) before it was caught half-way; the dataset should be bigger")
        #expect(kill(p.processIdentifier, signal) == 0)
        p.waitUntilExit()

        // Ended by the signal itself (re-raised after the clean-up), not by exit().
        #expect(p.terminationReason == .uncaughtSignal)
        #expect(p.terminationStatus == signal)
        #expect(Self.temporaries(dir).isEmpty, "\(Self.temporaries(dir))")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out.images").path))
        if previousOutput {
            #expect(try Data(contentsOf: out) == previous)
        } else {
            #expect(!FileManager.default.fileExists(atPath: out.path))
        }
    }
}
