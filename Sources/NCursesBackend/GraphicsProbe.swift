import TerminalUI
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Asks the controlling terminal about graphics (kitty `a=q`, XTVERSION,
/// `CSI 16 t`, DA1) in raw mode and waits at most `timeoutMs` for the DA1
/// answer, which every terminal sends last; returns nil without a terminal.
/// Never hangs: a silent terminal just runs out the time-out.
extension TerminalProbe {
    /// `standardStreams`: ask only when standard input and output are the
    /// terminal (a program that draws there); false: whenever there is a
    /// controlling terminal (`doctor`, whose report may go to a file).
    public static func ask(timeoutMs: Int = 250, tmux: Bool, standardStreams: Bool = true) -> GraphicsAnswers? {
        if standardStreams { guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { return nil } }
        let fd = open("/dev/tty", O_RDWR | O_NOCTTY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var saved = termios()
        guard tcgetattr(fd, &saved) == 0 else { return nil }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        defer { tcsetattr(fd, TCSANOW, &saved) }
        guard tcsetattr(fd, TCSANOW, &raw) == 0 else { return nil }
        let q = Array(GraphicsAnswers.queries(tmux: tmux).utf8)
        guard q.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) == q.count else { return nil }
        var got: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 1024)
        var left = timeoutMs
        var start = timespec(); clock_gettime(CLOCK_MONOTONIC, &start)
        while left > 0 {
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&p, 1, Int32(left)) > 0 else { break }
            let n = buf.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { break }
            got += buf[0..<n]
            if GraphicsAnswers.parse(got).complete { break }
            var now = timespec(); clock_gettime(CLOCK_MONOTONIC, &now)
            left = timeoutMs - Int((now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1_000_000)
        }
        let answers = GraphicsAnswers.parse(got)
        // Answers still on their way would reach the program as keys (`?` of DA1
        // opens a help, `G` of kitty's reply jumps to the end): give them a
        // moment, then throw away whatever came.
        if !answers.complete {
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            _ = poll(&p, 1, 50)
        }
        tcflush(fd, TCIFLUSH)
        return answers
    }

    /// The cell size from the kernel's window size (`TIOCGWINSZ` pixels / cells), if it knows it.
    public static func cellSizeFromWindow() -> CellSize? {
        var ws = winsize()
        for fd in [STDOUT_FILENO, STDIN_FILENO] where ioctl(fd, UInt(TIOCGWINSZ), &ws) == 0 {
            if ws.ws_col > 0, ws.ws_row > 0, ws.ws_xpixel > 0, ws.ws_ypixel > 0 {
                return CellSize(width: Int(ws.ws_xpixel) / Int(ws.ws_col), height: Int(ws.ws_ypixel) / Int(ws.ws_row))
            }
        }
        return nil
    }
}
