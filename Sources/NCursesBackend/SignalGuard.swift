import CNCursesW
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Signal handlers can only touch plain globals; these are written by the
// handlers and read by the input loop between reads.
nonisolated(unsafe) private var quitSignal: Int32 = 0
nonisolated(unsafe) private var resumedFlag: Int32 = 0
nonisolated(unsafe) private var cursesActive: Int32 = 0
/// Written a byte by the handlers so a loop blocked in poll wakes at once (-1: none).
nonisolated(unsafe) private var wakeDescriptor: Int32 = -1
/// The terminal's "clear" sequence when it has no alternate screen, written
/// after endwin so the shell comes back on a clean screen (empty otherwise).
nonisolated(unsafe) private var clearAfterExit: UnsafeMutablePointer<UInt8>?
nonisolated(unsafe) private var clearAfterExitCount = 0

/// Installs the handlers that keep the terminal usable whatever happens:
/// SIGINT/SIGTERM ask the loop to quit (a second one restores and exits at
/// once), SIGTSTP leaves curses mode before stopping and SIGCONT asks for a
/// full redraw.
enum SignalGuard {
    /// Installs the handlers; call before `initscr`.
    static func install() {
        signal(SIGINT, onQuit)
        signal(SIGTERM, onQuit)
        signal(SIGHUP, onQuit)
        signal(SIGTSTP, onSuspend)
        cursesActive = 1
    }

    /// Puts the default handlers back; call after `endwin`.
    static func uninstall() {
        cursesActive = 0
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
        signal(SIGHUP, SIG_DFL)
        signal(SIGTSTP, SIG_DFL)
    }

    /// Remembers how to clear a terminal without an alternate screen; call after initscr.
    static func rememberClear() {
        guard sl_tigetstr("rmcup") == nil, let clear = sl_tigetstr("clear") else { return }
        let bytes = stripPadding(Array(String(cString: clear).utf8))
        guard !bytes.isEmpty, bytes.count < 256 else { return }
        let buf = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count)
        buf.initialize(from: bytes, count: bytes.count)
        clearAfterExit = buf
        clearAfterExitCount = bytes.count
    }

    /// Drops terminfo delay marks (`$<50>`): written raw they would show as text.
    static func stripPadding(_ s: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        while i < s.count {
            if s[i] == UInt8(ascii: "$"), i + 1 < s.count, s[i + 1] == UInt8(ascii: "<"),
               let close = s[(i + 2)...].firstIndex(of: UInt8(ascii: ">")) {
                i = close + 1
                continue
            }
            out.append(s[i]); i += 1
        }
        return out
    }

    /// Leaves curses mode without leaving the last frame behind: on terminals
    /// without an alternate screen (vt100) the frame would stay under the prompt.
    static func leaveScreen() {
        if clearAfterExit != nil {
            erase()
            refresh()
        }
        endwin()
        if let buf = clearAfterExit { _ = write(1, buf, clearAfterExitCount) }
    }

    /// Where the handlers write a byte to wake the input loop.
    static func setWakeDescriptor(_ fd: Int32) { wakeDescriptor = fd }

    /// The signal that asked to quit, if any.
    static var pendingQuit: Int32? { quitSignal == 0 ? nil : quitSignal }

    /// True once after the process was continued after a stop.
    static func takeResumed() -> Bool {
        if resumedFlag == 0 { return false }
        resumedFlag = 0
        return true
    }
}

private func onQuit(_ sig: Int32) {
    if quitSignal != 0 {
        // The loop did not react to the first signal (busy or stuck): restore now.
        if cursesActive != 0 { endwin() }
        _exit(128 + sig)
    }
    quitSignal = sig
    wakeLoop()
}

private func wakeLoop() {
    guard wakeDescriptor >= 0 else { return }
    var b: UInt8 = 1
    _ = write(wakeDescriptor, &b, 1)
}

private func onSuspend(_ sig: Int32) {
    // Leave the alternate screen and raw modes, stop for real, then ask for a redraw.
    if cursesActive != 0 { SignalGuard.leaveScreen() }
    signal(SIGTSTP, SIG_DFL)
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGTSTP)
    sigprocmask(SIG_UNBLOCK, &set, nil)
    raise(SIGTSTP)
    // Execution continues here after SIGCONT.
    signal(SIGTSTP, onSuspend)
    resumedFlag = 1
    wakeLoop()
}
