/// Splits a plain-string rationale into steps: at line breaks when it has
/// any, otherwise at sentence ends.
public enum SentenceSplitter {
    /// Words that end in a period without ending a sentence.
    static let abbreviations: Set<String> = [
        "e.g", "i.e", "etc", "vs", "cf", "al", "approx", "ca", "fig", "figs", "no", "nos", "nr",
        "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "inc", "ltd", "co", "corp", "dept",
        "esp", "est", "incl", "max", "min", "resp", "viz", "a.m", "p.m", "u.s", "u.k",
    ]

    /// The steps of a rationale written as one string; empty pieces are dropped.
    public static func steps(of text: String) -> [String] {
        let lines = text.split(omittingEmptySubsequences: true) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" || $0 == "\u{2028}" }
            .map { trim($0) }.filter { !$0.isEmpty }
        if lines.count > 1 { return lines }
        return sentences(of: text)
    }

    /// Sentences of one paragraph.
    public static func sentences(of text: String) -> [String] {
        let chars = Array(text)
        var out: [String] = []
        var start = 0
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if "。！？".contains(c) {
                // CJK full stops end a sentence with no space after them.
                var j = i + 1
                while j < chars.count, "。！？」』）\"”’".contains(chars[j]) { j += 1 }
                out.append(String(chars[start..<j])); start = j; i = j
                continue
            }
            if c == "." || c == "!" || c == "?" || c == "…" {
                var j = i + 1
                while j < chars.count, ".!?…".contains(chars[j]) { j += 1 }
                while j < chars.count, "\"')]”’»".contains(chars[j]) { j += 1 }
                // Must be followed by whitespace (so "3.5" and "a.b" never split)...
                guard j < chars.count, chars[j].isWhitespace else { i = j; continue }
                var k = j
                while k < chars.count, chars[k].isWhitespace { k += 1 }
                // ...and by something that can start a sentence (not a lower-case word).
                if k < chars.count, chars[k].isLowercase { i = j; continue }
                if c == ".", j == i + 1, isAbbreviation(chars, periodAt: i, next: k < chars.count ? chars[k] : nil) {
                    i = j; continue
                }
                out.append(String(chars[start..<j])); start = j; i = j
                continue
            }
            i += 1
        }
        if start < chars.count { out.append(String(chars[start...])) }
        return out.map { trim(Substring($0)) }.filter { !$0.isEmpty }
    }

    private static func isAbbreviation(_ chars: [Character], periodAt i: Int, next: Character?) -> Bool {
        var s = i
        while s > 0, !chars[s - 1].isWhitespace, chars[s - 1] != "(" { s -= 1 }
        let word = String(chars[s..<i]).lowercased()
        if word.isEmpty { return false }
        // Single letters are not taken as initials: "The answer is B." ends a sentence.
        if word == "etc", let next, next.isUppercase { return false }
        if word == "no", let next, !next.isNumber { return false }
        return abbreviations.contains(word)
    }

    private static func trim(_ s: Substring) -> String {
        var t = s
        while let f = t.first, f.isWhitespace { t.removeFirst() }
        while let l = t.last, l.isWhitespace { t.removeLast() }
        return String(t)
    }
}
