import SceneData

/// How a token fares between the chosen rationale and a negative.
public enum DiffKind: String, Sendable, Hashable {
    /// In both.
    case same
    /// Only in the chosen rationale.
    case removed
    /// Only in the negative.
    case added
}

/// One token of a diffed step, with the whitespace written before it, so that
/// concatenating `leading + text` over a step gives back the step exactly.
public struct DiffToken: Sendable, Hashable {
    /// The token as written.
    public var text: String
    /// Same, removed or added.
    public var kind: DiffKind
    /// The exact whitespace before the token in its own text.
    public var leading: String
    /// A token from its parts.
    public init(text: String, kind: DiffKind, leading: String = "") {
        self.text = text; self.kind = kind; self.leading = leading
    }
    /// True when whitespace precedes the token.
    public var leadingSpace: Bool { !leading.isEmpty }
}

/// A stretch of one side of a diffed step: tokens in a row of one kind, as
/// UTF-8 offsets into the step, from the whitespace before the first token to
/// the end of the last.
public struct DiffRun: Sendable, Hashable {
    /// Byte offsets into `DiffText.text.utf8`.
    public var start: Int, end: Int
    /// Same, removed or added.
    public var kind: DiffKind
    /// True when a word, number or ideograph is among the tokens (not only punctuation).
    public var hasWords: Bool
}

/// One side of a diffed step: the step as written (shared with the item, not
/// copied) and its runs of same, removed or added tokens. A 10 MB step
/// changed in one word is three runs, not two million tokens (issue 14).
public struct DiffText: Sendable, Hashable {
    /// The step as written.
    public let text: String
    /// The runs in order; together they cover the step's tokens (trailing whitespace aside).
    public private(set) var runs: [DiffRun] = []

    init(text: String) { self.text = text }

    /// `text`, every token `kind`.
    init(_ r: TokenRanges, all kind: DiffKind) {
        self.init(text: r.text)
        for i in 0..<r.count { add(r, i, kind) }
    }

    /// Token `i` of `r` (the ranges of `text`) as `kind`, after the tokens added before it.
    mutating func add(_ r: TokenRanges, _ i: Int, _ kind: DiffKind) {
        let words = r.isWordLike(i)
        if let last = runs.last, last.kind == kind {
            runs[runs.count - 1].end = r.end(i)
            runs[runs.count - 1].hasWords = last.hasWords || words
        } else {
            runs.append(DiffRun(start: r.leadingStart(i), end: r.end(i), kind: kind, hasWords: words))
        }
    }

    /// Each run's text as it is shown, with its kind: whitespace before a
    /// token (a line break, a tab, several spaces) is one space, and the
    /// space before a removed or added run is given as `.same` of its own
    /// (a highlight starts at the word).
    public func forEachRun(_ body: (String, DiffKind) -> Void) {
        func emit(_ shown: String, _ kind: DiffKind) {
            if kind != .same, shown.utf8.first == 0x20 {
                body(" ", .same)
                body(String(shown.utf8.dropFirst()) ?? "", kind)
            } else {
                body(shown, kind)
            }
        }
        let table = Tokenizer.asciiClass
        for run in runs {
            let shown: String? = text.utf8.withContiguousStorageIfAvailable { all -> String? in
                let bytes = UnsafeBufferPointer(rebasing: all[run.start..<run.end])
                guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
                var out: [UInt8] = []
                out.reserveCapacity(bytes.count)
                var inSpace = false
                for b in bytes {
                    if table[Int(b)] == .space { inSpace = true; continue }
                    if inSpace { out.append(0x20); inSpace = false }
                    out.append(b)
                }
                return String(decoding: out, as: UTF8.self)
            } ?? nil
            if let shown { emit(shown, run.kind); continue }
            let u = text.utf8
            let lo = u.index(u.startIndex, offsetBy: run.start), hi = u.index(u.startIndex, offsetBy: run.end)
            var out = "", inSpace = false
            for c in text[lo..<hi] {
                if Tokenizer.charClass(c) == .space { inSpace = true; continue }
                if inSpace { out.append(" "); inSpace = false }
                out.append(c)
            }
            emit(out, run.kind)
        }
    }

    /// The side token by token (the step tokenised again): for short texts and tests.
    public var tokens: [DiffToken] {
        let r = Tokenizer.ranges(text)
        var out: [DiffToken] = []
        var k = 0
        for i in 0..<r.count {
            while k + 1 < runs.count, runs[k].end <= r.start(i) { k += 1 }
            let t = r.token(i)
            out.append(DiffToken(text: t.text, kind: runs.isEmpty ? .same : runs[k].kind, leading: t.leading))
        }
        return out
    }

    /// True when every token is the same on both sides.
    public var allSame: Bool { runs.allSatisfy { $0.kind == .same } }
    /// True when no word, number or ideograph differs (punctuation may).
    public var wordsSame: Bool { runs.allSatisfy { $0.kind == .same || !$0.hasWords } }
}

/// A chosen step and the negative step aligned with it; nil on one side is a
/// gap (a removed step has no negative, an added step has no chosen).
public struct StepPair: Sendable, Hashable {
    /// The chosen step (runs `.same` or `.removed`), nil when the negative added this step.
    public var chosen: DiffText?
    /// The negative step (runs `.same` or `.added`), nil when the negative dropped this step.
    public var negative: DiffText?
    /// 0-based index of the chosen step.
    public var chosenIndex: Int?
    /// 0-based index of the negative step.
    public var negativeIndex: Int?

    /// A pair from its parts.
    public init(chosen: DiffText?, negative: DiffText?, chosenIndex: Int? = nil, negativeIndex: Int? = nil) {
        self.chosen = chosen; self.negative = negative; self.chosenIndex = chosenIndex; self.negativeIndex = negativeIndex
    }

    /// True when both sides exist and no word differs (punctuation and case aside).
    public var wordsUnchanged: Bool {
        guard let c = chosen, let n = negative else { return false }
        return c.wordsSame && n.wordsSame
    }

    /// True when both sides exist and no token differs.
    public var isUnchanged: Bool {
        guard let c = chosen, let n = negative else { return false }
        return c.allSame && n.allSame
    }
}

/// The word-level difference between the chosen rationale and one negative.
public struct RationaleDiff: Sendable, Hashable {
    /// Steps aligned in order.
    public var steps: [StepPair]
    /// The answers diffed as one step (empty sides when an answer is missing).
    public var answer: StepPair
    /// True when the answers differ once case, spacing and punctuation are ignored.
    public var answerChanged: Bool

    /// Steps whose word overlap is below this are never paired: the one is a gap, the other extra.
    public static let minStepSimilarity = 0.3
    /// Above this many step pairs, steps are paired by position (bounded work).
    static let maxStepCells = 10_000

    /// Aligns the steps (LCS over steps, scored by word similarity), then diffs
    /// aligned steps word by word (LCS over tokens, case-insensitive).
    public static func compare(chosen: Rationale, negative: Rationale) -> RationaleDiff {
        let a = chosen.steps.map(Tokenizer.ranges), b = negative.steps.map(Tokenizer.ranges)
        var pairs: [LCS.Pair] = []
        if a.count * b.count > maxStepCells {
            pairs = (0..<max(a.count, b.count)).map { LCS.Pair(a: $0 < a.count ? $0 : nil, b: $0 < b.count ? $0 : nil) }
        } else {
            // Each step's word-like tokens, made when a pair of steps is not identical.
            var wa = [TokenRanges.WordIndexes?](repeating: nil, count: a.count), wb = [TokenRanges.WordIndexes?](repeating: nil, count: b.count)
            pairs = LCS.alignment(a.count, b.count) { i, j in
                if a[i].count == b[j].count && (0..<a[i].count).allSatisfy({ a[i].sameKey($0, b[j], $0) }) { return 1 }
                if wa[i] == nil { wa[i] = a[i].wordIndexes() }
                if wb[j] == nil { wb[j] = b[j].wordIndexes() }
                guard let x = wa[i], let y = wb[j] else { return 0 }
                let s = similarity(x.count, y.count) { a[i].sameKey(x[$0], b[j], y[$1]) }
                // Not quite 1, so identical steps are always preferred as anchors.
                return s >= minStepSimilarity ? min(s, 0.999) : 0
            }.pairs
        }
        let steps = pairs.map { p -> StepPair in
            switch (p.a, p.b) {
            case let (i?, j?):
                let (x, y) = words(a[i], b[j])
                return StepPair(chosen: x, negative: y, chosenIndex: i, negativeIndex: j)
            case let (i?, nil):
                return StepPair(chosen: DiffText(a[i], all: .removed), negative: nil, chosenIndex: i)
            case let (nil, j?):
                return StepPair(chosen: nil, negative: DiffText(b[j], all: .added), negativeIndex: j)
            case (nil, nil):
                return StepPair(chosen: nil, negative: nil)
            }
        }
        let (x, y) = words(Tokenizer.ranges(chosen.answer ?? ""), Tokenizer.ranges(negative.answer ?? ""))
        let changed = normalisedAnswer(chosen.answer ?? "") != normalisedAnswer(negative.answer ?? "")
        return RationaleDiff(steps: steps, answer: StepPair(chosen: x, negative: y), answerChanged: changed)
    }

    /// A word diff of two texts as one step each (for a single string pair).
    public static func compare(_ chosen: String, _ negative: String) -> StepPair {
        let (x, y) = words(Tokenizer.ranges(chosen), Tokenizer.ranges(negative))
        return StepPair(chosen: x, negative: y, chosenIndex: 0, negativeIndex: 0)
    }

    /// One text as a step of its own, every token the same (a step with no negative to compare).
    public static func unchanged(_ text: String) -> DiffText {
        DiffText(Tokenizer.ranges(text), all: .same)
    }

    /// True when the rationale's text was touched anywhere (a token or a step differs).
    public var textChanged: Bool { steps.contains { !$0.isUnchanged } }

    /// Dice similarity of two word lists by their LCS: 2·|LCS| / (|a| + |b|),
    /// `same(i, j)` telling whether word `i` of the one is word `j` of the other.
    static func similarity(_ n: Int, _ m: Int, same: (Int, Int) -> Bool) -> Double {
        guard n > 0 || m > 0 else { return 1 }
        let lcs = LCS.alignedCount(n, m) { same($0, $1) ? 1 : 0 }
        return 2 * Double(lcs) / Double(n + m)
    }

    /// The token diff of two texts: each side's runs.
    static func words(_ a: TokenRanges, _ b: TokenRanges) -> (DiffText, DiffText) {
        var x = DiffText(text: a.text), y = DiffText(text: b.text)
        LCS.alignment(a.count, b.count) { a.sameKey($0, b, $1) ? 1 : 0 }.forEach { p in
            switch (p.a, p.b) {
            case let (i?, j?): x.add(a, i, .same); y.add(b, j, .same)
            case let (i?, nil): x.add(a, i, .removed)
            case let (nil, j?): y.add(b, j, .added)
            case (nil, nil): break
            }
        }
        return (x, y)
    }

    /// An answer for comparison: lowercased words, no punctuation, no leading article.
    public static func normalisedAnswer(_ s: String) -> String {
        var w = Tokenizer.words(s)
        if let f = w.first, ["a", "an", "the"].contains(f), w.count > 1 { w.removeFirst() }
        return w.joined(separator: " ")
    }
}
