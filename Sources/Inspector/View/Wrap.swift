import TerminalUI

/// A run of text in one style, for wrapping.
struct StyledWord: Sendable, Hashable {
    var text: String
    var style: Style
}

/// Word wrapping for the panes. Interim: replaced by TerminalUI's TextWrap once it lands.
enum Wrap {
    /// Splits styled words into lines of at most `width` columns.
    static func lines(_ words: [StyledWord], width: Int) -> [[StyledWord]] {
        guard width > 0 else { return [] }
        var out: [[StyledWord]] = []
        var line: [StyledWord] = []
        var used = 0
        for w in words {
            var word = Sanitizer.clean(w.text)
            var ww = DisplayWidth.of(word)
            let need = (line.isEmpty ? 0 : 1) + ww
            if used + need > width && !line.isEmpty {
                out.append(line); line = []; used = 0
            }
            // A word longer than a line is cut into pieces.
            while ww > width {
                var piece = ""
                var pw = 0
                for ch in word {
                    let cw = DisplayWidth.of(ch)
                    if pw + cw > width { break }
                    piece.append(ch); pw += cw
                }
                if piece.isEmpty { break }
                out.append([StyledWord(text: piece, style: w.style)])
                word = String(word.dropFirst(piece.count))
                ww = DisplayWidth.of(word)
            }
            if !line.isEmpty { used += 1 }
            line.append(StyledWord(text: word, style: w.style))
            used += ww
        }
        if !line.isEmpty { out.append(line) }
        return out
    }

    /// Plain text as words in one style.
    static func words(_ text: String, style: Style = .plain) -> [StyledWord] {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { StyledWord(text: String($0), style: style) }
    }

    /// Draws one wrapped line at (x, y).
    static func draw(_ line: [StyledWord], in b: inout Buffer, x: Int, y: Int, width: Int, ascii: Bool) {
        var cx = x
        for (i, w) in line.enumerated() {
            if i > 0 { cx += b.setString(x: cx, y: y, " ", maxWidth: x + width - cx) }
            cx += b.setString(x: cx, y: y, ascii ? Theme.asciiOnly(w.text) : w.text, style: w.style, maxWidth: x + width - cx)
        }
    }
}
