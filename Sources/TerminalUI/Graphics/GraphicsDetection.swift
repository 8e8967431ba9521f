/// What a terminal said about its graphics, and the mode chosen from it.
/// Pure: the backend asks the terminal and hands the answers over as bytes.
public struct GraphicsAnswers: Sendable, Hashable {
    /// The kitty `a=q` query was answered OK.
    public var kitty = false
    /// The primary device attributes list 4 (sixel).
    public var sixel = false
    /// The XTVERSION name, if the terminal gave one (`kitty(0.35)`, `XTerm(390)`...).
    public var version: String?
    /// The cell size from `CSI 16 t`.
    public var cellSize: CellSize?
    /// Whether the DA1 answer arrived, the sign that every earlier query was seen.
    public var complete = false

    public init() {}

    /// Reads the answers out of what the terminal sent back.
    public static func parse(_ bytes: [UInt8]) -> GraphicsAnswers {
        var a = GraphicsAnswers()
        let s = String(decoding: bytes, as: UTF8.self)
        if let r = s.range(of: "\u{1B}_Gi=31;") {
            a.kitty = s[r.upperBound...].hasPrefix("OK")
        }
        if let r = s.range(of: "\u{1B}P>|"), let e = s[r.upperBound...].range(of: "\u{1B}\\") {
            a.version = String(s[r.upperBound..<e.lowerBound])
        }
        if let r = s.range(of: "\u{1B}[6;"), let e = s[r.upperBound...].firstIndex(of: "t") {
            let n = s[r.upperBound..<e].split(separator: ";").compactMap { Int($0) }
            if n.count == 2, n[0] > 0, n[1] > 0 { a.cellSize = CellSize(width: n[1], height: n[0]) }
        }
        if let r = s.range(of: "\u{1B}[?"), let e = s[r.upperBound...].firstIndex(of: "c") {
            a.complete = true
            a.sixel = s[r.upperBound..<e].split(separator: ";").contains("4")
        }
        return a
    }

    /// The queries, in the order that makes DA1 (answered by every terminal) last:
    /// kitty graphics, XTVERSION, cell size, DA1.
    public static func queries(tmux: Bool) -> String {
        let kitty = tmux ? KittyGraphics.tmuxPassthrough(KittyGraphics.supportQuery) : KittyGraphics.supportQuery
        return kitty + "\u{1B}[>0q" + "\u{1B}[16t" + "\u{1B}[c"
    }
}

extension GraphicsMode {
    /// The best mode for a terminal: a pixel protocol the terminal confirmed
    /// (or `TERM_PROGRAM`/`TERM` names), else half blocks with colour and
    /// UTF-8, else ASCII.
    public static func choose(answers: GraphicsAnswers?, environment env: [String: String],
                              caps: TerminalCapabilities) -> GraphicsMode {
        let text: GraphicsMode = caps.unicode && (caps.colors > 0 || caps.truecolor) ? .blocks : .ascii
        if let nc = env["NO_COLOR"], !nc.isEmpty { return text }
        let term = (env["TERM"] ?? "").lowercased(), program = env["TERM_PROGRAM"] ?? ""
        if answers?.kitty == true { return .kitty }
        if program == "iTerm.app" || program == "WezTerm" || program == "mintty" { return .iterm }
        if answers?.sixel == true { return .sixel }
        // Without answers (not a terminal, or it kept quiet) only the names are left.
        if answers == nil || answers?.complete == false {
            if term == "xterm-kitty" || env["KITTY_WINDOW_ID"] != nil { return .kitty }
            if term.hasPrefix("foot") || term == "mlterm" { return .sixel }
        }
        return text
    }

    /// Parses a `--graphics` value; nil if it names no mode.
    public init?(option s: String) { self.init(rawValue: s.lowercased()) }
}
