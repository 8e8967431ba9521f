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
        if s.team != nil { return Team.start(&s) }
        return lookUp(&s, .resuming, .find(from: 0, forward: true, criterion: .unfinished, includeStart: true))
    }

    /// Applies `msg` to `s` and returns the work to do next.
    public static func update(_ s: inout AppState, _ msg: Msg) -> [Effect] {
        let unsent = s.review.unsent
        var effects = apply(&s, msg)
        ServerAway.after(&s, msg, wasUnsent: unsent)
        effects += KeyQueue.replay(&s)
        // Progress belongs to the lookup that reported it, not the next one.
        if s.busy == nil || effects.contains(where: { if case .find = $0 { return true }; return false }) {
            s.lookup.progress = nil
        }
        PanesModel.refresh(&s)
        s.refreshLayout()
        return effects
    }

    private static func apply(_ s: inout AppState, _ msg: Msg) -> [Effect] {
        switch msg {
        case .key(let k):
            if KeyQueue.hold(&s, k) { return [] }
            return Keys.handle(&s, k)
        case .mouse(let m):
            return s.mouseEnabled ? Mouse.handle(&s, m) : []
        case .resize(let w, let h):
            s.width = max(0, w); s.height = max(0, h)
            return clampAndImage(&s)
        case .indexProgress(let count, let fraction, let done):
            s.nav.indexed(count: count, fraction: fraction, done: done)
            return []
        case .summaryProgress(let fraction, let done):
            s.nav.summarising = done ? nil : fraction
            return []
        case .negativeTotal(let n):
            s.review.totalNegatives = n
            return []
        case .idsKnown:
            // The item on screen was shown before the ids were read: check it again.
            guard let item = s.item else { return [] }
            return [.loadDecisions(item)]
        case .itemLoaded(let loaded):
            return itemLoaded(&s, loaded)
        case .imageReady(let img):
            // An answer for the other rendition (`o` pressed meanwhile) is not the one shown.
            guard let item = s.item, img.stored == s.image.showStoredPixels else { return [] }
            // The item's own picture, asked for beside a counterfactual (side by side).
            if img.itemID == item.id, s.image.counterfactualIndex(of: item) != nil { s.image.original = img; return [] }
            guard img.itemID == s.image.pictureID(of: item) else { return [] }
            s.image.loaded = img
            return []
        case .decisionsLoaded(let itemID, let decisions, let summary, let stale, let sharedBy):
            if let summary { s.review.summary = summary }
            guard itemID == s.item?.id else { return [] }
            s.review.idSharedBy = sharedBy
            // A decision on an id two negatives share cannot say which one it was
            // about (it predates the refusal in `Decisions.decide`): show neither as decided.
            // Nor one on a negative without rationale: it judged no text, and stats and export ignore it.
            let usable = decisions.filter { key, _ in s.item?.negative(key).map { s.undecidable($0) == nil } ?? true }
            s.review.read(itemID: itemID, usable, stale: stale, sharedBy: sharedBy)
            if s.phase == .readingDecisions(itemID: itemID) { s.work.phase = .idle }
            if s.nav.selectUndecided {
                s.nav.selectUndecided = false
                if let n = s.visibleNegatives.first(where: { s.undecided($0.negative.id) }) {
                    s.nav.negativeIndex = n.offset
                }
            }
            return []
        case .reviewCounted(let summary):
            s.review.summary = summary
            return []
        case .decisionSaved(let d, let summary):
            if let summary { s.review.summary = summary }
            s.review.remember(d)
            let followUp = Decisions.settlePending(&s, d) + QueryPrompt.decisionsChanged(&s) + SearchMatches.decisionsChanged(&s)
            s.team?.decided(d.key)
            // Update the message even when the user has moved on, so "saving..." never sticks.
            s.flash = Flash("saved: \(d.verdict.rawValue) \(d.key.negativeID)", .saved)
            let awaited = s.phase == .savingDecision(d.key)
            if awaited { s.work.phase = .idle }
            guard d.key.itemID == s.item?.id else { return followUp }
            s.review.saved(d)
            // Moving on is for the decision the phase waited for, not one the user has left behind.
            guard awaited else { return followUp }
            return followUp + Decisions.advance(&s, after: d.key.negativeID)
        case .noteSaved(let key, let note):
            if key.itemID == s.item?.id { s.review.notes[key.negativeID] = note }
            if var p = s.review.pending[key], p.note == note { p.note = nil; s.review.setPending(key, p) }
            s.flash = note == nil ? "note removed from \(key.negativeID)" : "note saved on \(key.negativeID)"
            return []
        case .tagsSaved(let key, let tags):
            guard let tags else {
                s.flash = "\(key.negativeID) has no decision to tag (a/x/s first)"
                return []
            }
            if key.itemID == s.item?.id { s.review.tags[key.negativeID] = tags.isEmpty ? nil : tags }
            if var p = s.review.pending[key], p.tags == tags { p.tags = nil; s.review.setPending(key, p) }
            s.flash = tags.isEmpty ? "tags removed from \(key.negativeID)"
                : "tags saved on \(key.negativeID): \(tags.joined(separator: ", "))"
            return []
        case .undone(let result, let summary):
            if let summary { s.review.summary = summary }
            guard let result else { s.flash = "nothing to undo"; return [] }
            if result.change == .decision { s.review.undid(result.key) }
            let recount = QueryPrompt.decisionsChanged(&s) + SearchMatches.decisionsChanged(&s)
            // Undo takes back the last change, which may be only a note or the tags: say which.
            let what: String
            switch result.change {
            case .tags: what = "tags on "
            case .note: what = "note on "
            case .decision: what = ""
            }
            s.flash = "undone: \(what)\(result.key.negativeID) of \(result.key.itemID)"
            if result.key.itemID == s.item?.id {
                s.review.verdicts[result.key.negativeID] = result.restored
                if let i = s.item?.negatives.firstIndex(where: { $0.id == result.key.negativeID }) { s.nav.negativeIndex = i }
                // The restored decision may be stale: the store's answer says.
                return recount + (s.item.map { [.loadDecisions($0)] } ?? [])
            }
            // A prompt opened meanwhile keeps the keys; the message says what was undone.
            guard s.prompt == nil else { return recount }
            s.nav.targetNegativeID = result.key.negativeID
            return recount + lookUp(&s, .lookingFor(result.key.itemID), .goto(result.key.itemID))
        case .found(let index, let negativeIndex, let reason):
            // A lookup cancelled (Esc, `f` back to all) answers into the void.
            guard case .lookingUp = s.phase else { return [] }
            s.work.phase = .idle; s.lookup.progress = nil
            guard let index else {
                s.flash = keepingSaved(s, reason)
                s.nav.selectUndecided = false
                // Nothing found at start (resume with everything decided): show where we are.
                return s.nav.current == nil ? go(&s, to: s.nav.index) : []
            }
            if !reason.isEmpty { s.flash = keepingSaved(s, reason) }
            if let negativeIndex { s.nav.targetNegativeIndex = negativeIndex }
            if index == s.nav.index, let item = s.item {
                // Already here (a filter the current item passes): select the negative now,
                // as loading the item would have.
                if let i = s.nav.targetPosition(in: item) {
                    if i != s.nav.negativeIndex { s.panes.lintScroll = 0 }
                    s.nav.negativeIndex = i
                    s.panes.stepSelection = 0; s.panes.rationaleScroll = 0
                    s.nav.selectUndecided = false
                }
                s.nav.clearTarget()
            }
            return go(&s, to: index)
        case .idChoices(let c):
            guard case .lookingUp = s.phase else { return [] }
            return IDChoiceKeys.listed(&s, c)
        case .findProgress(let f):
            if s.busy != nil { s.lookup.progress = f }
            return []
        case .queryCounted(let c):
            return QueryPrompt.counted(&s, c)
        case .matchesListed(let m):
            return SearchMatches.listed(&s, m)
        case .filtersCounted(let c):
            return Filters.counted(&s, c)
        case .sortListed(let rows, let without, let field, let descending, let within):
            return Sorted.listed(&s, rows, withoutValue: without, field: field, descending: descending, within: within)
        case .tableCounted(let table, let fields, let within):
            return Frequency.counted(&s, table, fields: fields, within: within)
        case .lintsReady(let itemID, let lints):
            if itemID == s.item?.id { s.review.lints = lints }
            return []
        case .storeUnreachable(let message, let unsent):
            return ServerAway.unreachable(&s, message, unsent: unsent)
        case .teamClaimed(let c):
            return Team.claimed(&s, c)
        case .teamProgress(let p):
            return Team.progress(&s, p)
        case .failed(let message):
            // Whatever failed (a lookup, reading decisions, a save) is not coming: keys must not wait for it.
            // In a team project a lookup that fails may be a claim: the next heartbeat that gets through claims again.
            if case .lookingUp = s.phase, s.team != nil { s.team?.claimFailed = true }
            switch s.phase {
            case .lookingUp, .readingDecisions, .savingDecision: s.work.phase = .idle
            case .idle, .prompt, .loadingItem: break
            }
            s.flash = Flash("error: " + message, .error)
            // Applying queued keys after a failure would act on the wrong item or negatives.
            let dropped = KeyQueue.drop(&s)
            if !dropped.isEmpty { s.flash = s.flash?.appending(" (\(dropped))") }
            return []
        }
    }

    /// Item `loaded` arrived: shows it, selects the negative asked for, and asks for
    /// its decisions, lints and image.
    private static func itemLoaded(_ s: inout AppState, _ loaded: LoadedItem) -> [Effect] {
        guard loaded.index == s.nav.index else { return [] }
        // The phase moves on only when it waited for this item (a lookup started meanwhile goes on).
        let awaited = s.phase == .loadingItem(loaded.index) || s.phase == .idle
        if loaded.missing {
            // The file ends before this item, so it is fully indexed.
            s.nav.endsBefore(loaded.index)
            if s.nav.itemCount > 0 {
                s.flash = "last item"
                return go(&s, to: s.nav.itemCount - 1)
            }
            // No items at all: the view shows the empty-dataset screen.
            s.nav.current = loaded
            s.flash = nil
            _ = s.work.dropDecisions(s.keyMap)
            if awaited { s.work.phase = .idle }
            return []
        }
        s.nav.current = loaded
        s.nav.itemCount = max(s.nav.itemCount, loaded.index + 1)
        s.nav.negativeIndex = 0
        if let i = s.nav.targetPosition(in: loaded.item) {
            s.nav.negativeIndex = i
        } else if let first = s.visibleNegatives.first {
            s.nav.negativeIndex = first.offset
        }
        s.nav.clearTarget()
        s.review.clearItem()
        // The what-if panel belongs to the item it was worked out on.
        if s.whatIf?.itemID != loaded.item?.id { s.whatIf = nil }
        if let outside = s.selectionOutsideFilter, s.visibleNegatives.isEmpty, let neg = s.negative {
            // `:` (or undo) may reach an item no negative of which passes the filter: say so.
            let why = "no negative of this item passes \(outside.label); showing \(neg.id) (f changes the filter)"
            s.flash = s.flash.map { $0.appending(s.separator + why) } ?? Flash(why)
        }
        var fx: [Effect] = []
        // The header of another item may take another height: the image pane's size follows.
        s.refreshLayout()
        if let item = loaded.item {
            fx.append(.lint(item))
            if s.image.loaded?.itemID != s.image.pictureID(of: item) { s.image.loaded = nil }
            fx += imageRequest(s)
        } else {
            s.image.loaded = nil
            // No decisions will be read for an unreadable line, so queued decision keys would wait forever.
            let dropped = s.work.dropDecisions(s.keyMap)
            if dropped > 0 { s.flash = "this line could not be read: \(dropped) queued decision key(s) not applied" }
        }
        if awaited { fx = arrived(&s) + fx } else if let item = loaded.item { fx.insert(.loadDecisions(item), at: 0) }
        fx.append(.prefetch(loaded.index + 1))
        return fx
    }

    /// The phase once the item shown is here: reading its decisions (asked for
    /// again, so the phase never waits for a read nobody made), or idle.
    static func arrived(_ s: inout AppState) -> [Effect] {
        guard let item = s.item, s.review.itemID != item.id else { s.work.phase = .idle; return [] }
        s.work.phase = .readingDecisions(itemID: item.id)
        return [.loadDecisions(item)]
    }

    /// Starts the lookup `effect`, shown as `busy`.
    static func lookUp(_ s: inout AppState, _ busy: Busy, _ effect: Effect) -> [Effect] {
        s.work.phase = .lookingUp(busy)
        s.lookup.progress = nil
        return [effect]
    }

    /// Stops the running lookup (Esc, `f` back to all): nothing is selected for it.
    static func endLookup(_ s: inout AppState) {
        if case .lookingUp = s.phase { s.work.phase = .idle }
        s.lookup.progress = nil
        s.nav.selectUndecided = false
    }

    /// `message`, after the save confirmation it would otherwise hide: moving
    /// on after a decision must not erase that the decision was saved.
    static func keepingSaved(_ s: AppState, _ message: String) -> Flash { s.keepingSaved(message) }

    /// Moves to item `index` (clamped), resetting the panes, and asks for it.
    static func go(_ s: inout AppState, to index: Int) -> [Effect] {
        let i = s.nav.clamped(index)
        if i != s.nav.index || s.nav.current == nil {
            // The item on screen stays drawn as it is until the next one is here (not when already leaving it).
            if let c = s.nav.current, c.index == s.nav.index { s.leaving = Leaving(s) }
            s.panes.resetSelections()
            s.image.attentionChoice = nil
            s.image.viewport = nil
        }
        s.nav.index = i
        if let c = s.nav.current, c.index == i {
            // Back on the item shown (a load left behind, a lookup that stayed): nothing to wait for but its decisions.
            switch s.phase {
            case .loadingItem, .idle: return arrived(&s)
            default: return []
            }
        }
        s.work.phase = .loadingItem(i)
        return [.loadItem(i)]
    }

    /// The image request for the current item and pane size, if the pane is visible.
    static func imageRequest(_ s: AppState) -> [Effect] {
        guard let item = s.item else { return [] }
        let area = s.layout.imageArea
        guard !area.isEmpty else { return [] }
        let px = ImageArea.wantedPixels(s.image, inner: ImageArea.onePicture(s.image, inner: area))
        var fx: [Effect] = []
        // Side by side, the item's own picture comes too (first: the counterfactual's is the one `coalesce` keeps last).
        if !ImageArea.sideBySide(s.image, inner: area).isEmpty,
           s.image.original.map({ $0.itemID != item.id || $0.stored != s.image.showStoredPixels || !fits($0, px) }) ?? true {
            fx.append(.loadImage(itemID: item.id, source: item.image, pixelWidth: px.width, pixelHeight: px.height, stored: s.image.showStoredPixels))
        }
        fx.append(.loadImage(itemID: s.image.pictureID(of: item), source: s.image.source(of: item), pixelWidth: px.width, pixelHeight: px.height,
                             stored: s.image.showStoredPixels))
        return fx
    }

    /// Whether a picture loaded is the size `want` asks for (not larger, not much smaller).
    static func fits(_ loaded: LoadedImage, _ want: (width: Int, height: Int)) -> Bool {
        guard let img = loaded.image else { return true }
        return !(img.width > want.width || img.height > want.height || (img.width < want.width - 2 && img.height < want.height - 2))
    }

    /// Keeps selections inside their lists and asks for a new image size when the pane changed.
    static func clampAndImage(_ s: inout AppState) -> [Effect] {
        s.refreshLayout()
        if !s.layout.screen.focusable.contains(s.panes.focus) { s.panes.focus = .rationale; s.refreshLayout() }
        guard let img = s.image.loaded?.image, s.image.loaded?.stored == s.image.showStoredPixels else { return imageRequest(s) }
        let inner = ImageArea.picture(s.image, pane: s.layout.screen.image)
        if inner.isEmpty { return [] }
        let want = ImageArea.wantedPixels(s.image, inner: ImageArea.onePicture(s.image, inner: inner))
        // Re-request when the picture no longer fits, or now fits much bigger; or the original beside it is missing.
        let companion = ImageArea.sideBySide(s.image, inner: inner).isEmpty
            || s.image.original.map { $0.itemID == s.item?.id && $0.stored == s.image.showStoredPixels && fits($0, want) } == true
        if !fits(LoadedImage(itemID: "", image: img, error: nil, originalWidth: 0, originalHeight: 0), want) || !companion {
            return imageRequest(s)
        }
        return []
    }
}
