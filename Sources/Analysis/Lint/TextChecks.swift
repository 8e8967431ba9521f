import SceneData

/// The text heuristics behind `evidence-leak` and `unknown-entity`.
enum TextChecks {
    static let numberWords = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                              "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
                              "eighteen", "nineteen", "twenty"]

    /// True when `evidence` states `answer` as a whole word or phrase.
    ///
    /// "yes" counts anywhere as a word (descriptions do not say it); "no" only
    /// as a sentence of its own or in "answer is no", since "there is no dog"
    /// describes the image. A number ("3" or "three") counts in "the answer is
    /// 3" or when a word of the question stands within three words of it
    /// ("three purple objects" for "How many purple objects...?", not "all
    /// three shapes"). Any other answer counts as a phrase, unless that
    /// occurrence is copied from the question with a neighbouring word: "the
    /// small red sphere" repeated from the question does not state that the
    /// cylinder is red, but "the cube is red" for "Is the cube red or blue?" does.
    static func leaks(evidence: String, answer: String, question: String = "") -> Bool {
        var aw = Tokenizer.words(answer)
        if aw.count > 1, let f = aw.first, ["a", "an", "the"].contains(f) { aw.removeFirst() }
        guard !aw.isEmpty else { return false }
        let tokens = Tokenizer.tokens(evidence)
        let ew = tokens.filter(\.isWordLike).map(\.key)
        let qw = Tokenizer.words(question)
        if aw == ["yes"] { return ew.contains("yes") }
        if aw == ["no"] {
            if PhraseMatch.contains(["answer", "is", "no"], in: ew) { return true }
            for (k, t) in tokens.enumerated() where t.key == "no" {
                let before = k == 0 || [".", "!", "?", ":", ";"].contains(tokens[k - 1].text)
                let after = k + 1 < tokens.count && [".", "!", ",", ";"].contains(tokens[k + 1].text)
                if before && after { return true }
            }
            return false
        }
        if aw.count == 1, let n = number(aw[0]) {
            let content = Set(qw.filter { !stops.contains($0) && !determiners.contains($0) && !["how", "many", "what", "number", "object", "objects", "thing", "things", "item", "items"].contains($0) })
            for (k, w) in ew.enumerated() where number(w) == n {
                if k >= 2, ew[k - 2] == "answer", ew[k - 1] == "is" || ew[k - 1] == "was" { return true }
                if k >= 1, ew[k - 1] == "answer" { return true }
                if content.isEmpty { return true }
                let near = ew[max(0, k - 3)..<k] + ew[(k + 1)..<min(ew.count, k + 4)]
                if near.contains(where: { w in content.contains { WordForms.matchLowercased($0, w) } }) { return true }
            }
            return false
        }
        // An occurrence copied from the question ("the small red sphere" when the
        // question says it) names what is asked about, not the answer; "the cube
        // is red" for "Is the cube red or blue?" states it.
        return PhraseMatch.occurrences(of: aw, in: ew).contains { start in
            let end = start + aw.count
            let before = start > 0 ? [ew[start - 1]] + aw : nil
            let after = end < ew.count ? aw + [ew[end]] : nil
            let copied = [before, after].compactMap { $0 }.contains { PhraseMatch.contains($0, in: qw) }
            return !copied
        }
    }

    /// The value of a whole number written as digits or as a word up to twenty.
    static func number(_ w: String) -> Int? {
        if let v = Int(w) { return v }
        return numberWords.firstIndex(of: w)
    }

    static let determiners: Set<String> = ["a", "an", "the", "another", "this", "that", "these", "those", "some",
                                           "each", "every", "any", "both", "several", "many"]
    /// Words that end a noun phrase: function words and common verbs.
    static let stops: Set<String> = [
        "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "does", "do", "did", "can", "could",
        "would", "should", "will", "may", "might", "must", "of", "to", "in", "on", "at", "by", "for", "from", "with",
        "without", "into", "onto", "near", "next", "behind", "beside", "between", "under", "over", "above", "below",
        "beneath", "and", "or", "but", "so", "that", "which", "who", "whose", "it", "its", "there", "here", "than",
        "as", "then", "because", "since", "while", "if", "also", "not", "no", "appears", "seems", "looks", "than",
        "a", "an", "the", "this", "these", "those", "toward", "towards", "against", "along", "around", "through",
        "cannot", "can", "not", "nor", "neither", "either", "when", "where", "what", "why", "how", "whether",
    ]
    /// Nouns and adjectives any rationale may use without naming an object of the scene.
    static let generic: Set<String> = [
        "image", "picture", "photo", "photograph", "scene", "question", "answer", "object", "thing", "item", "one",
        "ones", "rest", "other", "others", "side", "top", "bottom", "middle", "center", "centre", "edge", "corner",
        "background", "foreground", "color", "colour", "size", "shape", "material", "number", "total", "count",
        "way", "step", "relation", "relationship", "position", "location", "area", "region", "view", "camera",
        "viewer", "lot", "bit", "distance", "direction", "reasoning", "rationale", "graph", "case", "part", "kind",
        "type", "left", "right", "front", "back", "same", "different", "first", "second", "third", "last", "only",
        "closest", "nearest", "farthest", "furthest", "largest", "smallest", "biggest", "main", "entire", "whole",
        "red", "green", "blue", "yellow", "purple", "cyan", "brown", "gray", "grey", "black", "white", "orange",
        "pink", "gold", "silver", "small", "large", "big", "tiny", "little", "tall", "short", "huge", "metal",
        "metallic", "rubber", "wooden", "plastic", "shiny", "matte", "round", "square", "dark", "light", "bright",
        "clear", "visible", "possible", "likely", "correct", "final", "following", "given", "above", "result",
        "evidence", "presence", "absence", "end", "time", "moment", "fact", "detail", "details", "feature",
        "floor", "ground", "wall", "sky", "surface", "setting", "lighting", "shadow", "shadows", "space", "scenes",
        "objects", "things", "items", "none", "nothing", "something", "anything", "everything", "each", "all",
    ]

    /// Noun phrases of `text` whose head is unknown. A phrase is the words after
    /// a determiner or number (up to three, stopping at a function word,
    /// punctuation, or an -ing/-ly word); its head is the first word that is
    /// not a modifier (a generic adjective or an attribute value of the graphs):
    /// "a green giraffe" has head "giraffe", "the man holds" has head "man".
    static func unknownPhrases(in text: String, known: Set<String>, modifiers: Set<String>) -> [String] {
        // Ranges into the text, not a string per token: a long step stays a small multiple of its size (issue 14).
        let tokens = Tokenizer.ranges(text)
        var out: [String] = []
        var k = 0
        while k < tokens.count {
            let i = k
            k += 1
            guard tokens.isWordLike(i) else { continue }
            let key = tokens.key(i)
            guard determiners.contains(key) || number(key) != nil || tokens.kind(i) == .number else { continue }
            var run: [String] = []
            var q = k
            while q < tokens.count, run.count < 3 {
                guard tokens.kind(q) == .word else { break }
                let w = tokens.key(q)
                guard !stops.contains(w), !determiners.contains(w),
                      !w.contains("'"), !w.contains("\u{2019}"),
                      !w.hasSuffix("ing"), !w.hasSuffix("ly"), number(w) == nil else { break }
                run.append(w); q += 1
            }
            guard let head = run.firstIndex(where: { !generic.contains($0) && !isKnown($0, modifiers) }) else { continue }
            let word = run[head]
            guard word.count > 2, !isKnown(word, known) else { continue }
            out.append(run[head...].joined(separator: " "))
        }
        var seen: Set<String> = []
        return out.filter { seen.insert($0).inserted }
    }

    /// Attribute values of both graphs, as word forms: words that describe rather than name.
    static func modifiers(_ lexicon: ItemLexicon, negative: Negative) -> Set<String> {
        guard let g = negative.sceneGraph else { return lexicon.modifiers }
        return lexicon.modifiers.union(attributeForms(g))
    }

    /// Every form of every word of the graph's attribute values.
    static func attributeForms(_ g: SceneGraph) -> Set<String> {
        var out: Set<String> = []
        for e in g.entities { for v in e.attributes { for w in Tokenizer.wordList(v) { out.formUnion(WordForms.forms(w)) } } }
        return out
    }

    static func isKnown(_ w: String, _ known: Set<String>) -> Bool {
        !WordForms.forms(w).isDisjoint(with: known)
    }

    /// Every form of every word the item's graphs, edits, question, answer and
    /// chosen rationale use: what a negative may name without hallucinating.
    static func vocabulary(_ lexicon: ItemLexicon, negative: Negative) -> Set<String> {
        var texts: [String] = []
        if let g = negative.sceneGraph { texts += graphTexts(g) }
        func refText(_ r: ElementRef) -> String {
            switch r {
            case .entity(let id): id
            case .attribute(let p): "\(p.entity) \(p.value)"
            case .relation(let r): "\(r.subject) \(r.predicate) \(r.object)"
            }
        }
        for edit in negative.edits {
            switch edit {
            case .swap(let r): texts.append(refText(.relation(r)))
            case .remove(let r), .add(let r): texts.append(refText(r))
            case .replace(let from, let to):
                texts.append(refText(from))
                switch to { case .element(let r): texts.append(refText(r)); case .name(let n): texts.append(n) }
            }
        }
        return lexicon.vocabulary.union(wordForms(texts))
    }

    /// The names, attribute values and predicates of a graph.
    static func graphTexts(_ g: SceneGraph) -> [String] {
        var texts: [String] = []
        for e in g.entities { texts.append(e.name); texts += e.attributes }
        texts += g.relations.map(\.predicate)
        return texts
    }

    /// Every form of every word of the texts.
    static func wordForms(_ texts: [String], words lists: [WordList] = []) -> Set<String> {
        var out: Set<String> = []
        for t in texts { for w in Tokenizer.wordList(t) { out.formUnion(WordForms.forms(w)) } }
        for list in lists { for w in list { out.formUnion(WordForms.forms(w)) } }
        return out
    }
}

/// A rationale's steps and answer as lowercased words (the steps as ranges into their text).
struct RationaleWords: Sendable {
    var steps: [WordList]
    var answer: [String]?

    init(_ r: Rationale) {
        steps = r.steps.map(Tokenizer.wordList)
        answer = r.answer.map(Tokenizer.words)
    }
}

/// What the lints of one item's negatives share, computed once per item
/// rather than once per negative: the chosen rationale's words and the item's
/// part of the vocabulary and modifiers.
struct ItemLexicon: Sendable {
    /// The chosen rationale, as words.
    var chosenText: RationaleWords
    /// Word forms of the question, answers, chosen steps and the item's own graph.
    var vocabulary: Set<String>
    /// Word forms of the item graph's attribute values.
    var modifiers: Set<String>

    init(_ item: Item) {
        chosenText = RationaleWords(item.chosen)
        let texts = [item.question, item.answer, item.chosen.answer ?? ""] + TextChecks.graphTexts(item.sceneGraph)
        // The chosen steps' words as chosenText holds them: a long step is not tokenised twice (issue 14).
        vocabulary = TextChecks.wordForms(texts, words: chosenText.steps)
        modifiers = TextChecks.attributeForms(item.sceneGraph)
    }
}
