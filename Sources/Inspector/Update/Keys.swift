import Foundation
import Review
import SceneData
import TerminalUI

/// What each key does, by what is on screen: a prompt, the help, the zoomed
/// image, or the panes. Each action goes to the part of the state that owns it.
enum Keys {
    static func handle(_ s: inout AppState, _ k: Key) -> [Effect] {
        let effects = act(&s, k)
        // Whatever the key did to the search or its filter, its list of matches follows.
        return effects + SearchMatches.sync(&s)
    }

    private static func act(_ s: inout AppState, _ k: Key) -> [Effect] {
        // A key replayed after one that moved the selection sees the figures of the new selection.
        s.refreshLayout()
        if let p = s.prompt { return promptKey(&s, p, k) }
        if s.idChoices != nil { return IDChoiceKeys.key(&s, k) }
        if s.filters != nil { return Filters.key(&s, k) }
        if s.frequency != nil { return Frequency.key(&s, k) }
        if s.sorted != nil { return Sorted.key(&s, k) }
        let action = s.keyMap.action(for: k)
        if s.panes.showHelp {
            s.panes.help(action, page: s.layout.helpPage, maxScroll: s.layout.helpMaxScroll)
            return []
        }
        // Esc first goes back from a zoom into the image to all of it.
        if action == .escape, s.busy == nil, s.image.viewport != nil {
            s.image.viewport = nil
            s.flash = "whole image"
            return InspectorApp.clampAndImage(&s)
        }
        if s.image.zoomed, action == .escape || action == .zoom {
            s.image.zoomed = false
            return InspectorApp.clampAndImage(&s)
        }
        // The program repaints; nothing in the state changes.
        if action == .redraw { return [] }
        // Any key clears the last message (not "saving...") and cancels a quit that asked first.
        if case .savingDecision = s.phase {} else { s.flash = nil }
        let quitAsked = s.quitAsked
        s.quitAsked = false
        // An accept held back for an error lint is confirmed by the very next key only.
        let confirm = s.review.acceptConfirm
        s.review.acceptConfirm = nil
        guard let action else { return [] }
        if action == .confirmAccept { return confirmAccept(&s, confirm, key: k) }
        return perform(&s, action, key: k, quitAsked: quitAsked)
    }

    /// `A` right after `a` held back an accept on this negative: accepts it.
    private static func confirmAccept(_ s: inout AppState, _ confirm: NegativeKey?, key k: Key) -> [Effect] {
        guard let confirm, let item = s.item, let neg = s.negative,
              confirm == NegativeKey(itemID: item.id, negativeID: neg.id) else {
            let a = s.keyMap.keys(.accept).first?.name ?? "a"
            s.flash = "nothing to confirm: \(k.name) accepts a negative with an error lint right after \(a) held it back"
            return []
        }
        return Decisions.decide(&s, .accept, confirmed: true)
    }

    /// Does what `action` asks for over the panes; `k` is the key that asked.
    private static func perform(_ s: inout AppState, _ action: Action, key k: Key, quitAsked: Bool) -> [Effect] {
        switch action {
        case .quit, .interrupt:
            // Notes and tags waiting for their decisions live only in memory: quitting would drop them unseen.
            if let warning = s.review.unsavedWarning(quitKey: k.name, separator: s.separator), !quitAsked {
                s.quitAsked = true
                s.flash = Flash(warning)
                return []
            }
            s.quitting = true; return [.quit]
        case .help: s.panes.showHelp = true; s.panes.helpScroll = 0
        case .focusImage, .focusGraph, .focusRationale, .focusLints:
            // The numbers the tab bar shows: on small screens they pick the tab.
            guard let pane = action.pane else { break }
            guard s.layout.screen.focusable.contains(pane) else { s.flash = "no \(pane.rawValue) pane on this screen"; break }
            s.panes.focus = pane
            return InspectorApp.clampAndImage(&s)
        case .escape:
            if let what = s.busy {
                // Esc stops the lookup itself, not just its message.
                InspectorApp.endLookup(&s)
                if what == .searching { s.lookup.search = nil }
                let dropped = KeyQueue.drop(&s)
                // They were waiting for this lookup's item; applying them here would hit the wrong item or negative.
                s.flash = Flash(dropped.isEmpty ? "cancelled" : "cancelled; " + dropped)
                return [.cancelFind]
            }
            if s.whatIf != nil { s.whatIf = nil; s.flash = "what-if closed"; s.refreshLayout() }
            else if s.lookup.search != nil { s.lookup.search = nil; s.flash = "search ended" }
        // Items.
        case .nextItem: return nextItem(&s, forward: true)
        case .previousItem: return nextItem(&s, forward: false)
        case .previousMatch:
            if s.lookup.search != nil { return nextItem(&s, forward: false) }
            s.flash = "no search: / starts one"
        case .firstItem: return InspectorApp.go(&s, to: 0)
        case .lastItem:
            if !s.nav.fullyIndexed { s.flash = "still indexing: last item known so far" }
            return InspectorApp.go(&s, to: max(0, s.nav.itemCount - 1))
        case .nextNegative: stepNegative(&s, 1)
        case .previousNegative: stepNegative(&s, -1)
        case .goTo: s.work.phase = .prompt(Prompt(kind: .goto))
        // A fresh query each time: starting from the last one made typing append to it.
        case .search: s.work.phase = .prompt(Prompt(kind: .search, text: ""))
        // The query in force, to refine; its count stays on screen.
        case .query: return QueryPrompt.open(&s)
        case .frequency: return Frequency.open(&s)
        case .sort: return Sorted.open(&s)
        case .filters: return Filters.open(&s)
        // Panes.
        case .focusNext, .focusPrevious:
            let panes = s.layout.screen.focusable
            let i = panes.firstIndex(of: s.panes.focus) ?? 0
            s.panes.focus = panes[(i + (action == .focusNext ? 1 : panes.count - 1)) % panes.count]
            return InspectorApp.clampAndImage(&s)
        case .expandHeader:
            s.panes.headerExpanded.toggle()
            s.flash = s.panes.headerExpanded ? "question and evidence in full (e: one line each)" : "question and evidence on a line each"
            return InspectorApp.clampAndImage(&s)
        case .down: move(&s, 1)
        case .up: move(&s, -1)
        case .pageDown: move(&s, s.layout.page(s.panes.focus))
        case .pageUp: move(&s, -s.layout.page(s.panes.focus))
        case .home: move(&s, -1_000_000)
        case .end: move(&s, 1_000_000)
        // Image.
        case .cycleMap, .toggleHeatmap, .toggleBoxes, .invertShading:
            if let f = s.image.apply(action, maps: s.item?.attention.count ?? 0, asciiOnly: s.asciiOnly) { s.flash = f }
        case .cycleImageMode:
            // Another mode may want the picture at another size (pixels, symbols' samples).
            if let f = s.image.apply(action, maps: 0, asciiOnly: s.asciiOnly) { s.flash = f }
            return InspectorApp.clampAndImage(&s)
        case .zoomIn, .zoomOut, .zoomToObject, .zoomToCritical, .panLeft, .panDown, .panUp, .panRight:
            return ImageZoom.perform(&s, action)
        case .counterfactual:
            guard let item = s.item, !item.counterfactuals.isEmpty else {
                s.flash = "this item has no counterfactual image (docs/counterfactual.md: scenelens counterfactual makes them)"
                break
            }
            let next = (s.image.counterfactualIndex(of: item) ?? -1) + 1
            s.image.counterfactual = next < item.counterfactuals.count ? (item.id, next) : nil
            s.flash = next < item.counterfactuals.count
                ? Flash("counterfactual \(next + 1) of \(item.counterfactuals.count): \(item.counterfactuals[next].change) (v: next)")
                : "the item's own image"
            return InspectorApp.imageRequest(s)
        case .zoom:
            s.image.zoomed = true
            return InspectorApp.clampAndImage(&s)
        case .storedPixels:
            if let f = s.image.apply(action, maps: 0, asciiOnly: s.asciiOnly) { s.flash = f }
            return InspectorApp.clampAndImage(&s)
        // Review.
        case .accept, .reject, .skip:
            guard let v = action.verdict else { break }
            return Decisions.decide(&s, v)
        case .undo: s.flash = "undoing..."; return [.undo]
        case .redo: return Decisions.redo(&s)
        case .note:
            guard let neg = s.negative else { s.flash = "no negative to note"; break }
            // This negative's own note only: the one waiting here, else the saved one.
            s.work.phase = .prompt(Prompt(kind: .note, text: s.selectedPending?.note ?? s.review.notes[neg.id] ?? ""))
        case .tags:
            guard let neg = s.negative else { s.flash = "no negative to tag"; break }
            s.work.phase = .prompt(Prompt(kind: .tags, tags: s.selectedPending?.tags ?? s.review.tags[neg.id] ?? []))
        case .whatIf: WhatIfKeys.nextOperator(&s)
        case .whatIfNext: WhatIfKeys.nextChoice(&s)
        case .compareNegative: WhatIfKeys.compare(&s)
        case .redraw, .confirmAccept: break
        }
        return []
    }

    private static func promptKey(_ s: inout AppState, _ p: Prompt, _ k: Key) -> [Effect] {
        if p.kind == .query, k == .tab { return QueryPrompt.complete(&s, p) }
        switch p.edit(k, history: s.lookup.history[p.kind] ?? []) {
        case .editing(let edited):
            s.work.phase = .prompt(edited)
            return p.kind == .query && edited.text != p.text ? QueryPrompt.typed(&s, edited.text) : []
        case .cancelled:
            s.work.phase = .idle
            return p.kind == .query ? QueryPrompt.cancelled(&s) : []
        case .submitted(let text, let tags):
            s.work.phase = .idle
            if [.goto, .search, .query].contains(p.kind) {
                s.lookup.history[p.kind] = Prompt.remembered(text, in: s.lookup.history[p.kind] ?? [])
            }
            switch p.kind {
            case .goto:
                guard !text.isEmpty else { return [] }
                return InspectorApp.lookUp(&s, .lookingFor(text), .goto(text))
            case .search:
                guard !text.isEmpty else { s.lookup.search = nil; return [] }
                s.lookup.search = text
                return InspectorApp.lookUp(&s, .searching, .find(from: s.nav.index, forward: true, criterion: .text(text, within: s.lookup.filter), includeStart: false))
            case .query:
                return QueryPrompt.submitted(&s, p, text)
            case .note:
                return Decisions.note(&s, text)
            case .tags:
                return Decisions.tags(&s, tags)
            }
        }
    }

    private static func nextItem(_ s: inout AppState, forward: Bool) -> [Effect] {
        if let criterion = s.lookup.stepCriterion {
            let busy: Busy = s.lookup.search != nil ? .searching : .filtering
            if busy == .filtering { s.nav.selectUndecided = s.lookup.filter == .undecided }
            return InspectorApp.lookUp(&s, busy, .find(from: s.nav.index, forward: forward, criterion: criterion, includeStart: false))
        }
        if let team = Team.step(&s, forward: forward) { return team }
        if !forward && s.nav.index == 0 { s.flash = "first item"; return [] }
        if forward && s.nav.fullyIndexed && s.nav.index + 1 >= s.nav.itemCount { s.flash = "last item"; return [] }
        return InspectorApp.go(&s, to: s.nav.index + (forward ? 1 : -1))
    }

    static func stepNegative(_ s: inout AppState, _ d: Int) {
        let vis = s.visibleNegatives
        guard !vis.isEmpty else {
            if s.item?.negatives.isEmpty ?? true { s.flash = "this item has no negatives"; return }
            s.flash = "no negative of this item passes \(s.lookup.filter.label) (f changes the filter)"
            return
        }
        let pos = vis.firstIndex { $0.offset == s.nav.negativeIndex } ?? 0
        s.nav.negativeIndex = vis[((pos + d) % vis.count + vis.count) % vis.count].offset
        s.panes.otherNegative(steps: PanesModel.stepCount(s))
    }

    /// j/k, PgDn/PgUp, Home/End: the focused pane moves, by the figures of the layout.
    private static func move(_ s: inout AppState, _ d: Int) {
        s.panes.move(d, graphRows: PanesModel.graphRows(s), steps: PanesModel.stepCount(s), layout: s.layout)
        // Over a zoomed image the movement keys pan it.
        if s.panes.focus == .image, s.image.viewport != nil { ImageZoom.pan(&s, dx: 0, dy: d > 0 ? 1 : -1) }
    }
}
