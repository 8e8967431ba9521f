import Foundation
import Inspector
import Review
import SceneData
import Testing

/// Quitting, save messages, filters and odd files, as a user meets them.
@Suite struct QAFlowTests {
    @Test func quitWithAPendingNoteAsksFirst() {
        var (s, r) = Fixture.app()
        s.press("cmind the cube<Enter>", r)
        #expect(s.screen.contains("note pending: mind the cube"))
        s.press("q", r)
        #expect(!s.quitting)
        #expect(s.screen.contains("not saved yet: note on n1 of clevr-0 · q again quits without it"))
        s.press("q", r)
        #expect(s.quitting)
    }

    @Test func anotherKeyBetweenTheTwoQuitsStartsOver() {
        var (s, r) = Fixture.app()
        s.press("cnote<Enter>qjq", r)
        #expect(!s.quitting)
        var (plain, r2) = Fixture.app()
        plain.press("q", r2)
        #expect(plain.quitting)
    }

    @Test func savedMessageSurvivesTheMoveToTheNextItem() throws {
        let store = MemoryStore()
        for item in Fixture.items where item.id != "clevr-0" && item.id != "clevr-2" {
            for n in item.negatives {
                try store.record(NegativeKey(itemID: item.id, negativeID: n.id), verdict: .accept,
                                 contentHash: ContentHash.of(n, in: item), note: nil, tags: nil)
            }
        }
        var (s, r) = Fixture.app(index: 2, store: store)
        s.press("aa", r)
        #expect(s.nav.index == 0)
        #expect(s.screen.contains("saved: accept n2 · wrapped around"))
        s.press("ax", r)
        #expect(s.screen.contains("saved: reject n2 · every negative has a decision"))
    }

    @Test func choosingAFilterSelectsAMatchingNegative() throws {
        var (s, r) = Fixture.app()
        #expect(s.negative?.id == "n1")
        s.choose(.op(.shorten), r)
        #expect(s.lookup.filter == .op(.shorten))
        #expect(s.nav.index == 0 && s.negative?.id == "n2")
        #expect(s.screen.contains("op shorten"))
    }

    @Test func theUndecidedFilterLeavesADecidedNegative() throws {
        let store = MemoryStore()
        let item = Fixture.items[0]
        let n1 = try #require(item.negative("n1"))
        try store.record(NegativeKey(itemID: item.id, negativeID: "n1"), verdict: .accept,
                         contentHash: ContentHash.of(n1, in: item), note: nil, tags: nil)
        var (s, r) = Fixture.app(index: 0, store: store)
        #expect(s.negative?.id == "n1")
        s.choose(.undecided, r)
        #expect(s.lookup.filter == .undecided)
        #expect(s.nav.index == 0 && s.negative?.id == "n2")
    }

    @Test func anEmptyDatasetSaysSo() throws {
        let path = NSTemporaryDirectory() + "scenelens-empty-\(UUID().uuidString).jsonl"
        try "".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let runner = EffectRunner(services: .standard(source: DatasetSource(try Dataset.open(path: path)), store: MemoryStore()))
        var s = AppState(width: 100, height: 30, datasetName: "empty.jsonl", annotator: "tester")
        Headless.settle(&s, InspectorApp.start(&s, at: nil), runner: runner)
        let screen = s.screen
        #expect(screen.contains("The dataset has no items."))
        #expect(!screen.contains("item 1 of"))
        #expect(!screen.contains("no item 0"))
        // No decisions will ever be counted: the status bar must not promise it.
        #expect(screen.contains("nothing to review"))
        #expect(!screen.contains("counting decisions"))
        s.press("nGa", r: runner)
        #expect(s.screen.contains("The dataset has no items."))
    }

    @Test func anUnreadableLineSaysSoInTheGraphPane() throws {
        let good = try #require(Bundle.module.url(forResource: "tiny", withExtension: "jsonl", subdirectory: "Fixtures"))
        let first = try #require(try String(contentsOf: good, encoding: .utf8).split(separator: "\n").first)
        let path = NSTemporaryDirectory() + "scenelens-broken-\(UUID().uuidString).jsonl"
        try (first + "\n{\"id\": \"broken\", \"question\": \n").write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let runner = EffectRunner(services: .standard(source: DatasetSource(try Dataset.open(path: path)), store: MemoryStore()))
        var s = AppState(width: 160, height: 48, datasetName: "broken.jsonl", annotator: "tester")
        Headless.settle(&s, InspectorApp.start(&s, at: 1), runner: runner)
        #expect(s.nav.current?.index == 1 && s.item == nil)
        #expect(s.screen.contains("this line cannot be read: no scene graph"))
        #expect(s.screen.contains("this line cannot be read: no rationales"))
        #expect(!s.screen.contains("loading..."))
    }
}

extension AppState {
    mutating func press(_ keys: String, r runner: EffectRunner) { press(keys, runner) }
}

@Suite struct InvertKeyTests {
    @Test func invertSaysWhatItDid() throws {
        var s = try fixtureApp("tiny", annotator: "t", ascii: true, keys: "I")
        #expect(s.image.invert)
        #expect(s.screen.contains("ASCII shading inverted"))
        s = try fixtureApp("tiny", annotator: "t", ascii: true, keys: "II")
        #expect(!s.image.invert && s.screen.contains("ASCII shading normal"))
    }
}

@Suite struct SearchPromptTests {
    @Test func aNewSearchStartsEmpty() throws {
        let s = try fixtureApp("tiny", annotator: "t", keys: "/cube<Enter>/")
        #expect(s.lookup.search == "cube")
        #expect(s.prompt?.text == "")
    }
}
