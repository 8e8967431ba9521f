import Foundation
import SceneData

/// How far a judge's confidence can be trusted, measured against the
/// annotators (`stats --calibration`, docs/calibration.md).
///
/// For each negative with a judge confidence and a human verdict: the judge
/// prefers the chosen rationale when `score.chosen > score.rejected` (and,
/// with no scores, by the pair's construction); the humans' verdict is the
/// majority of current accepts and rejects (skips abstain, ties are left
/// out). The judge agrees when it prefers the chosen rationale and the
/// humans accepted the pair, or it does not and they rejected it. A
/// calibrated judge agrees in about the share of pairs its confidence says.
public struct CalibrationReport: Sendable, Hashable {
    /// One bin of the reliability diagram.
    public struct Bin: Sendable, Hashable {
        /// The confidence range, [lower, upper) (the last bin includes 1).
        public var lower: Double
        public var upper: Double
        /// Pairs whose confidence falls here.
        public var count = 0
        /// Their mean confidence; nil when empty.
        public var meanConfidence: Double?
        /// The share of them where judge and humans agree; nil when empty.
        public var agreement: Double?
    }

    /// One pair as calibration sees it.
    public struct Pair: Sendable, Hashable {
        public var key: NegativeKey
        public var operatorName: String
        public var confidence: Double
        public var judgePrefersChosen: Bool
        public var accepts: Int
        public var rejects: Int
        /// The humans' verdict: accept (true) or reject (false).
        public var humansAccept: Bool { accepts > rejects }
        /// Whether the judge's preference matches the humans' verdict.
        public var agrees: Bool { judgePrefersChosen == humansAccept }
    }

    /// Agreement counts for one operator.
    public struct Agreement: Sendable, Hashable {
        public var agree = 0
        public var total = 0
        /// agree / total; nil when there are none.
        public var share: Double? { total == 0 ? nil : Double(agree) / Double(total) }
    }

    /// The bins, equal width over [0, 1].
    public var bins: [Bin]
    /// Pairs with a confidence and a human verdict, in dataset order.
    public var pairs: [Pair] = []
    /// Negatives with a confidence whose humans have not decided (no accept or reject, or a tie).
    public var withoutVerdict = 0
    /// Decided negatives without a judge confidence.
    public var withoutConfidence = 0
    /// Agreement per operator.
    public var byOperator: [String: Agreement] = [:]
    /// The confidence from which a disagreement is listed.
    public var confidentAt: Double

    /// Expected calibration error: the pairs-weighted mean of |agreement - mean confidence| over the bins; nil without pairs.
    public var expectedCalibrationError: Double? {
        guard !pairs.isEmpty else { return nil }
        return bins.reduce(0) { sum, b in
            guard let a = b.agreement, let c = b.meanConfidence else { return sum }
            return sum + Double(b.count) / Double(pairs.count) * abs(a - c)
        }
    }

    /// The share of all pairs where judge and humans agree; nil without pairs.
    public var agreement: Double? {
        pairs.isEmpty ? nil : Double(pairs.filter(\.agrees).count) / Double(pairs.count)
    }

    /// Pairs where the judge was at least `confidentAt` sure and the humans disagreed, most confident first.
    public var confidentDisagreements: [Pair] {
        pairs.filter { !$0.agrees && $0.confidence >= confidentAt }.sorted { ($0.confidence, $1.key) > ($1.confidence, $0.key) }
    }

    /// Computes the report over `items` and the decisions grouped by item id.
    public static func compute(items: some ReviewItemSource, decisions: [String: [Decision]],
                               bins binCount: Int = 10, confidentAt: Double = 0.8) -> CalibrationReport {
        let n = max(1, binCount)
        var report = CalibrationReport(bins: (0..<n).map { Bin(lower: Double($0) / Double(n), upper: Double($0 + 1) / Double(n)) },
                                       confidentAt: confidentAt)
        let repeated = items.repeatedItemIDs()
        for i in 0..<items.itemCount {
            guard let item = items.reviewItem(at: i) else { continue }
            let split = NegativeDecisions.of(item, decisions: decisions[item.id] ?? [], itemIDRepeats: repeated[item.id] != nil)
            for (negative, split) in zip(item.negatives, split) where split.undecidable == nil {
                let current = split.current
                let accepts = current.filter { $0.verdict == .accept }.count
                let rejects = current.filter { $0.verdict == .reject }.count
                let chosen = negative.scores?.chosen ?? item.scores?.chosen
                let rejected = negative.scores?.rejected ?? item.scores?.rejected
                guard let confidence = negative.scores?.confidence ?? item.scores?.confidence, confidence.isFinite else {
                    if accepts != rejects { report.withoutConfidence += 1 }
                    continue
                }
                guard accepts != rejects else { report.withoutVerdict += 1; continue }
                let prefers: Bool
                if let chosen, let rejected { prefers = chosen > rejected } else { prefers = true }
                let pair = Pair(key: split.key, operatorName: PairText.operatorName(negative),
                                confidence: min(1, max(0, confidence)), judgePrefersChosen: prefers, accepts: accepts, rejects: rejects)
                report.pairs.append(pair)
                report.byOperator[pair.operatorName, default: Agreement()].total += 1
                if pair.agrees { report.byOperator[pair.operatorName, default: Agreement()].agree += 1 }
            }
        }
        for k in report.bins.indices {
            let edges = EqualBins(start: 0, width: 1 / Double(n), count: n)
            let here = report.pairs.filter { edges.index($0.confidence) == k }
            report.bins[k].count = here.count
            guard !here.isEmpty else { continue }
            report.bins[k].meanConfidence = here.map(\.confidence).reduce(0, +) / Double(here.count)
            report.bins[k].agreement = Double(here.filter(\.agrees).count) / Double(here.count)
        }
        return report
    }
}

extension CalibrationReport {
    /// The text `stats --calibration` prints: the reliability diagram as a table with bars, ECE, per operator, the confident disagreements.
    public func text() -> String {
        func f(_ x: Double?) -> String { x.map { String(format: "%.2f", $0) } ?? "-" }
        var lines = ["Judge calibration: \(pairs.count) pair\(pairs.count == 1 ? "" : "s") with a judge confidence and a human verdict"
                     + " (\(withoutVerdict) undecided or tied, \(withoutConfidence) decided without a confidence: left out)"]
        guard !pairs.isEmpty else {
            lines.append("  nothing to calibrate: it needs negatives with scores.confidence that annotators accepted or rejected")
            return lines.joined(separator: "\n") + "\n"
        }
        lines.append("")
        lines.append("  confidence    pairs  mean conf  agreement  agreement (bar), | marks the mean confidence")
        for b in bins {
            var bar = ""
            if let a = b.agreement, let c = b.meanConfidence {
                let width = 20
                var cells = Array(repeating: " ", count: width + 1)
                let filled = Int((a * Double(width)).rounded())
                for k in 0..<filled { cells[k] = "█" }
                let mark = min(width, Int((c * Double(width)).rounded()))
                cells[mark] = "|"
                bar = cells.joined()
            }
            let range = String(format: "[%.1f, %.1f%@", b.lower, b.upper, b.upper >= 1 ? "]" : ")")
            lines.append("  " + range.padding(toLength: 12, withPad: " ", startingAt: 0)
                         + String(format: "%7d", b.count) + "  " + f(b.meanConfidence).alignedRight(9) + "  "
                         + f(b.agreement).alignedRight(9) + "  " + bar)
        }
        lines.append("")
        lines.append("  expected calibration error \(f(expectedCalibrationError)) · agreement overall \(f(agreement))")
        lines.append("")
        lines.append("  Agreement of the judge's preference with the annotators, per operator")
        for op in byOperator.keys.sorted(by: PairText.operatorOrder) {
            guard let a = byOperator[op] else { continue }
            lines.append("    " + op.padding(toLength: 12, withPad: " ", startingAt: 0) + "\(a.agree)/\(a.total)".alignedRight(9)
                         + "  " + f(a.share))
        }
        let confident = confidentDisagreements
        lines.append("")
        lines.append("  Confident disagreements (confidence ≥ \(f(confidentAt)), judge and annotators opposed): \(confident.count)")
        for p in confident.prefix(50) {
            lines.append("    \(p.key.itemID)/\(p.key.negativeID)  \(p.operatorName)  confidence \(f(p.confidence))  judge prefers "
                         + (p.judgePrefersChosen ? "chosen" : "the negative") + "; annotators " + (p.humansAccept ? "accept" : "reject")
                         + " (\(p.accepts) accept, \(p.rejects) reject)")
        }
        if confident.count > 50 { lines.append("    ... and \(confident.count - 50) more (--json lists all)") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The same as one JSON object.
    public func jsonValue() -> JSONValue {
        func num(_ x: Double?) -> JSONValue { x.map { .number($0) } ?? .null }
        return .object([
            ("pairs", .number(Double(pairs.count))),
            ("without_verdict", .number(Double(withoutVerdict))),
            ("without_confidence", .number(Double(withoutConfidence))),
            ("expected_calibration_error", num(expectedCalibrationError)),
            ("agreement", num(agreement)),
            ("bins", .array(bins.map { b in
                .object([("lower", .number(b.lower)), ("upper", .number(b.upper)), ("pairs", .number(Double(b.count))),
                         ("mean_confidence", num(b.meanConfidence)), ("agreement", num(b.agreement))])
            })),
            ("by_operator", .object(byOperator.keys.sorted(by: PairText.operatorOrder).compactMap { op in
                byOperator[op].map { a in
                    (op, .object([("agree", .number(Double(a.agree))), ("pairs", .number(Double(a.total))), ("agreement", num(a.share))]))
                }
            })),
            ("confident_at", .number(confidentAt)),
            ("confident_disagreements", .array(confidentDisagreements.map { p in
                .object([("id", .string(p.key.itemID)), ("negative_id", .string(p.key.negativeID)), ("operator", .string(p.operatorName)),
                         ("confidence", .number(p.confidence)), ("judge_prefers_chosen", .bool(p.judgePrefersChosen)),
                         ("accepts", .number(Double(p.accepts))), ("rejects", .number(Double(p.rejects)))])
            })),
        ])
    }
}

extension String {
    /// Right-aligned in `width` characters.
    fileprivate func alignedRight(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
