import SceneData

/// Everything the inspector shows for one negative, computed in one call.
public struct NegativeAnalysis: Sendable, Hashable {
    /// The structural difference (SG- when given, else the edits).
    public var diff: GraphDiff
    /// J and the graphs it compares; nil when the negative has neither SG- nor edits.
    public var overlap: OverlapMeasure?
    /// The word diff against the chosen rationale, steps aligned.
    public var text: RationaleDiff
    /// The lint findings for this negative (item-level findings not included).
    public var findings: [LintFinding]

    /// Analyses `negative` of `item` with the lints of `config`.
    public init(negative: Negative, in item: Item, config: LintConfig = LintConfig()) {
        diff = GraphDiff.of(negative, in: item)
        overlap = Overlap.measure(negative: negative, item: item)
        text = RationaleDiff.compare(chosen: item.chosen, negative: negative.rationale)
        findings = Linter(config: config).lint(negative: negative, in: item, lexicon: ItemLexicon(item),
                                               graphDiff: diff, textDiff: text, overlap: .some(overlap))
    }

    /// The worst severity among the findings, nil when there are none above info.
    public var worstSeverity: Severity? {
        findings.map(\.severity).filter { $0 != .info }.max()
    }
}

extension Linter {
    /// The names of the lints (above info) that fire on the item, for the inspector's filter.
    public func firing(on item: Item, imageSize: (Int, Int)? = nil) -> Set<String> {
        Set(lint(item, imageSize: imageSize).filter { $0.severity != .info }.map(\.name))
    }
}
