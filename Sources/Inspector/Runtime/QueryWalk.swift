import Foundation
import Query
import Review
import SceneData

/// A query (`w`, docs/query.md) asked of the inspector's items: the one place
/// the filter's lookup and the count agree on what an item's facts are.
///
/// Decisions are this annotator's, as everywhere in the inspector
/// (`verdict=undecided` is what is left to you); `scenelens stats --where`
/// asks about everyone's.
struct QueryWalk {
    let runner: EffectRunner
    let generation: Int

    /// What `needs` asks of item `index`, as the inspector knows it: this
    /// annotator's decisions, whether another item has its id, its lint
    /// findings (from the cache when it was shown lately). The one way the
    /// filter, the counts and the lists work out an item's facts.
    func facts(_ item: Item, index: Int, needs: QueryNeeds) -> ItemFacts {
        let asks = needs.contains(.decisions)
        let lints = runner.lintCache, lint = runner.lintItem
        return ItemFacts(item: item, index: index, needs: needs,
                         decisions: asks ? runner.decisions(itemID: item.id) : [],
                         itemIDRepeats: asks && runner.source.knownPositions(sharingID: item.id)?.isEmpty == false,
                         lint: { lints.cached($0)?.findings ?? lint($0).findings })
    }

    /// The sources the Query module's walks (`FrequencyTable`, `DatasetQuery`)
    /// read: the same findings and decisions as `facts`.
    var sources: DatasetQuery.Sources {
        let lints = runner.lintCache, lint = runner.lintItem
        return DatasetQuery.Sources(lint: { lints.cached($0)?.findings ?? lint($0).findings },
                                    decisionsOf: { [runner] id in runner.decisions(itemID: id) })
    }

    /// The positions of the negatives of item `index` the query holds of
    /// (empty: it holds of an item without negatives); nil when it does not hold.
    func matches(_ query: QueryExpr, _ item: Item, index: Int) -> [Int]? {
        let hit = query.matchingNegatives(facts(item, index: index, needs: query.needs))
        return hit.item ? hit.negatives : nil
    }

    /// Counts the matching items and negatives of the whole dataset, calling
    /// `report` about every tenth of a second with the count so far and once
    /// at the end; stops without a last report when a newer count begins.
    func count(_ query: QueryExpr, report: (QueryCount) -> Void) {
        var out = QueryCount(query: query.text)
        if let summary = runner.currentSummary {
            let m = DatasetQuery.run(query, items: InspectorItems(runner: runner), sources: sources, summary: summary)
            guard runner.countGeneration.isCurrent(generation) else { return }
            out.items = m.items.count; out.negatives = m.negativeCount; out.unreadable = m.unreadable.count
            out.walked = summary.count; out.total = summary.count; out.done = true
            report(out)
            return
        }
        let finished = runner.walkAll(isCurrent: { runner.countGeneration.isCurrent(generation) }, tick: { report(out) }) { i, loaded in
            out.total = runner.source.count
            if let item = loaded.item {
                if let hit = matches(query, item, index: i) { out.items += 1; out.negatives += hit.count }
            } else if !loaded.missing {
                out.unreadable += 1
            }
            out.walked = i + 1
        }
        guard finished else { return }
        out.total = runner.source.count
        out.done = true
        report(out)
    }
}

extension QueryWalk {
    /// The negatives counted by `fields` (only those `within` matches, when
    /// given), as `scenelens stats --by` counts them, with this annotator's decisions.
    func table(_ fields: [QueryField], within query: QueryExpr?) -> FrequencyTable {
        let items = InspectorItems(runner: runner)
        runner.source.indexAll { _, _, _ in }
        let sources = self.sources
        let summary = runner.currentSummary
        let matches = query.map { DatasetQuery.run($0, items: items, sources: sources, summary: summary) }
        return FrequencyTable.count(by: fields, items: items, matches: matches, sources: sources, summary: summary)
    }
}

/// The inspector's items as the Query module walks them: items on screen
/// lately from the cache, the rest read and not cached.
struct InspectorItems: ReviewItemSource, Sendable {
    let runner: EffectRunner
    var itemCount: Int { runner.source.count }
    func reviewItem(at index: Int) -> Item? { runner.items.peek(index).item }
    func reviewItem(id: String) -> Item? { runner.source.index(ofID: id).flatMap { reviewItem(at: $0) } }
    func absolutePath(_ path: String) -> String { path }
    func outsideFolder(_ path: String) -> String? { nil }
}

extension QueryWalk {
    /// Every negative (only those `within` matches, when given) with a value
    /// of `field` (`time`: when this annotator decided it, as seconds since
    /// 1970), in that order; ties in dataset order. Also how many had no value.
    func sorted(by field: String, descending: Bool, within query: QueryExpr?) -> (rows: [SortView.Row], withoutValue: Int) {
        let byTime = field == "time"
        let numeric = QueryField.named(field)
        var needs = query?.needs ?? []
        if let numeric { needs.formUnion(numeric.needs) }
        if byTime { needs.insert(.decisions) }
        var rows: [SortView.Row] = []
        var without = 0
        func add(_ facts: ItemFacts, kept: [Int]) {
            for k in kept {
                let n = facts.record.negatives[k]
                let value: Double? = byTime
                    ? facts.decisions?[k].all.map(\.time.timeIntervalSince1970).max()
                    : numeric.flatMap { facts.number($0, negative: k) }
                guard let value else { without += 1; continue }
                rows.append(SortView.Row(item: facts.index, negative: k, itemID: facts.record.id, negativeID: n.id,
                                         operatorName: n.operatorName, value: value))
            }
        }
        if let summary = runner.currentSummary {
            // From the summary: only items whose answer needs their text are read.
            let items = InspectorItems(runner: runner)
            let factsOf = summary.factsSource(needs: needs, items: items, sources: sources, query: query)
            for i in 0..<summary.count {
                guard runner.tableGeneration.isCurrent(generation) else { return ([], 0) }
                guard var facts = factsOf(i) else { continue }
                var kept = Array(facts.record.negatives.indices)
                if let query {
                    var hit = query.decidedNegatives(facts)
                    if hit.unknown, let item = items.reviewItem(at: i) { facts.item = item; hit = query.decidedNegatives(facts) }
                    kept = hit.negatives
                }
                add(facts, kept: kept)
            }
        } else {
            let finished = runner.walkAll(isCurrent: { runner.tableGeneration.isCurrent(generation) }) { i, loaded in
                guard let item = loaded.item else { return }
                let facts = facts(item, index: i, needs: needs)
                add(facts, kept: query.map { $0.matchingNegatives(facts).negatives } ?? Array(item.negatives.indices))
            }
            guard finished else { return ([], 0) }
        }
        // A stable sort: equal values keep dataset order either way.
        let order = rows.indices.sorted { a, b in
            rows[a].value != rows[b].value ? (descending ? rows[a].value > rows[b].value : rows[a].value < rows[b].value) : a < b
        }
        return (order.map { rows[$0] }, without)
    }
}

extension EffectRunner {
    /// The summary when it is made and describes the items as indexed now.
    var currentSummary: SummaryIndex? {
        guard let s = summary, source.isFullyIndexed, s.count == source.count else { return nil }
        return s
    }

    /// Every item of the dataset in order, for a walk in the background (a
    /// count, a list): the file indexed first, then `body` with each position
    /// and what was read there, `tick` about every tenth of a second. Stops
    /// when `isCurrent` says a newer walk began; false then.
    func walkAll(isCurrent: () -> Bool, tick: () -> Void = {}, _ body: (Int, LoadedItem) -> Void) -> Bool {
        source.indexAll { _, _, _ in }
        var lastTick = DispatchTime.now().uptimeNanoseconds
        for i in 0..<source.count {
            guard isCurrent() else { return false }
            body(i, items.peek(i))
            let now = DispatchTime.now().uptimeNanoseconds
            if now - lastTick > 100_000_000 { lastTick = now; tick() }
        }
        return isCurrent()
    }
}
