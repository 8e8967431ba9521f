import TerminalUI

/// The text path every dataset string takes to the screen: sanitizer,
/// display widths, wrapping, truncation and drawing into a buffer. The first
/// byte picks the width; the rest is the text (invalid UTF-8 is replaced, as
/// the readers do).
enum TextTarget {
    static func run(_ bytes: [UInt8]) {
        guard let first = bytes.first else { return }
        let width = Int(first % 64)
        let text = String(decoding: bytes.dropFirst(), as: UTF8.self)

        let graphemes = Sanitizer.visibleGraphemes(text)
        for g in graphemes {
            check(g.width == 1 || g.width == 2, "grapheme \(g.text.debugDescription) of width \(g.width)")
            check(!g.text.unicodeScalars.contains(where: Sanitizer.isUnsafe), "unsafe scalar passed: \(g.text.debugDescription)")
            check(g.text.unicodeScalars.count <= Sanitizer.maxClusterScalars, "cluster of \(g.text.unicodeScalars.count) scalars")
        }
        let clean = Sanitizer.clean(text)
        check(!clean.unicodeScalars.contains(where: Sanitizer.isUnsafe), "clean() left an unsafe scalar: \(clean.debugDescription)")
        let ascii = Sanitizer.asciiOnly(text)
        check(ascii.unicodeScalars.allSatisfy { $0.isASCII && !Sanitizer.isUnsafe($0) }, "asciiOnly() left \(ascii.debugDescription)")
        _ = DisplayWidth.of(text)

        let spans = [Span(text), Span(String(text.prefix(7)), style: Style(attributes: [.bold]))]
        let lines = TextWrap.wrap(spans, width: width)
        for line in lines {
            let w = line.reduce(0) { $0 + $1.width }
            // A wide character cannot fit one column: it stands alone on its line.
            check(w <= max(width, 2), "a wrapped line of \(w) columns at width \(width): \(line.map(\.text))")
            for s in line { check(!s.text.unicodeScalars.contains(where: Sanitizer.isUnsafe), "wrap passed an unsafe scalar") }
        }
        let cut = TextWrap.truncate(spans, width: width)
        let cw = cut.reduce(0) { $0 + $1.width }
        check(cw <= width, "truncate gave \(cw) columns for width \(width)")

        var buffer = Buffer(width: max(width, 1), height: 3)
        let used = buffer.setString(x: Int(bytes.count % 5), y: 1, text, maxWidth: width)
        check(used <= width, "setString used \(used) columns of \(width)")
        buffer.setSpans(x: 0, y: 2, spans, maxWidth: width)
        _ = buffer.plainText
    }
}
