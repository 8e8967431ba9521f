#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
@testable import Imaging

/// Issue 14: temporaries beside an output are unpredictable, exclusive, never
/// follow a link, replace the old output only by the rename, and do not pile up.
@Suite(.serialized) struct TempFileTests {
    static func folder() throws -> String {
        let dir = NSTemporaryDirectory() + "scenelens-temp-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    static func names(_ dir: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted()
    }

    @Test func commitReplacesTheOldOutputAndLeavesNothingElse() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let out = dir + "/out.pam"
        try Data("old".utf8).write(to: URL(fileURLWithPath: out))
        let t = try TempFile(for: out)
        #expect(t.path.hasPrefix(dir + "/.out.pam.tmp-\(getpid())-"))
        #expect(write(t.fd, "new", 3) == 3)
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "old", "the old output stays until the rename")
        try t.commit()
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "new")
        #expect(Self.names(dir) == ["out.pam"])
    }

    @Test func abandonRemovesTheTemporaryAndKeepsTheOldOutput() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let out = dir + "/out.pam"
        try Data("old".utf8).write(to: URL(fileURLWithPath: out))
        do {
            let t = try TempFile(for: out)
            _ = write(t.fd, "half", 4)
            // Dropped without commit: the deinit abandons it.
        }
        #expect(Self.names(dir) == ["out.pam"])
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "old")
    }

    /// A kill -9 leaves `.NAME.tmp-PID-...`; the next run for that output removes
    /// it when PID is gone, and leaves links and live processes' files alone.
    @Test func staleTemporariesOfDeadProcessesAreRemoved() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let out = dir + "/out.pam"
        // PIDs above the kernel's maximum are never alive.
        let dead = dir + "/.out.pam.tmp-99999999-abc"
        let live = dir + "/.out.pam.tmp-1-abc"       // init is always alive
        let link = dir + "/.out.pam.tmp-99999998-lnk"
        let victim = dir + "/victim"
        for p in [dead, live, victim] { try Data("x".utf8).write(to: URL(fileURLWithPath: p)) }
        #expect(symlink(victim, link) == 0)
        let t = try TempFile(for: out)
        t.abandon()
        let left = Self.names(dir)
        #expect(!left.contains(".out.pam.tmp-99999999-abc"))
        #expect(left.contains(".out.pam.tmp-1-abc"))
        #expect(left.contains(".out.pam.tmp-99999998-lnk"), "a link is not ours to remove")
        #expect(left.contains("victim"))
    }

    /// Export's images folder: an unpredictable name, private, removed with its files.
    @Test func aTempFolderIsPrivateAndAbandonRemovesItWithItsFiles() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let f = try TempFolder(for: dir + "/out.images")
        #expect(f.path.hasPrefix(dir + "/.out.images.tmp-\(getpid())-"))
        var st = stat()
        #expect(lstat(f.path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR && (st.st_mode & 0o777) == 0o700)
        try Data("png".utf8).write(to: URL(fileURLWithPath: f.path + "/a.png"))
        f.abandon()
        #expect(Self.names(dir).isEmpty)
    }

    /// What the SIGINT/SIGTERM/SIGHUP handlers run (before re-raising the
    /// signal): every registered temporary goes, a folder with its files,
    /// through system calls only (no allocation in a handler).
    @Test func theSignalCleanupRemovesPendingFilesAndFolders() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = try TempFile(for: dir + "/out.jsonl")
        let folder = try TempFolder(for: dir + "/out.images")
        for k in 0..<300 { try Data("x".utf8).write(to: URL(fileURLWithPath: folder.path + "/image-\(k)-with-a-longer-name.png")) }
        #expect(Self.names(dir).count == 2)
        removePending()
        #expect(Self.names(dir).isEmpty, "\(Self.names(dir))")
        file.abandon()
        folder.abandon()
    }

    /// A kill -9 during an export leaves its images folder (and one set aside
    /// while committing); the next export for that output removes both.
    @Test func staleTempFoldersOfDeadProcessesAreRemoved() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let stale = dir + "/.out.images.tmp-99999999-abc"
        let aside = stale + ".previous"
        for d in [stale, aside] {
            try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: false)
            try Data("x".utf8).write(to: URL(fileURLWithPath: d + "/i.png"))
        }
        let f = try TempFolder(for: dir + "/out.images")
        f.abandon()
        #expect(Self.names(dir).isEmpty, "\(Self.names(dir))")
    }
}
