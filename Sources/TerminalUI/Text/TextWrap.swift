/// Word wrapping and truncation by display width.
public enum TextWrap {
    private struct Piece { var text: String; var width: Int; var style: Style; var isSpace: Bool; var breaksAlone: Bool }

    /// Wraps spans into lines at most `width` columns wide. Lines break at
    /// spaces (which are dropped at the break), between wide characters (CJK
    /// text without spaces), and inside words longer than the width; "\n"
    /// starts a new line. Styles stay with their text; text is sanitised.
    public static func wrap(_ spans: [Span], width: Int) -> [[Span]] {
        guard width > 0 else { return [] }
        var lines: [[Piece]] = [[]]
        var lineWidth = 0
        var pendingSpaces: [Piece] = []
        var word: [Piece] = []
        var atParagraphStart = true

        func newLine() { lines.append([]); lineWidth = 0 }
        func place(_ p: Piece) {
            if lineWidth + p.width > width && lineWidth > 0 { newLine() }
            lines[lines.count - 1].append(p); lineWidth += p.width
        }
        func flushWord() {
            guard !word.isEmpty else { return }
            let ww = word.reduce(0) { $0 + $1.width }
            let sw = pendingSpaces.reduce(0) { $0 + $1.width }
            if lineWidth + sw + ww <= width {
                for s in pendingSpaces { lines[lines.count - 1].append(s) }
                lineWidth += sw
            } else if lineWidth > 0 || !atParagraphStart {
                if lineWidth > 0 { newLine() }
            } else {
                // Indentation at a paragraph start is kept while it fits.
                for s in pendingSpaces where lineWidth + s.width <= width { lines[lines.count - 1].append(s); lineWidth += s.width }
            }
            pendingSpaces = []
            if ww <= width - lineWidth {
                lines[lines.count - 1].append(contentsOf: word); lineWidth += ww
            } else {
                for p in word { place(p) }
            }
            word = []
            atParagraphStart = false
        }

        for span in spans {
            for (k, segment) in span.text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() {
                if k > 0 {
                    flushWord()
                    pendingSpaces = []
                    newLine()
                    atParagraphStart = true
                }
                for g in Sanitizer.visibleGraphemes(String(segment)) {
                    let style = span.style.patched(with: g.style)
                    let isSpace = g.text == " " && g.style == .plain
                    let p = Piece(text: g.text, width: g.width, style: style, isSpace: isSpace, breaksAlone: g.width == 2)
                    if isSpace {
                        flushWord()
                        if lineWidth == 0 && !atParagraphStart { continue }
                        pendingSpaces.append(p)
                    } else if p.breaksAlone {
                        flushWord(); word = [p]; flushWord()
                    } else {
                        word.append(p)
                    }
                }
            }
        }
        flushWord()
        if atParagraphStart && !pendingSpaces.isEmpty {
            for s in pendingSpaces where lineWidth + s.width <= width { lines[lines.count - 1].append(s); lineWidth += s.width }
        }
        return lines.map(merge)
    }

    /// Joins neighbouring pieces of the same style into spans.
    private static func merge(_ pieces: [Piece]) -> [Span] {
        var out: [Span] = []
        for p in pieces {
            if let last = out.last, last.style == p.style { out[out.count - 1].text += p.text }
            else { out.append(Span(p.text, style: p.style)) }
        }
        return out
    }

    /// The spans cut to `width` columns, ending in `ellipsis` when something was cut.
    public static func truncate(_ spans: [Span], width: Int, ellipsis: String = "…") -> [Span] {
        guard width > 0 else { return [] }
        var graphemes: [(String, Int, Style)] = []
        var total = 0
        for s in spans {
            for g in Sanitizer.visibleGraphemes(s.text.replacingNewlines()) {
                graphemes.append((g.text, g.width, s.style.patched(with: g.style))); total += g.width
            }
        }
        let ew = DisplayWidth.of(ellipsis)
        let cut = total > width
        let room = cut ? max(0, width - ew) : width
        var out: [Span] = []
        var used = 0
        for (t, w, st) in graphemes {
            if used + w > room { break }
            if let last = out.last, last.style == st { out[out.count - 1].text += t } else { out.append(Span(t, style: st)) }
            used += w
        }
        if cut && ew <= width {
            let st = graphemes.first?.2 ?? .plain
            out.append(Span(ellipsis, style: Style(fg: st.fg, bg: st.bg)))
        }
        return out
    }
}

extension StringProtocol {
    /// Newlines as spaces, for one-line displays.
    func replacingNewlines() -> String { String(map { $0 == "\n" || $0 == "\r\n" ? " " : $0 }) }
}
