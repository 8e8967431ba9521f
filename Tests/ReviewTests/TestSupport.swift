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

/// Small image files for export's image checks, made in code so the tests need no fixtures.
enum TinyImages {
    /// A valid 2x2 RGB PNG.
    static let png: [UInt8] = [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x02,
        0x00, 0x00, 0x00, 0x02, 0x08, 0x02, 0x00, 0x00, 0x00, 0xFD, 0xD4, 0x9A, 0x73, 0x00, 0x00, 0x00, 0x11, 0x49, 0x44, 0x41,
        0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0x00, 0x44, 0x0C, 0x60, 0xF2, 0x3F, 0x00, 0x1B, 0xF2, 0x03, 0xFD, 0xF3, 0xE7,
        0x4B, 0xB1, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ]
    /// The same PNG with its image data's CRC changed: every byte is there, one checksum is wrong.
    static let corruptCRC: [UInt8] = {
        var b = png
        b[60] ^= 0xFF  // a byte of the IDAT chunk's CRC (bytes 58-61)
        return b
    }()
    /// A PNG whose header claims 100000 x 100000 pixels (10 gigapixels).
    static let huge: [UInt8] = [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x01, 0x86, 0xA0,
        0x00, 0x01, 0x86, 0xA0, 0x08, 0x02, 0x00, 0x00, 0x00, 0x27, 0x30, 0x9C, 0x9F, 0x00, 0x00, 0x00, 0x0B, 0x49, 0x44, 0x41,
        0x54, 0x78, 0x9C, 0x63, 0x60, 0x80, 0x01, 0x00, 0x00, 0x0A, 0x00, 0x01, 0x7F, 0x80, 0x74, 0x5E, 0x00, 0x00, 0x00, 0x00,
        0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ]
    /// A text file, as if someone saved notes under an image's name.
    static let text: [UInt8] = Array("not an image, just some notes\n".utf8)

    /// Writes `bytes` to `dir/name`, creating folders.
    static func write(_ bytes: [UInt8], to dir: URL, _ name: String) throws {
        let url = dir.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }
}
