import Review
import TerminalUI

/// The `t` prompt's list of reason tags, in a box just above the prompt line:
/// the standard tags numbered 1-8 (the key ticks one) and the free tags
/// ticked so far, each with what it means.
enum TagOverlay {
    /// Columns taken by `8 [x] actually-correct` before the meaning.
    static let keyW = 24

    /// The label before the typed text on the prompt line.
    static func promptLabel(_ s: AppState) -> String {
        "tags on \(s.negative?.id ?? "?") (1-\(ReasonTag.known.count) or type a free tag): "
    }

    /// The overlay's rows: (number or "", ticked, tag, meaning).
    static func rows(_ p: Prompt) -> [(String, Bool, String, String)] {
        var out = ReasonTag.known.enumerated().map { i, tag in
            ("\(i + 1)", p.tags.contains(tag.rawValue), tag.rawValue, tag.meaning)
        }
        for free in p.tags where !ReasonTag.known.contains(where: { $0.rawValue == free }) {
            out.append(("", true, free, "free tag (type it again to drop it)"))
        }
        // What Enter will do with the typed text, before it is pressed.
        let typed = p.text.split(separator: ",").map { ReasonTag.normalize(String($0)) }.filter { !$0.isEmpty }
        for tag in typed {
            let ticked = p.tags.contains(tag)
            out.append(("", !ticked, tag, ticked ? "typed: Enter drops it" : "typed: Enter adds it"))
        }
        return out
    }

    /// Draws the list over the panes, its bottom border on the row above `prompt`.
    static func draw(_ s: AppState, _ p: Prompt, above prompt: Rect, theme t: Theme, buffer b: inout Buffer) {
        let all = rows(p)
        let w = min(s.width - 2, 96)
        let h = min(all.count + 2, prompt.top)
        guard w > 20, h > 2 else { return }
        let r = Rect(x: max(0, (s.width - w) / 2), y: prompt.top - h, width: w, height: h)
        b.fill(r, with: .blank)
        t.frame(&b, r, title: "Reason tags on \(s.negative?.id ?? "?"): 1-\(ReasonTag.known.count) tick, Enter saves, Esc cancels",
                focused: true)
        let inner = r.inset(by: 1)
        for (i, row) in all.prefix(inner.height).enumerated() {
            let y = inner.top + i
            let key = "\(row.0.isEmpty ? " " : row.0) [\(row.1 ? "x" : " ")] "
            let used = b.setString(x: inner.left + 1, y: y, key, style: row.1 ? t.accept : t.dim)
            t.clipped(&b, x: inner.left + 1 + used, y: y, row.2, style: row.1 ? t.accept : t.title,
                      width: min(keyW - used, inner.width - 1 - used))
            t.clipped(&b, x: inner.left + 1 + keyW, y: y, row.3, style: t.dim, width: inner.width - 1 - keyW)
        }
    }
}
