import Foundation
import Imaging
import Inspector
import Review
import SceneData
import StoreTestSupport
import TerminalUI
import Testing

/// The stand-in store (it passes the store contract suite, see StoreContractTests).
typealias MemoryStore = StoreTestSupport.MemoryStore

/// A small CLEVR-like dataset built in code, so the tests need no reader.
enum Fixture {
    static func item(_ n: Int) -> Item {
        let sg = SceneGraph(entities: [
            Entity(id: "o1", name: "cube", box: BoundingBox(x: 10, y: 20, w: 30, h: 30), attributes: ["red", "metal"]),
            Entity(id: "o2", name: "sphere", box: BoundingBox(x: 60, y: 25, w: 25, h: 25), attributes: ["blue"]),
            Entity(id: "o3", name: "cylinder", box: BoundingBox(x: 40, y: 5, w: 15, h: 20), attributes: ["green", "rubber"]),
        ], relations: [
            Relation(subject: "o1", predicate: "left of", object: "o2"),
            Relation(subject: "o3", predicate: "behind", object: "o1"),
        ], width: 100, height: 60)
        let swap = Relation(subject: "o1", predicate: "left of", object: "o2")
        let negs = [
            Negative(id: "n1", op: .swap, operatorName: "swap", edits: [.swap(relation: swap)],
                     rationale: Rationale(steps: ["The sphere is left of the cube.", "The cube is red.", "So the red object is right of the sphere."], answer: "right"),
                     scores: Scores(chosen: 0.9, rejected: 0.2, confidence: 0.8)),
            Negative(id: "n2", op: .shorten, operatorName: "shorten", edits: [.remove(.attribute(AttributePair(entity: "o1", value: "red")))],
                     rationale: Rationale(steps: ["The cube is left of the sphere.", "So the object is left."], answer: "left")),
        ]
        return Item(id: "clevr-\(n)", line: n + 1, image: .path("img\(n).png"),
                    question: "Item \(n): is the red cube left of the blue sphere?", answer: "yes",
                    sceneGraph: sg, critical: [.entity("o1"), .relation(swap)],
                    chosen: Rationale(steps: ["The cube is left of the sphere.", "The cube is red.", "So the red object is left of the sphere."], answer: "yes"),
                    negatives: negs,
                    attention: [AttentionMap(label: "focus", grid: AttentionGrid(rows: 2, cols: 2, values: [1, 0, 0, 0]))],
                    evidence: "A red cube and a blue sphere on a grey floor.")
    }

    static let items = (0..<4).map(item)

    /// A stand-in decoder: a 100x60 gradient whatever the bytes.
    static let decode: @Sendable ([UInt8]) throws -> RGBAImage = { _ in
        var img = RGBAImage(width: 100, height: 60)
        for y in 0..<60 { for x in 0..<100 { img[x, y] = RGBA(UInt8(x * 2), UInt8(y * 4), 128) } }
        return img
    }

    /// The hash the real app records (the review counts compare against it, as `stats` does).
    static let realHash: @Sendable (Negative, Item) -> String = { ContentHash.of($0, in: $1) }

    static func runner(store: DecisionStore = MemoryStore(),
                       hash: @escaping @Sendable (Negative, Item) -> String = realHash) -> EffectRunner {
        let source = InMemorySource(items: items, images: Dictionary(uniqueKeysWithValues: (0..<4).map { ("img\($0).png", [UInt8(1)]) }))
        return EffectRunner(services: .init(source: source, store: store, decode: decode, contentHash: hash))
    }

    /// A started app at `width` x `height`, settled on item `index` (nil: resume).
    static func app(width: Int = 160, height: Int = 48, index: Int? = 0, store: MemoryStore = MemoryStore(),
                    ascii: Bool = false,
                    hash: @escaping @Sendable (Negative, Item) -> String = realHash) -> (AppState, EffectRunner) {
        let r = runner(store: store, hash: hash)
        var s = AppState(width: width, height: height, datasetName: "fixture", annotator: store.annotator,
                         asciiOnly: ascii, imageMode: ascii ? .ascii : .truecolor)
        s.nav.itemCount = items.count; s.nav.fullyIndexed = true; s.nav.indexFraction = 1
        Headless.settle(&s, InspectorApp.start(&s, at: index), runner: r)
        return (s, r)
    }
}

extension AppState {
    mutating func press(_ keys: String, _ runner: EffectRunner) {
        Headless.press(&self, (try? Headless.parseKeys(keys)) ?? [], runner: runner)
    }
    var screen: String { InspectorApp.view(self).plainText }

    /// Picks `filter` in the filter picker as a person would: `f`, `j` down to its row, Enter.
    /// Records an issue (and closes the picker) when the picker does not list it.
    mutating func choose(_ filter: ReviewFilter, _ runner: EffectRunner, sourceLocation: SourceLocation = #_sourceLocation) {
        press("f", runner)
        guard let row = filters?.rows.firstIndex(where: { $0.filter == filter }) else {
            Issue.record("the filter picker does not list \(filter.label): \(filters?.rows.map(\.filter.label) ?? [])", sourceLocation: sourceLocation)
            press("<Esc>", runner)
            return
        }
        press("g", runner)
        for _ in 0..<row { press("j", runner) }
        press("<Enter>", runner)
    }

    /// Every page of the help (it scrolls when taller than the screen), opened with `?` and left open.
    mutating func helpText(_ runner: EffectRunner) -> String {
        press("?", runner)
        var text = screen
        for _ in 0..<8 { press("<PgDn>", runner); text += screen }
        return text
    }
}

/// A fixture under Tests/InspectorTests/Fixtures is missing from the bundle.
struct FixtureMissing: Error {}

/// The app over the fixture dataset `name`.jsonl for `annotator`, read through the real
/// reader, decoder and an in-memory SQLite store, fully indexed, on the item
/// with id `item` (the first when nil), after pressing `keys`.
func fixtureApp(_ name: String, annotator: String, item: String? = nil, negative: String? = nil,
                width: Int = 160, height: Int = 48, ascii: Bool = false, keys: String = "") throws -> AppState {
    guard let url = Bundle.module.url(forResource: name, withExtension: "jsonl", subdirectory: "Fixtures") else {
        throw FixtureMissing()
    }
    let source = DatasetSource(try Dataset.open(path: url.path))
    let store = try SQLiteReviewStore.inMemory(annotator: annotator)
    let runner = EffectRunner(services: .standard(source: source, store: store))
    var s = AppState(width: width, height: height, datasetName: "\(name).jsonl", annotator: annotator,
                     asciiOnly: ascii, imageMode: ascii ? .ascii : .truecolor)
    source.indexAll { _, _, _ in }
    s.nav.itemCount = source.count; s.nav.fullyIndexed = true; s.nav.indexFraction = 1
    s.nav.targetNegativeID = negative
    let index = try item.map { id -> Int in
        guard let i = source.index(ofID: id) else { throw FixtureMissing() }
        return i
    } ?? 0
    Headless.settle(&s, InspectorApp.start(&s, at: index), runner: runner)
    Headless.press(&s, try Headless.parseKeys(keys), runner: runner)
    return s
}
