#if canImport(Glibc)
import Glibc
#endif

/// Hints to the kernel about big pixel buffers.
enum MemoryHints {
    /// Asks for transparent huge pages on the 2 MiB-aligned middle of a
    /// large, not yet touched buffer: a 48 MB image then costs a few dozen
    /// page faults instead of twelve thousand. Harmless where unsupported.
    static func preferHugePages(_ p: UnsafeMutableRawPointer, count: Int) {
        #if os(Linux)
        let huge = 2 << 20
        guard count >= 4 * huge else { return }
        let start = (Int(bitPattern: p) + huge - 1) & ~(huge - 1)
        let end = (Int(bitPattern: p) + count) & ~(huge - 1)
        if end > start, let aligned = UnsafeMutableRawPointer(bitPattern: start) {
            _ = madvise(aligned, end - start, MADV_HUGEPAGE)
        }
        #endif
    }
}
