import Review
import SceneData

/// Accept, reject, skip, undo and notes: what the review keys ask for and
/// where the selection goes once the store has answered.
enum Decisions {
    /// Asks the store to record `verdict` on the selected negative. Keys typed
    /// while a decision is saved wait in the phase's queue (see `KeyQueue`), so
    /// one decision at a time reaches here. An accept of a negative with an
    /// error-level lint (the pair `export` leaves out) is held back, saying why,
    /// until `confirmed` by the confirm key.
    static func decide(_ s: inout AppState, _ verdict: Verdict, confirmed: Bool = false) -> [Effect] {
        guard let item = s.item, let neg = s.negative else { s.flash = "no negative to decide on"; return [] }
        if let refusal = refusal(s, item, neg) { s.flash = Flash(refusal); return [] }
        let key = NegativeKey(itemID: item.id, negativeID: neg.id)
        if verdict == .accept, !confirmed, let flag = FlaggedPair.error(neg, in: item) {
            s.review.acceptConfirm = key
            let confirmKey = s.keyMap.keys(.confirmAccept).first?.name ?? "A"
            // The way on first: the finding itself is in the Lints pane, and a long message is cut.
            s.flash = Flash("not saved: \(neg.id) has an error lint, \(flag.name) (see Lints); \(confirmKey) accepts it anyway, "
                            + "any other key cancels; export leaves such a pair out unless --include-flagged", .error)
            return []
        }
        s.work.phase = .savingDecision(key)
        s.flash = "saving \(verdict.rawValue) \(neg.id)..."
        // Only what was typed on this very negative goes with its decision.
        let waiting = s.review.pending[key]
        return [.record(key, verdict, item: item, note: waiting?.note, tags: waiting?.tags)]
    }

    /// Ctrl-R: records again the decision `u` last took back (its verdict,
    /// note and tags), on its item when that is shown, else goes to the item first.
    static func redo(_ s: inout AppState) -> [Effect] {
        guard let d = s.review.redo.last else {
            s.flash = "nothing to redo (Ctrl-R redoes what u took back in this session)"
            return []
        }
        guard let item = s.item, item.id == d.key.itemID,
              let k = item.negatives.firstIndex(where: { $0.id == d.key.negativeID }) else {
            s.nav.targetNegativeID = d.key.negativeID
            s.flash = Flash("redo \(d.verdict.rawValue) on \(d.key.negativeID) of \(d.key.itemID): going there, Ctrl-R again redoes it")
            return InspectorApp.lookUp(&s, .lookingFor(d.key.itemID), .goto(d.key.itemID))
        }
        s.nav.negativeIndex = k
        var p = s.review.pending[d.key] ?? PendingAnnotation()
        p.note = d.note ?? p.note
        if !d.tags.isEmpty { p.tags = d.tags }
        s.review.setPending(d.key, p)
        let effects = decide(&s, d.verdict, confirmed: true)
        if !effects.isEmpty { s.review.redoing = d.key }
        return effects
    }

    /// After a decision on `negativeID`: the next undecided negative of this
    /// item (after it, wrapping), else the next item with undecided negatives.
    static func advance(_ s: inout AppState, after negativeID: String) -> [Effect] {
        if s.team != nil { return Team.advance(&s) }
        let visible = s.visibleNegatives
        if let pos = visible.firstIndex(where: { $0.negative.id == negativeID }) {
            let order = visible[(pos + 1)...] + visible[..<pos]
            if let next = order.first(where: { s.undecided($0.negative.id) }) {
                s.nav.negativeIndex = next.offset
                s.panes.stepSelection = 0; s.panes.rationaleScroll = 0
                return []
            }
        }
        s.nav.selectUndecided = true
        let criterion: FindCriterion = {
            if case .op = s.lookup.filter { return .filter(s.lookup.filter) }
            return .unfinished
        }()
        return InspectorApp.lookUp(&s, .findingNext, .find(from: s.nav.index, forward: true, criterion: criterion, includeStart: false))
    }

    /// Saves a note typed at the `c` prompt: on the decision if there is one,
    /// else kept on this negative until it is decided. Empty text keeps nothing
    /// (and drops a note waiting here, or clears the saved one).
    static func note(_ s: inout AppState, _ text: String) -> [Effect] {
        guard let item = s.item, let neg = s.negative else { return [] }
        if let refusal = refusal(s, item, neg) { s.flash = Flash(refusal); return [] }
        let key = NegativeKey(itemID: item.id, negativeID: neg.id)
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let note = trimmed.isEmpty ? nil : trimmed
        if s.review.verdicts[neg.id] != nil && s.phase != .savingDecision(key) {
            if note == nil && s.review.notes[neg.id] == nil { s.flash = "empty note: nothing saved"; return [] }
            return [.setNote(key, note)]
        }
        var p = s.review.pending[key] ?? PendingAnnotation()
        let had = p.note != nil
        p.note = note
        s.review.setPending(key, p)
        if note != nil {
            s.flash = "note kept on \(neg.id); it is saved with your decision on it (a/x/s)"
        } else {
            s.flash = had ? "note on \(neg.id) cleared" : "empty note: nothing kept"
        }
        return []
    }

    /// Saves the tags ticked at the `t` prompt: on the decision if there is one,
    /// else kept on this negative until it is decided.
    static func tags(_ s: inout AppState, _ tags: [String]) -> [Effect] {
        guard let item = s.item, let neg = s.negative else { return [] }
        if let refusal = refusal(s, item, neg) { s.flash = Flash(refusal); return [] }
        let key = NegativeKey(itemID: item.id, negativeID: neg.id)
        let tags = ReasonTag.normalize(tags)
        if s.review.verdicts[neg.id] != nil && s.phase != .savingDecision(key) {
            if tags == (s.review.tags[neg.id] ?? []) { s.flash = "tags unchanged on \(neg.id)"; return [] }
            s.flash = "saving tags on \(neg.id)..."
            return [.setTags(key, tags)]
        }
        var p = s.review.pending[key] ?? PendingAnnotation()
        let had = p.tags != nil
        p.tags = tags.isEmpty ? nil : tags
        s.review.setPending(key, p)
        if !tags.isEmpty {
            s.flash = "tags kept on \(neg.id); they are saved with your decision on it (a/x/s)"
        } else {
            s.flash = had ? "tags on \(neg.id) cleared" : "no tags: nothing kept"
        }
        return []
    }

    /// After `d` is saved: drops what waited on its negative and went with it, and
    /// sends on what was typed there while it was being saved.
    static func settlePending(_ s: inout AppState, _ d: Decision) -> [Effect] {
        guard var p = s.review.pending[d.key] else { return [] }
        var fx: [Effect] = []
        if let note = p.note, note != d.note { fx.append(.setNote(d.key, note)) }
        if let tags = p.tags, tags != d.tags { fx.append(.setTags(d.key, tags)) }
        // Kept until the follow-up is confirmed, so quitting meanwhile still asks.
        if fx.isEmpty { p = PendingAnnotation() } else {
            if p.note == d.note { p.note = nil }
            if p.tags == d.tags { p.tags = nil }
        }
        s.review.setPending(d.key, p)
        return fx
    }

    /// Why a decision (or note) on `neg` cannot be recorded, or nil when it can:
    /// the item's id repeats, the negative's id repeats (decisions are keyed by
    /// ids, so one would land on both), or it has no rationale (an accepted pair
    /// would have an empty rejected side). The rule is `Undecidable`'s, as in
    /// stats and export; this says it in the inspector's words.
    static func refusal(_ s: AppState, _ item: Item, _ neg: Negative) -> String? {
        switch s.undecidable(neg) {
        case nil:
            return Team.refusal(s, item, neg)
        case .repeatedItemID:
            let numbers = s.review.idSharedBy.map { "\($0 + 1)" }
            let list = numbers.dropLast().joined(separator: ", ") + " and " + (numbers.last ?? "")
            return "\(item.id) is the id of items \(list): fix the dataset (validate reports it); not saved"
        case .duplicateNegativeID:
            return "\(neg.id) is not unique in \(item.id): fix the dataset (validate reports it); not saved"
        case .noRationale:
            return "\(neg.id) of \(item.id) has no rationale, nothing to judge: fix the dataset (validate reports it); not saved"
        }
    }
}
