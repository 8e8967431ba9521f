import TerminalUI

/// The help overlay's box and lines, from the `KeyMap`: descriptions wrap
/// rather than being cut; shared by the layout figures (how far it scrolls) and the drawing.
enum HelpLines {
    /// Columns for the keys, the widest label ("PgDn / PgUp, Space") and a space.
    static let keyW = 20

    /// The box the overlay takes on a screen of `area`, nil when too small.
    static func box(_ area: Rect) -> Rect? {
        let w = min(area.width - 2, 80), h = area.height - 2
        guard w > 30, h > 4 else { return nil }
        return Rect(x: area.x + (area.width - w) / 2, y: area.y + 1, width: w, height: h)
    }

    /// The overlay's lines for a box of inner width `width`: (keys, text, isTitle).
    static func lines(width: Int, _ map: KeyMap) -> [(String, String, Bool)] {
        var out: [(String, String, Bool)] = []
        let textW = max(10, width - keyW - 3)
        for (title, entries) in map.helpSections {
            out.append((title, "", true))
            for e in entries {
                for (i, part) in wrap(e.text, textW).enumerated() { out.append((i == 0 ? e.keys : "", part, false)) }
            }
        }
        return out
    }

    /// The largest useful scroll offset on a screen of `area`.
    static func maxScroll(_ area: Rect, _ map: KeyMap) -> Int {
        guard let r = box(area) else { return 0 }
        let inner = r.inset(by: 1)
        return max(0, lines(width: inner.width, map).count - inner.height)
    }

    /// `text` in lines of at most `width` characters, broken at spaces.
    static func wrap(_ text: String, _ width: Int) -> [String] {
        var out: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if line.isEmpty { line = String(word) }
            else if line.count + 1 + word.count <= width { line += " " + word }
            else { out.append(line); line = String(word) }
        }
        if !line.isEmpty || out.isEmpty { out.append(line) }
        return out
    }
}
