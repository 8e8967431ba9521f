import Foundation
import SceneData
@testable import Review

/// A small item with two negatives, enough to exercise hashing, resume, stats and export.
func makeItem(_ id: String, question: String = "What is the man next to the motorcycle doing?",
              negatives: [Negative]? = nil, image: ImageSource = .path("images/a.png"),
              scores: Scores? = nil) -> Item {
    let graph = SceneGraph(entities: [Entity(id: "o1", name: "man", attributes: ["kneeling"]),
                                      Entity(id: "o2", name: "motorcycle", attributes: ["red", "shiny"])],
                           relations: [Relation(subject: "o1", predicate: "next to", object: "o2")])
    let negs = negatives ?? [
        Negative(id: "n1", op: .swap, operatorName: "swap",
                 edits: [.swap(relation: Relation(subject: "o1", predicate: "next to", object: "o2"))],
                 rationale: Rationale(steps: ["The motorcycle is next to the man.", "So he rides it."], answer: "riding it"),
                 scores: Scores(chosen: 0.9, rejected: 0.1, confidence: 0.8)),
        Negative(id: "n2", op: .replace, operatorName: "hallucinated_entity",
                 edits: [.replace(from: .entity("o2"), to: .name("bicycle"))],
                 rationale: Rationale(steps: ["The man kneels next to a bicycle."], answer: "fixing a bicycle"),
                 scores: Scores(confidence: 0.4)),
    ]
    return Item(id: id, line: 1, image: image, question: question, answer: "inspecting it",
                sceneGraph: graph, chosen: Rationale(steps: ["The man kneels next to the motorcycle.",
                                                            "He looks at the engine."], answer: "inspecting it"),
                negatives: negs, scores: scores)
}

/// A fresh folder under the temporary directory, removed by the caller when done.
func makeTempDir() throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("scenelens-review-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// The key of negative `n` of item `i`.
func key(_ i: String, _ n: String) -> NegativeKey { NegativeKey(itemID: i, negativeID: n) }

/// Records `verdict` on negative `n` of `item` with the right content hash.
@discardableResult
func decide(_ store: some DecisionStore, _ item: Item, _ n: String, _ verdict: Verdict,
            note: String? = nil, tags: [String]? = nil) throws -> Decision {
    let hash = item.negative(n).map { ContentHash.of($0, in: item) } ?? "none"
    return try store.record(key(item.id, n), verdict: verdict, contentHash: hash, note: note, tags: tags)
}
