/// Loose word matching: two words match when they may be inflections of one
/// another ("cubes"/"cube", "boxes"/"box", "leaves"/"leaf", "holding"/"holds").
///
/// Each word is reduced to a small set of candidate base forms and two words
/// match when their sets meet. Over-generating candidates ("gloves" gives
/// "glove" and "glof") is harmless because a wrong candidate rarely equals a
/// real word's form.
public enum WordForms {
    /// Irregular plurals and past forms common in scene descriptions.
    static let irregular: [String: String] = [
        "men": "man", "women": "woman", "people": "person", "children": "child",
        "feet": "foot", "teeth": "tooth", "mice": "mouse", "geese": "goose",
        "oxen": "ox", "held": "hold", "sat": "sit", "stood": "stand", "wore": "wear",
        "worn": "wear", "lay": "lie", "lying": "lie", "ridden": "ride", "rode": "ride",
    ]

    /// The candidate base forms of `word` (lowercased), the word itself included.
    public static func forms(_ word: String) -> Set<String> {
        let w = word.lowercased()
        var out: Set<String> = [w]
        if let base = irregular[w] { out.insert(base) }
        let n = w.count
        func drop(_ k: Int) -> String { String(w.dropLast(k)) }
        if n > 3, w.hasSuffix("s"), !w.hasSuffix("ss") {
            out.insert(drop(1))                       // cubes -> cube
            if w.hasSuffix("es") { out.insert(drop(2)) }   // boxes -> box
            if w.hasSuffix("ies") { out.insert(drop(3) + "y") }  // berries -> berry
            if w.hasSuffix("ves") { out.insert(drop(3) + "f"); out.insert(drop(3) + "fe") }  // leaves, knives
        }
        if n > 5, w.hasSuffix("ing") {
            let stem = drop(3)
            out.insert(stem); out.insert(stem + "e")      // holding -> hold, parking; riding -> ride
            if let undoubled = undouble(stem) { out.insert(undoubled) }  // sitting -> sit
        }
        if n > 4, w.hasSuffix("ed") {
            let stem = drop(2)
            out.insert(stem); out.insert(drop(1))         // parked -> park, parked -> parke; placed -> place
            if let undoubled = undouble(stem) { out.insert(undoubled) }
            if w.hasSuffix("ied") { out.insert(drop(3) + "y") }
        }
        return out
    }

    /// True when the two words may be forms of one another.
    public static func match(_ a: String, _ b: String) -> Bool {
        matchLowercased(a.lowercased(), b.lowercased())
    }

    /// `match` for words already lowercased (what `Tokenizer.words` gives).
    /// Every form keeps the word's first letter and differs in length by at
    /// most four, so most pairs are rejected before any set is built.
    static func matchLowercased(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        let ua = a.utf8, ub = b.utf8
        guard ua.first == ub.first, abs(ua.count - ub.count) <= 4 else { return false }
        return !forms(a).isDisjoint(with: forms(b))
    }

    /// "sitt" -> "sit", "runn" -> "run"; nil when the stem does not end in a doubled consonant.
    static func undouble(_ stem: String) -> String? {
        let cs = Array(stem)
        guard cs.count >= 3, let last = cs.last, cs[cs.count - 2] == last, !"aeiou".contains(last) else { return nil }
        return String(cs.dropLast())
    }
}

/// Matching a phrase (a name or predicate as words) inside a tokenised text:
/// an array of words, or a `WordList` of ranges into a long step (issue 14),
/// or a slice of either.
enum PhraseMatch {
    /// Calls `body` with each start index where `phrase` occurs contiguously
    /// in `words`, word by word loosely, in order; stops when it returns false.
    static func forEachOccurrence<W: RandomAccessCollection<String>>(of phrase: [String], in words: W,
                                                                    _ body: (Int) -> Bool) where W.Index == Int {
        guard !phrase.isEmpty, phrase.count <= words.count else { return }
        for start in words.startIndex...(words.endIndex - phrase.count) {
            var ok = true
            for k in 0..<phrase.count where !WordForms.matchLowercased(phrase[k], words[start + k]) { ok = false; break }
            if ok, !body(start) { return }
        }
    }

    /// Start indexes where `phrase` occurs contiguously in `words`, word by word loosely.
    static func occurrences<W: RandomAccessCollection<String>>(of phrase: [String], in words: W) -> [Int] where W.Index == Int {
        var hits: [Int] = []
        forEachOccurrence(of: phrase, in: words) { hits.append($0); return true }
        return hits
    }

    /// True when `phrase` occurs in `words` (stops at the first occurrence).
    static func contains<W: RandomAccessCollection<String>>(_ phrase: [String], in words: W) -> Bool where W.Index == Int {
        var found = false
        forEachOccurrence(of: phrase, in: words) { _ in found = true; return false }
        return found
    }

    /// Words a predicate may be written with or without ("left of" in "to the left of").
    static let predicateFiller: Set<String> = ["to", "the", "a", "an", "of", "is", "are", "be", "being", "its", "his", "her", "their"]

    /// True when the predicate's words occur in order with at most two filler
    /// words between them, ignoring the filler words of the predicate itself
    /// unless nothing else is left ("on", "in").
    static func containsPredicate<W: RandomAccessCollection<String>>(_ predicate: [String], in words: W) -> Bool where W.Index == Int {
        let content = predicate.filter { !predicateFiller.contains($0) }
        let needle = content.isEmpty ? predicate : content
        guard let first = needle.first else { return false }
        for start in words.indices where WordForms.matchLowercased(first, words[start]) {
            var pos = start
            var ok = true
            for k in needle.indices.dropFirst() {
                var found = false
                var skipped = 0
                var q = pos + 1
                while q < words.endIndex, skipped <= 2 {
                    let w = words[q]
                    if WordForms.matchLowercased(needle[k], w) { found = true; break }
                    guard predicateFiller.contains(w) else { break }
                    skipped += 1; q += 1
                }
                if !found { ok = false; break }
                pos = q
            }
            if ok { return true }
        }
        return false
    }
}
