import Foundation
import Review
import SceneData

/// Negatives counted by the values of one or two fields (`stats --by
/// operator,verdict`): VisiData's frequency table. A negative with several
/// values of a field (tags, lints) counts once under each; one with none
/// counts under `(none)`. Numbers are put in bins of equal width.
public struct FrequencyTable: Sendable, Hashable {
    /// The fields counted by, one or two.
    public var fields: [QueryField]
    /// The values of each field in display order (bins for numbers).
    public var values: [[String]]
    /// counts[[v1, v2]] = negatives with these values.
    public var counts: [[String]: Int]
    /// Negatives looked at.
    public var negatives: Int
    /// The bins of each field (unused for names), to turn a bin back into a condition.
    var binners: [Binner] = []

    /// The label for a negative without a value.
    public static let noValue = "(none)"

    /// Parses `operator,verdict`: one or two known field names.
    public static func fields(_ spec: String) throws(QueryError) -> [QueryField] {
        var column = 1
        var out: [QueryField] = []
        for part in spec.split(separator: ",", omittingEmptySubsequences: false) {
            let name = part.trimmingCharacters(in: .whitespaces)
            guard let f = QueryField.named(name) else {
                let hint = QueryField.closest(to: name).map { " (did you mean '\($0)'?)" } ?? ""
                throw QueryError(column: column, message: "unknown field '\(name)'\(hint); fields: "
                                 + QueryField.catalogue.map(\.name).joined(separator: ", ") + ", score.NAME")
            }
            out.append(f)
            column += part.count + 1
        }
        guard (1...2).contains(out.count) else {
            throw QueryError(column: 1, message: "--by takes one or two fields, such as operator or operator,verdict")
        }
        return out
    }

    /// Counts the negatives of `items` (only those `matches` keeps, when given) by `fields`;
    /// from `summary` when given (fresh for `items`), reading items only for text fields.
    public static func count(by fields: [QueryField], items: some ReviewItemSource & Sendable,
                             matches: QueryMatches?, sources: DatasetQuery.Sources, summary: SummaryIndex? = nil) -> FrequencyTable {
        let needs = fields.reduce(QueryNeeds()) { $0.union($1.needs) }
        let facts: @Sendable (Int) -> ItemFacts?
        if let summary {
            let kept = summary.factsSource(needs: needs, items: items, sources: sources)
            let texts = fields.contains { ItemFacts.textFields.contains($0.name) }
            facts = { i in
                guard var f = kept(i) else { return nil }
                if texts { guard let item = items.reviewItem(at: i) else { return nil }; f.item = item }
                return f
            }
        } else {
            let repeated = needs.contains(.decisions) ? items.repeatedItemIDs() : [:]
            facts = { i in items.reviewItem(at: i).map { sources.facts($0, index: i, needs: needs, repeated: repeated) } }
        }
        let positions = matches?.items ?? Array(0..<(summary?.count ?? items.itemCount))
        // Each negative's raw values per field, gathered on every core.
        var raw: [[FieldValues]] = []
        for batch in ParallelMap.batches(count: positions.count, size: summary == nil ? 512 : 8192) {
            let perItem = ParallelMap.map(batch) { j -> [[FieldValues]] in
                let i = positions[j]
                guard let facts = facts(i) else { return [] }
                let kept = matches?.negatives[i] ?? Array(facts.record.negatives.indices)
                return kept.map { k in fields.map { facts.values($0, negative: k) } }
            }
            for negatives in perItem { raw += negatives }
        }
        let binners = fields.indices.map { f in
            Binner(field: fields[f], numbers: raw.flatMap { $0[f].numbers })
        }
        var counts: [[String]: Int] = [:]
        var seen = fields.map { _ in [String: Int]() }
        // Each bin's label and each name's display form worked out once, not once per negative.
        let binLabels = binners.map(\.labels)
        var shown = fields.map { _ in [String: String]() }
        for negative in raw {
            let labels = fields.indices.map { f -> [String] in
                let ls: [String]
                switch negative[f] {
                case .numbers(let xs): ls = xs.map { binLabels[f][binners[f].bin($0)] }
                case .names(let ns):
                    ls = Array(Set(ns.map { n in
                        if let d = shown[f][n] { return d }
                        let d = Self.display(n, fields[f])
                        shown[f][n] = d
                        return d
                    }))
                }
                return ls.isEmpty ? [noValue] : ls
            }
            for combination in product(labels) {
                counts[combination, default: 0] += 1
                for (f, v) in combination.enumerated() { seen[f][v, default: 0] += 1 }
            }
        }
        let values = fields.indices.map { f in order(seen[f], field: fields[f], binner: binners[f]) }
        return FrequencyTable(fields: fields, values: values, counts: counts, negatives: raw.count, binners: binners)
    }

    /// Keyword values in the catalogue's spelling; other names as written.
    static func display(_ name: String, _ field: QueryField) -> String {
        field.suggestedValues.first { $0.compare(name, options: .caseInsensitive) == .orderedSame } ?? name
    }

    static func product(_ lists: [[String]]) -> [[String]] {
        lists.reduce([[]]) { acc, list in acc.flatMap { prefix in list.map { prefix + [$0] } } }
    }

    /// Bins in numeric order; known names in the catalogue's order; other names most frequent first.
    static func order(_ seen: [String: Int], field: QueryField, binner: Binner) -> [String] {
        let none = seen[noValue] == nil ? [] : [noValue]
        let present = seen.keys.filter { $0 != noValue }
        if field.isNumeric {
            // Every bin from the first used to the last used: a gap in a distribution is part of its shape.
            let labels = binner.labels
            guard let first = labels.firstIndex(where: { seen[$0] != nil }),
                  let last = labels.lastIndex(where: { seen[$0] != nil }) else { return none }
            return Array(labels[first...last]) + none
        }
        let known = field.suggestedValues.filter { seen[$0] != nil }
        let others = present.filter { !known.contains($0) }.sorted { (seen[$0] ?? 0, $1) > (seen[$1] ?? 0, $0) }
        return known + others + none
    }

    /// The count for one combination of values.
    public func count(_ values: [String]) -> Int { counts[values] ?? 0 }

    /// Every combination of values that some negative has, in display order, with its count.
    public var rows: [(values: [String], count: Int)] {
        FrequencyTable.product(values).compactMap { c in counts[c].map { (c, $0) } }
    }

    /// The query that picks out the negatives of one row: `operator=swap and
    /// verdict=accept`, `j>=0.3 and j<0.4` for a bin, `tag=none` for `(none)`.
    public func query(forRow row: [String]) -> String {
        zip(fields.indices, row).map { f, v in condition(f, v) }.joined(separator: " and ")
    }

    private func condition(_ f: Int, _ value: String) -> String {
        let name = fields[f].name
        if value == Self.noValue { return "\(name)=none" }
        guard fields[f].isNumeric, f < binners.count, let k = binners[f].labels.firstIndex(of: value) else {
            return "\(name)=\(QueryValue.quoteIfNeeded(value))"
        }
        let b = binners[f]
        let low = b.start + Double(k) * b.width, high = low + b.width
        if b.width == 1, low == low.rounded() { return "\(name)=\(QueryValue.format(low))" }
        // Bins are half-open but the last, as `label` draws them.
        let upper = k == b.count - 1 ? "<=" : "<"
        return "\(name)>=\(Binner.format(low)) and \(name)\(upper)\(Binner.format(high))"
    }

    /// The total of a row (first field's value).
    public func rowTotal(_ v: String) -> Int {
        counts.filter { $0.key.first == v }.values.reduce(0, +)
    }
}

extension FieldValues {
    /// The numbers, if the values are numbers.
    var numbers: [Double] {
        if case .numbers(let xs) = self { return xs }
        return []
    }
}

/// Equal-width bins for a number field: tenths for values in [0, 1] (J,
/// confidence), else ten bins of a round width over the values seen.
struct Binner: Sendable, Hashable {
    var start: Double = 0
    var width: Double = 0.1
    var count: Int = 10

    init(field: QueryField, numbers: [Double]) {
        guard field.isNumeric, let lo = numbers.min(), let hi = numbers.max() else { return }
        if lo >= 0, hi <= 1 { return }
        if field.name == "item" || field.name == "steps", hi - lo < 10 {
            start = lo.rounded(.down); width = 1; count = Int(hi - start) + 1; return
        }
        let raw = max((hi - lo) / 10, 1e-9)
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        width = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        start = (lo / width).rounded(.down) * width
        count = max(1, Int(((hi - start) / width).rounded(.down)) + 1)
    }

    /// The bin of `x` (see `EqualBins.index`).
    func bin(_ x: Double) -> Int { EqualBins(start: start, width: width, count: count).index(x) }

    /// `[0.3, 0.4)`; the last bin is closed: `[0.9, 1]`.
    func label(_ x: Double) -> String { labels[bin(x)] }

    var labels: [String] {
        (0..<count).map { k in
            let a = start + Double(k) * width, b = a + width
            if width == 1, a == a.rounded() { return QueryValue.format(a) }
            return "[" + Self.format(a) + ", " + Self.format(b) + (k == count - 1 ? "]" : ")")
        }
    }

    static func format(_ x: Double) -> String {
        let r = (x * 1e6).rounded() / 1e6
        return QueryValue.format(r)
    }
}

extension FrequencyTable {
    /// The table as `stats --by` prints it: a list for one field, a grid for two.
    public func text() -> String {
        let title = fields.map(\.name).joined(separator: " × ")
        var lines = ["negatives by \(title) (\(negatives) negative\(negatives == 1 ? "" : "s"))"]
        func pad(_ s: String, _ w: Int, left: Bool = false) -> String {
            let fill = String(repeating: " ", count: max(0, w - s.count))
            return left ? s + fill : fill + s
        }
        let corner = fields.count == 2 ? fields[0].name + " \\ " + fields[1].name : fields[0].name
        let firstWidth = max(corner.count, values[0].map(\.count).max() ?? 0) + 2
        if fields.count == 1 {
            lines.append("  " + pad(fields[0].name, firstWidth, left: true) + pad("negatives", 11) + pad("share", 8))
            for v in values[0] {
                let n = count([v])
                let share = negatives == 0 ? "" : String(format: "%.0f%%", 100 * Double(n) / Double(negatives))
                lines.append("  " + pad(v, firstWidth, left: true) + pad(String(n), 11) + pad(share, 8))
            }
        } else {
            let columns = values[1]
            let widths = columns.map { max($0.count, 5) + 2 }
            lines.append("  " + pad(corner, firstWidth, left: true)
                         + zip(columns, widths).map { pad($0, $1) }.joined() + pad("total", 8))
            for v in values[0] {
                lines.append("  " + pad(v, firstWidth, left: true)
                             + zip(columns, widths).map { pad(String(count([v, $0])), $1) }.joined()
                             + pad(String(rowTotal(v)), 8))
            }
        }
        if fields.contains(where: { $0.level == .negative && $0.needs.contains(.lints) || $0.name == "tag" || $0.name == "annotator" }) {
            lines.append("  (a negative with several values counts under each)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `{"by": [...], "negatives": N, "rows": [{FIELD: VALUE, ..., "negatives": n}]}`, rows in display order.
    public func jsonValue() -> JSONValue {
        var rows: [JSONValue] = []
        for combination in FrequencyTable.product(values) {
            guard let n = counts[combination] else { continue }
            rows.append(.object(zip(fields, combination).map { ($0.name, JSONValue.string($1)) } + [("negatives", .number(Double(n)))]))
        }
        return .object([("by", .array(fields.map { .string($0.name) })), ("negatives", .number(Double(negatives))),
                        ("rows", .array(rows))])
    }
}
