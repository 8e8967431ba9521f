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
///
/// Every lint, diff and mention check tokenises the same rationales, so this
/// is the analysis hot path: ASCII text (nearly all of it) is scanned byte by
/// byte through a class table; other text by Characters. Both feed the same
/// scanner, so the rules below are written once.
public enum Tokenizer {
    /// The tokens of `text`; any trailing whitespace is dropped.
    public static func tokens(_ text: String) -> [Token] {
        if let ascii = asciiTokens(text, wordsOnly: false) { return ascii.tokens }
        return characterTokens(text)
    }

    /// `tokens` for any text, by Characters (the ASCII path must agree with it).
    static func characterTokens(_ text: String) -> [Token] {
        let chars = Array(text)
        let classes = chars.map { c in c.asciiValue.map { asciiClass[Int($0)] } ?? charClass(c) }
        var out: [Token] = []
        scan(classes) { range, kind, leading in
            out.append(Token(text: String(chars[range]), kind: kind, leading: String(chars[leading])))
        }
        return out
    }

    /// The lowercased word-like tokens of `text`, punctuation dropped.
    public static func words(_ text: String) -> [String] {
        if let ascii = asciiTokens(text, wordsOnly: true) { return ascii.words }
        return tokens(text).filter(\.isWordLike).map(\.key)
    }

    /// What the scanner needs to know of one character.
    enum CharClass: UInt8 {
        case space, ideograph, letter, digit
        /// `.` and `,`: inside a token only between two digits ("3.5", "1,000").
        case numberJoiner
        /// `-`, `'` and `’`: inside a token between two word characters ("well-known", "don't").
        case wordJoiner
        case symbol

        var isWordChar: Bool { self == .letter || self == .digit }
    }

    /// The scanning rules, over character classes: calls `emit` with the
    /// token's range, its kind and the range of whitespace before it.
    @inline(__always)
    static func scan(_ cls: [CharClass], _ emit: (Range<Int>, TokenKind, Range<Int>) -> Void) {
        var spaceStart = 0
        var i = 0
        let n = cls.count
        while i < n {
            let c = cls[i]
            if c == .space { i += 1; continue }
            let leading = spaceStart..<i
            if c == .ideograph {
                emit(i..<(i + 1), .ideograph, leading)
                i += 1; spaceStart = i; continue
            }
            if c.isWordChar {
                var j = i + 1
                var sawLetter = c == .letter
                while j < n {
                    let d = cls[j]
                    if d.isWordChar {
                        sawLetter = sawLetter || d == .letter
                        j += 1
                        continue
                    }
                    // A joiner stays inside the token only between two word characters:
                    // "3.5", "1,000", "well-known", "don't"; "cube." and "a, b" split.
                    if j + 1 < n, cls[j + 1].isWordChar {
                        if d == .wordJoiner || (d == .numberJoiner && cls[j - 1] == .digit && cls[j + 1] == .digit) {
                            j += 2; continue
                        }
                    }
                    break
                }
                emit(i..<j, sawLetter ? .word : .number, leading)
                i = j; spaceStart = i; continue
            }
            emit(i..<(i + 1), .symbol, leading)
            i += 1; spaceStart = i
        }
    }

    /// The class of a Character (any script): the one definition of
    /// character kinds; the ASCII table below is made from it.
    static func charClass(_ c: Character) -> CharClass {
        if c.isWhitespace { return .space }
        if c == "." || c == "," { return .numberJoiner }
        if c == "-" || c == "'" || c == "\u{2019}" { return .wordJoiner }
        if isIdeograph(c) { return .ideograph }
        guard isWordChar(c) else { return .symbol }
        return isDigit(c) ? .digit : .letter
    }

    /// `charClass` of the 128 ASCII bytes, for the byte-wise scanner.
    static let asciiClass: [CharClass] = (0..<128).map { charClass(Character(Unicode.Scalar(UInt8($0)))) }

    /// Tokens (or lowercased words) of an all-ASCII `text` without building
    /// Characters; nil when the text has a non-ASCII byte.
    static func asciiTokens(_ text: String, wordsOnly: Bool) -> (tokens: [Token], words: [String])? {
        guard text.isContiguousUTF8 else {
            var copy = text
            copy.makeContiguousUTF8()
            return copy.isContiguousUTF8 ? asciiTokens(copy, wordsOnly: wordsOnly) : nil
        }
        let result = text.utf8.withContiguousStorageIfAvailable { bytes -> (tokens: [Token], words: [String])? in
            var classes = [CharClass](repeating: .space, count: bytes.count)
            for (k, b) in bytes.enumerated() {
                guard b < 0x80 else { return nil }
                classes[k] = asciiClass[Int(b)]
            }
            func string(_ r: Range<Int>, lower: Bool) -> String {
                guard lower else { return String(decoding: UnsafeBufferPointer(rebasing: bytes[r]), as: UTF8.self) }
                return String(unsafeUninitializedCapacity: r.count) { out in
                    for (k, b) in bytes[r].enumerated() { out[k] = (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b }
                    return r.count
                }
            }
            var tokens: [Token] = []
            var words: [String] = []
            scan(classes) { range, kind, leading in
                if wordsOnly {
                    if kind != .symbol { words.append(string(range, lower: true)) }
                } else {
                    tokens.append(Token(text: string(range, lower: false), kind: kind,
                                        leading: leading.isEmpty ? "" : string(leading, lower: false)))
                }
            }
            return (tokens, words)
        }
        return result ?? nil
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
