import Analysis
import Review
import SceneData

/// Which items and negatives of a dataset a query matches, in dataset order.
public struct QueryMatches: Sendable, Hashable {
    /// Positions of the matching items, ascending.
    public var items: [Int] = []
    /// For each matching item (by position), the positions of its matching negatives.
    public var negatives: [Int: [Int]] = [:]
    /// Items that could not be read (never matched), by position; a line
    /// whose bytes cannot hold a text the query asks for is not read, so not listed.
    public var unreadable: [Int] = []
    /// Each matching item's lint findings, all severities, when the query
    /// linted it and `Sources.keepFindings` asked to keep them (`lint --where`
    /// prints them rather than linting the item again).
    public var findings: [Int: [LintFinding]] = [:]

    /// Nothing matched yet.
    public init() {}

    /// How many negatives matched.
    public var negativeCount: Int { negatives.values.reduce(0) { $0 + $1.count } }

    /// The matching negatives by item and negative id (for a store that only answers about them).
    public var keys: Set<NegativeKey> = []
    /// The ids of the matching items.
    public var itemIDs: Set<String> = []

    /// `3 items, 5 negatives`.
    public var summary: String {
        "\(items.count) item\(items.count == 1 ? "" : "s"), \(negativeCount) negative\(negativeCount == 1 ? "" : "s")"
    }
}

/// Asks a query of every item of a dataset.
public enum DatasetQuery {
    /// Everything a walk may need besides the items: the store's decisions by
    /// item id, and the linter with the image size the lints measure attention against.
    public struct Sources: Sendable {
        /// Decisions grouped by item id; only read when the query asks about decisions.
        public var decisions: [String: [Decision]]
        /// The item's lint findings, all severities; only called when the query asks about lints.
        public var lint: @Sendable (Item) -> [LintFinding]

        /// Sources from their parts.
        /// Keep the findings of matching items in `QueryMatches.findings`.
        public var keepFindings = false
        /// An item's decisions read when asked, instead of `decisions` (the
        /// inspector reads its annotator's from the store item by item).
        public var decisionsOf: (@Sendable (String) -> [Decision])?
        public init(decisions: [String: [Decision]] = [:], lint: @escaping @Sendable (Item) -> [LintFinding] = { _ in [] },
                    keepFindings: Bool = false, decisionsOf: (@Sendable (String) -> [Decision])? = nil) {
            self.decisions = decisions; self.lint = lint; self.keepFindings = keepFindings; self.decisionsOf = decisionsOf
        }

        /// What `needs` asks of item `index`: the one way a walk (a query, a
        /// frequency table) works out an item's facts. `repeated`: the ids
        /// several items have, read only when decisions are needed.
        func facts(_ item: Item, index: Int, needs: QueryNeeds, repeated: [String: [Int]]) -> ItemFacts {
            ItemFacts(item: item, index: index, needs: needs,
                      decisions: needs.contains(.decisions) ? decisionsOf?(item.id) ?? decisions[item.id] ?? [] : [],
                      itemIDRepeats: repeated[item.id] != nil, lint: lint)
        }
    }

    /// The items (and their negatives) `query` matches, read and asked on every core a batch at a time.
    /// `progress(done, total)` is called between batches. With a `summary`
    /// (fresh for `items`) the facts come from it and only items whose
    /// answer depends on their text, and the text index cannot rule out, are read.
    public static func run(_ query: QueryExpr, items: some ReviewItemSource & Sendable, sources: Sources,
                           summary: SummaryIndex? = nil, progress: ((Int, Int) -> Void)? = nil) -> QueryMatches {
        let needs = query.needs
        // Texts the query needs: a line whose bytes cannot hold them is not parsed.
        let prefilters = query.requiredTexts.map(TextPrefilter.init(anyOf:))
        if let summary {
            let facts = summary.factsSource(for: query, items: items, sources: sources)
            return collect(count: summary.count, batch: 8192, progress: progress) { i in
                // An unreadable line is listed as the walk lists it: only when its bytes could match.
                guard var f = facts(i) else { return prefilters.allSatisfy({ items.lineMightMatch(i, $0) }) ? nil : ("", [], false, nil) }
                var hit = query.decidedNegatives(f)
                if hit.unknown {
                    guard let item = items.reviewItem(at: i) else { return nil }
                    f.item = item
                    hit = query.decidedNegatives(f)
                }
                return (f.record.id, hit.negatives.map { ($0, f.record.negatives[$0].id) }, hit.item, nil)
            }
        }
        let repeated = needs.contains(.decisions) ? items.repeatedItemIDs() : [:]
        return collect(count: items.itemCount, batch: 512, progress: progress) { i in
            if !prefilters.allSatisfy({ items.lineMightMatch(i, $0) }) { return ("", [], false, nil) }
            guard let item = items.reviewItem(at: i) else { return nil }
            let facts = sources.facts(item, index: i, needs: needs, repeated: repeated)
            let hit = query.matchingNegatives(facts)
            return (item.id, hit.negatives.map { ($0, item.negatives[$0].id) }, hit.item,
                    sources.keepFindings && hit.item ? facts.allFindings : nil)
        }
    }

    /// What one item answered: its id, the matching negatives (position, id), whether it matched, its findings if kept.
    typealias Answer = (id: String, negatives: [(Int, String)], item: Bool, findings: [LintFinding]?)

    /// `answer` of every position on every core, gathered in order (nil: unreadable).
    private static func collect(count total: Int, batch size: Int, progress: ((Int, Int) -> Void)?,
                                _ answer: @escaping @Sendable (Int) -> Answer?) -> QueryMatches {
        var out = QueryMatches()
        for batch in ParallelMap.batches(count: total, size: size) {
            progress?(batch.lowerBound, total)
            let answers = ParallelMap.map(batch, answer)
            for (i, answer) in zip(batch, answers) {
                guard let answer else { out.unreadable.append(i); continue }
                guard answer.item else { continue }
                out.items.append(i)
                out.itemIDs.insert(answer.id)
                out.negatives[i] = answer.negatives.map(\.0)
                if let found = answer.findings { out.findings[i] = found }
                for (_, negativeID) in answer.negatives { out.keys.insert(NegativeKey(itemID: answer.id, negativeID: negativeID)) }
            }
        }
        progress?(total, total)
        return out
    }
}

/// The matching items of a dataset with only their matching negatives, as a
/// source `stats` and `export` walk like any other: a `--where` narrows
/// them without either knowing about queries.
public struct MatchingItems<Base: ReviewItemSource & Sendable>: ReviewItemSource, Sendable {
    /// The whole dataset.
    public let base: Base
    /// What matched.
    public let matches: QueryMatches

    /// The matching part of `base`.
    public init(_ base: Base, matches: QueryMatches) { self.base = base; self.matches = matches }

    /// Matching items only.
    public var itemCount: Int { matches.items.count }

    /// The `index`-th matching item, with only its matching negatives.
    public func reviewItem(at index: Int) -> Item? { reviewItem(at: index, parts: .all) }

    /// The same with only `parts` built.
    public func reviewItem(at index: Int, parts: ItemParts) -> Item? {
        guard matches.items.indices.contains(index) else { return nil }
        let position = matches.items[index]
        guard var item = base.reviewItem(at: position, parts: parts) else { return nil }
        let keep = matches.negatives[position] ?? []
        item.negatives = keep.filter { item.negatives.indices.contains($0) }.map { item.negatives[$0] }
        return item
    }

    /// The matching item with this id, with only its matching negatives.
    public func reviewItem(id: String) -> Item? {
        guard matches.itemIDs.contains(id), var item = base.reviewItem(id: id) else { return nil }
        item.negatives = item.negatives.filter { matches.keys.contains(NegativeKey(itemID: id, negativeID: $0.id)) }
        return item
    }

    /// As the dataset resolves it.
    public func absolutePath(_ path: String) -> String { base.absolutePath(path) }

    /// As the dataset judges it: a query does not move the folder.
    public func outsideFolder(_ path: String) -> String? { base.outsideFolder(path) }

    /// As the dataset checks the matching item's line.
    public func lineMightMatch(_ index: Int, _ filter: TextPrefilter) -> Bool {
        !matches.items.indices.contains(index) || base.lineMightMatch(matches.items[index], filter)
    }

    /// The file line of the item in the dataset.
    public func line(ofItem index: Int) -> Int? {
        matches.items.indices.contains(index) ? base.line(ofItem: matches.items[index]) : nil
    }

    /// Ids the whole dataset repeats, at the positions where they match: an id
    /// that repeats outside the match is just as ambiguous.
    public func repeatedItemIDs() -> [String: [Int]] {
        let position = Dictionary(uniqueKeysWithValues: matches.items.enumerated().map { ($1, $0) })
        var out: [String: [Int]] = [:]
        for (id, places) in base.repeatedItemIDs() {
            let here = places.compactMap { position[$0] }
            if !here.isEmpty { out[id] = here }
        }
        return out
    }
}

/// A store that answers only about some negatives: what `stats` and
/// `export --format decisions` read under `--where`.
public final class MatchingDecisions: AllDecisionsSource {
    let base: any AllDecisionsSource
    let keys: Set<NegativeKey>

    /// `base`, narrowed to `keys`.
    public init(_ base: any AllDecisionsSource, keys: Set<NegativeKey>) { self.base = base; self.keys = keys }

    /// The decisions on the kept negatives.
    public func forEachDecision(annotator: String?, _ body: (Decision) throws -> Void) throws {
        try base.forEachDecision(annotator: annotator) { d in if keys.contains(d.key) { try body(d) } }
    }

    /// The decisions on the kept negatives, in the base's order by item id.
    public func forEachDecisionByItemID(annotator: String?, _ body: (Decision) throws -> Void) throws {
        try base.forEachDecisionByItemID(annotator: annotator) { d in if keys.contains(d.key) { try body(d) } }
    }

    /// The item's decisions on the kept negatives.
    public func allDecisions(itemID: String) throws -> [Decision] {
        try base.allDecisions(itemID: itemID).filter { keys.contains($0.key) }
    }

    /// The settled verdicts on the kept negatives.
    public func settlements() throws -> [Settlement] {
        try base.settlements().filter { keys.contains($0.key) }
    }

    /// Annotators with a decision on a kept negative.
    public func annotators() throws -> [String] {
        var names: Set<String> = []
        try forEachDecision(annotator: nil) { names.insert($0.annotator) }
        return names.sorted()
    }
}
