import Foundation
import Review
import SceneData

/// Walks the dataset from an item, forwards or backwards and wrapping at the
/// ends, for the first item that meets a criterion.
struct Finder {
    let runner: EffectRunner
    let generation: Int
    /// Told the fraction of the dataset walked, about once per percent.
    var progress: (@Sendable (Double) -> Void)? = nil

    /// Whether a negative is decided, for the criteria that ask (those of the
    /// `undecided` filter): the runner's keys in memory, read from the store the
    /// first time only, so finishing an item does not re-read every decision.
    private func decidedKeys(_ criterion: FindCriterion) -> (NegativeKey) -> Bool {
        switch criterion {
        case .unfinished, .filter(.undecided), .text(_, within: .undecided):
            guard let store = runner.store else { return { _ in false } }
            // Until they are in memory (read in the background, a second or
            // so at a million), the store is asked item by item: a resume or a
            // short walk must not wait for every key.
            runner.loadDecidedInBackground()
            let keys = runner.decided
            var lastItem = ""
            var lastDecided: [String: Decision] = [:]
            return { key in
                if keys.isLoaded { return keys.contains(key) }
                if key.itemID != lastItem { lastItem = key.itemID; lastDecided = (try? store.decisions(itemID: key.itemID)) ?? [:] }
                return lastDecided[key.negativeID] != nil
            }
        default: return { _ in false }
        }
    }

    /// Every item that meets `criterion`, in dataset order, as `n` would visit
    /// them: `report` is called about every tenth of a second with the list so
    /// far and once at the end; nothing more once a newer walk begins (`isCurrent`).
    func all(_ criterion: FindCriterion, isCurrent: () -> Bool, report: (MatchList) -> Void) {
        let decided = decidedKeys(criterion)
        var out = MatchList(criterion: criterion)
        let finished = runner.walkAll(isCurrent: isCurrent, tick: { report(out) }) { i, loaded in
            out.total = runner.source.count
            if let item = loaded.item, matches(item, at: i, criterion, decided) != nil { out.items.append(i) }
            out.walked = i + 1
        }
        guard finished else { return }
        out.total = runner.source.count
        out.done = true
        report(out)
    }

    /// How many items and negatives each of `filters` lets through, by the
    /// rule `n` follows (`passing`), in one walk over the dataset: reported
    /// as `all` reports, and not at all once a newer walk begins.
    func counts(_ filters: [ReviewFilter], isCurrent: () -> Bool, report: (FilterPicker.Counts) -> Void) {
        let decided = filters.contains(.undecided) ? decidedKeys(.filter(.undecided)) : { _ in false }
        var out = FilterPicker.Counts(filters: filters)
        let finished = runner.walkAll(isCurrent: isCurrent, tick: { report(out) }) { i, loaded in
            out.total = runner.source.count
            if let item = loaded.item {
                // Linted once for the item, not once per lint filter (has lints and each lint by name).
                var linted: ItemLints?
                let lints = { (item: Item) -> ItemLints in
                    if let l = linted { return l }
                    let l = runner.lintItem(item)
                    linted = l
                    return l
                }
                for (k, f) in filters.enumerated() {
                    guard let positions = passing(item, at: i, f, decided, lints: lints) else { continue }
                    out.items[k] += 1
                    out.negatives[k] += positions.count
                }
            }
            out.walked = i + 1
        }
        guard finished else { return }
        out.total = runner.source.count
        out.done = true
        report(out)
    }

    func find(from start: Int, forward: Bool, criterion: FindCriterion, includeStart: Bool) -> Msg? {
        let decided = decidedKeys(criterion)
        var from = start
        // Resuming (the first unfinished item from the top) starts at the store's mark:
        // every item before it was found finished, and reading them again took minutes at scale.
        let marking = criterion == .unfinished && forward
        if marking, includeStart, from == 0, let mark = runner.resumeStart() { from = mark }
        let undosBefore = runner.decided.undoCount
        // The first item this walk vouches for: the start item is passed over unless it is finished.
        let vouchedFrom: Int? = {
            guard marking else { return nil }
            if includeStart { return from }
            guard let item = runner.items.item(from).item else { return nil }
            return matches(item, at: from, criterion, decided) == nil ? from : nil
        }()
        var i = includeStart ? from : from + (forward ? 1 : -1)
        var visited = 0
        var reported = 0
        // Text matches the filter hid, to say so when none passes it.
        var outside = 0
        let source = runner.source
        // `/`: a line whose bytes cannot hold the text is passed over unparsed.
        var prefilter: TextPrefilter?
        if case .text(let q, _) = criterion { prefilter = TextPrefilter(anyOf: [q]) }
        while true {
            if !runner.generation.isCurrent(generation) { return nil }
            if i < 0 {
                // Backwards past the start: wrap to the last item (indexing everything first).
                source.indexAll { _, _, _ in }
                i = source.count - 1
                if i < 0 { break }
            }
            if i >= source.count {
                _ = source.load(i)
                if i >= source.count {
                    if source.isFullyIndexed { i = 0 } else { continue }
                }
            }
            if visited > 0 && i == from {
                // Back where we started: the start item may be the only one that qualifies.
                if let item = runner.items.item(i).item, let neg = matches(item, at: i, criterion, decided) {
                    return .found(index: i, negativeIndex: neg, reason: onlyMessage(criterion))
                }
                break
            }
            if visited > source.count + 1 { break }
            visited += 1
            if let progress, source.count > 0 {
                let pct = min(99, visited * 100 / source.count)
                if pct > reported { reported = pct; progress(Double(pct) / 100) }
            }
            if let prefilter, !source.lineMightMatch(i, prefilter) {
                i += forward ? 1 : -1
                continue
            }
            let loaded = runner.items.item(i)
            if let item = loaded.item {
                if let neg = matches(item, at: i, criterion, decided) {
                    if let vouchedFrom, i >= from { runner.walked(from: vouchedFrom, to: ResumeMark(position: i, itemID: item.id), undosBefore: undosBefore) }
                    return .found(index: i, negativeIndex: neg, reason: message(criterion, wrapped: forward ? i < from : i > from))
                }
                if case .text(let q, let f) = criterion, f != .none, Self.textMatches(item, q) { outside += 1 }
            }
            i += forward ? 1 : -1
        }
        return .found(index: nil, negativeIndex: nil, reason: noneMessage(criterion, outside: outside))
    }

    /// `:`: the item with id `text`, else the 1-based number `text`, else
    /// the ids that start with it, else those that hold its characters in
    /// order (`cs04` finds `clevr-show-04`): with one, that item; with
    /// several, the first in the dataset, and the message names the others.
    static func goto(_ text: String, in source: ItemSource) -> Msg {
        if let i = source.index(ofID: text) { return .found(index: i, negativeIndex: nil, reason: "") }
        if let n = Int(text.trimmingCharacters(in: .whitespaces)), n >= 1 {
            _ = source.load(n - 1)
            if n - 1 < source.count { return .found(index: n - 1, negativeIndex: nil, reason: "") }
            return .found(index: nil, negativeIndex: nil, reason: "there is no item \(n) (the dataset has \(source.count))")
        }
        let ids = source.allIDs()
        let lower = text.lowercased()
        var how = "start with"
        var close = ids.filter { $0.key.lowercased().hasPrefix(lower) }
        if close.isEmpty { how = "hold"; close = ids.filter { isSubsequence(lower, of: $0.key.lowercased()) } }
        let ranked = close.sorted { ($0.value, $0.key) < ($1.value, $1.key) }
        guard let first = ranked.first else {
            return .found(index: nil, negativeIndex: nil, reason: "no item has the id \"\(text)\", nor one that starts with it or holds its letters in order")
        }
        guard ranked.count > 1 else { return .found(index: first.value, negativeIndex: nil, reason: "") }
        return .idChoices(IDChoices(text: text, how: how == "hold" ? "hold the letters of" : how,
                                    rows: ranked.prefix(IDChoices.limit).map { IDChoices.Row(id: $0.key, index: $0.value) },
                                    total: ranked.count))
    }

    /// Whether the characters of `needle` appear in `haystack` in order.
    static func isSubsequence(_ needle: String, of haystack: String) -> Bool {
        var rest = needle[...]
        for c in haystack where c == rest.first { rest = rest.dropFirst(); if rest.isEmpty { return true } }
        return rest.isEmpty
    }

    private static let textOptions: String.CompareOptions = [.caseInsensitive, .diacriticInsensitive]

    /// Whether the question, answer or any rationale of `item` contains `q`.
    static func textMatches(_ item: Item, _ q: String) -> Bool {
        let texts = [item.question, item.answer] + item.chosen.steps + item.negatives.flatMap(\.rationale.steps)
        return texts.contains { $0.range(of: q, options: textOptions) != nil }
    }

    /// The positions of the negatives of `item` that pass `filter`, best first;
    /// nil when the item does not pass it; empty when it passes on item-level
    /// lint findings alone. Positions, not ids: negatives sharing an id each
    /// have their own findings.
    /// `lints`: the item's lint findings (linted here when not given).
    private func passing(_ item: Item, at index: Int, _ filter: ReviewFilter, _ decided: (NegativeKey) -> Bool,
                         lints lintsOf: ((Item) -> ItemLints)? = nil) -> [Int]? {
        let all = Array(item.negatives.indices)
        switch filter {
        case .none:
            return all
        case .undecided:
            // Negatives sharing an id cannot be decided (see `Decisions.ambiguity`): never "to do".
            // So are those without a rationale, and every negative of an item whose id repeats.
            // The rule stats and export apply; whether the item's id repeats is asked last, below.
            let shared = item.duplicateNegativeIDs
            let decidable = all.filter {
                Undecidable.reason(item.negatives[$0], in: item, itemIDRepeats: false, duplicateNegativeIDs: shared) == nil
            }
            let open = decidable.filter { !decided(NegativeKey(itemID: item.id, negativeID: item.negatives[$0].id)) }
            // Asked only of candidates, and without waiting for the ids of a large
            // file (resuming at start-up would wait seconds for them): until they
            // are known an id counts as unique, and the item is checked again then.
            func idRepeats() -> Bool { runner.source.knownPositions(sharingID: item.id)?.isEmpty == false }
            if !open.isEmpty { return idRepeats() ? nil : open }
            // Every negative has a decision: one made on content changed since still needs deciding.
            guard let ds = try? runner.store?.decisions(itemID: item.id) else { return nil }
            let stale = runner.staleIDs(ds, item: item)
            let redo = decidable.filter { stale.contains(item.negatives[$0].id) }
            return redo.isEmpty || idRepeats() ? nil : redo
        case .op(let o):
            let mine = all.filter { item.negatives[$0].op == o }
            return mine.isEmpty ? nil : mine
        case .query(let q):
            return QueryWalk(runner: runner, generation: generation).matches(q, item, index: index)
        case .linted, .lint:
            let lints = lintsOf?(item) ?? runner.lintItem(item)
            let flagged = lints.positions(where: filter.matches(lintLine:)).filter(item.negatives.indices.contains)
            if !flagged.isEmpty { return flagged }
            // Item-level findings (evidence-leak, item attention) are shown with every negative: they count too.
            return lints.item.contains(where: filter.matches(lintLine:)) ? [] : nil
        }
    }

    /// Whether `item` meets the criterion; the position of the negative to
    /// select (nil for none in particular).
    private func matches(_ item: Item, at index: Int, _ c: FindCriterion, _ decided: (NegativeKey) -> Bool) -> Int?? {
        switch c {
        case .text(let q, let filter):
            guard Self.textMatches(item, q), let positions = passing(item, at: index, filter, decided) else { return nil }
            // The negative whose own text matches, among those the filter lets through;
            // else the one the filter would select (none in particular without a filter).
            let hit = positions.first { k in item.negatives[k].rationale.steps.contains { $0.range(of: q, options: Self.textOptions) != nil } }
            return .some(hit ?? (filter == .none ? nil : positions.first))
        case .unfinished:
            return passing(item, at: index, .undecided, decided).map { positions -> Int? in positions.first }
        case .filter(.none):
            return .some(nil)
        case .filter(let f):
            return passing(item, at: index, f, decided).map { positions -> Int? in positions.first }
        }
    }

    /// ` within filter op=swap`, or nothing without a filter.
    private static func within(_ f: ReviewFilter) -> String { f == .none ? "" : " within filter \(f.label)" }

    private func message(_ c: FindCriterion, wrapped: Bool) -> String {
        let w = wrapped ? " (wrapped around)" : ""
        switch c {
        case .text(let q, let f): return "match for \"\(q)\"\(Self.within(f))\(w)"
        default: return wrapped ? "wrapped around" : ""
        }
    }

    private func onlyMessage(_ c: FindCriterion) -> String {
        switch c {
        case .text(let q, let f): return "the only match for \"\(q)\"\(Self.within(f))"
        case .unfinished: return "the only item with undecided negatives"
        case .filter(let f): return "the only item that passes the filter \(f.label)"
        }
    }

    private func noneMessage(_ c: FindCriterion, outside: Int) -> String {
        switch c {
        case .text(let q, .none): return "no item matches \"\(q)\""
        case .text(let q, let f):
            let hidden = outside == 0 ? "" : " (\(outside) item\(outside == 1 ? "" : "s") outside it do\(outside == 1 ? "es" : ""); f changes the filter)"
            return "no item matches \"\(q)\" within filter \(f.label)" + hidden
        case .unfinished: return "every negative has a decision"
        case .filter(let f): return "no item passes the filter \(f.label)"
        }
    }
}
