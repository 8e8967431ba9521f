#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small text file read whole: there, missing, or unreadable with the system's reason.
enum TextFile {
    enum Result { case text(String), missing, failed(String) }

    /// Files larger than this are not config files.
    static let limit = 1 << 20

    static func read(_ path: String) -> Result {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let e = errno
            return e == ENOENT ? .missing : .failed(String(cString: strerror(e)))
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return .failed(String(cString: strerror(errno))) }
        if (st.st_mode & S_IFMT) == S_IFDIR { return .failed("it is a folder") }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return .failed(String(cString: strerror(errno)))
            }
            if n == 0 { break }
            bytes += chunk[..<n]
            if bytes.count > limit { return .failed("larger than \(limit / 1024) KiB") }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { return .failed("not UTF-8 text") }
        return .text(text)
    }
}
