/// Makes untrusted text safe to draw: control characters, escape sequences
/// and bidirectional overrides become visible placeholders, never raw bytes
/// sent to the terminal.
public enum Sanitizer {
    /// A grapheme ready to draw: its text, display width, and a style to mark
    /// placeholders with.
    public struct Grapheme: Sendable, Hashable {
        public var text: String
        public var width: Int
        public var style: Style
    }

    /// The style placeholders get, so they stand out from real text.
    public static let placeholderStyle = Style(attributes: [.reverse])

    /// Splits `text` into drawable graphemes, replacing what must not reach the terminal.
    /// Zero-width graphemes that are not placeholders are dropped.
    public static func visibleGraphemes(_ text: String) -> [Grapheme] {
        var out: [Grapheme] = []
        out.reserveCapacity(text.unicodeScalars.count)
        for ch in text {
            if let p = placeholder(for: ch) {
                for piece in p { out.append(Grapheme(text: String(piece), width: 1, style: placeholderStyle)) }
                continue
            }
            let w = DisplayWidth.of(ch)
            if w == 0 { continue }
            out.append(Grapheme(text: String(ch), width: w, style: .plain))
        }
        return out
    }

    /// The sanitised text as a plain string (placeholders inline), for one-line uses.
    public static func clean(_ text: String) -> String {
        visibleGraphemes(text).map(\.text).joined()
    }

    /// What to show instead of a character that must not be drawn as it is, or nil.
    static func placeholder(for ch: Character) -> String? {
        guard let first = ch.unicodeScalars.first else { return nil }
        let v = first.value
        switch v {
        case 0x1B: return "^["
        case 0x09: return " "  // a tab is shown as one space; wrapping deals with width
        case 0x00..<0x20: return "^" + String(UnicodeScalar(UInt8(v + 0x40)))
        case 0x7F: return "^?"
        case 0x80..<0xA0: return "<U+\(String(v, radix: 16, uppercase: true))>"
        // Bidirectional embedding, override and isolate controls reorder what follows.
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C:
            return "<U+\(String(v, radix: 16, uppercase: true))>"
        default:
            // A CR LF pair is one Character; a control inside a cluster still must not pass.
            if ch.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || (0x80..<0xA0).contains($0.value) }) {
                return "^?"
            }
            return nil
        }
    }
}
