@testable import Parquet
#if canImport(Glibc)
import Glibc
#endif

/// The Parquet reader, which reads from a file: each input is written to one
/// scratch file (on /dev/shm when there is one) and opened there.
enum ParquetTarget {
    /// Rows read at most, so a footer claiming billions of rows costs nothing.
    static let maxRows = 2_000

    nonisolated(unsafe) static let path: String = {
        let dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp"
        return "\(dir)/scenelens-fuzz-\(getpid()).parquet"
    }()

    static func run(_ bytes: [UInt8]) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        guard written == bytes.count else { return }
        defer { unlink(path) }
        guard let file = try? ParquetFile.open(path: path) else { return }
        _ = file.schema.leaves.map(\.dottedPath)
        var rows = 0
        for g in 0..<file.rowGroupCount {
            for r in file.rows(inRowGroup: g) {
                guard rows < maxRows, let record = try? file.row(r) else { return }
                _ = record.values.map { "\($0)" }
                rows += 1
            }
        }
    }
}
