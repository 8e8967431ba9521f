#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads whole files with POSIX calls (no Foundation), for images, attention
/// maps and heatmaps alike, so every reader gives the same reasons in words.
public enum FileRead {
    /// Why a file could not be read.
    public struct Failure: Error, Sendable {
        /// The errno of the failed call, or 0 when the file was too large.
        public var code: Int32
        /// The reason in words: "no such file", "permission denied",
        /// "it is a directory", "the file is larger than N bytes", or strerror's.
        public var reason: String

        init(code: Int32) {
            self.code = code
            switch code {
            case ENOENT, ENOTDIR: reason = "no such file"
            case EACCES: reason = "permission denied"
            case EISDIR: reason = "it is a directory"
            default: reason = String(cString: strerror(code))
            }
        }

        init(limit: Int) {
            code = 0
            reason = "the file is larger than \(limit) bytes"
        }

        init(notRegular kind: String) {
            code = 0
            reason = "it is \(kind), not a regular file"
        }

        /// Whether nothing is at the path.
        public var isMissing: Bool { code == ENOENT || code == ENOTDIR }
    }

    /// The most bytes read for each kind of file (issue 14): far past any real
    /// file of the kind, small enough that a wrong path cannot exhaust memory.
    public enum Limit {
        /// Images: a 64-megapixel RGBA image stored without compression is 256 MiB.
        public static let image = 512 << 20
        /// Attention maps (`.npy` or grayscale images) and heatmaps.
        public static let attention = 256 << 20
    }

    /// Opens `path` for reading if it is a regular file, without blocking on a
    /// FIFO or device (`O_NONBLOCK`, then `fstat`): the descriptor and its size.
    /// Directories, FIFOs, devices and sockets are refused with a reason.
    public static func openRegular(_ path: String) throws(Failure) -> (fd: Int32, size: Int) {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw Failure(code: errno) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { let e = errno; close(fd); throw Failure(code: e) }
        switch st.st_mode & S_IFMT {
        case S_IFREG:
            // Regular files ignore O_NONBLOCK; cleared anyway so reads behave as usual.
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
            return (fd, Int(st.st_size))
        case S_IFDIR: close(fd); throw Failure(code: EISDIR)
        case S_IFIFO: close(fd); throw Failure(notRegular: "a FIFO")
        case S_IFCHR, S_IFBLK: close(fd); throw Failure(notRegular: "a device")
        case S_IFSOCK: close(fd); throw Failure(notRegular: "a socket")
        default: close(fd); throw Failure(notRegular: "a special file")
        }
    }

    /// The whole contents of the regular file at `path`, which may hold at
    /// most `limit` bytes; checked before anything is allocated, and again
    /// while reading (a file that grows).
    public static func all(atPath path: String, limit: Int = .max) throws(Failure) -> [UInt8] {
        let (fd, size) = try openRegular(path)
        defer { close(fd) }
        if size > limit { throw Failure(limit: limit) }
        var buffer = [UInt8](repeating: 0, count: max(size, 0) + 1)
        var used = 0
        while true {
            if used == buffer.count {
                guard used <= limit else { throw Failure(limit: limit) }
                buffer += [UInt8](repeating: 0, count: min(buffer.count, max(limit - used, 0) + 1))
            }
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress.map { $0 + used }, $0.count - used) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure(code: errno)
            }
            if n == 0 { break }
            used += n
        }
        guard used <= limit else { throw Failure(limit: limit) }
        buffer.removeSubrange(used...)
        return buffer
    }
}
