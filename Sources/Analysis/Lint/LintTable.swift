import SceneData

/// Finding counts per lint and per operator, for the end of `scenelens lint`
/// and for `stats`.
public struct LintTable: Sendable, Hashable {
    /// Column order: the four operators, other operator names, then item-level findings.
    public static let itemColumn = "(item)"

    /// counts[lint][operator or "(item)"].
    public private(set) var counts: [String: [String: Int]] = [:]
    /// Items (non-blank lines), unreadable ones included.
    public var items = 0
    /// Lines from which no item could be read, so nothing on them was linted.
    public var unreadableLines: [Int] = []
    /// Lines of items that were read and linted but carry dataset errors
    /// (a reference to a missing entity, an attention file that cannot be read);
    /// `scenelens validate` lists them, and also checks the image files, which lint does not open.
    public var linesReadWithErrors: [Int] = []
    /// Negatives linted.
    public var negatives = 0
    /// Lints skipped for lack of data: skipped[lint][what is missing] = negatives.
    public private(set) var skipped: [String: [String: Int]] = [:]

    /// Counts the lints that could not run on one negative (`Linter.skipped`).
    public mutating func skip(_ lint: String, missing: String) {
        skipped[lint, default: [:]][missing, default: 0] += 1
    }
    /// Findings at error severity.
    public private(set) var errors = 0
    /// Findings at warning severity.
    public private(set) var warnings = 0

    /// An empty table.
    public init() {}

    /// Counts one finding; `op` is the negative's operator, nil for item-level findings.
    public mutating func add(_ f: LintFinding, operator op: String?) {
        guard f.severity != .info else { return }
        counts[f.name, default: [:]][op ?? Self.itemColumn, default: 0] += 1
        if f.severity == .error { errors += 1 } else { warnings += 1 }
    }

    /// The findings of lint `name` under operator `op` (nil: all operators and items).
    public func count(_ name: String, operator op: String? = nil) -> Int {
        guard let row = counts[name] else { return 0 }
        if let op { return row[op] ?? 0 }
        return row.values.reduce(0, +)
    }

    /// The table as text lines: a header, one row per lint that fired, and a totals line
    /// (`7 items (1 unreadable: line 4), 6 negatives: 0 errors, 6 warnings`), then one
    /// line naming the items read with dataset errors, when there are any.
    public func render() -> [String] {
        var columns = PerturbationOperator.allCases.map(\.rawValue)
        let extra = Set(counts.values.flatMap(\.keys)).subtracting(columns + [Self.itemColumn]).sorted()
        columns += extra + [Self.itemColumn]
        let rows = Lint.all.map(\.name).filter { counts[$0] != nil }
        let nameWidth = max(20, (rows.map(\.count).max() ?? 0) + 2)
        func pad(_ s: String, _ w: Int, left: Bool = false) -> String {
            let fill = String(repeating: " ", count: max(0, w - s.count))
            return left ? s + fill : fill + s
        }
        var lines: [String] = [""]
        let widths = columns.map { max($0.count, 5) + 2 }
        lines.append(pad("lint", nameWidth, left: true) + pad("total", 7) + zip(columns, widths).map { pad($0, $1) }.joined())
        for name in rows {
            let cells = zip(columns, widths).map { pad(String(count(name, operator: $0)), $1) }.joined()
            lines.append(pad(name, nameWidth, left: true) + pad(String(count(name)), 7) + cells)
        }
        if rows.isEmpty { lines.append("no findings") }
        let plural = ItemCountText.plural
        lines.append("\(ItemCountText.items(items, unreadableLines: unreadableLines)), \(plural(negatives, "negative")): "
                     + "\(plural(errors, "error")), \(plural(warnings, "warning"))")
        for name in Lint.all.map(\.name) {
            guard let why = skipped[name] else { continue }
            let parts = why.sorted { $0.key < $1.key }.map { "\(plural($0.value, "negative")) without \("aeiou".contains($0.key.prefix(1)) ? "an" : "a") \($0.key)" }
            lines.append("n/a: \(name) skipped on \(parts.joined(separator: ", ")): the data has none")
        }
        if !linesReadWithErrors.isEmpty {
            // Not lint findings: errors in the data itself, which validate reports.
            lines.append("\(plural(linesReadWithErrors.count, "item")) read with dataset errors "
                         + "(\(ItemCountText.lines(linesReadWithErrors))); `scenelens validate` lists them")
        }
        return lines
    }
}
