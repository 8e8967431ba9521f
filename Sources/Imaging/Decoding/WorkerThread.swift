#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A body of work run on its own thread, joined before its results are used.
final class WorkerThread {
    private final class Body {
        let run: () -> Void
        init(_ run: @escaping () -> Void) { self.run = run }
    }

    private var thread: pthread_t?

    /// Whether a second thread is worth starting: more than one core online.
    static let useful: Bool = sysconf(Int32(_SC_NPROCESSORS_ONLN)) > 1

    /// Starts `body` on a new thread, or runs it here when no thread can be made.
    init(_ body: @escaping () -> Void) {
        let context = Unmanaged.passRetained(Body(body)).toOpaque()
        var id = pthread_t()
        let status = pthread_create(&id, nil, { context in
            guard let context else { return nil }
            Unmanaged<Body>.fromOpaque(context).takeRetainedValue().run()
            return nil
        }, context)
        if status == 0 {
            thread = id
        } else {
            Unmanaged<Body>.fromOpaque(context).takeRetainedValue().run()
        }
    }

    /// Waits for the body to end (at most once).
    func join() {
        guard let id = thread else { return }
        thread = nil
        pthread_join(id, nil)
    }

    deinit { join() }
}
