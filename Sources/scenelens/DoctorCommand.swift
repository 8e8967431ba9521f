import ArgumentParser
import Foundation
import TerminalUI
import Inspector
import InspectorConfig
import NCursesBackend
import SceneData
#if canImport(Glibc)
import Glibc
#endif

/// `scenelens doctor`: what this terminal can do and how SceneLens will draw
/// on it, each shortfall with the one line that changes it.
struct Doctor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        _superCommandName: SceneLens.name,
        abstract: "Check the terminal: locale, colours, graphics, tmux passthrough, cell size, mouse; and what to change.",
        discussion: """
        Reports what the inspector will do in this terminal and why (the same decisions it \
        makes when it starts, without clearing the screen), and for each shortfall the line \
        to change, such as `export COLORTERM=truecolor` or `set -g allow-passthrough on`. \
        Exit status 0 when nothing falls short, 1 when something does (see README).
        """)

    @Flag(help: "Print one JSON object (for bug reports) instead of the table.")
    var json = false

    @Option(name: .long, help: ArgumentHelp("The config file to check, as `inspect --config` takes it; default $XDG_CONFIG_HOME/scenelens/config.toml.", valueName: "PATH"))
    var config: String?

    func run() throws {
        let env = ProcessInfo.processInfo.environment
        var facts = DoctorFacts.gather(environment: env)
        facts.settings = try UserSettings.load(config: config, environment: env)
        let checks = DoctorReport.checks(facts)
        if json {
            print(DoctorReport.json(facts: facts, checks: checks).jsonText)
        } else {
            TerminalText.output(DoctorReport.text(facts: facts, checks: checks))
        }
        if checks.contains(where: { $0.status == .shortfall }) { throw ExitCode(ExitStatus.findings) }
    }
}

/// Everything `doctor` looks at, gathered once; the report is a function of it.
struct DoctorFacts {
    /// The variables that decide how SceneLens draws (only these are reported).
    static let variables = ["TERM", "COLORTERM", "NO_COLOR", "LANG", "LC_ALL", "LC_CTYPE", "TERM_PROGRAM",
                            "TERM_PROGRAM_VERSION", "LC_TERMINAL", "KITTY_WINDOW_ID", "WEZTERM_PANE",
                            "KONSOLE_VERSION", "WT_SESSION", "TMUX", "SSH_CONNECTION"]

    var environment: [String: String]
    var locale: TerminalProbe.Locale
    var colors: TerminalProbe.Colors
    var tmux: Tmux?
    var cells: CellSize?
    /// A UTF-8 locale the C library can load here, when the requested one is
    /// not UTF-8 or cannot be loaded: what the fix line names.
    var loadableUTF8: String?
    /// What the terminal answered the graphics queries (kitty `a=q`, XTVERSION,
    /// `CSI 16 t`, DA1), asked as the inspector asks at start; nil when there
    /// is no terminal to ask (a pipe, a file).
    var answers: GraphicsAnswers? = nil
    /// The config file and the remembered display settings, as `inspect` would read them.
    var settings: UserSettings?

    /// What tmux says, when SceneLens runs inside it (`TMUX` set).
    struct Tmux {
        /// `tmux -V`, such as "tmux 3.3a"; nil when tmux could not be run.
        var version: String?
        /// `tmux show -gv allow-passthrough`: "on", "off", "all"; nil when tmux does
        /// not know the option (older than 3.3) or could not be asked.
        var passthrough: String?
        /// `tmux show -gv mouse`.
        var mouse: String?
        /// tmux could not be run at all (not on PATH, or no answer).
        var unreachable: Bool { version == nil }
    }

    /// The terminal's size from TIOCGWINSZ; pixels are 0 when the terminal does not say.
    struct CellSize {
        var columns: Int, rows: Int, pixelWidth: Int, pixelHeight: Int
        /// One cell in pixels, when the terminal reports its pixel size.
        var cell: (width: Int, height: Int)? {
            guard pixelWidth > 0, pixelHeight > 0, columns > 0, rows > 0 else { return nil }
            return (pixelWidth / columns, pixelHeight / rows)
        }
    }

    static func gather(environment env: [String: String]) -> DoctorFacts {
        let locale = TerminalProbe.setUpLocale(environment: env)
        return DoctorFacts(environment: env.filter { variables.contains($0.key) },
                           locale: locale,
                           colors: TerminalProbe.colors(environment: env),
                           tmux: env["TMUX"].map { _ in askTmux(environment: env) },
                           cells: windowSize(),
                           loadableUTF8: locale.available && locale.utf8 ? nil : loadableUTF8Locale(environment: env),
                           answers: TerminalProbe.ask(timeoutMs: 1000, tmux: !(env["TMUX"] ?? "").isEmpty, standardStreams: false))
    }

    /// The first UTF-8 locale that loads: C.UTF-8 (in glibc's own package on
    /// Debian and Ubuntu), then the ones installed as folders under
    /// /usr/lib/locale. Leaves the locale as the environment sets it.
    static func loadableUTF8Locale(environment env: [String: String]) -> String? {
        defer { setlocale(LC_ALL, "") }
        let installed = ((try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/locale")) ?? [])
            .filter { $0.lowercased().hasSuffix(".utf8") || $0.lowercased().hasSuffix(".utf-8") }.sorted()
        for name in ["C.UTF-8", "en_US.UTF-8"] + installed where setlocale(LC_CTYPE, name) != nil {
            if TerminalProbe.isUTF8(codeset: String(cString: nl_langinfo(nl_item(CODESET)))) { return name }
        }
        return nil
    }

    /// Asks the tmux server SceneLens runs in for its version and the two options that matter.
    static func askTmux(environment: [String: String]) -> Tmux {
        guard let tmux = executable("tmux", path: environment["PATH"] ?? "/usr/bin:/bin") else {
            return Tmux(version: nil, passthrough: nil, mouse: nil)
        }
        func ask(_ args: [String]) -> String? {
            guard let (status, out) = run(tmux, args, environment: environment), status == 0 else { return nil }
            let text = out.trimmingCharacters(in: .whitespacesAndNewlines)
            return text.isEmpty ? nil : text
        }
        return Tmux(version: ask(["-V"]), passthrough: ask(["show", "-gv", "allow-passthrough"]),
                    mouse: ask(["show", "-gv", "mouse"]))
    }

    /// The first executable `name` on `path`.
    static func executable(_ name: String, path: String) -> String? {
        path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs `exe` with `args` and at most two seconds to answer: its status and standard output.
    static func run(_ exe: String, _ args: [String], environment: [String: String]) -> (Int32, String)? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = args
        p.environment = environment
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        do { try p.run() } catch { return nil }
        let deadline = Date().addingTimeInterval(2)
        while p.isRunning && Date() < deadline { usleep(5_000) }
        if p.isRunning {
            p.terminate()
            p.waitUntilExit()
            return nil
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// TIOCGWINSZ of the controlling terminal, else of standard output, input or error.
    static func windowSize() -> CellSize? {
        var fds: [Int32] = []
        let tty = open("/dev/tty", O_RDONLY | O_NOCTTY)
        if tty >= 0 { fds.append(tty) }
        defer { if tty >= 0 { close(tty) } }
        fds += [STDOUT_FILENO, STDIN_FILENO, STDERR_FILENO]
        for fd in fds {
            var ws = winsize()
            if ioctl(fd, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0 {
                return CellSize(columns: Int(ws.ws_col), rows: Int(ws.ws_row),
                                pixelWidth: Int(ws.ws_xpixel), pixelHeight: Int(ws.ws_ypixel))
            }
        }
        return nil
    }
}

/// One line of the report.
struct DoctorCheck {
    enum Status: String { case ok, shortfall, info }
    var name: String
    var status: Status
    /// What was found and what follows from it.
    var summary: String
    /// The line to change (a shell or tmux.conf line), for a shortfall.
    var fix: String?
}

/// The checks `doctor` makes, as functions of the facts.
enum DoctorReport {
    /// Whether the inspector reads the mouse. While it does not, tmux's mouse
    /// setting is reported but is no shortfall.
    static let inspectorUsesMouse = false

    static func checks(_ f: DoctorFacts) -> [DoctorCheck] {
        [locale(f), drawing(f), colors(f), graphics(f), tmux(f), cellSize(f), mouse(f), config(f), state(f)].compactMap { $0 }
    }

    /// The variable that decides the locale, and the line that makes it UTF-8:
    /// set to a UTF-8 locale that loads here, or how to install one.
    static func localeFix(_ f: DoctorFacts) -> String {
        let name = ["LC_ALL", "LC_CTYPE"].first { !(f.environment[$0] ?? "").isEmpty } ?? "LANG"
        guard let good = f.loadableUTF8 else {
            return "apt-get install locales && locale-gen en_US.UTF-8   # no UTF-8 locale loads here; then: export \(name)=en_US.UTF-8"
        }
        return "export \(name)=\(good)"
    }

    static func locale(_ f: DoctorFacts) -> DoctorCheck {
        let l = f.locale
        let asked = ["LC_ALL", "LC_CTYPE", "LANG"].first { !(f.environment[$0] ?? "").isEmpty }
            .map { "\($0)=\(f.environment[$0] ?? "")" } ?? "no LANG, LC_ALL or LC_CTYPE"
        if !l.available {
            return DoctorCheck(name: "locale", status: .shortfall,
                               summary: "\(asked), but that locale is not installed here, so the C library uses \(l.codeset): "
                                   + "lines and images are drawn in ASCII and other text (CJK, accents) as ?",
                               fix: localeFix(f))
        }
        if !l.utf8 {
            return DoctorCheck(name: "locale", status: .shortfall,
                               summary: "\(asked): character set \(l.codeset), not UTF-8: lines and images are drawn in ASCII "
                                   + "and other text (CJK, accents) as ?",
                               fix: localeFix(f))
        }
        return DoctorCheck(name: "locale", status: .ok, summary: "\(asked): UTF-8, so every character is drawn as it is", fix: nil)
    }

    static func drawing(_ f: DoctorFacts) -> DoctorCheck {
        let term = f.colors.term
        let ascii = ModeOption.drawsASCII(unicode: f.locale.utf8, term: term)
        let style = ModeOption.auto.style(colors: f.colors.colors, truecolor: f.colors.truecolor, unicode: !ascii)
        let images = style == .ascii ? "images as ASCII shading" : "images as half blocks in \(style.label == "truecolor" ? "24-bit colour" : "\(style.label) colours") (--mode \(style.label))"
        if f.locale.utf8 && ascii {
            return DoctorCheck(name: "drawing", status: .shortfall,
                               summary: "TERM=\(term) is a terminal of ASCII only, so lines and \(images) whatever the locale",
                               fix: "export TERM=xterm-256color   # if your terminal emulates xterm, as nearly all do")
        }
        let lines = ascii ? "ASCII lines" : "Unicode box lines"
        return DoctorCheck(name: "drawing", status: .info, summary: "the inspector draws \(lines) and \(images)", fix: nil)
    }

    static func colors(_ f: DoctorFacts) -> DoctorCheck {
        let c = f.colors
        let inTmux = f.tmux != nil
        if c.term.isEmpty {
            return DoctorCheck(name: "colours", status: .shortfall, summary: "TERM is not set: the inspector cannot start",
                               fix: "export TERM=xterm-256color")
        }
        guard let entry = c.entry else {
            return DoctorCheck(name: "colours", status: .shortfall,
                               summary: "no terminfo entry for TERM=\(c.term) here: the inspector cannot start",
                               fix: "export TERM=xterm-256color   # or install the entry: apt-get install ncurses-term")
        }
        let source = "terminfo \(entry): colors#\(c.entryColors)\(c.rgbFlag ? ", RGB" : ", no RGB flag")"
        if c.noColor {
            return DoctorCheck(name: "colours", status: .info,
                               summary: "off, because NO_COLOR is set (the terminal has \(c.entryColors) colours by \(source))",
                               fix: "unset NO_COLOR   # to see colours")
        }
        if c.truecolor {
            let why = c.directFound ? "COLORTERM=\(f.environment["COLORTERM"] ?? "") chose \(entry)" : "TERM's entry has them"
            return DoctorCheck(name: "colours", status: .ok, summary: "24-bit colour (\(source); \(why))", fix: nil)
        }
        if let direct = c.directAsked, !c.directFound {
            return DoctorCheck(name: "colours", status: .shortfall,
                               summary: "COLORTERM says 24-bit colour, but there is no terminfo entry \(direct) with RGB here, "
                                   + "so curses draws \(c.colors) colours (\(source))",
                               fix: "apt-get install ncurses-term   # has the -direct entries")
        }
        if c.colors >= 256 {
            let tmuxNote = inTmux ? "; in tmux also: set -as terminal-features ',*:RGB'" : ""
            return DoctorCheck(name: "colours", status: .shortfall,
                               summary: "256 colours (\(source)); COLORTERM does not say 24-bit, so images and the heatmap lose colour\(inTmux ? " (tmux does not set COLORTERM)" : "")",
                               fix: "export COLORTERM=truecolor   # if the terminal shows 24-bit colour, as most do\(tmuxNote)")
        }
        let have = c.colors == 0 ? "no colour" : "\(c.colors) colours"
        return DoctorCheck(name: "colours", status: .shortfall, summary: "\(have) (\(source))",
                           fix: "export TERM=xterm-256color   # if your terminal emulates xterm, as nearly all do")
    }

    /// What the environment says about pixel graphics protocols, and how it says it.
    static func graphicsHints(_ env: [String: String]) -> [(protocolName: String, evidence: String)] {
        let term = (env["TERM"] ?? "").lowercased()
        let program = env["TERM_PROGRAM"] ?? ""
        var hints: [(String, String)] = []
        if !(env["KITTY_WINDOW_ID"] ?? "").isEmpty { hints.append(("kitty", "KITTY_WINDOW_ID is set")) }
        else if term == "xterm-kitty" { hints.append(("kitty", "TERM=xterm-kitty")) }
        if term == "xterm-ghostty" || program == "ghostty" { hints.append(("kitty", term == "xterm-ghostty" ? "TERM=xterm-ghostty" : "TERM_PROGRAM=ghostty")) }
        if program == "WezTerm" || !(env["WEZTERM_PANE"] ?? "").isEmpty {
            hints += [("kitty", "WezTerm"), ("sixel", "WezTerm"), ("iterm", "WezTerm")]
        }
        if program == "iTerm.app" || env["LC_TERMINAL"] == "iTerm2" {
            hints += [("iterm", program == "iTerm.app" ? "TERM_PROGRAM=iTerm.app" : "LC_TERMINAL=iTerm2"), ("sixel", "iTerm2 3.5 or newer")]
        }
        if term.hasPrefix("foot") { hints.append(("sixel", "TERM=\(term)")) }
        if term.hasPrefix("mlterm") || program == "mlterm" { hints.append(("sixel", "mlterm")) }
        if !(env["KONSOLE_VERSION"] ?? "").isEmpty { hints += [("kitty", "KONSOLE_VERSION is set"), ("sixel", "KONSOLE_VERSION is set")] }
        if !(env["WT_SESSION"] ?? "").isEmpty { hints.append(("sixel", "Windows Terminal (WT_SESSION)")) }
        return hints
    }

    static func graphics(_ f: DoctorFacts) -> DoctorCheck {
        let hints = graphicsHints(f.environment)
        guard let a = f.answers else {
            // No terminal to ask: only the environment speaks.
            let what = "no terminal to ask (no controlling terminal); the inspector asks at start"
            if hints.isEmpty {
                return DoctorCheck(name: "graphics", status: .info,
                                   summary: "\(what); no pixel protocol named by TERM, TERM_PROGRAM or KITTY_WINDOW_ID", fix: nil)
            }
            var seen: [String] = []
            for h in hints where !seen.contains(h.protocolName) { seen.append(h.protocolName) }
            let evidence = Array(Set(hints.map(\.evidence))).sorted().joined(separator: ", ")
            return DoctorCheck(name: "graphics", status: .info,
                               summary: "\(what); the environment names \(seen.joined(separator: ", ")) (\(evidence))", fix: nil)
        }
        let ascii = ModeOption.drawsASCII(unicode: f.locale.utf8, term: f.colors.term)
        let caps = TerminalCapabilities(colors: f.colors.colors, truecolor: f.colors.truecolor, unicode: !ascii)
        let style = ModeOption.auto.style(colors: f.colors.colors, truecolor: f.colors.truecolor, unicode: !ascii)
        let d = InspectGraphics.display(forced: nil, answers: a, environment: f.environment, caps: caps, mode: style,
                                        askTmux: false)
        var said: [String] = []
        said.append(a.kitty ? "kitty graphics: yes" : "kitty graphics: no answer")
        said.append(a.complete ? (a.sixel ? "DA1 lists sixel" : "DA1 without sixel") : "no DA1 answer within 1 s")
        if let v = a.version { said.append("XTVERSION \(v)") }
        if let c = a.cellSize { said.append("cell \(c.width)x\(c.height) px") }
        let answered = "the terminal answered: " + said.joined(separator: ", ")
        switch d.graphics {
        case .kitty, .sixel, .iterm:
            var how = "the inspector shows images as real pixels (\(d.graphics.rawValue))"
            if d.graphics == .kitty && !d.support.kittyPlaceholders { how += ", placed over the cells (this kitty has no Unicode placeholders)" }
            return DoctorCheck(name: "graphics", status: .ok, summary: "\(answered); \(how)", fix: nil)
        default:
            let inTmux = f.tmux != nil
            let off = inTmux && f.tmux?.passthrough == "off"
            return DoctorCheck(name: "graphics", status: off ? .shortfall : .info,
                               summary: "\(answered); the inspector draws images in text cells (\(d.graphics == .ascii ? "ASCII" : "half blocks; i cycles symbols"))"
                                   + (off ? ", and tmux's passthrough is off, so no pixels could reach the terminal" : ""),
                               fix: off ? "tmux set -g allow-passthrough on   # and in ~/.tmux.conf" : nil)
        }
    }

    static func tmux(_ f: DoctorFacts) -> DoctorCheck {
        guard let t = f.tmux else {
            return DoctorCheck(name: "tmux", status: .ok, summary: "not inside tmux (TMUX is not set)", fix: nil)
        }
        guard let version = t.version else {
            return DoctorCheck(name: "tmux", status: .info,
                               summary: "inside tmux (TMUX is set), but `tmux` could not be run to read its options", fix: nil)
        }
        switch t.passthrough {
        case "on", "all":
            return DoctorCheck(name: "tmux", status: .ok,
                               summary: "inside \(version); allow-passthrough is \(t.passthrough ?? ""), so pixel images can reach the terminal",
                               fix: nil)
        case nil:
            return DoctorCheck(name: "tmux", status: .shortfall,
                               summary: "inside \(version), which has no allow-passthrough (tmux 3.3 added it): pixel images cannot pass through",
                               fix: "upgrade tmux to 3.3 or newer, then: set -g allow-passthrough on")
        default:
            return DoctorCheck(name: "tmux", status: .shortfall,
                               summary: "inside \(version); allow-passthrough is \(t.passthrough ?? ""), so pixel images cannot reach the terminal",
                               fix: "set -g allow-passthrough on   # in ~/.tmux.conf, or now: tmux set -g allow-passthrough on")
        }
    }

    static func cellSize(_ f: DoctorFacts) -> DoctorCheck {
        guard let c = f.cells else {
            return DoctorCheck(name: "cell-size", status: .info, summary: "unknown: not run in a terminal (TIOCGWINSZ)", fix: nil)
        }
        guard let cell = c.cell else {
            return DoctorCheck(name: "cell-size", status: .info,
                               summary: "\(c.columns)x\(c.rows) cells; the terminal does not report its size in pixels (TIOCGWINSZ gives 0)",
                               fix: nil)
        }
        return DoctorCheck(name: "cell-size", status: .info,
                           summary: "\(cell.width)x\(cell.height) pixels a cell (TIOCGWINSZ: \(c.pixelWidth)x\(c.pixelHeight) pixels, \(c.columns)x\(c.rows) cells)",
                           fix: nil)
    }

    static func mouse(_ f: DoctorFacts) -> DoctorCheck? {
        guard f.colors.entry != nil else { return nil }
        let terminal = f.colors.mouse ? "the terminfo entry reports mouse events (kmous)" : "the terminfo entry has no mouse (kmous)"
        let inspector = inspectorUsesMouse ? "" : "; the inspector is driven by keys only and does not read the mouse"
        if let mode = f.tmux?.mouse, mode != "on" {
            return DoctorCheck(name: "mouse", status: inspectorUsesMouse ? .shortfall : .info,
                               summary: "\(terminal), but tmux's mouse option is \(mode), so no clicks reach programs in it\(inspector)",
                               fix: "set -g mouse on")
        }
        return DoctorCheck(name: "mouse", status: .info, summary: terminal + inspector, fix: nil)
    }

    /// The config file: where it is looked for, whether it loaded, what it rebinds, what is wrong in it.
    static func config(_ f: DoctorFacts) -> DoctorCheck? {
        guard let c = f.settings?.config else { return nil }
        guard let path = c.path else {
            return DoctorCheck(name: "config", status: .info, summary: "neither XDG_CONFIG_HOME nor HOME is set: no config file, the default keys", fix: nil)
        }
        let problems = c.problems.map(\.description).joined(separator: "; ")
        switch c.status {
        case .absent:
            return DoctorCheck(name: "config", status: .info, summary: "\(path): no such file, so the default keys (docs/inspector.md, Config)", fix: nil)
        case .unusable:
            return DoctorCheck(name: "config", status: .shortfall, summary: "\(path) did not load: \(problems)", fix: "edit \(path) at the line named")
        case .loaded:
            let rebound = c.rebound.isEmpty ? "no key rebound" : "keys rebound for " + c.rebound.map(\.configName).joined(separator: ", ")
            if c.problems.isEmpty {
                return DoctorCheck(name: "config", status: .ok, summary: "\(path): loaded; \(rebound)", fix: nil)
            }
            return DoctorCheck(name: "config", status: .shortfall,
                               summary: "\(path): loaded with \(c.problems.count) problem\(c.problems.count == 1 ? "" : "s") (their defaults kept): \(problems); \(rebound)",
                               fix: "edit \(path) at the lines named")
        }
    }

    /// The state file the inspector keeps the display settings in.
    static func state(_ f: DoctorFacts) -> DoctorCheck? {
        guard let d = f.settings?.display, let path = d.path else { return nil }
        if !d.problems.isEmpty {
            return DoctorCheck(name: "state", status: .shortfall, summary: d.problems.map(\.description).joined(separator: "; "),
                               fix: "rm \(path)   # the inspector writes it again when you quit")
        }
        let p = d.remembered
        let mode = p.imageMode.map { "image mode \($0.label)" } ?? "image mode as the terminal decides"
        return DoctorCheck(name: "state", status: .info,
                           summary: "\(path): display settings kept between sessions: \(mode), heatmap \(p.heatmap ? "on" : "off"), "
                               + "boxes \(p.boxes ? "on" : "off"), ASCII shading \(p.invertShading ? "inverted" : "normal")",
                           fix: nil)
    }

    static func text(facts: DoctorFacts, checks: [DoctorCheck]) -> String {
        var out = "scenelens \(BuildInfo.line)\n\n"
        let width = (checks.map(\.name.count).max() ?? 0) + 2
        func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(1, n - s.count)) }
        for c in checks {
            out += pad(c.name, width) + pad(c.status.rawValue, 11) + c.summary + "\n"
            if let fix = c.fix { out += pad("", width) + pad("change:", 11) + fix + "\n" }
        }
        let short = checks.filter { $0.status == .shortfall }.count
        out += "\n" + (short == 0 ? "Nothing falls short." : "\(short) shortfall\(short == 1 ? "" : "s").")
            + " For a bug report: scenelens doctor --json\n"
        return out
    }

    static func json(facts f: DoctorFacts, checks: [DoctorCheck]) -> JSONValue {
        func str(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
        var answersJSON = JSONValue.null
        if let a = f.answers {
            answersJSON = .object([("kitty", .bool(a.kitty)), ("sixel", .bool(a.sixel)), ("version", str(a.version)),
                                   ("complete", .bool(a.complete))])
        }
        let env = DoctorFacts.variables.compactMap { key in f.environment[key].map { (key, JSONValue.string($0)) } }
        let cells: JSONValue = f.cells.map { c in
            .object([("columns", .number(Double(c.columns))), ("rows", .number(Double(c.rows))),
                     ("pixel_width", .number(Double(c.pixelWidth))), ("pixel_height", .number(Double(c.pixelHeight))),
                     ("cell_width", c.cell.map { .number(Double($0.width)) } ?? .null),
                     ("cell_height", c.cell.map { .number(Double($0.height)) } ?? .null)])
        } ?? .null
        let tmux: JSONValue = f.tmux.map { t in
            .object([("version", str(t.version)), ("allow_passthrough", str(t.passthrough)), ("mouse", str(t.mouse))])
        } ?? .null
        let ascii = ModeOption.drawsASCII(unicode: f.locale.utf8, term: f.colors.term)
        let style = ModeOption.auto.style(colors: f.colors.colors, truecolor: f.colors.truecolor, unicode: !ascii)
        return .object([
            ("version", .string(BuildInfo.version)),
            ("commit", str(BuildInfo.commit)),
            ("build", .string(BuildInfo.kind)),
            ("environment", .object(env)),
            ("locale", .object([("requested", .string(f.locale.requested)), ("available", .bool(f.locale.available)),
                                ("codeset", .string(f.locale.codeset)), ("utf8", .bool(f.locale.utf8))])),
            ("terminfo", .object([("entry", str(f.colors.entry)), ("direct_asked", str(f.colors.directAsked)),
                                  ("direct_found", .bool(f.colors.directFound)),
                                  ("colors", .number(Double(f.colors.entryColors))), ("rgb", .bool(f.colors.rgbFlag)),
                                  ("mouse", .bool(f.colors.mouse))])),
            ("drawing", .object([("colors", .number(Double(f.colors.colors))), ("truecolor", .bool(f.colors.truecolor)),
                                 ("ascii", .bool(ascii)), ("image_mode", .string(style.label))])),
            ("graphics_answers", answersJSON),
            ("graphics_hints", .array(graphicsHints(f.environment).map {
                .object([("protocol", .string($0.protocolName)), ("evidence", .string($0.evidence))])
            })),
            ("tmux", tmux),
            ("cells", cells),
            ("config", f.settings.map { st in
                .object([("path", str(st.config.path)),
                         ("status", .string({ switch st.config.status { case .absent: "absent"; case .loaded: "loaded"; case .unusable: "unusable" } }())),
                         ("rebound", .array(st.config.rebound.map { .string($0.configName) })),
                         ("problems", .array(st.problems.map { .string($0.description) })),
                         ("state", str(st.display.path))])
            } ?? .null),
            ("checks", .array(checks.map { c in
                .object([("name", .string(c.name)), ("status", .string(c.status.rawValue)),
                         ("summary", .string(c.summary)), ("fix", str(c.fix))])
            })),
            ("shortfalls", .number(Double(checks.filter { $0.status == .shortfall }.count))),
        ])
    }
}
