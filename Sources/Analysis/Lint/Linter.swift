import SceneData

/// Runs the lints of `Lint.all` on items and negatives.
public struct Linter: Sendable {
    /// Thresholds and the lints to run.
    public var config: LintConfig

    /// A linter with these thresholds and selection.
    public init(config: LintConfig = LintConfig()) { self.config = config }

    /// Every finding for the item: its negatives in order, then the item-level lints.
    /// `imageSize` (width, height) places boxes under attention maps; without it the
    /// graph's own `width`/`height` are used, and without those attention is not checked.
    public func lint(_ item: Item, imageSize: (Int, Int)?) -> [LintFinding] {
        var out: [LintFinding] = []
        let lexicon = ItemLexicon(item)
        for (k, negative) in item.negatives.enumerated() {
            // The position, not the id, says which negative: ids may repeat in bad data.
            out += lint(negative: negative, in: item, lexicon: lexicon).map { f in
                var f = f
                f.negativeIndex = k
                return f
            }
        }
        if config.runs(Lint.evidenceLeak.name), let evidence = item.evidence {
            let answer = item.answer.isEmpty ? (item.chosen.answer ?? "") : item.answer
            if TextChecks.leaks(evidence: evidence, answer: answer, question: item.question) {
                out.append(finding(Lint.evidenceLeak, item, nil, "the evidence states the answer \"\(answer)\""))
            }
        }
        out += attention(item, imageSize: imageSize)
        out += counterfactualAttention(item, imageSize: imageSize)
        return out
    }

    /// The findings for one negative (what the inspector shows for the selected negative).
    public func lint(negative: Negative, in item: Item) -> [LintFinding] {
        lint(negative: negative, in: item, lexicon: ItemLexicon(item))
    }

    /// The error-level findings `lint(negative:in:)` gives each of `negatives`
    /// of `item`, in its order: what keeps a pair out of an export. Only what
    /// they need is worked out (the words of both rationales, the graph
    /// difference), none of the overlap, vocabulary or text diff of the warnings.
    public func errors(negatives: [Negative], in item: Item) -> [[LintFinding]] {
        guard !negatives.isEmpty else { return [] }
        let chosen = RationaleWords(item.chosen)
        return negatives.map { neg in
            let skipped = Set(Linter.skipped(negative: neg, in: item).map(\.lint))
            return [identical(neg, in: item, chosen: chosen),
                    operatorMismatch(neg, in: item, graphDiff: { GraphDiff.of(neg, in: item) }, skipped: skipped)].compactMap { $0 }
        }
    }

    /// `identical`: the negative's words are the chosen rationale's.
    private func identical(_ neg: Negative, in item: Item, chosen: RationaleWords) -> LintFinding? {
        guard config.runs(Lint.identical.name), Linter.sameText(chosen, neg.rationale) else { return nil }
        return finding(Lint.identical, item, neg, "the negative's text is the chosen text (ignoring case, spacing and punctuation)")
    }

    /// `operator-mismatch`: the graph difference is not what the operator makes.
    private func operatorMismatch(_ neg: Negative, in item: Item, graphDiff: () -> GraphDiff, skipped: Set<String>) -> LintFinding? {
        guard config.runs(Lint.operatorMismatch.name), !skipped.contains(Lint.operatorMismatch.name),
              let message = Linter.operatorMismatch(neg, graphDiff()) else { return nil }
        return finding(Lint.operatorMismatch, item, neg, message)
    }

    /// `lint(negative:in:)` with the item's shared words computed once by the
    /// caller, and the diffs when the caller has them already.
    func lint(negative neg: Negative, in item: Item, lexicon: ItemLexicon,
              graphDiff: GraphDiff? = nil, textDiff: RationaleDiff? = nil,
              overlap: OverlapMeasure?? = nil) -> [LintFinding] {
        var out: [LintFinding] = []
        let skipped = Set(Linter.skipped(negative: neg, in: item).map(\.lint))
        let textDiff = textDiff ?? RationaleDiff.compare(chosen: item.chosen, negative: neg.rationale)
        let graphDiff = graphDiff ?? GraphDiff.of(neg, in: item)

        if let f = identical(neg, in: item, chosen: lexicon.chosenText) { out.append(f) }

        if let m = overlap ?? Overlap.measure(negative: neg, item: item) {
            let j = m.value, shown = Linter.format(m.value)
            let what = "J(SG-, \(m.reading.rawValue))"
            if config.runs(Lint.overlap.name) {
                out.append(finding(Lint.overlap, item, neg, "\(what) = \(shown) (SG- from \(m.source.rawValue))", value: j))
            }
            if config.runs(Lint.overlapOutOfRange.name), !config.overlapRange.contains(j) {
                let range = "[\(Linter.format(config.overlapRange.lowerBound)), \(Linter.format(config.overlapRange.upperBound))]"
                out.append(finding(Lint.overlapOutOfRange, item, neg, "\(what) = \(shown) is outside \(range)", value: j))
            }
        }

        if let f = operatorMismatch(neg, in: item, graphDiff: { graphDiff }, skipped: skipped) { out.append(f) }

        if config.runs(Lint.untouchedText.name) {
            for message in Linter.untouched(graphDiff, textDiff, chosen: item.chosen, negative: neg.rationale, lexicon: lexicon) {
                out.append(finding(Lint.untouchedText, item, neg, message))
            }
        }

        if config.runs(Lint.sameAnswer.name), let answer = neg.rationale.answer {
            let chosen = item.chosen.answer ?? item.answer
            let a = RationaleDiff.normalisedAnswer(answer)
            if !a.isEmpty, a == RationaleDiff.normalisedAnswer(chosen) {
                out.append(finding(Lint.sameAnswer, item, neg, "the negative reaches the chosen answer \"\(chosen)\""))
            }
        }

        if config.runs(Lint.unknownEntity.name), !skipped.contains(Lint.unknownEntity.name) {
            let known = TextChecks.vocabulary(lexicon, negative: neg)
            let modifiers = TextChecks.modifiers(lexicon, negative: neg)
            var phrases: [String] = []
            for text in neg.rationale.steps + [neg.rationale.answer ?? ""] {
                for p in TextChecks.unknownPhrases(in: text, known: known, modifiers: modifiers) where !phrases.contains(p) { phrases.append(p) }
            }
            for p in phrases {
                out.append(finding(Lint.unknownEntity, item, neg, "names \"\(p)\", which is in neither graph and which no edit explains"))
            }
        }
        return out
    }

    /// What a lint needs and the data lacks: the lints that cannot run on this
    /// negative (preference data converted from TRL, RLAIF-V, POVID... has no
    /// scene graph, no operator, often no answer), each with what is missing.
    /// They are skipped, and `scenelens lint` says so once, not per negative.
    public static func skipped(negative neg: Negative, in item: Item) -> [(lint: String, missing: String)] {
        var out: [(String, String)] = []
        let noGraph = item.sceneGraph.entities.isEmpty && item.sceneGraph.relations.isEmpty
            && neg.sceneGraph == nil && neg.edits.isEmpty
        let noOperator = neg.op == nil && neg.operatorName == PerturbationOperator.unlabelled
        if noOperator { out.append((Lint.operatorMismatch.name, "operator")) }
        if noGraph {
            if !noOperator { out.append((Lint.operatorMismatch.name, "scene graph")) }
            for lint in [Lint.overlapOutOfRange, Lint.untouchedText, Lint.unknownEntity] { out.append((lint.name, "scene graph")) }
        }
        if item.answer.isEmpty && item.chosen.answer == nil && neg.rationale.answer == nil {
            out.append((Lint.sameAnswer.name, "answer"))
        }
        return out
    }

    func finding(_ lint: LintInfo, _ item: Item, _ neg: Negative?, _ message: String, value: Double? = nil) -> LintFinding {
        LintFinding(name: lint.name, severity: lint.severity, itemID: item.id, negativeID: neg?.id,
                    line: item.line, message: message, value: value)
    }

    /// True when the words of every step (and of the answers, when both have
    /// one) are equal, ignoring case, spacing, punctuation and step breaks.
    static func sameText(_ a: RationaleWords, _ b: Rationale) -> Bool {
        guard JoinedWords(a.steps).elementsEqual(JoinedWords(b.steps.map(Tokenizer.wordList))) else { return false }
        guard let x = a.answer, let y = b.answer else { return true }
        return x == Tokenizer.words(y)
    }

    /// Two or three decimals, no trailing zeros beyond two ("0.5" -> "0.50", "0.333..." -> "0.333");
    /// public so the inspector prints J exactly as the findings do.
    public static func format(_ v: Double) -> String {
        guard v.isFinite, abs(v) < 1e9 else { return "\(v)" }
        let thousandths = (v * 1000).rounded()
        let whole = Int(thousandths) / 1000, frac = abs(Int(thousandths) % 1000)
        var f = String(frac)
        while f.count < 3 { f = "0" + f }
        if f.hasSuffix("0") { f.removeLast() }
        return "\(v < 0 && whole == 0 ? "-" : "")\(whole).\(f)"
    }

    /// Why the difference does not show what the operator says, or nil when it does.
    static func operatorMismatch(_ neg: Negative, _ diff: GraphDiff) -> String? {
        guard let op = neg.op else {
            return "operator \"\(neg.operatorName)\" is none of swap, replace, shorten, overthink"
        }
        guard diff.source != .none else { return nil }
        let seen = diff.changes.filter { if case .changedBox = $0 { return false }; return true }
        if seen.isEmpty {
            return diff.source == .sceneGraph ? "operator \(op.rawValue) but SG- equals SG+" : "operator \(op.rawValue) but the edits change nothing"
        }
        guard !seen.contains(where: { $0.operatorKind == op }) else { return nil }
        let what: String
        switch op {
        case .swap: what = "no swapped relation"
        case .replace: what = "no replaced entity, attribute or relation"
        case .shorten: what = "nothing removed"
        case .overthink: what = "nothing added"
        }
        let shown = seen.prefix(3).map(diff.summary(of:)).joined(separator: "; ")
        let source = diff.source == .sceneGraph ? "SG- shows" : "the edits show"
        return "operator \(op.rawValue) but \(source) \(what) (\(shown)\(seen.count > 3 ? "; ..." : ""))"
    }
}
