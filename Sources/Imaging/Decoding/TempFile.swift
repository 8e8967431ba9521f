#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Paths to remove if the process is interrupted, as C strings a signal
// handler may pass to unlink(2) (the only call it makes). A fixed table: a
// command has one or two temporaries at a time.
nonisolated(unsafe) private var pendingPaths = [UnsafeMutablePointer<CChar>?](repeating: nil, count: 16)
/// Which of `pendingPaths` are folders (`TempFolder`): their files go first.
nonisolated(unsafe) private var pendingIsFolder = [Bool](repeating: false, count: 16)
/// getdents64(2), looked up once before any handler can run: readdir may
/// allocate, which a signal handler must not; this system call does not.
nonisolated(unsafe) private var getdents: (@convention(c) (Int32, UnsafeMutableRawPointer?, Int) -> Int)?
/// The handler's buffer for directory entries (no allocation in a handler).
nonisolated(unsafe) private let direntBuffer = UnsafeMutableRawPointer.allocate(byteCount: 32768, alignment: 8)
nonisolated(unsafe) private var handlersInstalled = false
nonisolated(unsafe) private let pendingLock: UnsafeMutablePointer<pthread_mutex_t> = {
    let p = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    pthread_mutex_init(p, nil)
    return p
}()

private func onFatalSignal(_ sig: Int32) {
    removePending()
    signal(sig, SIG_DFL)
    raise(sig)
}

/// Removes every registered temporary with async-signal-safe calls only
/// (open, getdents64, unlinkat, rmdir, unlink): what the handlers run.
func removePending() {
    for k in pendingPaths.indices {
        guard let p = pendingPaths[k] else { continue }
        if pendingIsFolder[k] { removeFolderInHandler(p) } else { unlink(p) }
    }
}

/// Empties and removes the folder at `path` (files only: a temporary folder
/// holds no folders), without allocating.
private func removeFolderInHandler(_ path: UnsafePointer<CChar>) {
    #if canImport(Glibc)
    if let getdents {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        if fd >= 0 {
            // Entries removed while reading may shift the rest: read again until a pass removes nothing.
            var removed = true
            while removed {
                removed = false
                lseek(fd, 0, SEEK_SET)
                while true {
                    let n = getdents(fd, direntBuffer, 32768)
                    if n <= 0 { break }
                    var off = 0
                    while off < n {
                        // struct linux_dirent64: d_ino (8), d_off (8), d_reclen (2), d_type (1), d_name.
                        let rec = direntBuffer + off
                        let reclen = Int(rec.load(fromByteOffset: 16, as: UInt16.self))
                        let name = UnsafePointer<CChar>(rec.advanced(by: 19).assumingMemoryBound(to: CChar.self))
                        let isDot = name[0] == 0x2E && (name[1] == 0 || (name[1] == 0x2E && name[2] == 0))
                        if !isDot && unlinkat(fd, name, 0) == 0 { removed = true }
                        if reclen == 0 { break }
                        off += reclen
                    }
                }
            }
            close(fd)
        }
    }
    #endif
    rmdir(path)
}

/// Output written under a temporary name beside its destination, then renamed
/// over it (issue 14): the name is unpredictable and created with
/// `O_CREAT|O_EXCL|O_NOFOLLOW`, so a file or symbolic link planted there is
/// never followed or truncated; the old output stays in place until the
/// rename replaces it; the temporary is removed on every way out, SIGINT and
/// SIGTERM included, and one left by a kill (-9) is removed by the next run
/// writing the same destination.
public final class TempFile {
    /// The descriptor to write to.
    public let fd: Int32
    /// The temporary's path: `DIR/.NAME.tmp-PID-RANDOM`.
    public let path: String
    /// Where `commit` puts it.
    public let destination: String
    private var slot: Int?
    private var done = false

    /// Why the temporary could not be made or moved into place (errno).
    public struct Failure: Error {
        public var code: Int32
        public var reason: String { String(cString: strerror(code)) }
    }

    /// The folder (with its slash, or "") and the file name of `path`.
    static func split(_ path: String) -> (dir: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return ("", path) }
        return (String(path[...slash]), String(path[path.index(after: slash)...]))
    }

    /// The prefix every temporary for `destination` starts with.
    static func prefix(for destination: String) -> (dir: String, prefix: String) {
        let (dir, name) = split(destination)
        return (dir, ".\(name).tmp-")
    }

    /// Creates a new temporary for `destination` (mode 0644 before umask).
    public init(for destination: String) throws(Failure) {
        Self.removeStale(for: destination)
        let (dir, prefix) = Self.prefix(for: destination)
        var fd: Int32 = -1
        var path = ""
        for _ in 0..<16 {
            var random = UInt64(0)
            for _ in 0..<4 { random = random << 16 | UInt64(UInt16.random(in: .min ... .max)) }
            path = dir + prefix + "\(getpid())-" + String(random, radix: 36)
            fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            if fd >= 0 || errno != EEXIST { break }
        }
        guard fd >= 0 else { throw Failure(code: errno) }
        self.fd = fd
        self.path = path
        self.destination = destination
        slot = Self.register(path)
    }

    deinit { if !done { abandon() } }

    /// Flushes to disk, closes and renames over the destination: the old
    /// destination is replaced in one step, never removed first.
    public func commit(sync: Bool = true) throws(Failure) {
        guard !done else { return }
        if sync, fsync(fd) != 0 { let e = errno; abandon(); throw Failure(code: e) }
        if close(fd) != 0 { let e = errno; done = true; unlink(path); unregister(); throw Failure(code: e) }
        done = true
        if rename(path, destination) != 0 { let e = errno; unlink(path); unregister(); throw Failure(code: e) }
        unregister()
    }

    /// Closes and removes the temporary.
    public func abandon() {
        guard !done else { return }
        done = true
        close(fd)
        unlink(path)
        unregister()
    }

    private func unregister() {
        guard let slot else { return }
        Self.unregister(slot)
        self.slot = nil
    }

    static func unregister(_ slot: Int) {
        withLock {
            let p = pendingPaths[slot]
            pendingPaths[slot] = nil
            free(p)
        }
    }

    private static func withLock<T>(_ body: () -> T) -> T {
        pthread_mutex_lock(pendingLock)
        defer { pthread_mutex_unlock(pendingLock) }
        return body()
    }

    /// Remembers `path` for the signal handlers (installed on first use, only
    /// where no handler is set already: the inspector has its own).
    static func register(_ path: String, isFolder: Bool = false) -> Int? {
        withLock {
            if !handlersInstalled {
                handlersInstalled = true
                #if canImport(Glibc)
                if let sym = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "getdents64") {
                    getdents = unsafeBitCast(sym, to: (@convention(c) (Int32, UnsafeMutableRawPointer?, Int) -> Int).self)
                }
                #endif
                for sig in [SIGINT, SIGTERM, SIGHUP] {
                    var old = sigaction()
                    sigaction(sig, nil, &old)
                    #if canImport(Glibc)
                    let isDefault = old.__sigaction_handler.sa_handler == nil
                    #else
                    let isDefault = old.__sigaction_u.__sa_handler == nil
                    #endif
                    if isDefault { signal(sig, onFatalSignal) }
                }
            }
            guard let k = pendingPaths.firstIndex(where: { $0 == nil }) else { return nil }
            pendingIsFolder[k] = isFolder
            pendingPaths[k] = strdup(path)
            return k
        }
    }

    /// The name in a `readdir` entry, read through its pointer up to its NUL.
    /// (Not `entry.pointee.d_name`: that copies the whole 256-byte array, and
    /// the last entry in readdir's buffer may end before it does, a read past
    /// the buffer that AddressSanitizer reports.)
    static func name(of entry: UnsafeMutablePointer<dirent>) -> String {
        let offset = MemoryLayout<dirent>.offset(of: \dirent.d_name) ?? 19
        return String(cString: UnsafeRawPointer(entry).advanced(by: offset).assumingMemoryBound(to: CChar.self))
    }

    /// Removes temporaries for `destination` whose process is gone (killed
    /// with -9, or the machine stopped): `.NAME.tmp-PID-...` with no PID
    /// alive, files and `TempFolder`s (and a folder set aside as `...previous`).
    public static func removeStale(for destination: String) {
        let (dir, prefix) = Self.prefix(for: destination)
        guard let d = opendir(dir.isEmpty ? "." : dir) else { return }
        defer { closedir(d) }
        var stale: [String] = []
        while let entry = readdir(d) {
            let name = Self.name(of: entry)
            guard name.hasPrefix(prefix) else { continue }
            let rest = name.dropFirst(prefix.count)
            guard let dash = rest.firstIndex(of: "-"), let pid = Int32(rest[..<dash]), pid > 0 else { continue }
            if pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH { stale.append(dir + name) }
        }
        for p in stale {
            // Only plain files and folders (TempFolder): never follow or remove anything else under that name.
            var st = stat()
            guard lstat(p, &st) == 0 else { continue }
            if (st.st_mode & S_IFMT) == S_IFREG { unlink(p) }
            if (st.st_mode & S_IFMT) == S_IFDIR { TempFolder.removeFiles(in: p); rmdir(p) }
        }
    }
}
