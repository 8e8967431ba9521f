/// A readable cell-by-cell comparison of two buffers, for test failures.
public enum BufferDiff {
    /// Nil when the buffers are equal; otherwise a description of the first
    /// differing cells (position, symbol, colours, attributes) and both texts.
    public static func describe(expected: Buffer, actual: Buffer, limit: Int = 20) -> String? {
        if expected == actual { return nil }
        var out: [String] = []
        if expected.area != actual.area {
            out.append("area differs: expected \(expected.area.text), actual \(actual.area.text)")
        } else {
            var shown = 0, total = 0
            let a = expected.area
            for y in a.top..<a.bottom {
                for x in a.left..<a.right where expected[x, y] != actual[x, y] {
                    total += 1
                    if shown < limit {
                        out.append("(\(x),\(y)): expected \(expected[x, y].debugText), actual \(actual[x, y].debugText)")
                        shown += 1
                    }
                }
            }
            if total > shown { out.append("... and \(total - shown) more differing cells") }
        }
        out.append("expected text:\n" + expected.framedText)
        out.append("actual text:\n" + actual.framedText)
        return out.joined(separator: "\n")
    }
}

extension Buffer {
    /// A buffer built from lines of text (one row each, drawn through
    /// `setString`), then `styles` applied in order: the way tests write the
    /// expected frame. The width defaults to the widest line.
    public static func fromLines(_ lines: [String], width: Int? = nil, styles: [(Rect, Style)] = []) -> Buffer {
        let w = width ?? lines.map { DisplayWidth.of($0) }.max() ?? 0
        var b = Buffer(width: w, height: lines.count)
        for (y, l) in lines.enumerated() { b.setString(x: 0, y: y, l) }
        for (r, s) in styles { b.setStyle(s, in: r) }
        return b
    }

    /// Every row between bars, so trailing spaces show.
    var framedText: String {
        (area.top..<area.bottom).map { "|" + line($0) + "|" }.joined(separator: "\n")
    }
}

extension Rect {
    var text: String { "\(width)x\(height)+\(x)+\(y)" }
}

extension Cell {
    /// The cell's parts spelled out, e.g. `"▀" fg=rgb(1,2,3) bg=default [bold]`.
    public var debugText: String {
        let sym = isContinuation ? "<cont>" : "\"" + symbol.unicodeScalars.map {
            $0.value < 0x20 || $0.value == 0x7F ? "\\u{\(String($0.value, radix: 16))}" : String($0)
        }.joined() + "\""
        var s = "\(sym) fg=\(fg.debugText) bg=\(bg.debugText)"
        if !attributes.isEmpty { s += " " + attributes.debugText }
        return s
    }
}

extension Color {
    /// `default`, `idx(n)` or `rgb(r,g,b)`.
    public var debugText: String {
        switch self {
        case .default: return "default"
        case .indexed(let n): return "idx(\(n))"
        case .rgb(let r, let g, let b): return "rgb(\(r),\(g),\(b))"
        }
    }
}

extension Attributes {
    /// The attribute names in brackets, e.g. `[bold,reverse]`.
    public var debugText: String {
        let names: [(Attributes, String)] = [(.bold, "bold"), (.dim, "dim"), (.italic, "italic"),
            (.underline, "underline"), (.reverse, "reverse"), (.strikethrough, "strike")]
        return "[" + names.filter { contains($0.0) }.map(\.1).joined(separator: ",") + "]"
    }
}
