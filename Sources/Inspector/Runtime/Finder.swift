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

    func find(from: Int, forward: Bool, criterion: FindCriterion, includeStart: Bool) -> Msg? {
        let decided: Set<NegativeKey>
        switch criterion {
        case .unfinished, .filter(.undecided):
            decided = (try? runner.store?.decidedKeys()) ?? []
        default: decided = []
        }
        var i = includeStart ? from : from + (forward ? 1 : -1)
        var visited = 0
        var reported = 0
        let source = runner.source
        while true {
            if !runner.isCurrent(generation) { return nil }
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
                if let item = runner.item(i).item, let neg = matches(item, criterion, decided) {
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
            let loaded = runner.item(i)
            if let item = loaded.item, let neg = matches(item, criterion, decided) {
                return .found(index: i, negativeIndex: neg, reason: message(criterion, wrapped: forward ? i < from : i > from))
            }
            i += forward ? 1 : -1
        }
        return .found(index: nil, negativeIndex: nil, reason: noneMessage(criterion))
    }

    /// Whether `item` meets the criterion; the position of the negative to select (or nil for none in particular).
    private func matches(_ item: Item, _ c: FindCriterion, _ decided: Set<NegativeKey>) -> Int?? {
        switch c {
        case .text(let q):
            let texts = [item.question, item.answer] + item.chosen.steps + item.negatives.flatMap(\.rationale.steps)
            if texts.contains(where: { $0.range(of: q, options: [.caseInsensitive, .diacriticInsensitive]) != nil }) {
                let neg = item.negatives.firstIndex { n in n.rationale.steps.contains { $0.range(of: q, options: .caseInsensitive) != nil } }
                return .some(neg)
            }
            return nil
        case .unfinished, .filter(.undecided):
            // Negatives sharing an id cannot be decided (see `Decisions.ambiguity`): never "to do".
            let ambiguous = item.duplicateNegativeIDs
            let decidable = item.negatives.indices.filter { !ambiguous.contains(item.negatives[$0].id) }
            if let k = decidable.first(where: { !decided.contains(NegativeKey(itemID: item.id, negativeID: item.negatives[$0].id)) }) {
                return .some(k)
            }
            // Every negative has a decision: one made on content changed since still needs deciding.
            guard let ds = try? runner.store?.decisions(itemID: item.id) else { return nil }
            let stale = runner.staleIDs(ds, item: item)
            if let k = decidable.first(where: { stale.contains(item.negatives[$0].id) }) { return .some(k) }
            return nil
        case .filter(.op(let o)):
            if let k = item.negatives.firstIndex(where: { $0.op == o }) { return .some(k) }
            return nil
        case .filter(.none):
            return .some(nil)
        case .filter(let f):  // .linted and .lint(name)
            // By position: negatives that share an id each have their own findings.
            let lints = runner.lintItem(item)
            if let k = lints.positions(where: f.matches(lintLine:)).first(where: item.negatives.indices.contains) {
                return .some(k)
            }
            // Item-level findings (evidence-leak, item attention) are shown with every negative: they count too.
            if lints.item.contains(where: f.matches(lintLine:)) { return .some(nil) }
            return nil
        }
    }

    private func message(_ c: FindCriterion, wrapped: Bool) -> String {
        let w = wrapped ? " (wrapped around)" : ""
        switch c {
        case .text(let q): return "match for \"\(q)\"\(w)"
        default: return wrapped ? "wrapped around" : ""
        }
    }

    private func onlyMessage(_ c: FindCriterion) -> String {
        switch c {
        case .text(let q): return "the only match for \"\(q)\""
        case .unfinished: return "the only item with undecided negatives"
        case .filter(let f): return "the only item that passes the filter \(f.label)"
        }
    }

    private func noneMessage(_ c: FindCriterion) -> String {
        switch c {
        case .text(let q): return "no item matches \"\(q)\""
        case .unfinished: return "every negative has a decision"
        case .filter(let f): return "no item passes the filter \(f.label)"
        }
    }
}
