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

/// Something the terminal reported: a key, or a new size.
public enum InputEvent: Sendable, Hashable {
    case key(Key)
    case resize(width: Int, height: Int)
}
