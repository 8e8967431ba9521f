import SceneData

/// One occurrence of an entity name in a text, the entities it may point at,
/// and the words describing it.
struct Mention {
    /// The entities the occurrence points at: one, or a tie of look-alikes.
    var ids: Set<String>
    /// Words just before the name, back to an article or function word ("small grey" in "a small grey cube").
    var modifiers: [String]
    /// Words after the name when they predicate ("is red" in "the cube is red").
    var predicate: [String]

    /// True when `value` (an attribute) describes this occurrence.
    func describes(_ value: String) -> Bool {
        let v = Tokenizer.words(value)
        return PhraseMatch.contains(v, in: modifiers) || PhraseMatch.contains(v, in: predicate)
    }

    static let linking: Set<String> = ["is", "are", "was", "were", "looks", "appears", "seems"]

    /// Every occurrence of every entity name in `words`. Among entities sharing
    /// a name, an occurrence points at those with the most attributes among its
    /// describing words; when those name none, at those with the most
    /// attributes named anywhere in the text; a remaining tie is narrowed to the
    /// entities in a relation the text states with another mentioned entity.
    static func find(in words: [String], graph: SceneGraph) -> [Mention] {
        var byName: [String: [Entity]] = [:]
        var names: [String] = []
        for e in graph.entities {
            let key = EntityMatcher.nameKey(e.name)
            if byName[key] == nil { names.append(key) }
            byName[key, default: []].append(e)
        }
        var namedInText: [String: Bool] = [:]
        func named(_ value: String) -> Bool {
            if let known = namedInText[value] { return known }
            let v = PhraseMatch.contains(Tokenizer.words(value), in: words)
            namedInText[value] = v
            return v
        }
        var out: [Mention] = []
        for key in names {
            let group = byName[key] ?? []
            guard let first = group.first else { continue }
            let nameWords = Tokenizer.words(first.name)
            for start in PhraseMatch.occurrences(of: nameWords, in: words) {
                var k = start
                var modifiers: [String] = []
                while k > 0, modifiers.count < 4, !TextChecks.stops.contains(words[k - 1]), !TextChecks.determiners.contains(words[k - 1]) {
                    k -= 1; modifiers.insert(words[k], at: 0)
                }
                let end = start + nameWords.count
                var predicate: [String] = []
                if end < words.count, linking.contains(words[end]) {
                    predicate = Array(words[end..<min(words.count, end + 4)])
                }
                var mention = Mention(ids: [], modifiers: modifiers, predicate: predicate)
                if group.count == 1 {
                    mention.ids = [first.id]
                } else {
                    // Each distinct attribute judged once per occurrence: a group may hold thousands of look-alikes.
                    func best(_ describes: (String) -> Bool) -> (Set<String>, Int) {
                        var memo: [String: Bool] = [:]
                        let scores = group.map { e in
                            e.attributes.filter { v in
                                if let known = memo[v] { return known }
                                let d = describes(v); memo[v] = d; return d
                            }.count
                        }
                        let top = scores.max() ?? 0
                        return (Set(zip(group, scores).filter { $0.1 == top }.map(\.0.id)), top)
                    }
                    let (near, score) = best(mention.describes)
                    mention.ids = score > 0 ? near : best { named($0) }.0
                }
                out.append(mention)
            }
        }
        // Narrow ties by the relations the text states.
        // The neighbours of each entity through a relation the text states,
        // built in one pass over the relations (not one per tied id).
        guard out.contains(where: { $0.ids.count > 1 }) else { return out }
        let single = Set(out.filter { $0.ids.count == 1 }.flatMap(\.ids))
        var stated: [String: Bool] = [:]
        var neighbours: [String: Set<String>] = [:]
        for r in graph.relations where r.subject != r.object && (single.contains(r.subject) || single.contains(r.object)) {
            let said = stated[r.predicate] ?? PhraseMatch.containsPredicate(Tokenizer.words(r.predicate), in: words)
            stated[r.predicate] = said
            guard said else { continue }
            neighbours[r.subject, default: []].insert(r.object)
            neighbours[r.object, default: []].insert(r.subject)
        }
        for i in out.indices where out[i].ids.count > 1 {
            let related = out[i].ids.filter { id in !(neighbours[id] ?? []).isDisjoint(with: single) }
            if !related.isEmpty { out[i].ids = related }
        }
        return out
    }
}
