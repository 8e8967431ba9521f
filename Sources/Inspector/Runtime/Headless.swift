import TerminalUI

/// Drives the app without a terminal: keys in, effects run on this thread,
/// until nothing is left to do. Used by `render --keys` and the tests.
public enum Headless {
    /// Runs `effects` and everything their answers lead to (prefetching skipped).
    public static func settle(_ s: inout AppState, _ effects: [Effect], runner: EffectRunner) {
        var queue = effects
        var steps = 0
        while !queue.isEmpty && steps < 10_000 {
            steps += 1
            let e = queue.removeFirst()
            if case .prefetch = e { continue }
            if let m = runner.perform(e) { queue += InspectorApp.update(&s, m) }
        }
    }

    /// Presses `keys` one after another, settling after each.
    public static func press(_ s: inout AppState, _ keys: [Key], runner: EffectRunner) {
        for k in keys {
            settle(&s, InspectorApp.update(&s, .key(k)), runner: runner)
            if s.quitting { return }
        }
    }

    /// Reads a key sequence: plain characters, and `<Tab>`, `<S-Tab>`,
    /// `<Enter>`, `<Esc>`, `<Up>`, `<Down>`, `<Left>`, `<Right>`, `<PgUp>`,
    /// `<PgDn>`, `<Home>`, `<End>`, `<BS>`, `<Space>`, `<lt>` (a `<`), `<C-x>`.
    public static func parseKeys(_ text: String) throws -> [Key] {
        var out: [Key] = []
        var i = text.startIndex
        while i < text.endIndex {
            let ch = text[i]
            if ch == "<", let close = text[i...].firstIndex(of: ">") {
                let name = String(text[text.index(after: i)..<close])
                guard let k = named(name) else { throw KeyParseError(name: name) }
                out.append(k)
                i = text.index(after: close)
                continue
            }
            out.append(ch == "\n" ? .enter : .char(ch))
            i = text.index(after: i)
        }
        return out
    }

    private static func named(_ n: String) -> Key? {
        switch n.lowercased() {
        case "tab": return .tab
        case "s-tab", "backtab": return .backTab
        case "enter", "cr", "return": return .enter
        case "esc", "escape": return .escape
        case "up": return .up
        case "down": return .down
        case "left": return .left
        case "right": return .right
        case "pgup", "pageup": return .pageUp
        case "pgdn", "pagedown": return .pageDown
        case "home": return .home
        case "end": return .end
        case "bs", "backspace": return .backspace
        case "space": return .char(" ")
        case "lt": return .char("<")
        default:
            if n.count == 3, n.lowercased().hasPrefix("c-"), let c = n.last { return .ctrl(Character(c.lowercased())) }
            return nil
        }
    }
}

/// A `<name>` in a key sequence that is not a known key.
public struct KeyParseError: Error, CustomStringConvertible {
    /// The name between the angle brackets.
    public var name: String
    public var description: String { "unknown key <\(name)> (known: Tab, S-Tab, Enter, Esc, Up, Down, Left, Right, PgUp, PgDn, Home, End, BS, Space, lt, C-x)" }
}
