/// Makes untrusted text safe to draw: control characters, escape sequences
/// and bidirectional overrides become visible placeholders, never raw bytes
/// sent to the terminal. Placeholders are plain ASCII (`^[`, `<U+202E>`), so
/// they are safe on a terminal that is not UTF-8 too.
public enum Sanitizer {
    /// A grapheme ready to draw: its text, display width, and a style to mark
    /// placeholders with.
    public struct Grapheme: Sendable, Hashable {
        /// What to draw: the grapheme, or one character of a placeholder.
        public var text: String
        /// Columns it takes (1 or 2).
        public var width: Int
        /// Placeholder marking, or plain.
        public var style: Style
    }

    /// The most scalars one drawn grapheme keeps (enough for any real emoji ZWJ sequence).
    public static let maxClusterScalars = 16

    /// The style placeholders get, so they stand out from real text.
    public static let placeholderStyle = Style(attributes: [.reverse])

    /// Splits `text` into drawable graphemes, replacing what must not reach the terminal.
    /// Zero-width graphemes that are not placeholders are dropped.
    public static func visibleGraphemes(_ text: String) -> [Grapheme] {
        printableASCII(text) ?? clusters(text)
    }

    /// One-character strings of the printable ASCII bytes.
    private static let asciiStrings: [String] = (0..<128).map { String(Character(Unicode.Scalar(UInt8($0)))) }

    /// `visibleGraphemes` of text that is all printable ASCII (nearly every
    /// label and rationale): one grapheme of width 1 per byte, without
    /// grapheme breaking. Nil for anything else.
    static func printableASCII(_ text: String) -> [Grapheme]? {
        let fast = text.utf8.withContiguousStorageIfAvailable { bytes -> [Grapheme]? in
            guard bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { return nil }
            return bytes.map { Grapheme(text: asciiStrings[Int($0)], width: 1, style: .plain) }
        }
        return fast ?? nil
    }

    /// `visibleGraphemes` for any text, Character by Character.
    static func clusters(_ text: String) -> [Grapheme] {
        var out: [Grapheme] = []
        out.reserveCapacity(text.utf8.count)
        for ch in text {
            if let p = placeholder(for: ch) {
                for piece in p { out.append(Grapheme(text: String(piece), width: 1, style: placeholderStyle)) }
                continue
            }
            let w = DisplayWidth.of(ch)
            if w == 0 { continue }
            // "Zalgo" text stacks hundreds of marks on one base; terminals draw
            // such cells badly, so a cluster keeps at most `maxClusterScalars`.
            let text = ch.unicodeScalars.count > maxClusterScalars
                ? String(String.UnicodeScalarView(ch.unicodeScalars.prefix(maxClusterScalars))) : String(ch)
            out.append(Grapheme(text: text, width: w, style: .plain))
        }
        return out
    }

    /// The sanitised text as a plain string (placeholders inline), for one-line uses.
    public static func clean(_ text: String) -> String {
        visibleGraphemes(text).map(\.text).joined()
    }

    /// True for scalars that must never be written to a terminal as they are:
    /// C0 and C1 controls, DEL, bidirectional controls, line and paragraph separators.
    public static func isUnsafe(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        return v < 0x20 || (0x7F..<0xA0).contains(v) || isBidiControl(v) || v == 0x2028 || v == 0x2029
    }

    static func isBidiControl(_ v: UInt32) -> Bool {
        (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x061C
    }

    static func codePoint(_ v: UInt32) -> String {
        let hex = String(v, radix: 16, uppercase: true)
        return "<U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ">"
    }

    /// What to show instead of a character that must not be drawn as it is, or nil.
    static func placeholder(for ch: Character) -> String? {
        let scalars = ch.unicodeScalars
        guard let first = scalars.first else { return nil }
        let v = first.value
        switch v {
        case 0x1B: return "^["
        case 0x09: return " "  // a tab is shown as one space; wrapping deals with width
        case 0x00..<0x20: return "^" + String(UnicodeScalar(UInt8(v + 0x40)))
        case 0x7F: return "^?"
        case 0x80..<0xA0, 0x2028, 0x2029: return codePoint(v)
        default:
            // Bidirectional embedding, override and isolate controls reorder what follows.
            if isBidiControl(v) { return codePoint(v) }
            // A CR LF pair is one Character, and a control or bidi mark can
            // follow a base inside one cluster: none may pass.
            if let bad = scalars.first(where: { isUnsafe($0) }) {
                return bad.value == 0x1B ? "^[" : (bad.value < 0x20 ? "^" + String(UnicodeScalar(UInt8(bad.value + 0x40))) : codePoint(bad.value))
            }
            return nil
        }
    }
}

extension Sanitizer {
    /// `text` sanitised and with every non-ASCII grapheme replaced by "?",
    /// for terminals that are not UTF-8.
    public static func asciiOnly(_ text: String) -> String {
        var out = ""
        for g in visibleGraphemes(text) {
            if g.text.unicodeScalars.allSatisfy({ $0.isASCII }) { out += g.text }
            else { out += String(repeating: "?", count: g.width) }
        }
        return out
    }
}
