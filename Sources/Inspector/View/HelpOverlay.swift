import TerminalUI

/// Every key, from the `KeyMap`, in a box over the screen: descriptions wrap
/// rather than being cut, and the list scrolls (j/k, PgDn/PgUp) when it is taller than the box.
enum HelpOverlay {
    static func draw(in area: Rect, scroll: Int, keys map: KeyMap, theme t: Theme, buffer b: inout Buffer) {
        guard let r = HelpLines.box(area) else { return }
        b.fill(r, with: .blank)
        let inner = r.inset(by: 1)
        let all = HelpLines.lines(width: inner.width, map)
        let top = min(max(0, scroll), max(0, all.count - inner.height))
        let scrolls = all.count > inner.height
        t.frame(&b, r, title: scrolls ? "Keys (j/k scroll, ? or Esc closes)" : "Keys (? or Esc closes)", focused: true)
        for (i, l) in all.dropFirst(top).prefix(inner.height).enumerated() {
            let y = inner.top + i
            if l.2 {
                b.setString(x: inner.left + 1, y: y, l.0, style: t.title, maxWidth: inner.width - 1)
            } else {
                b.setString(x: inner.left + 2, y: y, l.0, style: t.accept, maxWidth: HelpLines.keyW)
                t.clipped(&b, x: inner.left + 2 + HelpLines.keyW, y: y, l.1, width: inner.width - HelpLines.keyW - 3)
            }
        }
        if scrolls {
            let more = "\(top + 1)-\(min(all.count, top + inner.height))/\(all.count)"
            b.setString(x: r.right - 2 - more.count, y: r.bottom - 1, more, style: t.dim)
        }
    }
}
