import Query
import Analysis
import Foundation
import Review
import SceneData
import TerminalUI

extension InspectorApp {
    /// The whole screen for `s`, as a buffer of `s.width` x `s.height` cells.
    public static func view(_ s: AppState) -> Buffer {
        let s = s.shownWhileLoading
        var b = Buffer(width: s.width, height: s.height)
        guard s.width > 0, s.height > 0 else { return b }
        let t = Theme(ascii: s.asciiOnly)
        let l = ScreenLayout.of(s)
        if s.datasetIsEmpty {
            emptyDataset(s, t, &b)
            statusBar(s, l.status, t, &b)
            if s.panes.showHelp { HelpOverlay.draw(in: Rect(x: 0, y: 0, width: s.width, height: s.height), scroll: s.panes.helpScroll, keys: s.keyMap, theme: t, buffer: &b) }
            return b
        }
        if s.image.zoomed {
            ImagePane.draw(s, in: l.image, theme: t, focused: true, buffer: &b)
        } else {
            header(s, l.header, t, &b)
            if l.tabbed { tabs(s, l, t, &b) }
            if !l.image.isEmpty { ImagePane.draw(s, in: l.image, theme: t, focused: l.tabbed, buffer: &b) }
            if !l.graph.isEmpty { GraphPane.draw(s, in: l.graph, theme: t, buffer: &b) }
            if !l.rationale.isEmpty { RationalePane.draw(s, in: l.rationale, theme: t, buffer: &b) }
            if !l.lints.isEmpty {
                if let w = WhatIfRows.shown(s) { WhatIfPane.draw(s, w, in: l.lints, theme: t, buffer: &b) }
                else { LintPane.draw(s, in: l.lints, theme: t, buffer: &b) }
            }
            // The search's text, wherever the header and the panes show it.
            if let q = s.lookup.search {
                for area in [l.header, l.graph, l.rationale] where !area.isEmpty { b.mark(q, in: area, style: t.match) }
            }
            if let p = s.prompt, p.kind == .tags { TagOverlay.draw(s, p, above: l.prompt, theme: t, buffer: &b) }
            promptLine(s, l.prompt, t, &b)
        }
        statusBar(s, l.status, t, &b)
        if let v = s.frequency { FrequencyOverlay.draw(v, in: Rect(x: 0, y: 0, width: s.width, height: s.height), theme: t, buffer: &b) }
        if let v = s.idChoices { IDChoiceOverlay.draw(v, in: Rect(x: 0, y: 0, width: s.width, height: s.height), theme: t, buffer: &b) }
        if let v = s.filters { FilterOverlay.draw(v, in: Rect(x: 0, y: 0, width: s.width, height: s.height), theme: t, buffer: &b) }
        if let v = s.sorted { SortOverlay.draw(v, in: Rect(x: 0, y: 0, width: s.width, height: s.height), theme: t, buffer: &b) }
        if s.panes.showHelp { HelpOverlay.draw(in: Rect(x: 0, y: 0, width: s.width, height: s.height), scroll: s.panes.helpScroll, keys: s.keyMap, theme: t, buffer: &b) }
        return b
    }

    /// A file without a single item: say so plainly instead of showing an item that is not there.
    private static func emptyDataset(_ s: AppState, _ t: Theme, _ b: inout Buffer) {
        t.segments(&b, x: 0, y: 0, [(" SceneLens ", Style(fg: .indexed(0), bg: .indexed(14), attributes: [.bold])),
                                    (" \(s.nav.datasetName)", t.title)], right: s.width)
        let lines = ["The dataset has no items.", "\(s.nav.datasetName) holds no JSON Lines item to show or review.", "q quits."]
        let top = max(1, (s.height - lines.count) / 2)
        for (i, line) in lines.enumerated() where top + i < s.height - 1 {
            let w = DisplayWidth.of(line)
            t.clipped(&b, x: max(0, (s.width - w) / 2), y: top + i, line, style: i == 0 ? t.title : t.dim, width: s.width)
        }
    }

    private static func header(_ s: AppState, _ r: Rect, _ t: Theme, _ b: inout Buffer) {
        guard r.height > 0 else { return }
        // The measures (J, judge scores) move to a line of their own rather than be cut.
        var top = HeaderTitle.of(s, t).draw(in: r, theme: t, buffer: &b) - 1
        guard let item = s.item else {
            if let c = s.nav.current, c.index == s.nav.index {
                for (i, d) in c.diagnostics.prefix(max(0, r.height - 1 - top)).enumerated() {
                    t.clipped(&b, x: r.left + 1, y: r.top + 1 + top + i, d.formatted, style: t.reject, width: r.width - 2)
                }
            }
            return
        }
        if r.height > 1 + top {
            let q = b.setString(x: r.left + 1, y: r.top + 1 + top, "Q: ", style: t.title)
            let lines = HeaderText.question(s, width: r.width)
            for (k, line) in lines.enumerated() where r.top + 1 + top + k < r.bottom {
                t.clipped(&b, x: r.left + 1 + q, y: r.top + 1 + top + k, line, width: r.width - 2 - q)
            }
            top += lines.count - 1
        }
        if r.height > 2 + top {
            var segs: [(String, Style)] = [("A: ", t.title), (item.answer, t.accept)]
            if let na = s.negative?.rationale.answer {
                segs += [("   negative answers: ", t.dim), (na, t.reject)]
            }
            if let neg = s.negative {
                let v = s.review.verdicts[neg.id]
                let stale = v != nil && s.review.staleDecisions.contains(neg.id)
                let blocked = v == nil && Decisions.refusal(s, item, neg) != nil
                var label = v.map { "   decision: \($0.rawValue)" } ?? (blocked ? "   cannot be decided" : "   undecided")
                if stale { label += " (stale: the negative changed since)" }
                let st = stale ? t.stale : v == .accept ? t.accept : v == .reject ? t.reject : t.dim
                segs.append((label, st))
                if let outside = s.selectionOutsideFilter {
                    segs.append((t.sep + "outside filter \(outside.label)", t.stale))
                }
                // What waits for the decision is this negative's own, and looks unsaved.
                let waiting = s.selectedPending
                if let tags = waiting?.tags {
                    segs.append(("  tags pending: " + tags.joined(separator: ", "), t.critical))
                } else if let tags = s.review.tags[neg.id], !tags.isEmpty {
                    segs.append(("  tags: " + tags.joined(separator: ", "), t.dim))
                }
                if let note = waiting?.note {
                    segs.append(("  note pending: " + note, t.critical))
                } else if let note = s.review.notes[neg.id] {
                    segs.append(("  note: " + note, t.dim))
                }
            }
            t.segments(&b, x: r.left + 1, y: r.top + 2 + top, segs, right: r.right)
        }
        // The evidence first: an evidence-leak finding is judged against it. Reading problems follow.
        var y = r.top + 3 + top
        if item.evidence != nil, y < r.bottom {
            let e = b.setString(x: r.left + 1, y: y, "Evidence: ", style: t.title)
            for line in HeaderText.evidence(s, width: r.width) where y < r.bottom {
                t.clipped(&b, x: r.left + 1 + e, y: y, line, width: r.width - 2 - e)
                y += 1
            }
        }
        // Counted as `validate` counts them (errors and warnings), the most serious shown.
        let count = LintRows.problemCount(s)
        if count > 0, let d = LintRows.problems(s).first, y < r.bottom {
            t.clipped(&b, x: r.left + 1, y: y, "\(count) problem(s): " + d.formatted,
                      style: d.severity == .error ? t.reject : t.critical, width: r.width - 2)
        }
    }

    private static func tabs(_ s: AppState, _ l: ScreenLayout, _ t: Theme, _ b: inout Buffer) {
        let r = l.tabs
        var segs: [(String, Style)] = []
        for tab in l.tabTitles {
            let st = tab.pane == s.panes.focus ? t.selected.patched(with: t.title) : t.dim
            segs += [(tab.title, st), (" ", .plain)]
        }
        segs.append(("(1-4 / Tab)", t.dim))
        t.segments(&b, x: r.left + 1, y: r.top, segs, right: r.right)
    }

    private static func promptLine(_ s: AppState, _ r: Rect, _ t: Theme, _ b: inout Buffer) {
        guard r.height > 0 else { return }
        // The message row may lie over a pane on tiny screens: own the whole row.
        b.fill(Rect(x: r.left, y: r.top, width: r.width, height: 1), with: .blank)
        if let p = s.prompt {
            let label: String
            switch p.kind {
            case .goto: label = "go to (id or number): "
            case .search: label = "search: "
            case .note: label = "note on \(s.negative?.id ?? "?"): "
            case .tags: label = TagOverlay.promptLabel(s)
            case .query: label = "where: "
            }
            let x = r.left + b.setString(x: r.left, y: r.top, label, style: t.title)
            // What the query prompt says on the right: the choices Tab left, the mistake, or the count.
            var hint: (text: String, style: Style)?
            if p.kind == .query { hint = queryHint(s, p, t) }
            let hintWidth = hint.map { min(DisplayWidth.of($0.text) + 2, max(0, (r.right - x) / 2)) } ?? 0
            let room = max(2, r.right - x - hintWidth)
            drawInput(p, x: x, y: r.top, room: room, t, &b)
            if let hint, hintWidth > 2 {
                t.clipped(&b, x: r.right - hintWidth + 1, y: r.top, hint.text, style: hint.style, width: hintWidth - 1)
            }
            return
        }
        let progress = s.lookup.progress.map { " \(Int(($0 * 100).rounded(.down)))%" } ?? ""
        let msg = s.busy.map { $0.label + t.ellipsis + progress } ?? s.flash?.text ?? ""
        let error = s.busy == nil && s.flash?.severity == .error
        t.clipped(&b, x: r.left + 1, y: r.top, msg, style: error ? t.reject : t.accept, width: r.width - 2)
    }

    /// The input with its cursor, scrolled so the cursor stays in `room` columns:
    /// the character under the cursor reversed, or `_` past the end.
    private static func drawInput(_ p: Prompt, x: Int, y: Int, room: Int, _ t: Theme, _ b: inout Buffer) {
        let chars = Array(t.ascii ? Theme.asciiOnly(p.text) : p.text)
        let cursor = min(max(p.cursor, 0), chars.count)
        func width(_ cs: ArraySlice<Character>) -> Int { DisplayWidth.of(Sanitizer.clean(String(cs))) }
        // The first character shown: as early as lets the cursor (and one cell for it) fit.
        var first = 0
        while first < cursor, width(chars[first..<cursor]) > room - 1 { first += 1 }
        let before = b.setString(x: x, y: y, String(chars[first..<cursor]), maxWidth: room - 1)
        let under = cursor < chars.count ? String(chars[cursor]) : "_"
        let cell = b.setString(x: x + before, y: y, under, style: Style(attributes: [.reverse]), maxWidth: room - before)
        if cursor + 1 < chars.count, room - before - cell > 0 {
            b.setString(x: x + before + cell, y: y, String(chars[(cursor + 1)...]), maxWidth: room - before - cell)
        }
    }

    /// The query prompt's right-hand note: what Tab could not choose between,
    /// why the text does not parse, or how many items and negatives it matches.
    private static func queryHint(_ s: AppState, _ p: Prompt, _ t: Theme) -> (text: String, style: Style)? {
        if !p.choices.isEmpty { return (p.choices.joined(separator: " "), t.dim) }
        if let e = s.lookup.queryError { return (e, t.reject) }
        guard let c = s.lookup.queryCount, (try? QueryExpr.parse(p.text))?.text == c.query else {
            return p.text.isEmpty ? ("Tab: fields; Enter: filter; empty Enter: all", t.dim) : nil
        }
        return (c.text, c.done ? t.accept : t.dim)
    }

    private static func statusBar(_ s: AppState, _ r: Rect, _ t: Theme, _ b: inout Buffer) {
        StatusLine.of(s, t).draw(in: r, theme: t, buffer: &b)
    }
}
