import CNCursesW
import TerminalUI
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The full-screen terminal, driven through ncurses: starts and always
/// restores the terminal, draws a `Buffer` by its difference from the last
/// frame, and reads keys and resizes.
public final class NCursesTerminal: Terminal {
    /// What the terminal can show, found when it started.
    public private(set) var colors = 0
    /// 24-bit colour is drawn as it is.
    public private(set) var truecolor = false
    /// The locale is UTF-8, so non-ASCII characters can be drawn.
    public private(set) var unicode = false
    /// The terminal size in cells.
    public var size: (width: Int, height: Int) { (Int(sl_cols()), Int(sl_lines())) }

    private var pairs = ColorPairs(colors: 0, direct: false, downgrade: { $0 })
    /// The size of a cell in pixels, for pictures drawn in pixels: the kernel's
    /// window size when it knows it (read again on every resize), else this.
    public var cellSize = CellSize.fallback
    private var windowCellSize = TerminalProbe.cellSizeFromWindow()
    private var presenter = GraphicsPresenter()
    /// The next frame repaints every cell (Ctrl-L, resize, resume).
    private var repaintPending = false
    private var previous: Buffer?
    private var active = false
    /// Polls that said "readable" but gave no key in a row: end of input.
    private var emptyReads = 0
    /// Standard input ended or failed (terminal gone): the caller should quit.
    public private(set) var inputClosed = false

    /// Whether mouse presses and the wheel are reported (`mouse` in the config).
    public var mouse = false {
        didSet {
            guard active else { return }
            var old: mmask_t = 0
            _ = mousemask(mouse ? sl_mouse_mask() : 0, &old)
            // Presses at once, not held back to tell a click from a double click.
            _ = mouseinterval(0)
        }
    }

    /// Starts curses mode; `environment` decides `NO_COLOR`.
    public init(environment: [String: String]) throws {
        unicode = TerminalProbe.setUpLocale(environment: environment).utf8
        SignalGuard.install()
        set_escdelay(25)
        guard Self.startScreen(environment: environment) else {
            SignalGuard.uninstall()
            throw TerminalError(message: "could not start the terminal (is TERM set?)")
        }
        active = true
        SignalGuard.rememberClear()
        cbreak()
        noecho()
        nonl()
        keypad(sl_stdscr(), true)
        intrflush(sl_stdscr(), false)
        curs_set(0)
        if has_colors() && !TerminalProbe.noColor(environment) {
            start_color()
            use_default_colors()
            (colors, truecolor) = TerminalProbe.palette(colors: Int(sl_colors()), rgbFlag: sl_tigetflag("RGB") > 0)
        }
        let depth = ColorDepth(TerminalCapabilities(colors: colors, truecolor: truecolor, unicode: unicode))
        pairs = ColorPairs(colors: colors, direct: truecolor, downgrade: { depth.convert($0) })
    }

    deinit { restore() }

    /// Starts curses on the terminal. `COLORTERM=truecolor` says the terminal
    /// takes 24-bit colours, but ncurses only sends them with a direct-colour
    /// terminfo entry (`xterm-direct`, from Debian's ncurses-term); when TERM's
    /// entry lacks them and such an entry exists, curses runs on it instead
    /// (`TerminalProbe.directEntry`).
    // A failed probe leaves no screen behind, so initscr starts cleanly after it.
    private static func startScreen(environment: [String: String]) -> Bool {
        if let direct = TerminalProbe.directEntry(environment: environment) {
            // newterm returns nil (and prints nothing) when there is no such entry.
            if let screen = sl_newterm(direct) {
                if sl_tigetflag("RGB") > 0 { return true }
                endwin()
                delscreen(screen)
            }
        }
        return initscr() != nil
    }

    /// Leaves curses mode and puts the terminal back as it was; safe to call twice.
    public func restore() {
        guard active else { return }
        active = false
        writeRaw(presenter.teardown())
        curs_set(1)
        SignalGuard.leaveScreen()
        SignalGuard.uninstall()
    }

    /// The signal (SIGINT, SIGTERM, SIGHUP) that asked the program to quit, if any.
    public var quitSignal: Int32? { SignalGuard.pendingQuit }

    /// Draws `buffer`, sending only the cells that changed since the last frame.
    public func draw(_ buffer: Buffer) { draw(buffer, pixels: nil) }

    /// Draws `buffer`, then `pixels` over it: kitty's image is sent before the
    /// cells (its placeholder cells show it), a sixel or iTerm2 picture after
    /// ncurses has refreshed, with the cursor saved and restored around it.
    /// A picture that changes or goes makes this frame repaint every cell,
    /// which erases the old one (`GraphicsPresenter`).
    public func draw(_ buffer: Buffer, pixels: PixelPlacement?) {
        if SignalGuard.takeResumed() { invalidate() }
        let plan = presenter.plan(pixels, cell: windowCellSize ?? cellSize, repainted: repaintPending)
        repaintPending = false
        if plan.repaint { invalidate(); repaintPending = false }
        writeRaw(plan.before)
        drawCells(buffer)
        writeRaw(plan.after)
    }

    /// Writes escapes straight to the terminal, past curses (which has flushed its own output).
    private func writeRaw(_ s: String) {
        guard !s.isEmpty else { return }
        var bytes = Array(s.utf8)[...]
        while !bytes.isEmpty {
            let n = bytes.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return }
            bytes = bytes.dropFirst(n)
        }
    }

    private func drawCells(_ buffer: Buffer) {
        let changes: [(x: Int, y: Int, cell: Cell)]
        if let previous, previous.area == buffer.area {
            changes = buffer.diff(from: previous)
        } else {
            erase()
            changes = buffer.diff(from: Buffer(width: 0, height: 0))
        }
        var cc = cchar_t()
        var text = [wchar_t](repeating: 0, count: 6)
        for (x, y, cell) in changes {
            if cell.isContinuation { continue }
            var n = 0
            for s in cell.symbol.unicodeScalars where n < 5 {
                text[n] = wchar_t(bitPattern: unicode || s.isASCII ? s.value : 0x3F)
                n += 1
                if !unicode { break }
            }
            if n == 0 { text[0] = 0x20; n = 1 }
            text[n] = 0
            var fg = cell.fg
            // A kitty placeholder's colour is its image id: direct-colour curses reads
            // numbers as packed RGB, so the id goes as the colour numbered like it.
            if truecolor, case .indexed(let id) = fg, cell.symbol.unicodeScalars.first == KittyGraphics.placeholderScalar {
                fg = .rgb(0, 0, id)
            }
            let pair = pairs.pair(fg: fg, bg: cell.bg)
            _ = sl_setcchar(&cc, text, attributes(cell.attributes), pair)
            _ = mvadd_wch(Int32(y), Int32(x), &cc)
        }
        refresh()
        previous = buffer
    }

    /// Forgets what is on screen so the next `draw` repaints everything.
    public func invalidate() {
        previous = nil
        repaintPending = true
        clearok(sl_curscr(), true)
    }

    /// Waits for input or a wake (an effect finished, a signal came), then takes
    /// every key already pending, so a held-down key is handled in one batch
    /// rather than one redraw per repeat.
    public func waitForEvents(waker: Waker) -> [InputEvent] {
        SignalGuard.setWakeDescriptor(waker.writeDescriptor)
        return readEvents(wake: waker.readDescriptor)
    }

    private func readEvents(wake: Int32) -> [InputEvent] {
        var out: [InputEvent] = []
        // Keys ncurses has already buffered come first; otherwise wait on the
        // descriptor ourselves, because at end of input curses returns ERR at
        // once, just like a timeout, and the loop would spin.
        wtimeout(sl_stdscr(), 0)
        var first: wint_t = 0
        var r = wget_wch(sl_stdscr(), &first)
        if r == sl_err() {
            // Quit and resume signals write to the wake pipe too, so one arriving just
            // before the poll does not wait for the next key.
            if quitSignal != nil { return out }
            var fds = [pollfd(fd: 0, events: Int16(POLLIN), revents: 0), pollfd(fd: wake, events: Int16(POLLIN), revents: 0)]
            let n = poll(&fds, 2, -1)
            if n > 0 && fds[0].revents == 0 {
                // Only the wake pipe: the caller has work waiting, not keys.
            } else if n > 0 {
                if fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { inputClosed = true; return out }
                r = wget_wch(sl_stdscr(), &first)
                if r == sl_err() {
                    emptyReads += 1
                    if emptyReads >= 3 { inputClosed = true }
                } else {
                    emptyReads = 0
                }
            } else if n < 0 && errno != EINTR {
                inputClosed = true; return out
            } else {
                // A resize (EINTR) arrives as KEY_RESIZE on the next read.
                r = wget_wch(sl_stdscr(), &first)
            }
        }
        var pending: (Int32, wint_t)? = r == sl_err() ? nil : (r, first)
        while true {
            var ch: wint_t = 0
            let r: Int32
            if let p = pending { (r, ch) = p; pending = nil } else { r = wget_wch(sl_stdscr(), &ch) }
            if r == sl_err() { break }
            if r == sl_key_code_yes() {
                if Int32(ch) == sl_key_mouse() {
                    var ev = MEVENT()
                    if getmouse(&ev) == sl_ok(), let m = Self.mouseEvent(ev) { out.append(.mouse(m)) }
                } else if Int32(ch) == sl_key_resize() {
                    invalidate()
                    windowCellSize = TerminalProbe.cellSizeFromWindow()
                    out.append(.resize(width: Int(sl_cols()), height: Int(sl_lines())))
                } else if let k = KeyDecoder.functionKey(Int32(ch)) {
                    out.append(.key(k))
                }
            } else if let k = KeyDecoder.character(UInt32(ch)) {
                out.append(.key(k))
            }
            wtimeout(sl_stdscr(), 0)
            if out.count > 256 { break }
        }
        if SignalGuard.takeResumed() {
            invalidate()
            out.append(.resize(width: Int(sl_cols()), height: Int(sl_lines())))
        }
        return out
    }

    /// A press of the left button or a turn of the wheel; nil for other buttons and releases.
    static func mouseEvent(_ ev: MEVENT) -> MouseEvent? {
        let x = Int(ev.x), y = Int(ev.y)
        if sl_mouse_wheel_up(ev.bstate) != 0 { return MouseEvent(.wheelUp, x: x, y: y) }
        if sl_mouse_wheel_down(ev.bstate) != 0 { return MouseEvent(.wheelDown, x: x, y: y) }
        if sl_mouse_left(ev.bstate) != 0 { return MouseEvent(.press, x: x, y: y) }
        return nil
    }

    private func attributes(_ a: Attributes) -> attr_t {
        var r = sl_a_normal()
        if a.contains(.bold) { r |= sl_a_bold() }
        if a.contains(.dim) { r |= sl_a_dim() }
        if a.contains(.italic) { r |= sl_a_italic() }
        if a.contains(.underline) { r |= sl_a_underline() }
        if a.contains(.reverse) { r |= sl_a_reverse() }
        return r
    }
}

/// The terminal could not be started.
public struct TerminalError: Error, CustomStringConvertible {
    /// What went wrong.
    public var message: String
    public var description: String { message }
    /// An error saying `message`.
    public init(message: String) { self.message = message }
}
