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

    /// The positions of the negatives of item `index` the query holds of
    /// (empty: it holds of an item without negatives); nil when it does not hold.
    func matches(_ query: QueryExpr, _ item: Item, index: Int) -> [Int]? {
        let needs = query.needs
        var decisions: [Decision] = []
        var repeats = false
        if needs.contains(.decisions) {
            decisions = runner.decisions(itemID: item.id)
            repeats = runner.source.knownPositions(sharingID: item.id)?.isEmpty == false
        }
        let lints = runner.lintCache
        let lint = runner.lintItem
        let facts = ItemFacts(item: item, index: index, needs: needs, decisions: decisions, itemIDRepeats: repeats,
                              lint: { lints.cached($0)?.findings ?? lint($0).findings })
        let hit = query.matchingNegatives(facts)
        return hit.item ? hit.negatives : nil
    }

    /// Counts the matching items and negatives of the whole dataset, calling
    /// `report` about every tenth of a second with the count so far and once
    /// at the end; stops without a last report when a newer count begins.
    func count(_ query: QueryExpr, report: (QueryCount) -> Void) {
        let source = runner.source
        var out = QueryCount(query: query.text)
        // A file still being indexed: its length is known only at the end.
        source.indexAll { _, _, _ in }
        out.total = source.count
        var lastReport = DispatchTime.now().uptimeNanoseconds
        for i in 0..<source.count {
            guard runner.countGeneration.isCurrent(generation) else { return }
            // The items on screen lately are cached; the rest are read here and
            // not cached, so a count does not push out what the user is looking at.
            let loaded = runner.items.cached(i) ?? source.load(i)
            if let item = loaded.item {
                if let hit = matches(query, item, index: i) { out.items += 1; out.negatives += hit.count }
            } else if !loaded.missing {
                out.unreadable += 1
            }
            out.walked = i + 1
            let now = DispatchTime.now().uptimeNanoseconds
            if now - lastReport > 100_000_000 { lastReport = now; report(out) }
        }
        guard runner.countGeneration.isCurrent(generation) else { return }
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
        let lints = runner.lintCache, lint = runner.lintItem
        let sources = DatasetQuery.Sources(lint: { lints.cached($0)?.findings ?? lint($0).findings },
                                           decisionsOf: { [runner] id in runner.decisions(itemID: id) })
        let matches = query.map { DatasetQuery.run($0, items: items, sources: sources) }
        return FrequencyTable.count(by: fields, items: items, matches: matches, sources: sources)
    }
}

/// The inspector's items as the Query module walks them: items on screen
/// lately from the cache, the rest read and not cached.
struct InspectorItems: ReviewItemSource, Sendable {
    let runner: EffectRunner
    var itemCount: Int { runner.source.count }
    func reviewItem(at index: Int) -> Item? { (runner.items.cached(index) ?? runner.source.load(index)).item }
    func reviewItem(id: String) -> Item? { runner.source.index(ofID: id).flatMap { reviewItem(at: $0) } }
    func absolutePath(_ path: String) -> String { path }
    func outsideFolder(_ path: String) -> String? { nil }
}

extension QueryWalk {
    /// Every negative (only those `within` matches, when given) with a value
    /// of `field` (`time`: when this annotator decided it, as seconds since
    /// 1970), in that order; ties in dataset order. Also how many had no value.
    func sorted(by field: String, descending: Bool, within query: QueryExpr?) -> (rows: [SortView.Row], withoutValue: Int) {
        let items = InspectorItems(runner: runner)
        runner.source.indexAll { _, _, _ in }
        let byTime = field == "time"
        let numeric = QueryField.named(field)
        var needs = query?.needs ?? []
        if let numeric { needs.formUnion(numeric.needs) }
        if byTime { needs.insert(.decisions) }
        var rows: [SortView.Row] = []
        var without = 0
        for i in 0..<items.itemCount {
            guard runner.tableGeneration.isCurrent(generation), let item = items.reviewItem(at: i) else { continue }
            var decisions: [Decision] = []
            if needs.contains(.decisions) { decisions = runner.decisions(itemID: item.id) }
            let lints = runner.lintCache, lint = runner.lintItem
            let facts = ItemFacts(item: item, index: i, needs: needs, decisions: decisions,
                                  lint: { lints.cached($0)?.findings ?? lint($0).findings })
            let kept = query.map { $0.matchingNegatives(facts).negatives } ?? Array(item.negatives.indices)
            for k in kept {
                let n = item.negatives[k]
                let value: Double? = byTime
                    ? decisions.filter { $0.key.negativeID == n.id }.map { $0.time.timeIntervalSince1970 }.max()
                    : numeric.flatMap { facts.number($0, negative: k) }
                guard let value else { without += 1; continue }
                rows.append(SortView.Row(item: i, negative: k, itemID: item.id, negativeID: n.id,
                                         operatorName: n.op?.rawValue ?? n.operatorName, value: value))
            }
        }
        // A stable sort: equal values keep dataset order either way.
        let order = rows.indices.sorted { a, b in
            rows[a].value != rows[b].value ? (descending ? rows[a].value > rows[b].value : rows[a].value < rows[b].value) : a < b
        }
        return (order.map { rows[$0] }, without)
    }
}
