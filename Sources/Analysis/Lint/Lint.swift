import SceneData

/// A lint's stable name, severity and one-line explanation.
public struct LintInfo: Sendable, Hashable {
    /// Stable; used by `--only`, JSON output and the inspector's filter.
    public var name: String
    /// How bad a finding of this lint is.
    public var severity: Severity
    /// One line saying what the lint checks.
    public var explanation: String
}

/// The catalogue of lints.
public enum Lint {
    /// `identical`.
    public static let identical = LintInfo(name: "identical", severity: .error,
        explanation: "the negative's text equals the chosen text, or differs only in case, spacing and punctuation")
    /// `overlap-out-of-range`.
    public static let overlapOutOfRange = LintInfo(name: "overlap-out-of-range", severity: .warning,
        explanation: "graph overlap J(SG-, SG+) lies outside the kept range (default [0.3, 0.7])")
    /// `operator-mismatch`.
    public static let operatorMismatch = LintInfo(name: "operator-mismatch", severity: .error,
        explanation: "the structural difference does not show what the operator says (a swap with no swapped relation...)")
    /// `untouched-text`.
    public static let untouchedText = LintInfo(name: "untouched-text", severity: .warning,
        explanation: "the graph changed but the step that mentions the perturbed element is unchanged")
    /// `same-answer`.
    public static let sameAnswer = LintInfo(name: "same-answer", severity: .warning,
        explanation: "the negative reaches the chosen answer (sometimes wanted)")
    /// `evidence-leak`.
    public static let evidenceLeak = LintInfo(name: "evidence-leak", severity: .error,
        explanation: "the evidence text states the answer, which VEPA-style evidence must not do")
    /// `unknown-entity`.
    public static let unknownEntity = LintInfo(name: "unknown-entity", severity: .warning,
        explanation: "the negative names an object that is in neither graph and that no edit explains")
    /// `attention-off-target`.
    public static let attentionOffTarget = LintInfo(name: "attention-off-target", severity: .warning,
        explanation: "less than the threshold share of an attention map's mass lies inside the critical elements' boxes")
    /// `attention-unmoved`.
    public static let attentionUnmoved = LintInfo(name: "attention-unmoved", severity: .warning,
        explanation: "an attention map barely moves on a counterfactual image, where the visual evidence was removed")
    /// `overlap`.
    public static let overlap = LintInfo(name: "overlap", severity: .info,
        explanation: "reports J(SG-, SG+) for every negative with SG- or edits")
    /// `attention-share`.
    public static let attentionShare = LintInfo(name: "attention-share", severity: .info,
        explanation: "reports the share of each attention map's mass inside the critical elements' boxes")

    /// Every lint, problems first, then the informational reports.
    public static let all: [LintInfo] = [
        identical, overlapOutOfRange, operatorMismatch, untouchedText, sameAnswer,
        evidenceLeak, unknownEntity, attentionOffTarget, attentionUnmoved, overlap, attentionShare,
    ]

    /// The lint with this name.
    public static func named(_ name: String) -> LintInfo? { all.first { $0.name == name } }
}

/// One finding of one lint on one item (and negative).
public struct LintFinding: Sendable, Hashable {
    /// The lint's stable name.
    public var name: String
    /// The lint's severity.
    public var severity: Severity
    /// The item's id.
    public var itemID: String
    /// The negative's id; nil for findings about the item itself (`evidence-leak`, item-level attention).
    public var negativeID: String?
    /// The negative's 0-based position in the item's `negatives`: what tells two
    /// negatives apart when they share an id. Nil for item-level findings.
    public var negativeIndex: Int?
    /// 1-based line of the item in the dataset.
    public var line: Int
    /// One sentence saying what is wrong.
    public var message: String
    /// The measured number, when the lint measures one (J, an attention share).
    public var value: Double?

    /// A finding from its parts.
    public init(name: String, severity: Severity, itemID: String, negativeID: String?, line: Int,
                message: String, value: Double? = nil, negativeIndex: Int? = nil) {
        self.name = name; self.severity = severity; self.itemID = itemID; self.negativeID = negativeID
        self.line = line; self.message = message; self.value = value; self.negativeIndex = negativeIndex
    }

    /// The negative the finding is about: by position when known, else by id; nil for item-level findings.
    public func negative(in item: Item) -> Negative? {
        guard let id = negativeID else { return nil }
        if let k = negativeIndex, item.negatives.indices.contains(k) { return item.negatives[k] }
        return item.negative(id)
    }

    /// Who the finding is about: `ITEM_ID/NEG_ID`, with the position added
    /// (`ITEM_ID/NEG_ID (negatives[1])`) when `idRepeats` (the item has several
    /// negatives with this id), or `ITEM_ID` for item-level findings.
    public func subject(idRepeats: Bool) -> String {
        guard let n = negativeID else { return itemID }
        if idRepeats, let k = negativeIndex { return "\(itemID)/\(n) (negatives[\(k)])" }
        return "\(itemID)/\(n)"
    }
}

/// Thresholds and the selection of lints to run.
public struct LintConfig: Sendable, Hashable {
    /// J outside this range raises `overlap-out-of-range`.
    public var overlapRange: ClosedRange<Double>
    /// An attention share below this raises `attention-off-target`.
    public var attentionThreshold: Double
    /// Run only these lints (by name); nil runs them all.
    public var only: Set<String>?
    /// Boxes grow by this many attention-grid cells on each side before the share is measured.
    public var attentionMarginCells: Double = 1
    /// A map that moves less than this between the image and a counterfactual
    /// (total variation distance, 0 to 1) raises `attention-unmoved`.
    public var counterfactualShift: Double = 0.1

    /// A configuration; the defaults are the SceneAlign paper's J range and a 50% share.
    public init(overlapRange: ClosedRange<Double> = 0.3...0.7, attentionThreshold: Double = 0.5, only: Set<String>? = nil) {
        self.overlapRange = overlapRange; self.attentionThreshold = attentionThreshold; self.only = only
    }

    /// True when the lint `name` should run.
    public func runs(_ name: String) -> Bool { only?.contains(name) ?? true }
}
