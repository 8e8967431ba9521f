import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A folder made beside its destination under a temporary name and renamed
/// into place when complete (export's `STEM.images`), with `TempFile`'s
/// promises (issue 14): an unpredictable name `.NAME.tmp-PID-RANDOM`, made
/// with mkdir (which never follows a link), mode 0700; removed with its files
/// on every way out, SIGINT, SIGTERM and SIGHUP included (the handler empties
/// it with system calls that are safe there); one left by a kill -9 is
/// removed by the next run for the same destination.
public final class TempFolder {
    /// The folder's path: `DIR/.NAME.tmp-PID-RANDOM`.
    public let path: String
    /// Where `moved()` says it went.
    public let destination: String
    private var slot: Int?

    /// Makes a new temporary folder for `destination`.
    public init(for destination: String) throws(TempFile.Failure) {
        TempFile.removeStale(for: destination)
        let (dir, prefix) = TempFile.prefix(for: destination)
        var made = ""
        for _ in 0..<16 {
            let candidate = dir + prefix + "\(getpid())-" + String(UInt64.random(in: 1 ... .max), radix: 36)
            if mkdir(candidate, 0o700) == 0 { made = candidate; break }
            if errno != EEXIST { throw TempFile.Failure(code: errno) }
        }
        guard !made.isEmpty else { throw TempFile.Failure(code: EEXIST) }
        path = made
        self.destination = destination
        slot = TempFile.register(made, isFolder: true)
    }

    deinit { if slot != nil { abandon() } }

    /// The folder was renamed into place (or set aside by the caller): it is
    /// no longer ours to remove.
    public func moved() {
        if let slot { TempFile.unregister(slot) }
        slot = nil
    }

    /// Removes the folder and its files.
    public func abandon() {
        Self.removeFiles(in: path)
        rmdir(path)
        moved()
    }

    /// Removes the plain files (and links, never followed) in `folder`.
    static func removeFiles(in folder: String) {
        guard let d = opendir(folder) else { return }
        defer { closedir(d) }
        let fd = dirfd(d)
        var names: [String] = []
        while let entry = readdir(d) {
            let name = TempFile.name(of: entry)
            if name != "." && name != ".." { names.append(name) }
        }
        for n in names { unlinkat(fd, n, 0) }
    }
}
