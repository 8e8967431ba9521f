/// Turns a buffer into text with ANSI SGR escapes, for printing to a
/// terminal without ncurses (`scenelens view`).
public enum ANSIWriter {
    /// One line per buffer row, each ending in "\n". Escapes are emitted only
    /// when the style changes, and every line that changed the style ends with
    /// a reset. With `.none` the output holds no escape at all, unless
    /// `attributes` asks for the attribute SGRs (bold, underline...) alone.
    public static func render(_ buffer: Buffer, depth: ColorDepth, attributes: Bool = false) -> String {
        var out = ""
        out.reserveCapacity(buffer.area.area * (depth == .none ? 2 : 12))
        let a = buffer.area
        for y in a.top..<a.bottom {
            var current = Pen()
            for x in a.left..<a.right {
                let cell = buffer[x, y]
                if cell.isContinuation { continue }
                if depth != .none || attributes {
                    let pen = Pen(fg: depth.convert(cell.fg), bg: depth.convert(cell.bg), attributes: cell.attributes)
                    if pen != current { out += sgr(from: current, to: pen); current = pen }
                }
                out += safeSymbol(cell.symbol)
            }
            if current != Pen() { out += "\u{1B}[0m" }
            out += "\n"
        }
        return out
    }

    /// A cell symbol that carries a control character (only possible when a
    /// widget wrote a cell directly) is replaced: nothing raw reaches the terminal.
    static func safeSymbol(_ s: String) -> String {
        for u in s.unicodeScalars where Sanitizer.isUnsafe(u) { return "?" }
        return s
    }

    struct Pen: Equatable {
        var fg: Color = .default
        var bg: Color = .default
        var attributes: Attributes = []
    }

    static let attributeCodes: [(Attributes, String)] = [
        (.bold, "1"), (.dim, "2"), (.italic, "3"), (.underline, "4"), (.reverse, "7"), (.strikethrough, "9"),
    ]

    /// The shortest simple SGR from `old` to `new`: a full reset only when an
    /// attribute has to be switched off.
    static func sgr(from old: Pen, to new: Pen) -> String {
        var codes: [String] = []
        var base = old
        if !new.attributes.isSuperset(of: old.attributes) {
            codes.append("0")
            base = Pen()
        }
        for (attr, code) in attributeCodes where new.attributes.contains(attr) && !base.attributes.contains(attr) {
            codes.append(code)
        }
        if new.fg != base.fg { codes.append(colorCode(new.fg, foreground: true)) }
        if new.bg != base.bg { codes.append(colorCode(new.bg, foreground: false)) }
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }

    static func colorCode(_ c: Color, foreground fg: Bool) -> String {
        switch c {
        case .default: return fg ? "39" : "49"
        case .indexed(let n) where n < 8: return String((fg ? 30 : 40) + Int(n))
        case .indexed(let n) where n < 16: return String((fg ? 90 : 100) + Int(n) - 8)
        case .indexed(let n): return (fg ? "38;5;" : "48;5;") + String(n)
        case .rgb(let r, let g, let b): return (fg ? "38;2;" : "48;2;") + "\(r);\(g);\(b)"
        }
    }
}
