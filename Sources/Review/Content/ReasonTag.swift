/// Why a negative was rejected (or accepted with a remark). A fixed, documented
/// set that tools can count on, plus free tags written as the annotator likes.
public struct ReasonTag: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The normalised tag text (lower case, words joined by `-`).
    public let rawValue: String

    /// A tag from text, normalised; nil for text that is empty once trimmed.
    public init?(rawValue: String) {
        let n = Self.normalize(rawValue)
        guard !n.isEmpty else { return nil }
        self.rawValue = n
    }

    private init(known: String) { rawValue = known }

    /// The negative could not be true of any image like this one.
    public static let implausible = ReasonTag(known: "implausible")
    /// Wrong in an obvious way: no useful contrast with the chosen rationale.
    public static let notHard = ReasonTag(known: "not-hard")
    /// The change does not match the operator the dataset names.
    public static let wrongOperator = ReasonTag(known: "wrong-operator")
    /// The text gives itself away (states the correct answer, or says it is wrong).
    public static let answerLeak = ReasonTag(known: "answer-leak")
    /// Truncated, garbled or repeated text, markup or encoding debris.
    public static let brokenText = ReasonTag(known: "broken-text")
    /// Grammar errors that a model could learn to spot instead of the reasoning error.
    public static let ungrammatical = ReasonTag(known: "ungrammatical")
    /// The negative is in fact correct for the image: not a negative at all.
    public static let actuallyCorrect = ReasonTag(known: "actually-correct")
    /// Same text as another negative of the item, or as the chosen rationale.
    public static let duplicate = ReasonTag(known: "duplicate")

    /// The documented set, in the order help screens list it.
    public static let known: [ReasonTag] = [.implausible, .notHard, .wrongOperator, .answerLeak,
                                             .brokenText, .ungrammatical, .actuallyCorrect, .duplicate]

    /// True for a tag of the documented set.
    public var isKnown: Bool { Self.known.contains(self) }

    /// One line saying what the tag means (free tags: "free tag").
    public var meaning: String {
        switch rawValue {
        case "implausible": "could not be true of any image like this one"
        case "not-hard": "obviously wrong: no useful contrast with the chosen rationale"
        case "wrong-operator": "the change does not match the named operator"
        case "answer-leak": "gives itself away (states the right answer or admits the error)"
        case "broken-text": "truncated, garbled or repeated text"
        case "ungrammatical": "grammar errors a model could learn instead of the reasoning error"
        case "actually-correct": "correct for the image: not a negative"
        case "duplicate": "same text as another negative or the chosen rationale"
        default: "free tag"
        }
    }

    /// The tag text.
    public var description: String { rawValue }

    /// Trims, lower-cases and joins words with `-`, so `Not hard` and `not-hard` are one tag.
    public static func normalize(_ text: String) -> String {
        let words = text.lowercased().split(whereSeparator: { $0.isWhitespace || $0 == "_" || $0 == "-" })
        return words.joined(separator: "-")
    }

    /// Normalises each tag, drops empty ones and repeats, keeps the first-given order.
    public static func normalize(_ tags: [String]) -> [String] {
        var seen = Set<String>()
        var out: [String] = []
        for t in tags {
            let n = normalize(t)
            if !n.isEmpty && seen.insert(n).inserted { out.append(n) }
        }
        return out
    }
}
