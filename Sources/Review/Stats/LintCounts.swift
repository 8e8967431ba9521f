import SceneData

/// Lint findings counted per operator, for the lint section of `scenelens stats`.
///
/// Review does not know the lints themselves (they live in Analysis, a layer
/// below the command): the caller passes a function that lints one item, so
/// the counting and its rendering stay here and are tested with any linter.
public struct LintCounts: Sendable, Hashable {
    /// The column for findings about the item rather than one negative.
    public static let itemColumn = "(item)"

    /// counts[operator or `itemColumn`][lint name].
    public private(set) var counts: [String: [String: Int]] = [:]
    /// Lint names in the order they were first seen (the caller's lint order).
    public private(set) var lintNames: [String] = []

    /// No findings yet.
    public init() {}

    /// Counts one finding of `lint` on a negative with operator `op` (nil: an item-level finding).
    public mutating func add(_ lint: String, operator op: String?) {
        if !lintNames.contains(lint) { lintNames.append(lint) }
        counts[op ?? Self.itemColumn, default: [:]][lint, default: 0] += 1
    }

    /// Findings of `lint` under operator `op` (nil: everywhere).
    public func count(_ lint: String, operator op: String? = nil) -> Int {
        if let op { return counts[op]?[lint] ?? 0 }
        return counts.values.reduce(0) { $0 + ($1[lint] ?? 0) }
    }

    /// Lints every readable item: `lint` returns (lint name, the negative's
    /// 0-based position in the item or nil for item-level findings) for each
    /// finding worth counting; positions stay right where negative ids repeat.
    /// Items are read and linted on every core, a batch at a time, and
    /// counted in file order (so lint names are first seen in the same order).
    public static func count(items: some ReviewItemSource & Sendable,
                             positioned lint: @escaping @Sendable (Item) -> [(name: String, negativeIndex: Int?)]) -> LintCounts {
        var c = LintCounts()
        for batch in ParallelMap.batches(count: items.itemCount) {
            let results = ParallelMap.map(batch) { i -> [(name: String, op: String?)] in
                guard let item = items.reviewItem(at: i) else { return [] }
                return lint(item).map { f in
                    (f.name, f.negativeIndex.flatMap { item.negatives.indices.contains($0) ? item.negatives[$0] : nil }
                        .map(PairText.operatorName))
                }
            }
            for findings in results { for f in findings { c.add(f.name, operator: f.op) } }
        }
        return c
    }

    /// Operator columns in the order `scenelens lint` prints them: swap,
    /// replace, shorten, overthink, other operator names sorted, then the
    /// item-level column if used.
    var columns: [String] {
        let known = PerturbationOperator.allCases.map(\.rawValue)
        let used = counts.keys.filter { $0 != Self.itemColumn }
        return known.filter { counts[$0] != nil } + used.filter { !known.contains($0) }.sorted()
            + (counts[Self.itemColumn] == nil ? [] : [Self.itemColumn])
    }

    /// The same counts with the lints listed in `order` (names not in it keep
    /// their place after it): the caller's lint catalogue order.
    public func ordered(by order: [String]) -> LintCounts {
        var copy = self
        copy.lintNames = order.filter { lintNames.contains($0) } + lintNames.filter { !order.contains($0) }
        return copy
    }

    /// The text table: one row per lint that fired, one column per operator.
    func textLines() -> [String] {
        guard !lintNames.isEmpty else { return ["  no findings"] }
        let cols = columns
        let nameWidth = max(6, lintNames.map(\.count).max() ?? 0) + 2
        let widths = cols.map { max($0.count, 5) + 2 }
        func pad(_ s: String, _ w: Int, left: Bool = false) -> String {
            let fill = String(repeating: " ", count: max(0, w - s.count))
            return left ? s + fill : fill + s
        }
        var lines = ["  " + pad("lint", nameWidth, left: true) + pad("total", 7) + zip(cols, widths).map { pad($0, $1) }.joined()]
        for name in lintNames {
            lines.append("  " + pad(name, nameWidth, left: true) + pad(String(count(name)), 7)
                         + zip(cols, widths).map { pad(String(count(name, operator: $0)), $1) }.joined())
        }
        return lines
    }

    /// `{operator: {lint: count}}`, operators sorted, lints in first-seen order.
    func jsonValue() -> JSONValue {
        .object(columns.map { op in
            (op, .object(lintNames.compactMap { name in
                counts[op]?[name].map { (name, JSONValue.number(Double($0))) }
            }))
        })
    }
}
