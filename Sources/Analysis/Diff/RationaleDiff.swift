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

/// A chosen step and the negative step aligned with it; nil on one side is a
/// gap (a removed step has no negative, an added step has no chosen).
public struct StepPair: Sendable, Hashable {
    /// The chosen step's tokens (`.same` or `.removed`), nil when the negative added this step.
    public var chosen: [DiffToken]?
    /// The negative step's tokens (`.same` or `.added`), nil when the negative dropped this step.
    public var negative: [DiffToken]?
    /// 0-based index of the chosen step.
    public var chosenIndex: Int?
    /// 0-based index of the negative step.
    public var negativeIndex: Int?

    /// A pair from its parts.
    public init(chosen: [DiffToken]?, negative: [DiffToken]?, chosenIndex: Int? = nil, negativeIndex: Int? = nil) {
        self.chosen = chosen; self.negative = negative; self.chosenIndex = chosenIndex; self.negativeIndex = negativeIndex
    }

    /// True when both sides exist and no word differs (punctuation and case aside).
    public var wordsUnchanged: Bool {
        guard let c = chosen, let n = negative else { return false }
        func wordsSame(_ ts: [DiffToken]) -> Bool {
            ts.allSatisfy { $0.kind == .same || !($0.text.first.map { Tokenizer.isWordChar($0) || Tokenizer.isIdeograph($0) } ?? false) }
        }
        return wordsSame(c) && wordsSame(n)
    }

    /// True when both sides exist and no token differs.
    public var isUnchanged: Bool {
        guard let c = chosen, let n = negative else { return false }
        return c.allSatisfy { $0.kind == .same } && n.allSatisfy { $0.kind == .same }
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
        let a = chosen.steps.map(Tokenizer.tokens), b = negative.steps.map(Tokenizer.tokens)
        let pairs: [LCS.Pair]
        if a.count * b.count > maxStepCells {
            pairs = (0..<max(a.count, b.count)).map { LCS.Pair(a: $0 < a.count ? $0 : nil, b: $0 < b.count ? $0 : nil) }
        } else {
            let wa = a.map { $0.filter(\.isWordLike).map(\.key) }, wb = b.map { $0.filter(\.isWordLike).map(\.key) }
            pairs = LCS.align(Array(a.indices), Array(b.indices)) { i, j in
                if a[i].count == b[j].count && zip(a[i], b[j]).allSatisfy({ $0.key == $1.key }) { return 1 }
                let s = similarity(wa[i], wb[j])
                // Not quite 1, so identical steps are always preferred as anchors.
                return s >= minStepSimilarity ? min(s, 0.999) : 0
            }
        }
        let steps = pairs.map { p -> StepPair in
            switch (p.a, p.b) {
            case let (i?, j?):
                let (x, y) = words(a[i], b[j])
                return StepPair(chosen: x, negative: y, chosenIndex: i, negativeIndex: j)
            case let (i?, nil):
                return StepPair(chosen: a[i].map { DiffToken(text: $0.text, kind: .removed, leading: $0.leading) }, negative: nil, chosenIndex: i)
            case let (nil, j?):
                return StepPair(chosen: nil, negative: b[j].map { DiffToken(text: $0.text, kind: .added, leading: $0.leading) }, negativeIndex: j)
            case (nil, nil):
                return StepPair(chosen: nil, negative: nil)
            }
        }
        let (x, y) = words(Tokenizer.tokens(chosen.answer ?? ""), Tokenizer.tokens(negative.answer ?? ""))
        let changed = normalisedAnswer(chosen.answer ?? "") != normalisedAnswer(negative.answer ?? "")
        return RationaleDiff(steps: steps, answer: StepPair(chosen: x, negative: y), answerChanged: changed)
    }

    /// A word diff of two texts as one step each (for a single string pair).
    public static func compare(_ chosen: String, _ negative: String) -> StepPair {
        let (x, y) = words(Tokenizer.tokens(chosen), Tokenizer.tokens(negative))
        return StepPair(chosen: x, negative: y, chosenIndex: 0, negativeIndex: 0)
    }

    /// True when the rationale's text was touched anywhere (a token or a step differs).
    public var textChanged: Bool { steps.contains { !$0.isUnchanged } }

    /// Dice similarity of two word lists by their LCS: 2·|LCS| / (|a| + |b|).
    static func similarity(_ a: [String], _ b: [String]) -> Double {
        guard !a.isEmpty || !b.isEmpty else { return 1 }
        let lcs = LCS.alignedCount(a, b) { $0 == $1 ? 1 : 0 }
        return 2 * Double(lcs) / Double(a.count + b.count)
    }

    static func words(_ a: [Token], _ b: [Token]) -> ([DiffToken], [DiffToken]) {
        var x: [DiffToken] = [], y: [DiffToken] = []
        for p in LCS.align(a, b, score: { $0.key == $1.key ? 1 : 0 }) {
            switch (p.a, p.b) {
            case let (i?, j?):
                x.append(DiffToken(text: a[i].text, kind: .same, leading: a[i].leading))
                y.append(DiffToken(text: b[j].text, kind: .same, leading: b[j].leading))
            case let (i?, nil): x.append(DiffToken(text: a[i].text, kind: .removed, leading: a[i].leading))
            case let (nil, j?): y.append(DiffToken(text: b[j].text, kind: .added, leading: b[j].leading))
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
