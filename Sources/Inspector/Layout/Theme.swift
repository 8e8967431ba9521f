import Foundation
import TerminalUI

/// Colours and line characters of the inspector, in Unicode or plain ASCII.
struct Theme {
    var ascii: Bool
    var border: Style { Style(fg: .indexed(8)) }
    var focusedBorder: Style { Style(fg: .indexed(14), attributes: [.bold]) }
    var title: Style { Style(attributes: [.bold]) }
    var dim: Style { Style(fg: .indexed(8)) }
    var selected: Style { Style(attributes: [.reverse]) }
    var touched: Style { Style(fg: .indexed(9), attributes: [.bold]) }
    var critical: Style { Style(fg: .indexed(11)) }
    /// An element referring to something that does not exist.
    var broken: Style { Style(fg: .indexed(9), attributes: [.bold, .reverse]) }
    /// A decision made on content that has changed since: neither accepted nor rejected now.
    /// A search's text where it is shown: black on yellow, underlined for terminals without colour.
    var match: Style { Style(fg: .indexed(0), bg: .indexed(11), attributes: [.underline]) }
    var stale: Style { Style(fg: .indexed(11), attributes: [.bold, .reverse]) }
    var removed: Style { Style(fg: .indexed(9), attributes: [.bold, .underline]) }
    var added: Style { Style(fg: .indexed(10), attributes: [.bold, .underline]) }
    var accept: Style { Style(fg: .indexed(10), attributes: [.bold]) }
    var reject: Style { Style(fg: .indexed(9), attributes: [.bold]) }
    var status: Style { Style(fg: .indexed(15), bg: .indexed(4)) }

    // Line characters: TerminalUI's glyph sets, and a few of the inspector's own.
    var v: String { glyphs.vertical }
    var dot: String { ascii ? "*" : "•" }
    var sep: String { ascii ? " | " : " · " }
    var ellipsis: String { glyphs.ellipsis }

    /// The line characters as TerminalUI's widgets take them.
    var glyphs: Glyphs { ascii ? .ascii : .unicode }

    /// `text` with every non-ASCII character replaced by `?`, for ASCII-only terminals.
    static func asciiOnly(_ text: String) -> String {
        // The arrow the graph difference writes has a plain spelling.
        let text = text.replacingOccurrences(of: "\u{2192}", with: "->")
        return String(String.UnicodeScalarView(text.unicodeScalars.map { $0.isASCII ? $0 : "?" }))
    }
}
