import Foundation
import Review
import SceneData

/// A summary ready to answer: its records, its word index and the ids that
/// repeat, worked out once. What `DatasetQuery.run`, `FrequencyTable.count`
/// and the inspector's counts read instead of the items.
public final class SummaryIndex: Sendable {
    /// The summary.
    public let summary: DatasetSummary
    private let textLock = NSLock()
    nonisolated(unsafe) private var words: TextIndex?
    /// Its words turned round, worked out the first time a text is looked for.
    public var text: TextIndex {
        textLock.withLock {
            if let words { return words }
            let made = TextIndex(summary)
            words = made
            return made
        }
    }
    /// Ids several items have, as the dataset's id map finds them.
    public let repeated: [String: [Int]]

    /// `summary`, indexed.
    public init(_ summary: DatasetSummary) {
        self.summary = summary
        repeated = summary.repeatedItemIDs()
    }

    /// Items.
    public var count: Int { summary.lines.count }

    /// The facts of item `i` as `query` needs them, with the text index's
    /// answers for the query's text tests (nil: the line is not a usable item).
    public func factsSource(for query: QueryExpr, items: some ReviewItemSource & Sendable,
                            sources: DatasetQuery.Sources) -> @Sendable (Int) -> ItemFacts? {
        factsSource(needs: query.needs, items: items, sources: sources, query: query)
    }

    /// The facts of item `i` with what `needs` asks for, and the text index's
    /// answers for `query`'s text tests when there is a query.
    public func factsSource(needs: QueryNeeds, items: some ReviewItemSource & Sendable, sources: DatasetQuery.Sources,
                            query: QueryExpr?) -> @Sendable (Int) -> ItemFacts? {
        let plain = factsSource(needs: needs, items: items, sources: sources)
        guard let query, !query.textNeedles.isEmpty else { return plain }
        var found: [String: ItemBits?] = [:]
        for needle in query.textNeedles where found[needle] == nil { found[needle] = text.candidates(needle) }
        let candidates = found
        return { i in
            guard var f = plain(i) else { return nil }
            f.textMayContain = { needle in
                guard let bits = candidates[needle] else { return true }
                return bits?.contains(i) ?? true
            }
            return f
        }
    }

    /// The facts of item `i` with the decisions `needs` asks for (texts unknown).
    public func factsSource(needs: QueryNeeds, items: some ReviewItemSource & Sendable,
                            sources: DatasetQuery.Sources) -> @Sendable (Int) -> ItemFacts? {
        let asks = needs.contains(.decisions)
        let repeated = asks ? self.repeated : [:]
        return { [summary] i in
            guard summary.lines.indices.contains(i), let record = summary.lines[i].record else { return nil }
            let decisions = asks ? sources.decisionsOf?(record.id) ?? sources.decisions[record.id] ?? [] : nil
            return ItemFacts(record: record, index: i, decisions: decisions, itemIDRepeats: repeated[record.id] != nil)
        }
    }
}

extension QueryExpr {
    /// The texts the query's text tests look for (question, answer, text).
    var textNeedles: [String] {
        switch self {
        case .and(let a, let b), .or(let a, let b): return a.textNeedles + b.textNeedles
        case .not(let a): return a.textNeedles
        case .test(let t):
            guard ItemFacts.textFields.contains(t.field.name) else { return [] }
            return t.needles
        }
    }
}

extension FieldTest {
    /// What would have to be in a text for this test to find one of its values there.
    var needles: [String] {
        values.compactMap { v in
            switch v {
            case .text(let s): s
            case .number(let y): QueryValue.format(y)
            case .none, .range: nil
            }
        }
    }
}
