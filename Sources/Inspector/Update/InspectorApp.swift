import Imaging
import Review
import SceneData
import TerminalUI

/// The inspector as pure functions: `update` turns a message into a new state
/// and the effects to run; `view` draws a state. No I/O happens here.
public enum InspectorApp {
    /// The effects that start the app at item `index`, or (nil) at the first
    /// item this annotator has not finished.
    public static func start(_ s: inout AppState, at index: Int?) -> [Effect] {
        if let index {
            return go(&s, to: index)
        }
        s.busy = .resuming
        return [.find(from: 0, forward: true, criterion: .unfinished, includeStart: true)]
    }

    /// Applies `msg` to `s` and returns the work to do next.
    public static func update(_ s: inout AppState, _ msg: Msg) -> [Effect] {
        var effects = apply(&s, msg)
        effects += KeyQueue.replay(&s)
        // Progress belongs to the lookup that reported it, not the next one.
        if s.busy == nil || effects.contains(where: { if case .find = $0 { return true }; return false }) {
            s.busyProgress = nil
        }
        PanesModel.refresh(&s)
        return effects
    }

    private static func apply(_ s: inout AppState, _ msg: Msg) -> [Effect] {
        switch msg {
        case .key(let k):
            if KeyQueue.hold(&s, k) { return [] }
            return Keys.handle(&s, k)
        case .resize(let w, let h):
            s.width = max(0, w); s.height = max(0, h)
            return clampAndImage(&s)
        case .indexProgress(let count, let fraction, let done):
            s.itemCount = count; s.indexFraction = fraction; s.fullyIndexed = done
            return []
        case .negativeTotal(let n):
            s.totalNegatives = n
            return []
        case .idsKnown:
            // The item on screen was shown before the ids were read: check it again.
            guard let item = s.item else { return [] }
            return [.loadDecisions(itemID: item.id)]
        case .itemLoaded(let loaded):
            guard loaded.index == s.index else { return [] }
            if loaded.missing {
                // The file ends before this item, so it is fully indexed.
                s.fullyIndexed = true; s.indexFraction = 1
                s.itemCount = min(s.itemCount, loaded.index)
                if s.itemCount > 0 {
                    s.flash = "last item"
                    return go(&s, to: s.itemCount - 1)
                }
                // No items at all: the view shows the empty-dataset screen.
                s.current = loaded
                s.flash = nil; s.queuedVerdicts = []
                return []
            }
            s.current = loaded
            s.itemCount = max(s.itemCount, loaded.index + 1)
            s.negativeIndex = 0
            if let i = targetPosition(s, in: loaded.item) {
                s.negativeIndex = i
            } else if let first = s.visibleNegatives.first {
                s.negativeIndex = first.offset
            }
            s.targetNegativeID = nil; s.targetNegativeIndex = nil
            s.decisionsLoadedFor = nil
            s.verdicts = [:]; s.notes = [:]; s.tags = [:]; s.lints = .none; s.staleDecisions = []
            if let outside = s.selectionOutsideFilter, s.visibleNegatives.isEmpty, let neg = s.negative {
                // `:` (or undo) may reach an item no negative of which passes the filter: say so.
                let why = "no negative of this item passes \(outside.label); showing \(neg.id) (f changes the filter)"
                s.flash = s.flash.map { $0.appending((s.asciiOnly ? " | " : " · ") + why) } ?? Flash(why)
            }
            s.idSharedBy = []
            var fx: [Effect] = []
            if let item = loaded.item {
                fx.append(.loadDecisions(itemID: item.id))
                fx.append(.lint(itemID: item.id))
                if s.image?.itemID != item.id { s.image = nil }
                fx += imageRequest(s)
            } else {
                s.image = nil
                // No decisions will be read for an unreadable line, so queued keys would wait forever.
                if !s.queuedVerdicts.isEmpty {
                    s.flash = "this line could not be read: \(s.queuedVerdicts.count) queued decision key(s) not applied"
                    s.queuedVerdicts = []
                }
            }
            fx.append(.prefetch(loaded.index + 1))
            return fx
        case .imageReady(let img):
            guard img.itemID == s.item?.id else { return [] }
            s.image = img
            return []
        case .decisionsLoaded(let itemID, let decisions, let summary, let stale, let sharedBy):
            if let summary { s.summary = summary }
            guard itemID == s.item?.id else { return [] }
            s.idSharedBy = sharedBy
            // A decision on an id two negatives share cannot say which one it was
            // about (it predates the refusal in `Decisions.decide`): show neither as decided.
            // Nor one on a negative without rationale: it judged no text, and stats and export ignore it.
            let usable = decisions.filter { key, _ in s.item?.negative(key).map { s.undecidable($0) == nil } ?? true }
            s.decisionsLoadedFor = itemID
            s.verdicts = usable.mapValues(\.verdict)
            s.notes = usable.compactMapValues(\.note)
            s.tags = usable.mapValues(\.tags).filter { !$0.value.isEmpty }
            s.staleDecisions = stale
            if s.selectUndecided {
                s.selectUndecided = false
                if let n = s.visibleNegatives.first(where: { s.undecided($0.negative.id) }) {
                    s.negativeIndex = n.offset
                }
            }
            return Decisions.drainQueue(&s)
        case .reviewCounted(let summary):
            s.summary = summary
            return []
        case .decisionSaved(let d, let summary):
            if let summary { s.summary = summary }
            s.pendingDecision = nil
            let followUp = Decisions.settlePending(&s, d)
            // Update the message even when the user has moved on, so "saving..." never sticks.
            s.flash = Flash("saved: \(d.verdict.rawValue) \(d.key.negativeID)", .saved)
            guard d.key.itemID == s.item?.id else { return followUp + Decisions.drainQueue(&s) }
            s.verdicts[d.key.negativeID] = d.verdict
            s.staleDecisions.remove(d.key.negativeID)
            if let note = d.note { s.notes[d.key.negativeID] = note }
            s.tags[d.key.negativeID] = d.tags.isEmpty ? nil : d.tags
            let fx = Decisions.advance(&s, after: d.key.negativeID)
            return followUp + (fx.isEmpty ? Decisions.drainQueue(&s) : fx)
        case .noteSaved(let key, let note):
            if key.itemID == s.item?.id { s.notes[key.negativeID] = note }
            if var p = s.pending[key], p.note == note { p.note = nil; s.setPending(key, p) }
            s.flash = note == nil ? "note removed from \(key.negativeID)" : "note saved on \(key.negativeID)"
            return []
        case .tagsSaved(let key, let tags):
            guard let tags else {
                s.flash = "\(key.negativeID) has no decision to tag (a/x/s first)"
                return []
            }
            if key.itemID == s.item?.id { s.tags[key.negativeID] = tags.isEmpty ? nil : tags }
            if var p = s.pending[key], p.tags == tags { p.tags = nil; s.setPending(key, p) }
            s.flash = tags.isEmpty ? "tags removed from \(key.negativeID)"
                : "tags saved on \(key.negativeID): \(tags.joined(separator: ", "))"
            return []
        case .undone(let result, let summary):
            if let summary { s.summary = summary }
            guard let result else { s.flash = "nothing to undo"; return [] }
            // Undo takes back the last change, which may be only a note or the tags: say which.
            let what: String
            switch result.change {
            case .tags: what = "tags on "
            case .note: what = "note on "
            case .decision: what = ""
            }
            s.flash = "undone: \(what)\(result.key.negativeID) of \(result.key.itemID)"
            if result.key.itemID == s.item?.id {
                s.verdicts[result.key.negativeID] = result.restored
                if let i = s.item?.negatives.firstIndex(where: { $0.id == result.key.negativeID }) { s.negativeIndex = i }
                // The restored decision may be stale: the store's answer says.
                return [.loadDecisions(itemID: result.key.itemID)]
            }
            s.targetNegativeID = result.key.negativeID
            return [.goto(result.key.itemID)]
        case .found(let index, let negativeIndex, let reason):
            s.busy = nil; s.busyProgress = nil
            guard let index else {
                s.flash = keepingSaved(s, reason)
                s.selectUndecided = false
                // Nothing found at start (resume with everything decided): show where we are.
                return s.current == nil ? go(&s, to: s.index) : Decisions.drainQueue(&s)
            }
            if !reason.isEmpty { s.flash = keepingSaved(s, reason) }
            if let negativeIndex { s.targetNegativeIndex = negativeIndex }
            if index == s.index, let item = s.item {
                // Already here (a filter the current item passes): select the negative now,
                // as loading the item would have.
                if let i = targetPosition(s, in: item) {
                    if i != s.negativeIndex { s.lintScroll = 0 }
                    s.negativeIndex = i
                    s.stepSelection = 0; s.rationaleScroll = 0
                    s.selectUndecided = false
                }
                s.targetNegativeID = nil; s.targetNegativeIndex = nil
            }
            let fx = go(&s, to: index)
            return fx.isEmpty ? Decisions.drainQueue(&s) : fx
        case .findProgress(let f):
            if s.busy != nil { s.busyProgress = f }
            return []
        case .lintsReady(let itemID, let lints):
            if itemID == s.item?.id { s.lints = lints }
            return []
        case .failed(let message):
            s.busy = nil
            s.pendingDecision = nil
            // Whatever failed (reading decisions included) is not coming: keys must not wait for it.
            s.decisionsLoadedFor = s.item?.id
            s.flash = Flash("error: " + message, .error)
            let verdicts = s.queuedVerdicts.count
            let dropped = KeyQueue.drop(&s)
            if dropped > 0 {
                // Applying them after a failure would act on the wrong item or negatives.
                s.flash = s.flash?.appending(verdicts == dropped
                    ? " (\(dropped) queued decision key(s) not applied)"
                    : " (\(dropped) queued key(s) not applied)")
            }
            return []
        }
    }

    /// The negative of `item` a lookup or undo asked for: by position when given, else by id.
    static func targetPosition(_ s: AppState, in item: Item?) -> Int? {
        guard let item else { return nil }
        if let k = s.targetNegativeIndex, item.negatives.indices.contains(k) { return k }
        if let id = s.targetNegativeID { return item.negatives.firstIndex { $0.id == id } }
        return nil
    }

    /// `message`, after the save confirmation it would otherwise hide: moving
    /// on after a decision must not erase that the decision was saved.
    static func keepingSaved(_ s: AppState, _ message: String) -> Flash {
        guard let f = s.flash, f.severity == .saved, !message.isEmpty else { return Flash(message) }
        return f.appending((s.asciiOnly ? " | " : " · ") + message)
    }

    /// Moves to item `index` (clamped), resetting the panes, and asks for it.
    static func go(_ s: inout AppState, to index: Int) -> [Effect] {
        let upper = s.fullyIndexed ? max(0, s.itemCount - 1) : Int.max
        let i = min(max(0, index), upper)
        if i != s.index || s.current == nil {
            s.graphSelection = 0; s.graphScroll = 0
            s.stepSelection = 0; s.rationaleScroll = 0; s.lintScroll = 0
            s.attentionChoice = nil
            s.display.viewport = nil
        }
        s.index = i
        if let c = s.current, c.index == i {
            return []
        }
        return [.loadItem(i)]
    }

    /// The image request for the current item and pane size, if the pane is visible.
    static func imageRequest(_ s: AppState) -> [Effect] {
        guard let item = s.item else { return [] }
        // In tab mode the image pane may be hidden; size it as if it were shown.
        var area = ImagePane.picture(s, pane: ScreenLayout.of(s).image)
        if area.isEmpty {
            var t = s; t.focus = .image
            area = ImagePane.picture(t, pane: ScreenLayout.of(t).image)
        }
        guard !area.isEmpty else { return [] }
        let px = ImagePane.wantedPixels(s, inner: area)
        return [.loadImage(itemID: item.id, source: item.image, pixelWidth: px.width, pixelHeight: px.height)]
    }

    /// Keeps selections inside their lists and asks for a new image size when the pane changed.
    static func clampAndImage(_ s: inout AppState) -> [Effect] {
        let l = ScreenLayout.of(s)
        if !l.focusable.contains(s.focus) { s.focus = .rationale }
        guard let img = s.image?.image else { return imageRequest(s) }
        let inner = ImagePane.picture(s, pane: l.image)
        if inner.isEmpty { return [] }
        let want = ImagePane.wantedPixels(s, inner: inner)
        // Re-request when the picture no longer fits, or now fits much bigger.
        if img.width > want.width || img.height > want.height || (img.width < want.width - 2 && img.height < want.height - 2) {
            return imageRequest(s)
        }
        return []
    }
}
