/// A key press, independent of how the terminal encoded it. The backend
/// decodes terminal input into these; the app maps them to messages.
public enum Key: Sendable, Hashable {
    /// A printable character, space included.
    case char(Character)
    /// Control plus a letter, as the lowercase letter (`ctrl("c")`).
    case ctrl(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case tab, backTab, enter, escape, backspace, delete, insert
    /// F1...F12.
    case function(Int)
}

/// Something the terminal reported: a key, a new size, or the mouse.
public enum InputEvent: Sendable, Hashable {
    case key(Key)
    case resize(width: Int, height: Int)
    case mouse(MouseEvent)
}

/// A mouse button pressed or the wheel turned, at a cell (0-based).
public struct MouseEvent: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case press, wheelUp, wheelDown }
    public var kind: Kind
    public var x: Int
    public var y: Int
    /// An event from its parts.
    public init(_ kind: Kind, x: Int, y: Int) { self.kind = kind; self.x = x; self.y = y }
}

extension Key {
    /// The name the docs, the help and config files use: the character itself
    /// (`a`, `?`), else `Tab`, `Shift-Tab`, `Enter`, `Esc`, `Space`, `Ctrl-L`,
    /// `Up`, `Down`, `Left`, `Right`, `PgUp`, `PgDn`, `Home`, `End`, `BS`, `Del`, `Ins`, `F1`.
    public var name: String {
        switch self {
        case .char(" "): "Space"
        case .char(let c): String(c)
        case .ctrl(let c): "Ctrl-" + c.uppercased()
        case .up: "Up"
        case .down: "Down"
        case .left: "Left"
        case .right: "Right"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .enter: "Enter"
        case .escape: "Esc"
        case .backspace: "BS"
        case .delete: "Del"
        case .insert: "Ins"
        case .function(let n): "F\(n)"
        }
    }

    /// The key called `name` (as `name` spells it; case matters only for a
    /// single character), nil when there is no such key.
    public init?(name: String) {
        if name.count == 1, let c = name.first {
            self = .char(c); return
        }
        let lower = name.lowercased()
        if lower.hasPrefix("ctrl-"), name.count == 6, let c = lower.last, c.isLetter, c.isASCII {
            self = .ctrl(c); return
        }
        if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...12).contains(n) {
            self = .function(n); return
        }
        let named: [String: Key] = [
            "space": .char(" "), "up": .up, "down": .down, "left": .left, "right": .right,
            "pgup": .pageUp, "pageup": .pageUp, "pgdn": .pageDown, "pagedown": .pageDown,
            "home": .home, "end": .end, "tab": .tab, "shift-tab": .backTab, "backtab": .backTab,
            "enter": .enter, "return": .enter, "esc": .escape, "escape": .escape,
            "bs": .backspace, "backspace": .backspace, "del": .delete, "delete": .delete, "ins": .insert, "insert": .insert,
        ]
        guard let k = named[lower] else { return nil }
        self = k
    }
}
