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
}

private func onSuspend(_ sig: Int32) {
    // Leave the alternate screen and raw modes, stop for real, then ask for a redraw.
    if cursesActive != 0 { endwin() }
    signal(SIGTSTP, SIG_DFL)
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGTSTP)
    sigprocmask(SIG_UNBLOCK, &set, nil)
    raise(SIGTSTP)
    // Execution continues here after SIGCONT.
    signal(SIGTSTP, onSuspend)
    resumedFlag = 1
}
