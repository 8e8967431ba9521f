import Testing
@testable import Analysis

@Suite struct TokenizerTests {
    func texts(_ s: String) -> [String] { Tokenizer.tokens(s).map(\.text) }

    @Test func punctuationIsSeparate() {
        #expect(texts("The cube, then the sphere.") == ["The", "cube", ",", "then", "the", "sphere", "."])
        #expect(texts("(left)!?") == ["(", "left", ")", "!", "?"])
    }

    @Test func numbersStayWhole() {
        #expect(texts("It is 3.5 cm, about 1,000 px.") == ["It", "is", "3.5", "cm", ",", "about", "1,000", "px", "."])
        #expect(Tokenizer.tokens("1,000").first?.kind == .number)
        // A comma followed by a space separates numbers rather than joining them.
        #expect(texts("1, 2") == ["1", ",", "2"])
        #expect(texts("step 3.") == ["step", "3", "."])
    }

    @Test func hyphensAndContractionsStayWhole() {
        #expect(texts("A well-known cube isn't red.") == ["A", "well-known", "cube", "isn't", "red", "."])
        #expect(texts("the cube’s top") == ["the", "cube’s", "top"])
        #expect(texts("a - b") == ["a", "-", "b"])
        #expect(texts("3-story") == ["3-story"])
    }

    @Test func nonASCIILettersAndCJK() {
        #expect(texts("Le café à côté.") == ["Le", "café", "à", "côté", "."])
        #expect(texts("Кот слева") == ["Кот", "слева"])
        #expect(texts("红色的立方体") == ["红", "色", "的", "立", "方", "体"])
        #expect(texts("cube在左边") == ["cube", "在", "左", "边"])
        #expect(Tokenizer.tokens("猫").first?.kind == .ideograph)
    }

    @Test func emojiAreSymbols() {
        let tokens = Tokenizer.tokens("a 🐱 cat 👨‍👩‍👧 1️⃣")
        #expect(tokens.map(\.text) == ["a", "🐱", "cat", "👨‍👩‍👧", "1️⃣"])
        #expect(tokens.map(\.kind) == [.word, .symbol, .word, .symbol, .symbol])
    }

    @Test func spacingIsKeptSoTextRebuilds() {
        let s = "Two  spaces,\ta tab\nand a line."
        #expect(Tokenizer.tokens(s).map { $0.leading + $0.text }.joined() == s)
    }

    @Test func wordsAreLowercasedWithoutPunctuation() {
        #expect(Tokenizer.words("The Cube, RED!") == ["the", "cube", "red"])
    }
}

@Suite struct TokenizerFastPathTests {
    /// The byte-wise ASCII scanner must split every text exactly as the
    /// Character scanner does, or highlights and lints would change with speed.
    @Test func asciiPathAgreesWithCharacterPath() {
        let alphabet = Array("ab Z9 0.,-'!?()\t\r\n\":;x1")
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            let length = Int.random(in: 0...24, using: &rng)
            let text = String((0..<length).map { _ in alphabet.randomElement(using: &rng) ?? " " })
            let fast = Tokenizer.tokens(text)
            let slow = Tokenizer.characterTokens(text)
            #expect(fast == slow, "\(text.debugDescription)")
            #expect(Tokenizer.words(text) == slow.filter(\.isWordLike).map(\.key), "\(text.debugDescription)")
        }
    }

    @Test func crlfIsOneWhitespaceRun() {
        let tokens = Tokenizer.tokens("cube.\r\nThen")
        #expect(tokens.map(\.text) == ["cube", ".", "Then"])
        #expect(tokens.last?.leading == "\r\n")
    }
}

/// Issue 14: tokens are ranges into the text, not copies of it.
@Suite struct TokenRangesTests {
    /// Any script: the ranges give back the same tokens as the Character
    /// scanner, and comparing two tokens in place agrees with their keys.
    @Test func rangesAgreeWithTheCharacterScannerAndKeysInAnyScript() {
        let alphabet = ["a", "B", " ", "\t", "\r\n", ".", ",", "-", "'", "’", "9", "é", "É", "e\u{301}", "猫", "👨‍👩‍👧", "1️⃣", "Straße", "İ", "ß", "!"]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<1500 {
            let text = (0..<Int.random(in: 0...16, using: &rng)).map { _ in alphabet.randomElement(using: &rng) ?? " " }.joined()
            let r = Tokenizer.ranges(text)
            #expect((0..<r.count).map(r.token) == Tokenizer.characterTokens(text), "\(text.debugDescription)")
            let other = Tokenizer.ranges(text.uppercased())
            for i in 0..<r.count { for j in 0..<other.count {
                #expect(r.sameKey(i, other, j) == (r.key(i) == other.key(j)), "\(text.debugDescription) \(i) \(j)")
            } }
        }
    }

    /// A run of letters longer than one range holds continues in a next token
    /// with no whitespace before it: the text still rebuilds exactly.
    @Test func anOverlongWordIsSplitWithoutLosingAByte() {
        let word = String(repeating: "a", count: TokenRanges.maxLength + 10)
        let r = Tokenizer.ranges("x " + word + " y")
        #expect(r.count == 4)
        #expect(!r.hasLeading(2) && r.end(2) - r.start(2) == 10)
        #expect((0..<r.count).map(r.token).map { $0.leading + $0.text }.joined() == "x " + word + " y")
    }

    /// A long step (over 64 KiB: counted before it is stored): the same
    /// tokens as the character scanner, and
    /// the word positions and word list the diff and the lints use agree with
    /// filtering token by token, with punctuation and without.
    @Test func aLongStepHasTheSameTokensWordsAndWordPositions() {
        var rng = SystemRandomNumberGenerator()
        let words = ["the", "Cube", "left", "of", "3.5", "well-known", "don't", "a"]
        for punctuated in [false, true] {
            var parts: [String] = []
            for k in 0..<15_000 { parts.append((words.randomElement(using: &rng) ?? "a") + (punctuated && k % 7 == 0 ? "," : "")) }
            let text = parts.joined(separator: " ")
            let r = Tokenizer.ranges(text)
            #expect((0..<r.count).map(r.token) == Tokenizer.characterTokens(text))
            let positions = r.wordIndexes(), filtered = (0..<r.count).filter(r.isWordLike)
            #expect(positions.count == filtered.count)
            #expect((0..<positions.count).map { positions[$0] } == filtered)
            #expect(Array(Tokenizer.wordList(text)) == filtered.map(r.key))
        }
    }

    @Test func wordListsAreTheWords() {
        let text = "The Cube, RED! 3.5 猫"
        #expect(Array(Tokenizer.wordList(text)) == Tokenizer.words(text))
        #expect(Tokenizer.words(text) == ["the", "cube", "red", "3.5", "猫"])
        let joined = JoinedWords([Tokenizer.wordList("a b"), Tokenizer.wordList(""), Tokenizer.wordList("c. D")])
        #expect(Array(joined) == ["a", "b", "c", "d"])
    }
}
