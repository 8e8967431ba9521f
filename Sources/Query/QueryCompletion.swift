/// What Tab offers at the cursor of a query being typed: field names where a
/// field goes, the field's known values after `field=` (or after a comma in
/// a list of them), and the words `and`, `or`, `not`.
public struct QueryCompletion: Sendable, Hashable {
    /// Where the word being completed starts (a Character offset into the text).
    public var start: Int
    /// What has been typed of it.
    public var prefix: String
    /// What it may become, in catalogue order.
    public var candidates: [String]
    /// Whether the word is a value (then a finished one is followed by a space).
    public var isValue: Bool

    /// The completion for `text` with the cursor at Character offset `cursor`.
    public static func at(_ text: String, cursor: Int) -> QueryCompletion {
        let chars = Array(text)
        let end = min(max(cursor, 0), chars.count)
        var start = end
        while start > 0, isWord(chars[start - 1]) { start -= 1 }
        let prefix = String(chars[start..<end])
        // Back over spaces and a list's earlier values to the sign before the word, if any.
        var j = start
        while j > 0, chars[j - 1].isWhitespace { j -= 1 }
        while j > 0, chars[j - 1] == "," {
            j -= 1
            while j > 0, chars[j - 1].isWhitespace { j -= 1 }
            while j > 0, isWord(chars[j - 1]) || chars[j - 1] == "\"" { j -= 1 }
            while j > 0, chars[j - 1].isWhitespace { j -= 1 }
        }
        var signEnd = j
        while j > 0, "=<>!~".contains(chars[j - 1]) { j -= 1 }
        if j < signEnd {
            // A value of the field before the sign.
            signEnd = j
            while j > 0, chars[j - 1].isWhitespace { j -= 1 }
            var f = j
            while f > 0, isWord(chars[f - 1]) { f -= 1 }
            let values = QueryField.named(String(chars[f..<j]))?.suggestedValues ?? []
            return QueryCompletion(start: start, prefix: prefix, candidates: matching(values, prefix), isValue: true)
        }
        let names = QueryField.catalogue.map(\.name) + ["and", "or", "not"]
        return QueryCompletion(start: start, prefix: prefix, candidates: matching(names, prefix), isValue: false)
    }

    /// The longest text every candidate starts with (at least the prefix as typed).
    public var commonPrefix: String {
        guard var common = candidates.first else { return prefix }
        for c in candidates.dropFirst() {
            while !c.lowercased().hasPrefix(common.lowercased()) { common.removeLast() }
        }
        return common.count >= prefix.count ? common : prefix
    }

    /// `text` with the word at the cursor completed as far as the candidates
    /// agree, and the new cursor; unchanged when nothing matches.
    public func applied(to text: String, cursor: Int) -> (text: String, cursor: Int) {
        guard !candidates.isEmpty else { return (text, cursor) }
        var chars = Array(text)
        let end = min(max(cursor, 0), chars.count)
        var word = commonPrefix
        // A whole value is followed by a space, ready for `and` or the next test.
        if candidates.count == 1, isValue, end == chars.count { word += " " }
        chars.replaceSubrange(start..<end, with: Array(word))
        return (String(chars), start + word.count)
    }

    private static func isWord(_ c: Character) -> Bool {
        c.unicodeScalars.allSatisfy(QueryLexer.isWordScalar)
    }

    private static func matching(_ words: [String], _ prefix: String) -> [String] {
        let p = prefix.lowercased()
        return words.filter { $0.lowercased().hasPrefix(p) }
    }
}
