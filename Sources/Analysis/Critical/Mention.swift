import SceneData

/// One occurrence of an entity name in a text, the entities it may point at,
/// and where the words describing it are. The words are positions in the
/// text's word list, not copies: a long step mentions its entities hundreds
/// of thousands of times (issue 14).
struct Mention {
    /// The entities the occurrence points at: one, or a tie of look-alikes.
    /// (An entity's mentions share one set.)
    var ids: Set<String>
    /// Words just before the name, back to an article or function word ("small grey" in "a small grey cube").
    var modifiers: Range<Int>
    /// Words after the name when they predicate ("is red" in "the cube is red").
    var predicate: Range<Int>

    /// True when `value` (an attribute) describes this occurrence in `words`, the words it was found in.
    func describes<W: RandomAccessCollection<String>>(_ value: String, in words: W) -> Bool where W.Index == Int {
        let v = Tokenizer.words(value)
        return PhraseMatch.contains(v, in: words[modifiers]) || PhraseMatch.contains(v, in: words[predicate])
    }

    static let linking: Set<String> = ["is", "are", "was", "were", "looks", "appears", "seems"]

    /// Every occurrence of every entity name in `words`. Among entities sharing
    /// a name, an occurrence points at those with the most attributes among its
    /// describing words; when those name none, at those with the most
    /// attributes named anywhere in the text; a remaining tie is narrowed to the
    /// entities in a relation the text states with another mentioned entity.
    static func find<W: RandomAccessCollection<String>>(in words: W, graph: SceneGraph) -> [Mention] where W.Index == Int {
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
            let alone: Set<String> = [first.id]
            PhraseMatch.forEachOccurrence(of: nameWords, in: words) { start in
                var k = start
                while k > words.startIndex, start - k < 4 {
                    let w = words[k - 1]
                    guard !TextChecks.stops.contains(w), !TextChecks.determiners.contains(w) else { break }
                    k -= 1
                }
                let end = start + nameWords.count
                var predicate = end..<end
                if end < words.endIndex, linking.contains(words[end]) {
                    predicate = end..<min(words.endIndex, end + 4)
                }
                var mention = Mention(ids: [], modifiers: k..<start, predicate: predicate)
                if group.count == 1 {
                    mention.ids = alone
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
                    let (near, score) = best { mention.describes($0, in: words) }
                    mention.ids = score > 0 ? near : best { named($0) }.0
                }
                out.append(mention)
                return true
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
