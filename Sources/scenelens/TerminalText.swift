import Foundation
import TerminalUI

/// The one place text meant for a terminal leaves the command line tools.
/// Dataset text (ids, operators, messages quoting it) can hold escape
/// sequences and bidi overrides; they are shown as placeholders (`^[`,
/// `<U+202E>`), as the inspector draws them, never sent raw. JSON output does
/// not come through here: the JSON writer escapes it and it must stay exact.
enum TerminalText {
    /// `text` with every line sanitised by `Sanitizer`; line breaks are kept.
    static func safe(_ text: String) -> String {
        // Nearly every line is harmless: leave it as it is, without regrouping graphemes.
        if !text.unicodeScalars.contains(where: { $0 != "\n" && Sanitizer.isUnsafe($0) }) { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { Sanitizer.clean(String($0)) }.joined(separator: "\n")
    }

    /// Writes `line` (sanitised) and a newline to standard error.
    static func errorLine(_ line: String) {
        FileHandle.standardError.write(Data((safe(line) + "\n").utf8))
    }

    /// Writes `text` (sanitised) to standard output.
    static func output(_ text: String) {
        FileHandle.standardOutput.write(Data(safe(text).utf8))
    }
}
