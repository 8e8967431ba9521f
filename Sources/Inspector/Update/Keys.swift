import Foundation
import Review
import SceneData
import TerminalUI

/// What each key does, by what is on screen: a prompt, the help, the zoomed image, or the panes.
enum Keys {
    static func handle(_ s: inout AppState, _ k: Key) -> [Effect] {
        if s.prompt != nil { return promptKey(&s, k) }
        let action = s.keyMap.action(for: k)
        if s.showHelp {
            let area = Rect(x: 0, y: 0, width: s.width, height: s.height)
            let page = max(1, s.height - 5)
            switch action {
            case .help, .escape, .quit: s.showHelp = false
            case .down: s.helpScroll += 1
            case .up: s.helpScroll -= 1
            case .pageDown: s.helpScroll += page
            case .pageUp: s.helpScroll -= page
            case .home: s.helpScroll = 0
            case .end: s.helpScroll = Int.max
            default: break
            }
            s.helpScroll = min(max(0, s.helpScroll), HelpOverlay.maxScroll(area, s.keyMap))
            return []
        }
        // Esc first goes back from a zoom into the image to all of it.
        if action == .escape, s.busy == nil, s.display.viewport != nil {
            s.display.viewport = nil
            s.flash = "whole image"
            return InspectorApp.clampAndImage(&s)
        }
        if s.zoomed, action == .escape || action == .zoom {
            s.zoomed = false
            return InspectorApp.clampAndImage(&s)
        }
        // The program repaints; nothing in the state changes.
        if action == .redraw { return [] }
        // Any key clears the last message (not "saving...") and cancels a quit that asked first.
        s.flash = s.pendingDecision == nil ? nil : s.flash
        let quitAsked = s.quitAsked
        s.quitAsked = false
        guard let action else { return [] }
        return perform(&s, action, key: k, quitAsked: quitAsked)
    }

    /// Does what `action` asks for over the panes; `k` is the key that asked.
    private static func perform(_ s: inout AppState, _ action: Action, key k: Key, quitAsked: Bool) -> [Effect] {
        switch action {
        case .quit, .interrupt:
            // Notes and tags waiting for their decisions live only in memory: quitting would drop them unseen.
            if let warning = s.unsavedWarning(quitKey: k.name, separator: s.asciiOnly ? " | " : " · "), !quitAsked {
                s.quitAsked = true
                s.flash = Flash(warning)
                return []
            }
            s.quitting = true; return [.quit]
        case .help: s.showHelp = true; s.helpScroll = 0
        case .focusImage, .focusGraph, .focusRationale, .focusLints:
            // The numbers the tab bar shows: on small screens they pick the tab.
            guard let pane = action.pane else { break }
            guard ScreenLayout.of(s).focusable.contains(pane) else { s.flash = "no \(pane.rawValue) pane on this screen"; break }
            s.focus = pane
            return InspectorApp.clampAndImage(&s)
        case .escape:
            if let what = s.busy {
                // Esc stops the lookup itself, not just its message.
                s.busy = nil; s.busyProgress = nil; s.selectUndecided = false
                if what == .searching { s.search = nil }
                s.flash = "cancelled"
                let verdicts = s.queuedVerdicts.count
                let dropped = KeyQueue.drop(&s)
                if dropped > 0 {
                    // They were waiting for this lookup's item; applying them here would hit the wrong item or negative.
                    s.flash = verdicts == dropped
                        ? "cancelled; \(dropped) queued decision key(s) not applied"
                        : "cancelled; \(dropped) queued key(s) not applied"
                }
                return [.cancelFind]
            }
            if s.search != nil { s.search = nil; s.flash = "search ended" }
        // Items.
        case .nextItem: return nextItem(&s, forward: true)
        case .previousItem: return nextItem(&s, forward: false)
        case .previousMatch:
            if s.search != nil { return nextItem(&s, forward: false) }
            s.flash = "no search: / starts one"
        case .firstItem: return InspectorApp.go(&s, to: 0)
        case .lastItem:
            if !s.fullyIndexed { s.flash = "still indexing: last item known so far" }
            return InspectorApp.go(&s, to: max(0, s.itemCount - 1))
        case .nextNegative: stepNegative(&s, 1)
        case .previousNegative: stepNegative(&s, -1)
        case .goTo: s.prompt = Prompt(kind: .goto)
        // A fresh query each time: starting from the last one made typing append to it.
        case .search: s.prompt = Prompt(kind: .search, text: "")
        case .cycleFilter:
            let all = ReviewFilter.cycle
            let i = all.firstIndex(of: s.filter) ?? 0
            s.filter = all[(i + 1) % all.count]
            s.flash = "filter: \(s.filter.label)"
            if s.filter == .none {
                // The lookup of the filter left behind would move on (and its progress stay on screen) for nothing.
                guard s.busy != nil else { return [] }
                s.busy = nil; s.busyProgress = nil; s.selectUndecided = false
                let dropped = KeyQueue.drop(&s)
                if dropped > 0 { s.flash = "filter: all; \(dropped) queued key(s) not applied" }
                return [.cancelFind]
            }
            if let q = s.search {
                // The search goes on within the new filter: the nearest match it lets through.
                s.busy = .searching
                return [.find(from: s.index, forward: true, criterion: .text(q, within: s.filter), includeStart: true)]
            }
            s.busy = .filtering
            s.selectUndecided = s.filter == .undecided
            return [.find(from: s.index, forward: true, criterion: .filter(s.filter), includeStart: true)]
        // Panes.
        case .focusNext, .focusPrevious:
            let panes = ScreenLayout.of(s).focusable
            let i = panes.firstIndex(of: s.focus) ?? 0
            s.focus = panes[(i + (action == .focusNext ? 1 : panes.count - 1)) % panes.count]
            return InspectorApp.clampAndImage(&s)
        case .down: move(&s, 1)
        case .up: move(&s, -1)
        case .pageDown: move(&s, page(s))
        case .pageUp: move(&s, -page(s))
        case .home: move(&s, -1_000_000)
        case .end: move(&s, 1_000_000)
        // Image.
        case .cycleMap:
            let maps = s.item?.attention.count ?? 0
            if maps == 0 { s.flash = "this item has no attention maps"; break }
            if let c = s.attentionChoice { s.attentionChoice = c + 1 < maps ? c + 1 : nil } else { s.attentionChoice = 0 }
            s.showHeatmap = true
        case .toggleHeatmap: s.showHeatmap.toggle()
        case .toggleBoxes: s.showBoxes.toggle()
        case .invertShading:
            s.invert.toggle()
            // Only ASCII shading changes; say so, or the key seems dead in colour.
            s.flash = s.imageStyle == .ascii
                ? (s.invert ? "ASCII shading inverted (for light backgrounds)" : "ASCII shading normal")
                : "ASCII shading \(s.invert ? "inverted" : "normal") (shows in image mode ascii: i)"
        case .cycleImageMode:
            ImageZoom.cycleMode(&s)
            return InspectorApp.clampAndImage(&s)
        case .zoomIn, .zoomOut, .zoomToObject, .zoomToCritical, .panLeft, .panDown, .panUp, .panRight:
            return ImageZoom.perform(&s, action)
        case .zoom:
            s.zoomed = true
            return InspectorApp.clampAndImage(&s)
        // Review.
        case .accept, .reject, .skip:
            guard let v = action.verdict else { break }
            return Decisions.decide(&s, v)
        case .undo: s.flash = "undoing..."; return [.undo]
        case .note:
            guard let neg = s.negative else { s.flash = "no negative to note"; break }
            // This negative's own note only: the one waiting here, else the saved one.
            s.prompt = Prompt(kind: .note, text: s.selectedPending?.note ?? s.notes[neg.id] ?? "")
        case .tags:
            guard let neg = s.negative else { s.flash = "no negative to tag"; break }
            s.prompt = Prompt(kind: .tags, tags: s.selectedPending?.tags ?? s.tags[neg.id] ?? [])
        case .redraw: break
        }
        return []
    }

    private static func promptKey(_ s: inout AppState, _ k: Key) -> [Effect] {
        guard var p = s.prompt else { return [] }
        // A number ticks a standard tag until a free tag is being typed; then it is part of the text.
        if p.kind == .tags, p.text.isEmpty, case .char(let c) = k, let n = c.wholeNumberValue, n >= 1 {
            guard n <= ReasonTag.known.count else { return [] }
            p.tags = toggled(p.tags, ReasonTag.known[n - 1].rawValue)
            s.prompt = p
            return []
        }
        switch k {
        case .escape: s.prompt = nil
        case .backspace, .delete:
            if !p.text.isEmpty { p.text.removeLast() }
            s.prompt = p
        case .ctrl("u"): p.text = ""; s.prompt = p
        case .char(let c):
            if p.text.count < 500 { p.text.append(c) }
            s.prompt = p
        case .enter:
            s.prompt = nil
            let text = p.text.trimmingCharacters(in: .whitespaces)
            switch p.kind {
            case .goto:
                guard !text.isEmpty else { return [] }
                s.busy = .lookingFor(text)
                return [.goto(text)]
            case .search:
                guard !text.isEmpty else { s.search = nil; return [] }
                s.search = text
                s.busy = .searching; s.busyProgress = nil
                return [.find(from: s.index, forward: true, criterion: .text(text, within: s.filter), includeStart: false)]
            case .note:
                return Decisions.note(&s, p.text)
            case .tags:
                // Typed text is one more tag (or several, comma-separated); typing a ticked one unticks it.
                var tags = p.tags
                for t in text.split(separator: ",") { tags = toggled(tags, ReasonTag.normalize(String(t))) }
                return Decisions.tags(&s, tags)
            }
        default: break
        }
        return []
    }

    private static func nextItem(_ s: inout AppState, forward: Bool) -> [Effect] {
        if let q = s.search {
            s.busy = .searching
            return [.find(from: s.index, forward: forward, criterion: .text(q, within: s.filter), includeStart: false)]
        }
        if s.filter != .none {
            s.busy = .filtering
            s.selectUndecided = s.filter == .undecided
            return [.find(from: s.index, forward: forward, criterion: .filter(s.filter), includeStart: false)]
        }
        if !forward && s.index == 0 { s.flash = "first item"; return [] }
        if forward && s.fullyIndexed && s.index + 1 >= s.itemCount { s.flash = "last item"; return [] }
        return InspectorApp.go(&s, to: s.index + (forward ? 1 : -1))
    }

    static func stepNegative(_ s: inout AppState, _ d: Int) {
        let vis = s.visibleNegatives
        guard !vis.isEmpty else {
            if s.item?.negatives.isEmpty ?? true { s.flash = "this item has no negatives"; return }
            s.flash = "no negative of this item passes \(s.filter.label) (f changes the filter)"
            return
        }
        let pos = vis.firstIndex { $0.offset == s.negativeIndex } ?? 0
        s.negativeIndex = vis[((pos + d) % vis.count + vis.count) % vis.count].offset
        s.stepSelection = min(s.stepSelection, max(0, PanesModel.stepCount(s) - 1))
        s.rationaleScroll = 0
        s.lintScroll = 0
    }

    /// `tags` with `tag` added at the end, or removed when it is there; empty text changes nothing.
    static func toggled(_ tags: [String], _ tag: String) -> [String] {
        guard !tag.isEmpty else { return tags }
        return tags.contains(tag) ? tags.filter { $0 != tag } : tags + [tag]
    }

    private static func page(_ s: AppState) -> Int {
        let l = ScreenLayout.of(s)
        let r: Rect
        switch s.focus {
        case .graph: r = l.graph
        case .rationale: r = l.rationale
        case .lints: r = l.lints
        case .image: r = l.image
        }
        return max(1, r.height - 4)
    }

    private static func move(_ s: inout AppState, _ d: Int) {
        switch s.focus {
        case .graph:
            let rows = PanesModel.graphRows(s)
            let start = min(max(0, s.graphSelection + d), max(0, rows.count - 1))
            // Headings are not selectable: step past them in the direction of travel, and
            // when only headings lie that way (a move clamped at either end) back the other way.
            let step = d >= 0 ? 1 : -1
            let selectable = { (i: Int) in i >= 0 && i < rows.count && rows[i].kind != .heading }
            var i = start
            while i >= 0, i < rows.count, !selectable(i) { i += step }
            if !selectable(i) {
                i = start
                while i >= 0, i < rows.count, !selectable(i) { i -= step }
            }
            if selectable(i) { s.graphSelection = i }
        case .rationale:
            let last = max(0, PanesModel.stepCount(s) - 1)
            var d = d
            // Rows scrolled past the last step are given back before the selection moves up.
            if d < 0, s.rationaleScroll > 0 {
                let back = min(s.rationaleScroll, -d)
                s.rationaleScroll -= back
                d += back
            }
            let sel = min(max(0, s.stepSelection + d), last)
            // Moving on from the last step scrolls on to the end of the content (the answers).
            let past = d > 0 ? d - (sel - s.stepSelection) : 0
            if sel != s.stepSelection { s.rationaleScroll = 0 }
            s.stepSelection = sel
            if past > 0 { s.rationaleScroll = min(s.rationaleScroll + past, RationalePane.maxExtraScroll(s)) }
        case .lints:
            s.lintScroll = min(max(0, s.lintScroll + d), LintPane.maxScroll(s))
        case .image:
            // Over a zoomed image the movement keys pan it.
            if s.display.viewport != nil { ImageZoom.pan(&s, dx: 0, dy: d > 0 ? 1 : -1) }
        }
    }
}
