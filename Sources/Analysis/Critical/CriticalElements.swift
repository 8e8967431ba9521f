import SceneData

/// The reasoning-critical subgraph SG^c: the elements the chosen rationale mentions.
public enum CriticalElements {
    /// `item.critical` when the dataset gives it, else what `find(in:)` finds.
    public static func resolved(for item: Item) -> [ElementRef] {
        item.critical ?? find(in: item)
    }

    /// The entities, attributes and relations of SG+ the chosen rationale mentions:
    /// entities in graph order, then attributes, then relations.
    ///
    /// An entity counts when its name (every word, in order, plural and
    /// inflection tolerant) appears in a step; an attribute when its value and
    /// its entity appear in one step; a relation when its predicate (loosely:
    /// "left of" matches "to the left of") and both its entities appear in one step.
    public static func find(in item: Item) -> [ElementRef] {
        var found: [ElementRef] = []
        var seen: Set<ElementRef> = []
        for step in item.chosen.steps {
            for ref in mentions(in: step, graph: item.sceneGraph) where seen.insert(ref).inserted {
                found.append(ref)
            }
        }
        func rank(_ r: ElementRef) -> Int {
            switch r { case .entity: 0; case .attribute: 1; case .relation: 2 }
        }
        let order = Dictionary(uniqueKeysWithValues: item.sceneGraph.entities.enumerated().map { ($1.id, $0) })
        return found.enumerated().sorted { a, b in
            if rank(a.element) != rank(b.element) { return rank(a.element) < rank(b.element) }
            if case .entity(let x) = a.element, case .entity(let y) = b.element {
                return (order[x] ?? Int.max, a.offset) < (order[y] ?? Int.max, b.offset)
            }
            return a.offset < b.offset
        }.map(\.element)
    }

    /// The elements of `graph` one piece of text mentions.
    public static func mentions(in text: String, graph: SceneGraph) -> [ElementRef] {
        let words = Tokenizer.words(text)
        let ids = entitiesMentioned(in: words, graph: graph)
        var out: [ElementRef] = ids.map { .entity($0) }
        for e in graph.entities where ids.contains(e.id) {
            for v in e.attributes where PhraseMatch.contains(Tokenizer.words(v), in: words) {
                out.append(.attribute(AttributePair(entity: e.id, value: v)))
            }
        }
        for r in graph.relations where ids.contains(r.subject) && ids.contains(r.object) && r.subject != r.object {
            if PhraseMatch.containsPredicate(Tokenizer.words(r.predicate), in: words) { out.append(.relation(r)) }
        }
        return out
    }

    /// True when `text` mentions `ref` (for a relation: predicate and both entities).
    public static func mentions(_ ref: ElementRef, in text: String, graph: SceneGraph) -> Bool {
        let words = Tokenizer.words(text)
        let ids = entitiesMentioned(in: words, graph: graph)
        switch ref {
        case .entity(let id):
            return ids.contains(id) || (graph.entity(id) == nil && PhraseMatch.contains(Tokenizer.words(id), in: words))
        case .attribute(let p):
            return ids.contains(p.entity) && PhraseMatch.contains(Tokenizer.words(p.value), in: words)
        case .relation(let r):
            return ids.contains(r.subject) && ids.contains(r.object)
                && PhraseMatch.containsPredicate(Tokenizer.words(r.predicate), in: words)
        }
    }

    /// Ids of the entities whose names appear in `words`, in graph order.
    static func entitiesMentioned(in words: [String], graph: SceneGraph) -> [String] {
        let found = mentionSets(in: words, graph: graph).reduce(into: Set<String>()) { $0.formUnion($1) }
        return graph.entities.map(\.id).filter { found.contains($0) }
    }

    /// True when some mention in `text` points at entity `id` alone (not at a
    /// tie of look-alike entities such as two "small cyan metal cube"s).
    static func mentionsUniquely(_ id: String, in text: String, graph: SceneGraph) -> Bool {
        mentionSets(in: Tokenizer.words(text), graph: graph).contains { $0 == [id] }
    }

    /// One set of entity ids per occurrence of a name in `words`. Among
    /// entities sharing the name, the occurrence points at those with the most
    /// attributes named in the four words before it ("the large grey cylinder
    /// is left of the brown cylinder" names two different cylinders); when
    /// those words name none, at those with the most attributes named anywhere
    /// in the text; ties point at all of them.
    static func mentionSets(in words: [String], graph: SceneGraph) -> [Set<String>] {
        var byName: [String: [Entity]] = [:]
        var names: [String] = []
        for e in graph.entities {
            let key = EntityMatcher.nameKey(e.name)
            if byName[key] == nil { names.append(key) }
            byName[key, default: []].append(e)
        }
        var out: [Set<String>] = []
        for key in names {
            let group = byName[key] ?? []
            guard let first = group.first else { continue }
            let hits = PhraseMatch.occurrences(of: Tokenizer.words(first.name), in: words)
            guard !hits.isEmpty else { continue }
            if group.count == 1 { out.append([first.id]); continue }
            let attributeWords = group.map { $0.attributes.map(Tokenizer.words) }
            func best(_ window: [String]) -> (Set<String>, Int) {
                let scores = attributeWords.map { values in values.filter { PhraseMatch.contains($0, in: window) }.count }
                let top = scores.max() ?? 0
                return (Set(zip(group, scores).filter { $0.1 == top }.map(\.0.id)), top)
            }
            for start in hits {
                let (near, score) = best(Array(words[max(0, start - 4)..<start]))
                out.append(score > 0 ? near : best(words).0)
            }
        }
        return out
    }
}
