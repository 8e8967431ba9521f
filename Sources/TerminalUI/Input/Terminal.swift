#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A full-screen terminal as the program loop sees it: frames out, keys and
/// resizes in. `NCursesTerminal` is the real one; tests use a double that
/// records frames and feeds keys.
public protocol Terminal: AnyObject {
    /// The size in cells.
    var size: (width: Int, height: Int) { get }
    /// Shows `buffer` (a real terminal sends only what changed).
    func draw(_ buffer: Buffer)
    /// Shows `buffer` and, over its cells, `pixels` in real pixels (nil: none;
    /// a picture shown before is removed).
    func draw(_ buffer: Buffer, pixels: PixelPlacement?)
    /// Forgets what is on screen so the next `draw` repaints everything (Ctrl-L).
    func invalidate()
    /// Blocks until input arrives or `waker` is woken, then returns every input
    /// event already there (none when only the waker fired). No timeout: the
    /// loop sleeps until there is something to do.
    func waitForEvents(waker: Waker) -> [InputEvent]
    /// Input ended (the terminal went away): the loop should stop.
    var inputClosed: Bool { get }
    /// The signal that asked the program to quit, if one did.
    var quitSignal: Int32? { get }
}

extension Terminal {
    /// A terminal without pixel graphics draws the cells alone.
    public func draw(_ buffer: Buffer, pixels: PixelPlacement?) { draw(buffer) }
}

/// A self-pipe: any thread (or a signal handler, through `writeDescriptor`)
/// wakes a loop blocked in `poll` on `readDescriptor`.
public final class Waker: @unchecked Sendable {
    /// Polled for reading by the loop.
    public let readDescriptor: Int32
    /// Written one byte per wake; async-signal-safe to write to.
    public let writeDescriptor: Int32

    /// A new pipe, both ends non-blocking; nil when the system has no descriptors left.
    public init?() {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return nil }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        readDescriptor = fds[0]; writeDescriptor = fds[1]
    }

    deinit { close(readDescriptor); close(writeDescriptor) }

    /// Wakes the loop; a full pipe already will.
    public func wake() {
        var b: UInt8 = 1
        _ = write(writeDescriptor, &b, 1)
    }

    /// Empties the pipe; call before taking the work that woke the loop, so a
    /// wake that comes after is not lost.
    public func drain() {
        var buf = [UInt8](repeating: 0, count: 64)
        while read(readDescriptor, &buf, buf.count) > 0 {}
    }

    /// Waits up to `timeoutMs` (-1: for ever) for a wake; true when woken.
    public func wait(timeoutMs: Int32) -> Bool {
        var p = pollfd(fd: readDescriptor, events: Int16(POLLIN), revents: 0)
        return poll(&p, 1, timeoutMs) > 0
    }
}
