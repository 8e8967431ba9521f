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

/// The tokens of a text as offsets into its UTF-8, not copies of it: one
/// 8-byte value a token (start, length, kind), the text shared with the
/// caller. A long step is diffed and linted in a small multiple of its own
/// size this way (issue 14); `Token`s with their own strings are made only
/// for short texts, or one at a time.
public struct TokenRanges: Sendable {
    /// The text, contiguous UTF-8.
    public let text: String
    /// start (bits 0-39), length (40-61), kind (62-63) of each token.
    private var packed: [UInt64]

    /// Longest token held as one; a longer run of word characters (megabytes
    /// without a space) continues in a next token with no whitespace before it.
    static let maxLength = (1 << 22) - 1

    init(text: String, packed: [UInt64]) { self.text = text; self.packed = packed }

    /// How many tokens.
    public var count: Int { packed.count }
    /// True when there are none.
    public var isEmpty: Bool { packed.isEmpty }
    /// Only the word-like tokens (`leadingStart` then means nothing).
    func wordsOnly() -> TokenRanges {
        // Counted first and made at its size: a long step's words are 8 bytes
        // each, not up to twice that while an array grows (issue 14).
        let symbol = Self.code(.symbol)
        let n = packed.reduce(0) { $0 + ($1 >> 62 != symbol ? 1 : 0) }
        if n == packed.count { return self }
        var words: [UInt64] = []
        words.reserveCapacity(n)
        for p in packed where p >> 62 != symbol { words.append(p) }
        return TokenRanges(text: text, packed: words)
    }

    /// The positions of the word-like tokens (`isWordLike`), in order.
    struct WordIndexes {
        /// How many.
        let count: Int
        /// The positions; nil when every token is word-like (position k is token k).
        private let list: [Int]?
        subscript(k: Int) -> Int { list?[k] ?? k }
        init(count: Int, list: [Int]?) { self.count = count; self.list = list }
    }

    /// The positions of the word-like tokens: none stored when every token is
    /// one, else an array made at its size (a long step is diffed in a small
    /// multiple of its size, issue 14).
    func wordIndexes() -> WordIndexes {
        let symbol = Self.code(.symbol)
        let n = packed.reduce(0) { $0 + ($1 >> 62 != symbol ? 1 : 0) }
        if n == packed.count { return WordIndexes(count: n, list: nil) }
        var list: [Int] = []
        list.reserveCapacity(n)
        for (i, p) in packed.enumerated() where p >> 62 != symbol { list.append(i) }
        return WordIndexes(count: n, list: list)
    }

    /// Byte offset of token `i` in `text.utf8`.
    public func start(_ i: Int) -> Int { Int(packed[i] & 0xFF_FFFF_FFFF) }
    /// Byte offset just past token `i`.
    public func end(_ i: Int) -> Int { start(i) + Int((packed[i] >> 40) & 0x3F_FFFF) }
    /// Where the whitespace before token `i` starts (the end of the token before it).
    public func leadingStart(_ i: Int) -> Int { i == 0 ? 0 : end(i - 1) }
    /// The kind of token `i`.
    public func kind(_ i: Int) -> TokenKind { Self.kinds[Int(packed[i] >> 62)] }
    /// True for words, numbers and ideographs.
    public func isWordLike(_ i: Int) -> Bool { kind(i) != .symbol }
    /// True when whitespace precedes token `i`.
    public func hasLeading(_ i: Int) -> Bool { leadingStart(i) < start(i) }

    static let kinds: [TokenKind] = [.word, .number, .ideograph, .symbol]
    static func code(_ k: TokenKind) -> UInt64 {
        switch k { case .word: 0; case .number: 1; case .ideograph: 2; case .symbol: 3 }
    }
    static func pack(_ start: Int, _ length: Int, _ kind: TokenKind) -> UInt64 {
        UInt64(start) | UInt64(length) << 40 | code(kind) << 62
    }

    /// Bytes `lo..<hi` of the text as a string.
    public func slice(_ lo: Int, _ hi: Int) -> String {
        text.utf8.withContiguousStorageIfAvailable { String(decoding: UnsafeBufferPointer(rebasing: $0[lo..<hi]), as: UTF8.self) }
            ?? String(decoding: Array(text.utf8)[lo..<hi], as: UTF8.self)
    }
    /// Token `i` as written.
    public func text(_ i: Int) -> String { slice(start(i), end(i)) }
    /// Token `i` as a `Token` (its text and whitespace copied).
    public func token(_ i: Int) -> Token {
        Token(text: text(i), kind: kind(i), leading: hasLeading(i) ? slice(leadingStart(i), start(i)) : "")
    }
    /// Token `i` as compared: lowercased.
    public func key(_ i: Int) -> String { Tokenizer.lowercased(text(i)) }

    /// True when token `i` here and token `j` of `other` compare equal
    /// (`key(i) == other.key(j)`), without making strings for ASCII tokens.
    public func sameKey(_ i: Int, _ other: TokenRanges, _ j: Int) -> Bool {
        let (a0, a1, b0, b1) = (start(i), end(i), other.start(j), other.end(j))
        let ascii: Bool?? = text.utf8.withContiguousStorageIfAvailable { x in
            other.text.utf8.withContiguousStorageIfAvailable { y -> Bool? in
                var sawNonASCII = false
                if a1 - a0 == b1 - b0 {
                    for k in 0..<(a1 - a0) {
                        let p = x[a0 + k], q = y[b0 + k]
                        if p >= 0x80 || q >= 0x80 { sawNonASCII = true; break }
                        if p != q, Tokenizer.lowerASCII(p) != Tokenizer.lowerASCII(q) { return false }
                    }
                    if !sawNonASCII { return true }
                } else {
                    sawNonASCII = x[a0..<a1].contains { $0 >= 0x80 } || y[b0..<b1].contains { $0 >= 0x80 }
                    if !sawNonASCII { return false }
                }
                return nil
            } ?? nil
        }
        if let ascii = ascii ?? nil { return ascii }
        return key(i) == other.key(j)
    }
}

/// The lowercased word-like tokens of a text (punctuation dropped) as ranges
/// into it, 8 bytes a word: what `Tokenizer.words` gives, made a word at a
/// time when read, for texts kept while an item is linted (issue 14).
public struct WordList: RandomAccessCollection, Sendable {
    let ranges: TokenRanges
    public var startIndex: Int { 0 }
    public var endIndex: Int { ranges.count }
    public subscript(i: Int) -> String { ranges.key(i) }
}

/// Several word lists read as one (a rationale's steps, however it splits its text).
public struct JoinedWords: RandomAccessCollection, Sendable {
    let lists: [WordList]
    /// Where each list starts in the whole.
    let starts: [Int]
    public let endIndex: Int
    public var startIndex: Int { 0 }

    public init(_ lists: [WordList]) {
        self.lists = lists
        var starts: [Int] = [], n = 0
        for l in lists { starts.append(n); n += l.count }
        self.starts = starts
        endIndex = n
    }

    public subscript(i: Int) -> String {
        // The last list starting at or before i (lists may be empty).
        var lo = 0, hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= i { lo = mid } else { hi = mid - 1 }
        }
        return lists[lo][i - starts[lo]]
    }
}

/// Splits text into words, numbers, ideographs and punctuation, keeping the
/// whitespace so highlighting can reproduce the original text.
///
/// Every lint, diff and mention check tokenises the same rationales, so this
/// is the analysis hot path: ASCII text (nearly all of it) is scanned byte by
/// byte through a class table, in place; other text by Characters. Both feed
/// the same scanner, so the rules below are written once.
public enum Tokenizer {
    /// The tokens of `text`; any trailing whitespace is dropped.
    public static func tokens(_ text: String) -> [Token] {
        let r = ranges(text)
        return (0..<r.count).map(r.token)
    }

    /// The tokens of `text` as ranges into it (see `TokenRanges`).
    public static func ranges(_ text: String) -> TokenRanges {
        var text = text
        text.makeContiguousUTF8()
        var packed: [UInt64] = []
        let table = asciiClass
        let isASCII = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return false }
            // Counted first and made at its size: 8 bytes a token, never the
            // old and the doubled array at once while it grows (issue 14).
            if bytes.count > 1 << 16 {
                var n = 0
                scan(count: bytes.count, { table[Int(bytes[$0])] }) { range, _, _ in
                    n += (range.count + TokenRanges.maxLength - 1) / TokenRanges.maxLength
                }
                packed.reserveCapacity(n)
            }
            scan(count: bytes.count, { table[Int(bytes[$0])] }) { range, kind, _ in
                append(&packed, range.lowerBound, range.upperBound, kind)
            }
            return true
        } ?? false
        if !isASCII {
            packed = []
            // Characters, each with its class and where its bytes start.
            var classes: [CharClass] = [], offsets: [Int] = []
            var at = 0
            for c in text {
                classes.append(c.asciiValue.map { table[Int($0)] } ?? charClass(c))
                offsets.append(at)
                at += c.utf8.count
            }
            offsets.append(at)
            _ = text.utf8.withContiguousStorageIfAvailable { bytes in
                scan(count: classes.count, { classes[$0] }) { range, kind, _ in
                    // A piece of an overlong token ends where a UTF-8 sequence starts.
                    append(&packed, offsets[range.lowerBound], offsets[range.upperBound], kind) { bytes[$0] & 0xC0 != 0x80 }
                }
            }
        }
        return TokenRanges(text: text, packed: packed)
    }

    /// One token, split in pieces of at most `TokenRanges.maxLength` bytes.
    private static func append(_ packed: inout [UInt64], _ start: Int, _ end: Int, _ kind: TokenKind,
                               canSplit: (Int) -> Bool = { _ in true }) {
        var s = start
        repeat {
            var n = min(end - s, TokenRanges.maxLength)
            while s + n < end, n > 1, !canSplit(s + n) { n -= 1 }
            packed.append(TokenRanges.pack(s, n, kind))
            s += n
        } while s < end
    }

    /// `tokens` for any text, by Characters (the ASCII path must agree with it).
    static func characterTokens(_ text: String) -> [Token] {
        let chars = Array(text)
        let classes = chars.map { c in c.asciiValue.map { asciiClass[Int($0)] } ?? charClass(c) }
        var out: [Token] = []
        scan(count: classes.count, { classes[$0] }) { range, kind, leading in
            out.append(Token(text: String(chars[range]), kind: kind, leading: String(chars[leading])))
        }
        return out
    }

    /// The lowercased word-like tokens of `text`, punctuation dropped.
    public static func words(_ text: String) -> [String] {
        Array(wordList(text))
    }

    /// `words`, as ranges into the text (8 bytes a word, not a string each).
    public static func wordList(_ text: String) -> WordList {
        WordList(ranges: ranges(text).wordsOnly())
    }

    /// `s.lowercased()`, without Unicode tables for ASCII.
    static func lowercased(_ s: String) -> String {
        guard s.utf8.allSatisfy({ $0 < 0x80 }) else { return s.lowercased() }
        guard s.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return s }
        return String(decoding: s.utf8.map(lowerASCII), as: UTF8.self)
    }

    @inline(__always) static func lowerASCII(_ b: UInt8) -> UInt8 { (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b }

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

    /// The scanning rules, over the classes of `n` characters (`cls(i)`):
    /// calls `emit` with the token's range, its kind and the range of
    /// whitespace before it.
    @inline(__always)
    static func scan(count n: Int, _ cls: (Int) -> CharClass, _ emit: (Range<Int>, TokenKind, Range<Int>) -> Void) {
        var spaceStart = 0
        var i = 0
        while i < n {
            let c = cls(i)
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
                    let d = cls(j)
                    if d.isWordChar {
                        sawLetter = sawLetter || d == .letter
                        j += 1
                        continue
                    }
                    // A joiner stays inside the token only between two word characters:
                    // "3.5", "1,000", "well-known", "don't"; "cube." and "a, b" split.
                    if j + 1 < n, cls(j + 1).isWordChar {
                        if d == .wordJoiner || (d == .numberJoiner && cls(j - 1) == .digit && cls(j + 1) == .digit) {
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
