#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes whole buffers to a file descriptor, retrying short writes, and
/// steering large copies clear of a slow case of the kernel's copy.
///
/// write(2) copies into the page cache with `rep movsb`, which runs at half
/// speed when the destination's offset within its 4 KiB page is 1 to 31
/// bytes ahead of the source's: each load then waits on a store whose
/// address matches in its low 12 bits ("4K aliasing"). A decoded image's
/// pixels follow a PAM header of about 70 bytes and start 48 bytes into
/// their allocation, which is exactly that case: 8.3 ms instead of 4.4 ms to
/// write 8 MB (Benchmarks/NOTES.md). Such writes go through a bounce buffer
/// placed so that neither copy, ours into it or the kernel's out of it,
/// falls in that window.
public enum FileWrite {
    /// `write` failed with this errno.
    public struct Failure: Error {
        /// The errno of the failed call.
        public var code: Int32
    }

    /// Writes all of `bytes` to `fd`.
    public static func all(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        let offset = bytes.count >= 1 << 20 ? lseek(fd, 0, SEEK_CUR) : -1
        if offset >= 0, aliases(fileOffset: Int(offset), source: base) {
            try bounced(fd, base, bytes.count, fileOffset: Int(offset))
        } else {
            try direct(fd, base, bytes.count)
        }
    }

    /// Whether the destination sits 1 to 31 bytes ahead of the source, modulo a page.
    static func aliases(fileOffset: Int, source: UnsafeRawPointer) -> Bool {
        let ahead = (fileOffset - Int(bitPattern: source)) & 4095
        return ahead > 0 && ahead < 32
    }

    private static func direct(_ fd: Int32, _ base: UnsafeRawPointer, _ count: Int) throws {
        var done = 0
        while done < count {
            let n = write(fd, base + done, count - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure(code: errno)
            }
            done += n
        }
    }

    private static func bounced(_ fd: Int32, _ base: UnsafeRawPointer, _ count: Int, fileOffset: Int) throws {
        let page = 4096, capacity = 256 << 10
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity + page, alignment: page)
        defer { buffer.deallocate() }
        var done = 0
        while done < count {
            // Two copies now, and neither may alias: the bounce sits 64 bytes
            // behind the file offset within a page (clear of the window for
            // the kernel's copy), which also keeps it clear of the source
            // for ours, since the source was 1 to 31 bytes behind.
            let start = buffer + ((fileOffset + done - 64) & (page - 1))
            let chunk = min(capacity, count - done)
            start.copyMemory(from: base + done, byteCount: chunk)
            try direct(fd, UnsafeRawPointer(start), chunk)
            done += chunk
        }
    }
}
