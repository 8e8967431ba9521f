/// What kind of text a token holds.
public enum TokenKind: Sendable, Hashable {
    /// Letters, with inner hyphens and apostrophes ("well-known", "don't", "café").
    case word
    /// Digits, with inner `.` or `,` between digits ("3.5", "1,000").
    case number
    /// One CJK ideograph or kana character: those scripts use no spaces, so each is a word.
    case ideograph
    /// One punctuation mark, symbol or emoji.
    case symbol
}

/// One token of a text and the whitespace in front of it, so that the text
/// can be rebuilt exactly from its tokens.
public struct Token: Sendable, Hashable {
    /// The token's text, as written.
    public var text: String
    /// Word, number, ideograph or symbol.
    public var kind: TokenKind
    /// The whitespace written just before the token (often "" or " ").
    public var leading: String

    /// A token from its parts.
    public init(text: String, kind: TokenKind, leading: String = "") {
        self.text = text; self.kind = kind; self.leading = leading
    }

    /// True for words, numbers and ideographs: the tokens that carry meaning.
    public var isWordLike: Bool { kind != .symbol }

    /// The token as compared: lowercased.
    public var key: String { text.lowercased() }
}

/// Splits text into words, numbers, ideographs and punctuation, keeping the
/// whitespace so highlighting can reproduce the original text.
public enum Tokenizer {
    /// The tokens of `text`; any trailing whitespace is dropped.
    public static func tokens(_ text: String) -> [Token] {
        let chars = Array(text)
        var out: [Token] = []
        var leading = ""
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == " " || c.isWhitespace { leading.append(c); i += 1; continue }
            if isIdeograph(c) {
                out.append(Token(text: String(c), kind: .ideograph, leading: leading))
                leading = ""; i += 1; continue
            }
            if isWordChar(c) {
                var j = i + 1
                var sawLetter = !isDigit(c)
                while j < chars.count {
                    let d = chars[j]
                    if isWordChar(d) && !isIdeograph(d) {
                        sawLetter = sawLetter || !isDigit(d)
                        j += 1
                        continue
                    }
                    // A joiner stays inside the token only between two word characters:
                    // "3.5", "1,000", "well-known", "don't"; "cube." and "a, b" split.
                    if j + 1 < chars.count, isJoiner(d), isWordChar(chars[j + 1]), !isIdeograph(chars[j + 1]) {
                        let prev = chars[j - 1], next = chars[j + 1]
                        let numeric = (d == "." || d == ",") && isDigit(prev) && isDigit(next)
                        let wordy = (d == "-" || d == "'" || d == "\u{2019}") && isWordChar(prev)
                        if numeric || wordy { j += 2; continue }
                    }
                    break
                }
                let piece = String(chars[i..<j])
                out.append(Token(text: piece, kind: sawLetter ? .word : .number, leading: leading))
                leading = ""; i = j; continue
            }
            out.append(Token(text: String(c), kind: .symbol, leading: leading))
            leading = ""; i += 1
        }
        return out
    }

    /// The lowercased word-like tokens of `text`, punctuation dropped.
    public static func words(_ text: String) -> [String] {
        tokens(text).filter(\.isWordLike).map(\.key)
    }

    static func isWordChar(_ c: Character) -> Bool {
        // Most text is ASCII; Unicode property look-ups are slow.
        if let a = c.asciiValue { return (a >= 0x30 && a <= 0x39) || ((a | 0x20) >= 0x61 && (a | 0x20) <= 0x7A) }
        guard c.isLetter || c.isNumber else { return false }
        // Emoji such as keycaps ("1️⃣") contain digits but are symbols.
        return !c.unicodeScalars.contains { $0.value == 0x20E3 || $0.value == 0xFE0F || $0.properties.isEmojiPresentation }
    }

    /// A digit of any script (word characters are letters or digits).
    static func isDigit(_ c: Character) -> Bool {
        if let a = c.asciiValue { return a >= 0x30 && a <= 0x39 }
        return c.isNumber && !c.isLetter
    }

    static func isJoiner(_ c: Character) -> Bool {
        c == "." || c == "," || c == "-" || c == "'" || c == "\u{2019}"
    }

    /// Han ideographs, kana and CJK compatibility characters: one token each.
    static func isIdeograph(_ c: Character) -> Bool {
        if c.isASCII { return false }
        guard let s = c.unicodeScalars.first else { return false }
        if s.properties.isIdeographic { return true }
        switch s.value {
        case 0x3040...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF9F: return true
        default: return false
        }
    }
}
