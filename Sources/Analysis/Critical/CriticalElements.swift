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
        let order = Dictionary(item.sceneGraph.entities.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
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
        // Ranges into the text, a word made when read: a long step is not copied word by word (issue 14).
        let words = Tokenizer.wordList(text)
        let found = Mention.find(in: words, graph: graph)
        let ids = Set(found.flatMap(\.ids))
        var out: [ElementRef] = graph.entities.map(\.id).filter { ids.contains($0) }.map { .entity($0) }
        var seen: Set<AttributePair> = []
        for e in graph.entities where ids.contains(e.id) {
            for v in e.attributes where found.contains(where: { $0.ids.contains(e.id) && $0.describes(v, in: words) }) {
                let pair = AttributePair(entity: e.id, value: v)
                if seen.insert(pair).inserted { out.append(.attribute(pair)) }
            }
        }
        for r in graph.relations where ids.contains(r.subject) && ids.contains(r.object) && r.subject != r.object {
            if PhraseMatch.containsPredicate(Tokenizer.words(r.predicate), in: words) { out.append(.relation(r)) }
        }
        return out
    }

    /// True when `text` mentions `ref` (for a relation: predicate and both entities).
    public static func mentions(_ ref: ElementRef, in text: String, graph: SceneGraph) -> Bool {
        mentions(ref, inWords: Tokenizer.wordList(text), graph: graph)
    }

    /// `mentions(_:in:graph:)` for a text already split into words (the
    /// lints' word lists of the chosen steps: a long step is not tokenised
    /// again for each changed element, issue 14).
    static func mentions<W: RandomAccessCollection<String>>(_ ref: ElementRef, inWords words: W, graph: SceneGraph) -> Bool
        where W.Index == Int {
        let ids = entitiesMentioned(in: words, graph: graph)
        switch ref {
        case .entity(let id):
            return ids.contains(id) || (graph.entity(id) == nil && PhraseMatch.contains(Tokenizer.words(id), in: words))
        case .attribute(let p):
            return Mention.find(in: words, graph: graph).contains { $0.ids.contains(p.entity) && $0.describes(p.value, in: words) }
        case .relation(let r):
            return ids.contains(r.subject) && ids.contains(r.object)
                && PhraseMatch.containsPredicate(Tokenizer.words(r.predicate), in: words)
        }
    }

    /// Ids of the entities whose names appear in `words`, in graph order.
    static func entitiesMentioned<W: RandomAccessCollection<String>>(in words: W, graph: SceneGraph) -> [String] where W.Index == Int {
        let found = Set(Mention.find(in: words, graph: graph).flatMap(\.ids))
        return graph.entities.map(\.id).filter { found.contains($0) }
    }

    /// True when some mention in `text` points at entity `id` alone (not at a
    /// tie of look-alike entities such as two "small cyan metal cube"s).
    static func mentionsUniquely(_ id: String, in text: String, graph: SceneGraph) -> Bool {
        mentionsUniquely(id, inWords: Tokenizer.wordList(text), graph: graph)
    }

    /// `mentionsUniquely(_:in:graph:)` for a text already split into words.
    static func mentionsUniquely<W: RandomAccessCollection<String>>(_ id: String, inWords words: W, graph: SceneGraph) -> Bool
        where W.Index == Int {
        Mention.find(in: words, graph: graph).contains { $0.ids == [id] }
    }
}
