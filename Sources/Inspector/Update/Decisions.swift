import Review
import SceneData

/// Accept, reject, skip, undo and notes: what the review keys ask for and
/// where the selection goes once the store has answered.
enum Decisions {
    /// Asks the store to record `verdict` on the selected negative.
    static func decide(_ s: inout AppState, _ verdict: Verdict) -> [Effect] {
        // One key per decision is the workflow: a key pressed while the last
        // one is saved waits its turn rather than being lost.
        if s.pendingDecision != nil || s.busy != nil || !s.queuedVerdicts.isEmpty || s.current?.index != s.index {
            s.queuedVerdicts.append(verdict)
            s.flash = "queued \(verdict.rawValue) (\(s.queuedVerdicts.count) waiting)"
            return []
        }
        guard let item = s.item, let neg = s.negative else { s.flash = "no negative to decide on"; return [] }
        if let refusal = refusal(s, item, neg) { s.flash = refusal; return [] }
        let key = NegativeKey(itemID: item.id, negativeID: neg.id)
        s.pendingDecision = key
        s.flash = "saving \(verdict.rawValue) \(neg.id)..."
        return [.record(key, verdict, note: s.pendingNote)]
    }

    /// Applies the oldest queued decision key to the negative selected now,
    /// once nothing is being saved or looked up.
    static func drainQueue(_ s: inout AppState) -> [Effect] {
        guard s.pendingDecision == nil, s.busy == nil, !s.queuedVerdicts.isEmpty else { return [] }
        let v = s.queuedVerdicts.removeFirst()
        let rest = s.queuedVerdicts
        s.queuedVerdicts = []
        let fx = decide(&s, v)
        if fx.isEmpty, s.pendingDecision == nil, s.queuedVerdicts.isEmpty, !rest.isEmpty {
            // Refused: the keys after it were meant for the negatives after it, which are not selected.
            s.flash = (s.flash ?? "") + " (\(rest.count) queued decision key(s) not applied)"
            return fx
        }
        s.queuedVerdicts = rest + s.queuedVerdicts
        return fx
    }

    /// After a decision on `negativeID`: the next undecided negative of this
    /// item (after it, wrapping), else the next item with undecided negatives.
    static func advance(_ s: inout AppState, after negativeID: String) -> [Effect] {
        let visible = s.visibleNegatives
        if let pos = visible.firstIndex(where: { $0.negative.id == negativeID }) {
            let order = visible[(pos + 1)...] + visible[..<pos]
            if let next = order.first(where: { s.undecided($0.negative.id) }) {
                s.negativeIndex = next.offset
                s.stepSelection = 0; s.rationaleScroll = 0
                return []
            }
        }
        s.selectUndecided = true
        let criterion: FindCriterion = {
            if case .op = s.filter { return .filter(s.filter) }
            return .unfinished
        }()
        s.busy = "finding the next undecided item"
        return [.find(from: s.index, forward: true, criterion: criterion, includeStart: false)]
    }

    /// Saves a note typed at the `c` prompt: on the decision if there is one, else with the next decision.
    static func note(_ s: inout AppState, _ text: String) -> [Effect] {
        guard let item = s.item, let neg = s.negative else { return [] }
        if let refusal = refusal(s, item, neg) { s.flash = refusal; return [] }
        let note = text.isEmpty ? nil : text
        if s.verdicts[neg.id] != nil {
            return [.setNote(NegativeKey(itemID: item.id, negativeID: neg.id), note)]
        }
        s.pendingNote = note
        s.flash = "note kept; it is saved with your decision (a/x/s)"
        return []
    }

    /// Why a decision (or note) on `neg` cannot be recorded, or nil when it can:
    /// the item's id repeats, the negative's id repeats, or it has no rationale
    /// (an accepted pair would have an empty rejected side).
    static func refusal(_ s: AppState, _ item: Item, _ neg: Negative) -> String? {
        if !s.idSharedBy.isEmpty {
            let numbers = s.idSharedBy.map { "\($0 + 1)" }
            let list = numbers.dropLast().joined(separator: ", ") + " and " + (numbers.last ?? "")
            return "\(item.id) is the id of items \(list): fix the dataset (validate reports it); not saved"
        }
        if let refusal = ambiguity(item, neg) { return refusal }
        if !neg.hasRationale {
            return "\(neg.id) of \(item.id) has no rationale, nothing to judge: fix the dataset (validate reports it); not saved"
        }
        return nil
    }

    /// Why a decision on `neg` cannot be recorded, or nil when it can: decisions
    /// are keyed by negative id, so one on an id two negatives share would
    /// land on both (and be exported for the wrong one).
    static func ambiguity(_ item: Item, _ neg: Negative) -> String? {
        if item.negativeIDIsUnique(neg.id) { return nil }
        return "\(neg.id) is not unique in \(item.id): fix the dataset (validate reports it); not saved"
    }
}
