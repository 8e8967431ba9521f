/// How every command words a dataset's item count, so `validate`, `lint`,
/// `stats` and `export` tell one story: every non-blank line is an item (the
/// inspector shows it, and its position counts in "item 4 of 7"); a line that
/// cannot be read as an item is *unreadable* and is named by its line number.
public enum ItemCountText {
    /// How many line numbers are written out before "and N more".
    public static let lineLimit = 5

    /// `7 items`, or `7 items (1 unreadable: line 4)`.
    public static func items(_ count: Int, unreadableLines: [Int]) -> String {
        plural(count, "item") + (unreadableLines.isEmpty ? "" : " (\(unreadable(lines: unreadableLines)))")
    }

    /// `1 unreadable: line 4`, `3 unreadable: lines 2, 4 and 9`.
    public static func unreadable(lines: [Int]) -> String {
        "\(lines.count) unreadable" + (lines.isEmpty ? "" : ": " + self.lines(lines))
    }

    /// `line 4`, `lines 2, 4 and 9`, `lines 2, 4, 9, 11, 12 and 40 more`; empty for no lines.
    public static func lines(_ lines: [Int]) -> String {
        guard let last = lines.last else { return "" }
        if lines.count == 1 { return "line \(last)" }
        if lines.count <= lineLimit {
            return "lines " + lines.dropLast().map(String.init).joined(separator: ", ") + " and \(last)"
        }
        return "lines " + lines.prefix(lineLimit).map(String.init).joined(separator: ", ")
            + " and \(lines.count - lineLimit) more"
    }

    /// `1 item`, `2 items`.
    public static func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
}

extension ParsedItem {
    /// Gives the diagnostics of an unreadable line the item id found in its raw
    /// text, so every command and the inspector name it (`FILE:4:59: item-4: ...`).
    mutating func nameUnreadable(idIn bytes: [UInt8]) {
        guard item == nil, let id = diagnostics.first?.itemID ?? IDScanner.id(in: bytes[...]) else { return }
        for k in diagnostics.indices where diagnostics[k].itemID == nil { diagnostics[k].itemID = id }
    }

    /// The item's id: read, or found in the raw text of an unreadable line; nil when there is none.
    public var itemID: String? { item?.id ?? diagnostics.first { $0.itemID != nil }?.itemID }
}
