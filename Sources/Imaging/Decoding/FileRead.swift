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

        /// Whether nothing is at the path.
        public var isMissing: Bool { code == ENOENT || code == ENOTDIR }
    }

    /// The whole contents of the file at `path`, which may hold at most `limit` bytes.
    public static func all(atPath path: String, limit: Int = .max) throws(Failure) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw Failure(code: errno) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw Failure(code: errno) }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw Failure(code: EISDIR) }
        if Int(st.st_size) > limit { throw Failure(limit: limit) }
        // Sized from fstat, grown if the file turns out longer (pipes, growing files).
        var buffer = [UInt8](repeating: 0, count: max(Int(st.st_size), 0) + 1)
        var used = 0
        while true {
            if used == buffer.count {
                guard used <= limit else { throw Failure(limit: limit) }
                buffer += [UInt8](repeating: 0, count: buffer.count)
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
