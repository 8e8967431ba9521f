import Foundation
import Review
import TerminalUI

/// A one-line text input at the bottom of the screen; while one is open the
/// inspector is in its `prompt` phase and keys are text.
public struct Prompt: Sendable, Hashable {
    /// What the typed text is for.
    public enum Kind: Sendable, Hashable { case goto, search, note, tags }
    public var kind: Kind
    public var text: String
    /// The tags ticked so far (the `t` prompt), normalised, in the order given.
    public var tags: [String]
    /// A prompt of `kind` holding `text` (and, for `t`, the ticked `tags`).
    public init(kind: Kind, text: String = "", tags: [String] = []) { self.kind = kind; self.text = text; self.tags = tags }

    /// The longest text a prompt takes.
    static let maxLength = 500

    /// What a key did to the prompt.
    enum Outcome {
        /// Still open, with this content.
        case editing(Prompt)
        /// Esc: closed, nothing done.
        case cancelled
        /// Enter: closed; the text (trimmed) and, for `t`, the tags it leaves ticked.
        case submitted(text: String, tags: [String])
    }

    /// The prompt's own update: typing, deleting, ticking a tag, Enter and Esc.
    func edit(_ k: Key) -> Outcome {
        var p = self
        // A number ticks a standard tag until a free tag is being typed; then it is part of the text.
        if kind == .tags, text.isEmpty, case .char(let c) = k, let n = c.wholeNumberValue, n >= 1 {
            guard n <= ReasonTag.known.count else { return .editing(p) }
            p.tags = Self.toggled(p.tags, ReasonTag.known[n - 1].rawValue)
            return .editing(p)
        }
        switch k {
        case .escape: return .cancelled
        case .backspace, .delete:
            if !p.text.isEmpty { p.text.removeLast() }
        case .ctrl("u"): p.text = ""
        case .char(let c):
            if p.text.count < Self.maxLength { p.text.append(c) }
        case .enter:
            let typed = text.trimmingCharacters(in: .whitespaces)
            guard kind == .tags else { return .submitted(text: kind == .note ? text : typed, tags: []) }
            // Typed text is one more tag (or several, comma-separated); typing a ticked one unticks it.
            var tags = self.tags
            for t in typed.split(separator: ",") { tags = Self.toggled(tags, ReasonTag.normalize(String(t))) }
            return .submitted(text: typed, tags: tags)
        default: break
        }
        return .editing(p)
    }

    /// `tags` with `tag` added at the end, or removed when it is there; empty text changes nothing.
    static func toggled(_ tags: [String], _ tag: String) -> [String] {
        guard !tag.isEmpty else { return tags }
        return tags.contains(tag) ? tags.filter { $0 != tag } : tags + [tag]
    }
}
