/// What a terminal can show, guessed from the environment; the ncurses
/// backend refines the colour count from terminfo.
public struct TerminalCapabilities: Sendable, Hashable {
    /// Number of palette colours (0 for none, 8, 16, 256).
    public var colors: Int
    /// Whether 24-bit colour escapes work.
    public var truecolor: Bool
    /// Whether the terminal takes UTF-8 (half blocks, box lines).
    public var unicode: Bool

    /// Capabilities from their parts.
    public init(colors: Int, truecolor: Bool, unicode: Bool) {
        self.colors = colors; self.truecolor = truecolor; self.unicode = unicode
    }

    /// Reads COLORTERM (truecolor, 24bit), TERM (`*-256color`, `*color*`,
    /// `dumb`, `vt100`, `linux`...), NO_COLOR (any value turns colour off) and
    /// the first set of LC_ALL, LC_CTYPE, LANG for UTF-8.
    public static func detect(environment env: [String: String]) -> TerminalCapabilities {
        let term = (env["TERM"] ?? "").lowercased()
        let colorterm = (env["COLORTERM"] ?? "").lowercased()
        var colors: Int
        if term.isEmpty || term == "dumb" || term.hasPrefix("vt1") || term.hasPrefix("vt2") {
            colors = 0
        } else if term.hasSuffix("256color") || term.contains("256") {
            colors = 256
        } else if term == "linux" || term.contains("color") || term.hasPrefix("xterm") || term.hasPrefix("screen")
                    || term.hasPrefix("tmux") || term.hasPrefix("rxvt") || term.hasPrefix("konsole")
                    || term.hasPrefix("alacritty") || term.hasPrefix("kitty") || term.hasPrefix("foot") {
            colors = term.hasPrefix("alacritty") || term.hasPrefix("kitty") || term.hasPrefix("foot") ? 256 : 16
        } else {
            colors = 8
        }
        var truecolor = colorterm == "truecolor" || colorterm == "24bit"
        if truecolor && term != "dumb" { colors = max(colors, 256) }
        if let nc = env["NO_COLOR"], !nc.isEmpty { colors = 0; truecolor = false }
        if term == "dumb" { truecolor = false }
        let locale = [env["LC_ALL"], env["LC_CTYPE"], env["LANG"]].compactMap { $0 }.first { !$0.isEmpty } ?? ""
        let l = locale.lowercased()
        let unicode = l.contains("utf-8") || l.contains("utf8")
        return TerminalCapabilities(colors: colors, truecolor: truecolor, unicode: unicode)
    }
}
