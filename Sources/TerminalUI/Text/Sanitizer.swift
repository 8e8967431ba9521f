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
        var out: [Grapheme] = []
        forEachGrapheme(text) { out.append($0); return true }
        return out
    }

    /// One-character strings of the printable ASCII bytes.
    private static let asciiStrings: [String] = (0..<128).map { String(Character(Unicode.Scalar(UInt8($0)))) }

    /// `visibleGraphemes` one at a time, without holding them: `body` returns
    /// false to stop. Memory stays flat however long the text (issue 14: a
    /// 10 MB step used to cost tens of bytes per byte here). Text that is all
    /// printable ASCII (nearly every label and rationale) is walked byte by
    /// byte, one grapheme of width 1 each, without grapheme breaking.
    ///
    /// Mixed text ("café", a rationale with one curly quote, a frame line with
    /// box characters) takes the byte walk too wherever it can: a printable
    /// ASCII byte between two others (or the text's ends) is a grapheme of its
    /// own, since no Unicode rule joins two printable ASCII characters. Only
    /// the stretches around other bytes, with the ASCII neighbour on each side
    /// that could join them ("e" + U+0301), are broken into clusters, and their
    /// ends are real grapheme boundaries, so the result is the same.
    public static func forEachGrapheme<S: StringProtocol>(_ text: S, _ body: (Grapheme) -> Bool) {
        if isPrintableASCII(text) {
            for b in text.utf8 where !body(asciiGrapheme(b)) { return }
            return
        }
        let utf8 = text.utf8
        var i = utf8.startIndex
        // Where the stretch broken into clusters began, if one is open.
        var slowStart: S.Index?
        var prevPrintable = true
        while i != utf8.endIndex {
            let b = utf8[i]
            let next = utf8.index(after: i)
            let printable = b >= 0x20 && b < 0x7F
            let nextPrintable = next == utf8.endIndex || { let n = utf8[next]; return n >= 0x20 && n < 0x7F }()
            if printable && prevPrintable && nextPrintable {
                if let start = slowStart {
                    for ch in text[start..<i] where !forEach(in: ch, body) { return }
                    slowStart = nil
                }
                if !body(asciiGrapheme(b)) { return }
            } else if slowStart == nil {
                slowStart = i
            }
            prevPrintable = printable
            i = next
        }
        if let start = slowStart {
            for ch in text[start..<utf8.endIndex] where !forEach(in: ch, body) { return }
        }
    }

    static func isPrintableASCII<S: StringProtocol>(_ text: S) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
        } ?? text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    private static func asciiGrapheme(_ b: UInt8) -> Grapheme { Grapheme(text: asciiStrings[Int(b)], width: 1, style: .plain) }

    /// The byte-by-byte walk alone: nil unless `text` is all printable ASCII.
    static func printableASCII(_ text: String) -> [Grapheme]? {
        isPrintableASCII(text) ? text.utf8.map(asciiGrapheme) : nil
    }

    /// The Character-by-Character walk alone (the fast path must agree with it).
    static func clusters(_ text: String) -> [Grapheme] {
        var out: [Grapheme] = []
        for ch in text { _ = forEach(in: ch) { out.append($0); return true } }
        return out
    }

    /// The drawable graphemes of one Character (none when it has no width,
    /// several for a placeholder); false when `body` asked to stop.
    static func forEach(in ch: Character, _ body: (Grapheme) -> Bool) -> Bool {
        if let p = placeholder(for: ch) {
            for piece in p where !body(Grapheme(text: String(piece), width: 1, style: placeholderStyle)) { return false }
            return true
        }
        // Emoji sequences terminals measure differently are drawn in a form they agree on.
        let drawn = DisplayWidth.drawn(ch)
        // Letters standing for a flag: one cell each.
        if let d = drawn, d.text.utf8.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) {
            for b in d.text.utf8 where !body(asciiGrapheme(b)) { return false }
            return true
        }
        let w = drawn?.width ?? DisplayWidth.of(ch)
        if w == 0 { return true }
        let scalars = drawn.map { Substring($0.text).unicodeScalars } ?? Substring(String(ch)).unicodeScalars
        // "Zalgo" text stacks hundreds of marks on one base; terminals draw
        // such cells badly, so a cluster keeps at most `maxClusterScalars`.
        let text = scalars.count > maxClusterScalars
            ? String(String.UnicodeScalarView(scalars.prefix(maxClusterScalars))) : (drawn?.text ?? String(ch))
        return body(Grapheme(text: text, width: w, style: .plain))
    }

    /// The sanitised text as a plain string (placeholders inline), for one-line uses.
    public static func clean(_ text: String) -> String {
        // Printable ASCII is drawn as it is.
        if isPrintableASCII(text) { return text }
        var out = ""
        forEachGrapheme(text) { out += $0.text; return true }
        return out
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
