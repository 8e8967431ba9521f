import CNCursesW
import TerminalUI

/// Maps cell colours to curses colour pairs, allocating pairs on demand with
/// `alloc_pair` so any number of colour combinations can be on screen (ncurses
/// recycles the least recently used pair when it runs out).
struct ColorPairs {
    /// How many colours the terminal shows: 0 (none), 8, 16, 256, or 1<<24 (direct colour).
    let colors: Int
    /// Direct colour: colour numbers are 0xRRGGBB.
    let direct: Bool
    /// Turns a colour the terminal cannot show into one it can.
    let downgrade: (Color) -> Color
    private var cache: [PairKey: Int32] = [:]
    /// Which combination each pair number currently holds, so a recycled number drops its old entry.
    private var holder: [Int32: PairKey] = [:]

    private struct PairKey: Hashable { var fg: Color; var bg: Color }

    /// A mapper for a terminal with `colors` colours.
    init(colors: Int, direct: Bool, downgrade: @escaping (Color) -> Color) {
        self.colors = colors; self.direct = direct; self.downgrade = downgrade
    }

    /// The pair for this foreground and background (0: the default pair).
    mutating func pair(fg: Color, bg: Color) -> Int32 {
        guard colors > 0 else { return 0 }
        if fg == .default && bg == .default { return 0 }
        let key = PairKey(fg: fg, bg: bg)
        if let p = cache[key] { return p }
        let p = alloc_pair(number(fg), number(bg))
        // alloc_pair may reuse an old pair number for a new combination.
        if p > 0 {
            if let old = holder[p] { cache[old] = nil }
            cache[key] = p
            holder[p] = key
        }
        return max(p, 0)
    }

    /// The curses colour number of `color` (-1: the terminal default).
    func number(_ color: Color) -> Int32 {
        var c = color
        if case .rgb = c, !direct { c = downgrade(c) }
        switch c {
        case .default: return -1
        case .indexed(let i):
            // Direct-colour terminfo (xterm-direct) reads numbers 0-7 as the ANSI
            // colours and everything above as packed RGB: send the palette's RGB.
            if direct && i >= 8 {
                let p = Palette.rgb(i)
                return Self.packed(p.r, p.g, p.b)
            }
            if Int(i) < colors || direct { return Int32(i) }
            // An indexed colour the terminal lacks: ask for its 16-colour neighbour.
            let down = downgrade(c)
            if case .indexed(let j) = down, Int(j) < max(colors, 8) { return Int32(j) }
            return Int32(i % 8)
        case .rgb(let r, let g, let b):
            return Self.packed(r, g, b)
        }
    }

    /// A packed 24-bit colour number; the few below 8 (near black) move up to 8
    /// so the terminal does not read them as ANSI colours.
    static func packed(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int32 {
        max(Int32(r) << 16 | Int32(g) << 8 | Int32(b), 8)
    }
}
