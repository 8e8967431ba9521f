import Foundation
import Review
import TerminalUI

/// A one-line text input at the bottom of the screen; while one is open the
/// inspector is in its `prompt` phase and keys are text. It edits like a
/// shell line: Left, Right, Home/Ctrl-A, End/Ctrl-E, Ctrl-W (the word before
/// the cursor), Ctrl-U (all before it), Ctrl-K (all after it), Del, and Up
/// and Down through what was entered before at a prompt of the same kind.
public struct Prompt: Sendable, Hashable {
    /// What the typed text is for.
    public enum Kind: Sendable, Hashable { case goto, search, note, tags, query }
    public var kind: Kind
    public var text: String
    /// Where typing goes: a Character offset into `text` (its end by default).
    public var cursor: Int
    /// The tags ticked so far (the `t` prompt), normalised, in the order given.
    public var tags: [String]
    /// Which earlier entry Up/Down show (0: the newest), and the line being
    /// typed before Up was pressed; nil while editing that line.
    var recalled: Int?
    var draft = ""
    /// Candidates the last Tab could not choose between (the query prompt).
    public var choices: [String] = []
    /// A prompt of `kind` holding `text` (and, for `t`, the ticked `tags`).
    public init(kind: Kind, text: String = "", tags: [String] = []) {
        self.kind = kind; self.text = text; self.tags = tags; self.cursor = text.count
    }

    /// The longest text a prompt takes.
    static let maxLength = 500

    /// Earlier entries kept per kind of prompt.
    static let historyLimit = 50

    /// What a key did to the prompt.
    enum Outcome {
        /// Still open, with this content.
        case editing(Prompt)
        /// Esc: closed, nothing done.
        case cancelled
        /// Enter: closed; the text (trimmed) and, for `t`, the tags it leaves ticked.
        case submitted(text: String, tags: [String])
    }

    /// The prompt's own update: typing, moving, deleting, recalling what was
    /// entered before (`history`, oldest first), ticking a tag, Enter and Esc.
    func edit(_ k: Key, history: [String] = []) -> Outcome {
        var p = self
        p.choices = []
        // A number ticks a standard tag until a free tag is being typed; then it is part of the text.
        if kind == .tags, text.isEmpty, case .char(let c) = k, let n = c.wholeNumberValue, n >= 1 {
            guard n <= ReasonTag.known.count else { return .editing(p) }
            p.tags = Self.toggled(p.tags, ReasonTag.known[n - 1].rawValue)
            return .editing(p)
        }
        var chars = Array(p.text)
        let at = min(max(p.cursor, 0), chars.count)
        switch k {
        case .escape: return .cancelled
        case .backspace:
            if at > 0 { chars.remove(at: at - 1); p.cursor = at - 1 }
        case .delete, .ctrl("d"):
            if at < chars.count { chars.remove(at: at) }
        case .left, .ctrl("b"): p.cursor = max(0, at - 1)
        case .right, .ctrl("f"): p.cursor = min(chars.count, at + 1)
        case .home, .ctrl("a"): p.cursor = 0
        case .end, .ctrl("e"): p.cursor = chars.count
        case .ctrl("u"): chars.removeSubrange(0..<at); p.cursor = 0
        case .ctrl("k"): chars.removeSubrange(at..<chars.count)
        case .ctrl("w"):
            // The word before the cursor and the spaces after it, as a shell does.
            var from = at
            while from > 0, chars[from - 1].isWhitespace { from -= 1 }
            while from > 0, !chars[from - 1].isWhitespace { from -= 1 }
            chars.removeSubrange(from..<at); p.cursor = from
        case .up, .down:
            guard !history.isEmpty else { return .editing(p) }
            let next: Int? = k == .up ? min((p.recalled ?? -1) + 1, history.count - 1)
                                      : p.recalled.flatMap { $0 == 0 ? nil : $0 - 1 }
            if p.recalled == nil { p.draft = p.text }
            p.recalled = next
            p.text = next.map { history[history.count - 1 - $0] } ?? p.draft
            p.cursor = p.text.count
            return .editing(p)
        case .char(let c):
            if chars.count < Self.maxLength { chars.insert(c, at: at); p.cursor = at + 1 }
        case .enter:
            let typed = text.trimmingCharacters(in: .whitespaces)
            guard kind == .tags else { return .submitted(text: kind == .note ? text : typed, tags: []) }
            // Typed text is one more tag (or several, comma-separated); typing a ticked one unticks it.
            var tags = self.tags
            for t in typed.split(separator: ",") { tags = Self.toggled(tags, ReasonTag.normalize(String(t))) }
            return .submitted(text: typed, tags: tags)
        default: return .editing(p)
        }
        let edited = String(chars)
        if edited != p.text { p.text = edited; p.recalled = nil }
        return .editing(p)
    }

    /// `history` with `entry` as its newest, an earlier copy of it dropped, at most `historyLimit` long.
    static func remembered(_ entry: String, in history: [String]) -> [String] {
        guard !entry.isEmpty else { return history }
        return Array((history.filter { $0 != entry } + [entry]).suffix(historyLimit))
    }

    /// `tags` with `tag` added at the end, or removed when it is there; empty text changes nothing.
    static func toggled(_ tags: [String], _ tag: String) -> [String] {
        guard !tag.isEmpty else { return tags }
        return tags.contains(tag) ? tags.filter { $0 != tag } : tags + [tag]
    }
}
