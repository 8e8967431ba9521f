/// Word wrapping and truncation by display width.
///
/// Text is walked grapheme by grapheme and lines are handed out as they are
/// made, so wrapping holds one line (and one word) at a time, never the whole
/// text as cells: a long rationale costs a few bytes per byte as the UTF-8 it
/// came in, not tens (issue 14). `forEachLine` and `lineCount` let a view draw
/// or count lines without keeping them.
public enum TextWrap {
    private struct Piece { var text: String; var width: Int; var style: Style }

    /// Wraps spans into lines at most `width` columns wide. Lines break at
    /// spaces (which are dropped at the break), between wide characters (CJK
    /// text without spaces), and inside words longer than the width; "\n"
    /// starts a new line. Styles stay with their text; text is sanitised.
    public static func wrap(_ spans: [Span], width: Int) -> [[Span]] {
        var out: [[Span]] = []
        forEachLine(spans, width: width) { out.append($0); return true }
        return out
    }

    /// The lines `wrap` gives, one at a time; `body` returns false to stop.
    public static func forEachLine(_ spans: [Span], width: Int, _ body: ([Span]) -> Bool) {
        withoutActuallyEscaping(body) { body in
            var w = Wrapper(width: width, keep: true) { body(merge($0)) }
            w.run(spans)
        }
    }

    /// How many lines `wrap` gives, without making them.
    public static func lineCount(_ spans: [Span], width: Int) -> Int {
        var n = 0
        var w = Wrapper(width: width, keep: false) { _ in n += 1; return true }
        w.run(spans)
        return n
    }

    /// The wrapping state: the line being filled, the spaces and word waiting.
    private struct Wrapper {
        let width: Int
        /// False when only the lines are counted: pieces are not kept.
        let keep: Bool
        let emit: ([Piece]) -> Bool
        var line: [Piece] = []
        var lineWidth = 0
        var pendingSpaces: [Piece] = []
        var pendingWidth = 0
        var word: [Piece] = []
        var wordWidth = 0
        /// The word being read is wider than a line: its pieces are placed as they come.
        var wordStreams = false
        var atParagraphStart = true
        var stopped = false

        init(width: Int, keep: Bool, emit: @escaping ([Piece]) -> Bool) {
            self.width = width; self.keep = keep; self.emit = emit
        }

        mutating func run(_ spans: [Span]) {
            guard width > 0 else { return }
            for span in spans where !stopped {
                TextWrap.forEachParagraph(of: span.text) { segment, first in
                    if !first {
                        flushWord()
                        pendingSpaces = []; pendingWidth = 0
                        newLine()
                        atParagraphStart = true
                    }
                    Sanitizer.forEachGrapheme(segment) { g in
                        self.add(g, spanStyle: span.style)
                        return !self.stopped
                    }
                    return !stopped
                }
            }
            guard !stopped else { return }
            flushWord()
            guard !stopped else { return }
            if atParagraphStart && !pendingSpaces.isEmpty {
                for s in pendingSpaces where lineWidth + s.width <= width { append(s) }
            }
            _ = emit(line)
        }

        mutating func add(_ g: Sanitizer.Grapheme, spanStyle: Style) {
            let p = Piece(text: g.text, width: g.width, style: spanStyle.patched(with: g.style))
            if g.text == " " && g.style == .plain {
                flushWord()
                if lineWidth == 0 && !atParagraphStart { return }
                pendingSpaces.append(p); pendingWidth += p.width
            } else if g.width == 2 {
                flushWord(); word = [p]; wordWidth = p.width; flushWord()
            } else if wordStreams {
                place(p)
            } else {
                word.append(p); wordWidth += p.width
                // Wider than a line: it will be cut wherever it stands, so
                // its pieces need not wait (a 10 MB "word" is not held).
                if wordWidth > width { flushWord(); wordStreams = true }
            }
        }

        mutating func append(_ p: Piece) {
            if keep { line.append(p) }
            lineWidth += p.width
        }

        mutating func newLine() {
            if !emit(line) { stopped = true }
            line.removeAll(keepingCapacity: true); lineWidth = 0
        }

        mutating func place(_ p: Piece) {
            if lineWidth + p.width > width && lineWidth > 0 { newLine() }
            append(p)
        }

        mutating func flushWord() {
            wordStreams = false
            guard !word.isEmpty else { return }
            let ww = wordWidth
            if lineWidth + pendingWidth + ww <= width {
                for s in pendingSpaces { append(s) }
            } else if lineWidth > 0 || !atParagraphStart {
                if lineWidth > 0 { newLine() }
            } else {
                // Indentation at a paragraph start is kept while it fits.
                for s in pendingSpaces where lineWidth + s.width <= width { append(s) }
            }
            pendingSpaces = []; pendingWidth = 0
            if ww <= width - lineWidth {
                for p in word { append(p) }
            } else {
                for p in word { place(p) }
            }
            word.removeAll(keepingCapacity: true); wordWidth = 0
            atParagraphStart = false
        }
    }

    /// The parts of `text` between line breaks ("\n" or "\r\n"), in order, with
    /// whether each is the first; `body` returns false to stop. A line feed is
    /// always a grapheme of its own (with a CR before it), so cutting at its
    /// byte never splits a grapheme, and nothing is copied.
    static func forEachParagraph(of text: String, _ body: (Substring, Bool) -> Bool) {
        let utf8 = text.utf8
        var start = utf8.startIndex
        var first = true
        while true {
            let lf = utf8[start...].firstIndex(of: 0x0A) ?? utf8.endIndex
            var end = lf
            if lf != utf8.endIndex, end > start, utf8[utf8.index(before: end)] == 0x0D { end = utf8.index(before: end) }
            guard body(text[start..<end], first), lf != utf8.endIndex else { return }
            first = false
            start = utf8.index(after: lf)
        }
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
        // Only as far as the width: past it the text is cut anyway, and a
        // long text must not be walked (or held) whole.
        var graphemes: [(String, Int, Style)] = []
        var total = 0
        for s in spans where total <= width {
            // Line breaks show as spaces on one line.
            forEachParagraph(of: s.text) { segment, first in
                if !first { graphemes.append((" ", 1, s.style)); total += 1 }
                Sanitizer.forEachGrapheme(segment) { g in
                    graphemes.append((g.text, g.width, s.style.patched(with: g.style))); total += g.width
                    return total <= width
                }
                return total <= width
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
