import Analysis
import SceneData
import TerminalUI

/// The lints pane's rows: the selected negative's findings and the item's
/// problems as `validate` reports them, errors first, each wrapped with a hanging indent.
enum LintRows {
    /// Columns a finding's continuation rows are indented by, so each finding's start stands out.
    static let hangingIndent = 4

    /// One line of the pane: a finding or a problem, and how serious it is.
    struct Line: Equatable {
        var severity: Severity
        var text: String
    }

    /// The findings shown for the selected negative (by its position) and the item.
    static func findings(_ s: AppState) -> [String] {
        s.review.lints.shown(negativeAt: s.negative == nil ? nil : s.nav.negativeIndex)
    }

    /// Everything `validate` reports for the item shown, most serious first:
    /// what reading it found, what opening its image found (once the lints
    /// are in), and a repeated id.
    static func problems(_ s: AppState) -> [Diagnostic] {
        guard let c = s.nav.current, c.index == s.nav.index else { return [] }
        var all = c.diagnostics
        if let item = c.item, item.id == s.item?.id {
            all += s.review.lints.fileProblems
            // `validate` reports every item after the first that has the id.
            if let first = s.review.idSharedBy.min(), first != s.nav.index {
                all.append(Diagnostic(.error, file: s.nav.datasetName, line: item.line, itemID: item.id, field: "id",
                                      message: "duplicate id '\(item.id)': also item \(first + 1)"))
            }
        }
        return bySeverity(all, \.severity)
    }

    /// `n/a: operator-mismatch (no operator); unknown-entity, ... (no scene graph)`: the
    /// lints the selected negative's data cannot support (converted preference data).
    static func notApplicable(_ s: AppState) -> [String] {
        guard let item = s.nav.item, let negative = s.negative else { return [] }
        let skipped = Linter.skipped(negative: negative, in: item)
        guard !skipped.isEmpty else { return [] }
        var groups: [(missing: String, lints: [String])] = []
        for (lint, missing) in skipped {
            if let k = groups.firstIndex(where: { $0.missing == missing }) { groups[k].lints.append(lint) } else { groups.append((missing, [lint])) }
        }
        return ["n/a: " + groups.map { "\($0.lints.joined(separator: ", ")) (no \($0.missing))" }.joined(separator: "; ")]
    }

    /// The errors and warnings among `problems`: the count `validate` gives for the item.
    static func problemCount(_ s: AppState) -> Int { problems(s).count { $0.severity != .info } }

    /// Every line the pane can show, errors first, then warnings, then the
    /// rest; in each, the negative's findings, the item's, then its problems.
    /// The lints the data cannot support come after the findings, as notes.
    static func lines(_ s: AppState) -> [Line] {
        let found = findings(s).map { Line(severity: ItemLints.severity(of: $0), text: $0) }
        let na = notApplicable(s).map { Line(severity: .info, text: $0) }
        let shown = !na.isEmpty && found.isEmpty ? [Line(severity: .info, text: "no findings for this negative")] : found
        return bySeverity(shown + na + problems(s).map { Line(severity: $0.severity, text: $0.formatted) }, \.severity)
    }

    /// `items` ordered error, warning, info, keeping their order within each.
    static func bySeverity<T>(_ items: [T], _ severity: (T) -> Severity) -> [T] {
        items.enumerated().sorted { a, b in
            let sa = severity(a.element), sb = severity(b.element)
            return sa != sb ? sa > sb : a.offset < b.offset
        }.map(\.element)
    }

    /// How a line of `severity` is drawn: red errors, yellow warnings, plain
    /// notes; without colour the errors are bold and errors and warnings start
    /// with a marker (`!!` error, `!` warning) so they stand out.
    static func style(_ severity: Severity, monochrome: Bool, _ t: Theme) -> (marker: String, style: Style) {
        switch severity {
        case .error: return (monochrome ? "!! " : "", monochrome ? Style(attributes: [.bold]) : t.reject)
        case .warning: return (monochrome ? "!  " : "", monochrome ? .plain : t.critical)
        case .info: return ("", .plain)
        }
    }

    /// The pane's rows at `width` columns: each line wrapped, its continuation
    /// rows indented (the whole line stays readable, nothing is cut), coloured by severity.
    static func rows(_ s: AppState, width: Int) -> [[Span]] {
        let t = Theme(ascii: s.asciiOnly)
        return lines(s).flatMap { line -> [[Span]] in
            let (marker, style) = Self.style(line.severity, monochrome: s.monochrome, t)
            let text = marker + (s.asciiOnly ? Theme.asciiOnly(line.text) : line.text)
            return wrap(text, width: width).map { row in row.map { Span($0.text, style: style.patched(with: $0.style)) } }
        }
    }

    /// `line` in rows of at most `width` columns, the rows after the first indented by `hangingIndent`.
    static func wrap(_ line: String, width: Int) -> [[Span]] {
        let text = String(line.map { $0 == "\n" || $0 == "\r\n" ? " " : $0 })
        let first = TextWrap.wrap([Span(text)], width: width)
        let room = width - hangingIndent
        guard first.count > 1, room >= 8, let head = first.first else { return first }
        // The rest of the line, from the grapheme after the first row (spaces at the break dropped).
        let used = head.reduce(0) { $0 + Sanitizer.visibleGraphemes($1.text).count }
        let rest = Sanitizer.visibleGraphemes(text).dropFirst(used).drop { $0.text == " " && $0.style == .plain }
        let tail = TextWrap.wrap(rest.map { Span($0.text, style: $0.style) }, width: room)
        let pad = Span(String(repeating: " ", count: hangingIndent))
        return [head] + tail.filter { !$0.isEmpty }.map { [pad] + $0 }
    }

    /// The furthest the pane scrolls: the last row at the bottom, not past it.
    static func maxScroll(_ s: AppState, in r: Rect) -> Int {
        let inner = ScreenLayout.inner(r)
        // The what-if panel takes the lints pane's place while open.
        let count = WhatIfRows.shown(s) == nil ? rows(s, width: inner.width).count : WhatIfRows.count(s)
        return max(0, count - max(1, inner.height))
    }

}
