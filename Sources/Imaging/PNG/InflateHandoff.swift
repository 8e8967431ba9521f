#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Hands a PNG's inflated rows from the thread that inflates them to the
/// one that unfilters and converts them, so on a machine with a second core
/// the two halves of a decode overlap (Benchmarks/NOTES.md).
///
/// The inflating side publishes how many bytes are complete after each
/// zlib call, and the PLTE and tRNS chunks once they are final (at the first
/// IDAT, since both must precede it); it ends with `finish()` or `fail(_:)`.
/// The converting side waits for what it needs and touches only published
/// bytes: zlib reads back-references to data from earlier calls from its
/// own window, never from the output buffer, so rows published are the
/// converter's to rewrite in place while zlib writes the next ones.
final class InflateHandoff: @unchecked Sendable {
    typealias Tables = (palette: PNGChunk?, transparency: PNGChunk?)

    private let lock: UnsafeMutablePointer<pthread_mutex_t>
    private let changed: UnsafeMutablePointer<pthread_cond_t>
    // Guarded by `lock`.
    private var available = 0
    private var tables: Tables?
    private var failure: Error?
    private var done = false

    init() {
        lock = .allocate(capacity: 1)
        changed = .allocate(capacity: 1)
        pthread_mutex_init(lock, nil)
        pthread_cond_init(changed, nil)
    }

    deinit {
        pthread_cond_destroy(changed)
        pthread_mutex_destroy(lock)
        lock.deallocate()
        changed.deallocate()
    }

    private func update(_ change: () -> Void) {
        pthread_mutex_lock(lock)
        change()
        pthread_cond_broadcast(changed)
        pthread_mutex_unlock(lock)
    }

    /// Waits until `ready` holds or the inflating side has ended; throws its
    /// error if it failed first.
    private func wait<T>(_ ready: () -> T?) throws -> T? {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        while true {
            if let value = ready() { return value }
            if let failure { throw failure }
            if done { return nil }
            pthread_cond_wait(changed, lock)
        }
    }

    // MARK: The inflating side

    /// The PLTE and tRNS chunks the conversion uses, now final.
    func publish(_ tables: Tables) { update { self.tables = tables } }

    /// The first `bytes` bytes of the inflated data are complete.
    func publish(bytes: Int) { update { available = bytes } }

    /// Inflating ended and every check after it passed.
    func finish() { update { done = true } }

    /// Inflating, or a check of the chunks around it, failed.
    func fail(_ error: Error) { update { failure = error; done = true } }

    // MARK: The converting side

    /// The palette and transparency chunks, once known.
    func awaitTables() throws -> Tables {
        try wait { tables } ?? (nil, nil)
    }

    /// How many inflated bytes are complete, once at least `bytes` are.
    func await(bytes: Int) throws -> Int {
        // The inflater only finishes once it has produced every byte the
        // header asks for, so ending short of `bytes` cannot happen.
        try wait { available >= bytes ? available : nil } ?? available
    }

    /// Waits for the inflating side to end; throws its error if it failed.
    func awaitEnd() throws {
        _ = try wait { Optional<Void>.none }
    }

    /// The inflating side's error, if it failed.
    var error: Error? {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        return failure
    }
}
