/// An in-memory grid of cells that widgets draw into; the backend sends only
/// what changed since the previous frame (`diff(from:)`).
public struct Buffer: Sendable, Equatable {
    /// The area the buffer covers (usually origin 0,0 and the terminal size).
    public private(set) var area: Rect
    /// Row-major cells of `area`.
    public private(set) var cells: [Cell]

    /// A buffer of blank cells covering `area`.
    public init(area: Rect) {
        self.area = area
        self.cells = Array(repeating: .blank, count: area.area)
    }

    /// A blank buffer of the given size at the origin.
    public init(width: Int, height: Int) { self.init(area: Rect(x: 0, y: 0, width: width, height: height)) }

    public var width: Int { area.width }
    public var height: Int { area.height }

    @inline(__always) private func index(_ x: Int, _ y: Int) -> Int? {
        guard area.contains(x: x, y: y) else { return nil }
        return (y - area.y) * area.width + (x - area.x)
    }

    /// The cell at (x, y); reading outside gives a blank cell, writing outside is ignored.
    public subscript(x: Int, y: Int) -> Cell {
        get { index(x, y).map { cells[$0] } ?? .blank }
        set { if let i = index(x, y) { cells[i] = newValue } }
    }

    /// Applies `style` to every cell of `rect` (clipped to the buffer).
    public mutating func setStyle(_ style: Style, in rect: Rect) {
        let r = rect.intersection(area)
        for y in r.top..<r.bottom { for x in r.left..<r.right { if let i = index(x, y) { cells[i].apply(style) } } }
    }

    /// Applies `style` to every place in `rect` where `needle` is written
    /// (ignoring case and diacritics, within one row); how many were found.
    @discardableResult
    public mutating func mark(_ needle: String, in rect: Rect, style: Style) -> Int {
        let options: String.CompareOptions = [.caseInsensitive, .diacriticInsensitive]
        guard !needle.isEmpty else { return 0 }
        let r = rect.intersection(area)
        var found = 0
        for y in r.top..<r.bottom {
            // The row's text, and the column each of its characters starts at.
            var text = ""
            var columns: [Int] = []
            for x in r.left..<r.right {
                guard let i = index(x, y), !cells[i].isContinuation else { continue }
                for _ in cells[i].symbol { columns.append(x) }
                text += cells[i].symbol
            }
            columns.append(r.right)
            var from = text.startIndex
            while let hit = text.range(of: needle, options: options, range: from..<text.endIndex) {
                let a = text.distance(from: text.startIndex, to: hit.lowerBound)
                let b = text.distance(from: text.startIndex, to: hit.upperBound)
                guard a < b, b < columns.count else { break }
                setStyle(style, in: Rect(x: columns[a], y: y, width: columns[b] - columns[a], height: 1))
                found += 1
                from = hit.upperBound
            }
        }
        return found
    }

    /// Fills `rect` with copies of `cell`.
    public mutating func fill(_ rect: Rect, with cell: Cell) {
        let r = rect.intersection(area)
        for y in r.top..<r.bottom { for x in r.left..<r.right { if let i = index(x, y) { cells[i] = cell } } }
    }

    /// Writes `text` from (x, y) on one line, sanitised (control and bidi
    /// characters become visible placeholders), measuring display width, and
    /// stopping before `maxWidth` columns would be exceeded; a wide character
    /// that does not fit whole is not drawn. Returns the columns used.
    @discardableResult
    public mutating func setString(x: Int, y: Int, _ text: String, style: Style = .plain, maxWidth: Int = .max) -> Int {
        var col = 0
        let limit = min(maxWidth, area.right - x)
        guard limit > 0, y >= area.top, y < area.bottom else { return 0 }
        Sanitizer.forEachGrapheme(text) { g in
            let w = g.width
            if col + w > limit { return false }
            let cx = x + col
            if cx >= area.left {
                // Overwriting half of a wide character must not leave its other half dangling.
                clearWideNeighbours(x: cx, y: y, width: max(w, 1))
                var c = self[cx, y]
                c.symbol = g.text
                c.apply(style.patched(with: g.style))
                self[cx, y] = c
                if w == 2 {
                    var c2 = self[cx + 1, y]
                    c2.symbol = ""
                    c2.apply(style.patched(with: g.style))
                    self[cx + 1, y] = c2
                }
            }
            col += w
            return true
        }
        return col
    }

    private mutating func clearWideNeighbours(x: Int, y: Int, width: Int) {
        // A continuation cell under the start: its leader to the left loses its right half.
        if self[x, y].isContinuation, x - 1 >= area.left { self[x - 1, y].symbol = " " }
        // A leader of a wide char at the last covered column: its continuation becomes blank.
        let last = x + width - 1
        if last + 1 < area.right, self[last + 1, y].isContinuation { self[last + 1, y].symbol = " " }
    }

    /// Copies `other` into this buffer where the areas overlap.
    public mutating func merge(_ other: Buffer) {
        let r = other.area.intersection(area)
        for y in r.top..<r.bottom { for x in r.left..<r.right { self[x, y] = other[x, y] } }
    }

    /// Changes this buffer into `area`, blank.
    public mutating func reset(area newArea: Rect) {
        area = newArea
        cells = Array(repeating: .blank, count: newArea.area)
    }

    /// The cells that differ from `previous`, as (x, y, cell), row by row.
    /// A size change makes every cell count as changed.
    public func diff(from previous: Buffer) -> [(x: Int, y: Int, cell: Cell)] {
        var out: [(x: Int, y: Int, cell: Cell)] = []
        let same = previous.area == area
        for i in cells.indices where !same || cells[i] != previous.cells[i] {
            out.append((area.x + i % area.width, area.y + i / area.width, cells[i]))
        }
        return out
    }

    /// The text of row `y` (symbols only, continuations skipped, trailing spaces kept).
    public func line(_ y: Int) -> String {
        guard y >= area.top, y < area.bottom else { return String(repeating: " ", count: area.width) }
        // Bytes, then one String: appending cell strings one by one cost more than drawing the frame.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(area.width)
        let start = (y - area.y) * area.width
        for i in start..<(start + area.width) { bytes.append(contentsOf: cells[i].symbol.utf8) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Every row as plain text, trailing spaces trimmed: for tests and `render --plain`.
    public var plainText: String {
        (area.top..<area.bottom).map { y -> String in
            var l = line(y)
            while l.last == " " { l.removeLast() }
            return l
        }.joined(separator: "\n")
    }
}
