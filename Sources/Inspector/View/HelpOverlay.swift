import TerminalUI

/// Every key, from `KeyBindings`, in a box over the screen.
enum HelpOverlay {
    static func draw(in area: Rect, theme t: Theme, buffer b: inout Buffer) {
        var lines: [(String, String, Bool)] = []
        for (title, entries) in KeyBindings.sections {
            lines.append((title, "", true))
            for e in entries { lines.append((e.keys, e.action, false)) }
        }
        let keyW = 18
        let w = min(area.width - 2, 80), h = min(area.height - 2, lines.count + 3)
        guard w > 20, h > 4 else { return }
        let r = Rect(x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h)
        b.fill(r, with: .blank)
        t.frame(&b, r, title: "Keys (? or Esc closes)", focused: true)
        let inner = r.inset(by: 1)
        // Two columns when the list does not fit in one.
        let perCol = inner.height
        let colW = lines.count > perCol ? inner.width / 2 : inner.width
        for (i, l) in lines.enumerated() {
            let col = i / perCol
            if col > 1 { break }
            let x = inner.left + col * colW, y = inner.top + i % perCol
            if l.2 {
                b.setString(x: x + 1, y: y, l.0, style: t.title, maxWidth: colW - 1)
            } else {
                b.setString(x: x + 2, y: y, l.0, style: t.accept, maxWidth: keyW)
                t.clipped(&b, x: x + 2 + keyW, y: y, l.1, width: colW - keyW - 3)
            }
        }
    }
}
