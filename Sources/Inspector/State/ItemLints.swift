import Analysis
import SceneData

/// The lint lines of one item as the inspector shows them (`severity: name: message`):
/// the item's own and each negative's, by the negative's position. Positions, not
/// ids, because an item whose negatives repeat an id (a dataset `validate`
/// rejects) still opens, and each negative must show only its own findings.
public struct ItemLints: Sendable, Hashable {
    /// Findings about the item itself (evidence, attention of the chosen rationale): shown with every negative.
    public var item: [String]
    /// Findings about each negative, by its 0-based position in `negatives`.
    public var negatives: [Int: [String]]
    /// What `validate` finds opening the item's files (the image: missing,
    /// undecodable, rotated, lossy; boxes outside it; the graph's size), so the
    /// inspector lists and counts the problems `validate` reports.
    public var fileProblems: [Diagnostic] = []
    /// The findings the lines were made from (what a query's `lint` and `severity` ask about).
    public var findings: [LintFinding] = []

    /// Lines from their parts.
    public init(item: [String] = [], negatives: [Int: [String]] = [:]) {
        self.item = item; self.negatives = negatives
    }

    /// Lines keyed by negative id ("" for the item), placed on the negatives of
    /// `of` that have the id; for callers whose ids are known to be unique.
    public init(byNegativeID lines: [String: [String]], of item: Item) {
        self.item = lines[""] ?? []
        var negatives: [Int: [String]] = [:]
        for (k, n) in item.negatives.enumerated() {
            if let l = lines[n.id], !l.isEmpty { negatives[k] = l }
        }
        self.negatives = negatives
    }

    /// No findings at all.
    public static let none = ItemLints()

    /// The findings about the negative at position `k` alone.
    public func own(negativeAt k: Int) -> [String] { negatives[k] ?? [] }

    /// What the lints pane lists for the negative at `k` (nil: no negative): its findings, then the item's.
    public func shown(negativeAt k: Int?) -> [String] { (k.map(own(negativeAt:)) ?? []) + item }

    /// The severity a line begins with (`error: identical: ...`), as `DatasetSource` writes them.
    public static func severity(of line: String) -> Severity {
        for s in [Severity.error, .warning, .info] where line.hasPrefix(s.rawValue + ":") { return s }
        return .info
    }

    /// Positions of the negatives with a line `matches` accepts, in order.
    public func positions(where matches: (String) -> Bool) -> [Int] {
        negatives.keys.sorted().filter { negatives[$0]?.contains(where: matches) == true }
    }
}
