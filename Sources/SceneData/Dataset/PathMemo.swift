import Foundation

/// A value worked out once per file path and remembered: what image checks
/// and image sizes keep, since many items share a pool of images. Safe to
/// use from any thread.
final class PathMemo<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var known: [String: Value] = [:]

    /// The remembered value for `path`, or the one `compute` gives (then remembered).
    func value(for path: String, compute: () -> Value) -> Value {
        if let v = lock.withLock({ known[path] }) { return v }
        // Computed outside the lock: two threads may read one file twice, but
        // never wait on each other's I/O.
        let v = compute()
        lock.withLock { known[path] = v }
        return v
    }
}
