import Foundation
import Testing
import SceneData
@testable import Review
#if canImport(Glibc)
import Glibc
#endif

/// Real concurrency needs real processes: the test binary runs itself again
/// with `childWriter` selected and the environment saying what to write.
/// Only Linux runs the package's tests as a plain executable we can re-run.
@Suite struct MultiProcessTests {
    static let env = ProcessInfo.processInfo.environment
    static var isChild: Bool { env["SCENELENS_REVIEW_CHILD_STORE"] != nil }

    /// Spawns this test binary running only `childWriter` as `annotator`.
    static func spawnChild(store: String, annotator: String, dir: URL, count: Int) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        p.arguments = ["--testing-library", "swift-testing", "--filter", "MultiProcessTests/childWriter"]
        var e = env
        e["SCENELENS_REVIEW_CHILD_STORE"] = store
        e["SCENELENS_REVIEW_CHILD_ANNOTATOR"] = annotator
        e["SCENELENS_REVIEW_CHILD_DIR"] = dir.path
        e["SCENELENS_REVIEW_CHILD_COUNT"] = String(count)
        p.environment = e
        // The child's own report, shown by `childLog` when a child fails.
        let log = dir.appendingPathComponent("child-\(annotator).log").path
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let handle = FileHandle(forWritingAtPath: log)
        p.standardOutput = handle ?? FileHandle.nullDevice
        p.standardError = handle ?? FileHandle.nullDevice
        try p.run()
        return p
    }

    /// What a child printed (its test report), for the failure message.
    static func childLog(_ dir: URL, _ annotator: String) -> String {
        let text = (try? String(contentsOfFile: dir.appendingPathComponent("child-\(annotator).log").path, encoding: .utf8)) ?? ""
        return String(text.suffix(3000))
    }

    /// Polls until `condition` holds; false after about 60 s (a hung child), never a timing assertion.
    static func waitFor(_ condition: () -> Bool) -> Bool {
        for _ in 0..<6000 {
            if condition() { return true }
            usleep(10_000)
        }
        return false
    }

    /// Not a test on its own: the body of a child process (skipped unless spawned as one).
    @Test(.enabled(if: isChild)) func childWriter() throws {
        guard let path = Self.env["SCENELENS_REVIEW_CHILD_STORE"], let ann = Self.env["SCENELENS_REVIEW_CHILD_ANNOTATOR"],
              let dir = Self.env["SCENELENS_REVIEW_CHILD_DIR"], let count = Int(Self.env["SCENELENS_REVIEW_CHILD_COUNT"] ?? "")
        else { Issue.record("child started without its environment"); return }
        let store = try SQLiteReviewStore(path: path, annotator: ann)
        let fm = FileManager.default
        _ = fm.createFile(atPath: dir + "/ready-" + ann, contents: nil)
        // Start all writers together so their transactions really overlap.
        #expect(Self.waitFor { fm.fileExists(atPath: dir + "/go") })
        let log = dir + "/saved-" + ann
        _ = fm.createFile(atPath: log, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        for i in 0..<count {
            let verdict: Verdict = i % 3 == 0 ? .reject : .accept
            try store.record(key("p\(i)", "n1"), verdict: verdict, contentHash: "h\(i)", note: "by \(ann)", tags: nil)
            // What the inspector would now show as saved.
            try handle.write(contentsOf: Data("p\(i)\n".utf8))
        }
        try handle.close()
    }

    #if os(Linux)
    @Test(.disabled(if: isChild)) func twoAnnotatorsInTwoProcessesLoseNothing() throws {
        let dir = try makeTempDir(); defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("shared.review.sqlite").path
        let n = 150
        let children = try ["ana", "bo"].map { try Self.spawnChild(store: path, annotator: $0, dir: dir, count: n) }
        let fm = FileManager.default
        #expect(Self.waitFor { fm.fileExists(atPath: dir.appendingPathComponent("ready-ana").path)
            && fm.fileExists(atPath: dir.appendingPathComponent("ready-bo").path) })
        // This process is a third writer, on the same keys under its own name.
        let me = try SQLiteReviewStore(path: path, annotator: "cy")
        _ = fm.createFile(atPath: dir.appendingPathComponent("go").path, contents: nil)
        for i in 0..<n {
            try me.record(key("p\(i)", "n1"), verdict: .skip, contentHash: "h\(i)", note: nil, tags: nil)
        }
        for c in children { c.waitUntilExit() }
        #expect(children.map(\.terminationStatus) == [0, 0], "\(Self.childLog(dir, "ana"))\n\(Self.childLog(dir, "bo"))")
        let all = try me.allDecisions()
        #expect(all.count == 3 * n)
        for ann in ["ana", "bo"] {
            let mine = all.filter { $0.annotator == ann }
            #expect(mine.count == n)
            #expect(mine.filter { $0.verdict == .reject }.count == (n + 2) / 3)
            #expect(mine.allSatisfy { $0.note == "by \(ann)" })
        }
        #expect(try me.history().count == 3 * n)
        #expect(try me.integrityCheck() == ["ok"])
    }

    @Test(.disabled(if: isChild)) func processesCreatingANewStoreAtOnceAllSucceed() throws {
        // Six processes racing to create the tables of one new store (this
        // once failed with "no such table: grdb_migrations" for the loser).
        let dir = try makeTempDir(); defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("fresh.review.sqlite").path
        _ = FileManager.default.createFile(atPath: dir.appendingPathComponent("go").path, contents: nil)
        let names = ["a", "b", "c", "d", "e", "f"]
        let children = try names.map { try Self.spawnChild(store: path, annotator: $0, dir: dir, count: 1) }
        for c in children { c.waitUntilExit() }
        #expect(children.map(\.terminationStatus) == names.map { _ in 0 },
                "\(names.map { Self.childLog(dir, $0) }.joined(separator: "\n"))")
        let store = try SQLiteReviewStore(path: path, annotator: "a")
        #expect(try store.annotators() == names)
    }

    @Test(.disabled(if: isChild)) func killDashNineLosesNothingShownAsSaved() throws {
        let dir = try makeTempDir(); defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("killed.review.sqlite").path
        let child = try Self.spawnChild(store: path, annotator: "ana", dir: dir, count: 100_000)
        let fm = FileManager.default
        let ready = Self.waitFor { fm.fileExists(atPath: dir.appendingPathComponent("ready-ana").path) }
        #expect(ready, "\(Self.childLog(dir, "ana"))")
        _ = fm.createFile(atPath: dir.appendingPathComponent("go").path, contents: nil)
        let logPath = dir.appendingPathComponent("saved-ana").path
        let burst = Self.waitFor { ((try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "").count > 200 }
        kill(child.processIdentifier, SIGKILL)
        child.waitUntilExit()
        #expect(burst)
        let saved = Set(((try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init))
        let store = try SQLiteReviewStore(path: path, annotator: "ana")
        #expect(try store.integrityCheck() == ["ok"])
        let inStore = Set(try store.decidedKeys().map(\.itemID))
        #expect(!saved.isEmpty)
        #expect(saved.isSubset(of: inStore))
        // And the store still takes writes.
        try store.record(key("after", "n1"), verdict: .accept, contentHash: "h", note: nil, tags: nil)
    }
    #endif
}
