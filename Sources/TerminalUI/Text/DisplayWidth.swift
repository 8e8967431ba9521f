/// How many terminal columns a grapheme takes: 2 for East Asian wide and
/// fullwidth characters and emoji presentation, 0 for combining marks and
/// other zero-width characters, 1 otherwise.
///
/// Terminals disagree on emoji sequences (issue 14): tmux 3.3 draws "❤️"
/// (U+2764 U+FE0F) in one column where kitty draws two, a skin-tone
/// "👍🏽" in four where most draw two, a ZWJ family in two where older
/// terminals draw six. Text measured one way and drawn another leaves stale
/// characters behind. So such a cluster is drawn in a form every terminal
/// measures alike (`drawn(_:)`), and its width is that form's: the first
/// element of a ZWJ sequence, without variation selectors, skin-tone
/// modifiers, keycap marks or tag characters; regional indicators (flags) as
/// their letters, "🇫🇷" as "FR". Combining marks are kept.
public enum DisplayWidth {
    /// Columns taken by one grapheme cluster, as `drawn(_:)` draws it.
    public static func of(_ ch: Character) -> Int {
        let scalars = ch.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if scalars.count == 1 && !isRegionalIndicator(first.value) { return of(scalar: first) }
        if let d = drawnForm(ch) { return d.width }
        return of(scalar: first)
    }

    /// The text to draw for `ch` when it is not `ch` itself (see the type's
    /// note), with its width; nil when `ch` is drawn as it is.
    public static func drawn(_ ch: Character) -> (text: String, width: Int)? {
        drawnForm(ch)
    }

    private static func drawnForm(_ ch: Character) -> (text: String, width: Int)? {
        let scalars = ch.unicodeScalars
        guard let first = scalars.first else { return nil }
        if isRegionalIndicator(first.value) {
            // A lone regional indicator is one column in tmux and two
            // elsewhere; a flag cannot be one ncurses cell (the second
            // indicator is not a combining character, so curses drops it).
            // Both are drawn as their letters: "🇫🇷" as "FR".
            var letters = ""
            for u in scalars where isRegionalIndicator(u.value) {
                if let l = Unicode.Scalar(u.value - 0x1F1E6 + 0x41) { letters.unicodeScalars.append(l) }
            }
            return (letters, letters.utf8.count)
        }
        guard scalars.count > 1 else { return nil }
        let emoji = first.properties.isEmoji
        var kept = String.UnicodeScalarView()
        var changed = false
        for u in scalars {
            let v = u.value
            // The rest of a ZWJ sequence (only after an emoji: scripts such as
            // Devanagari use ZWJ inside words).
            if emoji && v == 0x200D { changed = true; break }
            if v == 0xFE0F || v == 0xFE0E || (emoji && (0x1F3FB...0x1F3FF).contains(v)) || (emoji && v == 0x20E3)
                || (0xE0020...0xE007F).contains(v) {
                changed = true; continue
            }
            kept.append(u)
        }
        guard changed, let base = kept.first else { return nil }
        return (String(kept), of(scalar: base))
    }

    private static func isRegionalIndicator(_ v: UInt32) -> Bool { (0x1F1E6...0x1F1FF).contains(v) }

    /// Columns taken by a string (sum over its grapheme clusters).
    /// Printable ASCII (most labels and texts) is one column a byte, without grapheme breaking.
    public static func of(_ s: String) -> Int {
        if Sanitizer.isPrintableASCII(s) { return s.utf8.count }
        return s.reduce(0) { $0 + of($1) }
    }

    /// Columns taken by a single scalar standing alone.
    public static func of(scalar u: Unicode.Scalar) -> Int {
        let v = u.value
        if v < 0x20 || (0x7F..<0xA0).contains(v) { return 0 }
        if v < 0x300 { return 1 }
        // Box drawing, block elements and geometric shapes (every frame's borders, the
        // image's half blocks): narrow, no Unicode property lookup; U+25FD and U+25FE are wide emoji.
        if v >= 0x2500 && v <= 0x25FC { return 1 }
        switch u.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if v == 0x200B || (0x1160...0x11FF).contains(v) { return 0 }
        if u.properties.isEmojiPresentation { return 2 }
        if isWide(v) { return 2 }
        return 1
    }

    /// East Asian Wide (W) and Fullwidth (F) ranges.
    private static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3,
             0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1,
             0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE, 0x26D4, 0x26EA,
             0x26F2...0x26F3, 0x26F5, 0x26FA, 0x26FD, 0x2705, 0x270A...0x270B, 0x2728, 0x274C,
             0x274E, 0x2753...0x2755, 0x2757, 0x2795...0x2797, 0x27B0, 0x27BF, 0x2B1B...0x2B1C,
             0x2B50, 0x2B55, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19,
             0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18AFF,
             0x1B000...0x1B2FF, 0x1F004, 0x1F0CF, 0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F202,
             0x1F210...0x1F23B, 0x1F240...0x1F248, 0x1F250...0x1F251, 0x1F260...0x1F265,
             0x20000...0x2FFFD, 0x30000...0x3FFFD:
            // (Pictographs in 1F300-1FAFF are wide exactly when they have
            // emoji presentation, checked before this table: "🌡" U+1F321 is narrow.)
            return true
        default:
            return false
        }
    }
}
