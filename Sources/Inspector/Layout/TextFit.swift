import TerminalUI

/// Shortening text to a number of columns without cutting a character in half,
/// always saying that something was cut.
enum TextFit {
    /// Columns `text` takes once sanitised, as `Buffer.setString` draws it.
    static func width(_ text: String) -> Int { DisplayWidth.of(Sanitizer.clean(text)) }

    /// `text` cut to `columns`, ending in `ellipsis` when it was cut.
    static func end(_ text: String, columns: Int, ellipsis: String) -> String {
        let clean = Sanitizer.clean(text)
        guard width(clean) > columns else { return clean }
        let room = columns - width(ellipsis)
        guard room > 0 else { return String(ellipsis.prefix(max(0, columns))) }
        return prefix(clean, room) + ellipsis
    }

    /// `text` cut in the middle to `columns` (`clevr-00…0123`): the start and the
    /// end of an id both tell ids apart, so both stay.
    static func middle(_ text: String, columns: Int, ellipsis: String) -> String {
        let clean = Sanitizer.clean(text)
        guard width(clean) > columns else { return clean }
        let room = columns - width(ellipsis)
        guard room > 1 else { return end(clean, columns: columns, ellipsis: ellipsis) }
        let head = prefix(clean, (room + 1) / 2)
        let tail = String(prefix(String(clean.reversed()), room / 2).reversed())
        return head + ellipsis + tail
    }

    /// The longest start of `text` (already sanitised) at most `columns` wide.
    private static func prefix(_ text: String, _ columns: Int) -> String {
        var out = "", used = 0
        for ch in text {
            let w = DisplayWidth.of(ch)
            if used + w > columns { break }
            out.append(ch); used += w
        }
        return out
    }
}
