import Foundation
import Imaging
import Inspector
import SceneData
import Testing

/// A source whose whole-file work (indexing, counting) blocks until released,
/// as a huge file does: what the user waits for must not wait behind it.
final class SlowSource: ItemSource, @unchecked Sendable {
    let inner = InMemorySource(items: Fixture.items)
    let release = DispatchSemaphore(value: 0)
    var count: Int { inner.count }
    var isFullyIndexed: Bool { true }
    var byteSize: Int64 { 0 }
    func load(_ index: Int) -> LoadedItem { inner.load(index) }
    func index(ofID id: String) -> Int? { inner.index(ofID: id) }
    func imageBytes(for source: ImageSource) throws -> [UInt8] { [1] }
    func indexAll(progress: @escaping @Sendable (Int, Double, Bool) -> Void) {
        release.wait()
        release.signal()
        inner.indexAll(progress: progress)
    }
    func negativeCount(ofItem index: Int) -> Int? { inner.negativeCount(ofItem: index) }
    func hasItem(_ index: Int) -> Bool { inner.hasItem(index) }
}

@Suite struct BackgroundCountTests {
    /// Messages posted to `mailbox` until `done` says so (at most ~10 s: a
    /// guard against a hang, not a speed requirement).
    static func wait(_ mailbox: Mailbox, until done: ([Msg]) -> Bool) -> [Msg] {
        var seen: [Msg] = []
        for _ in 0..<1000 where !done(seen) {
            seen += mailbox.drain()
            if !done(seen) { Thread.sleep(forTimeInterval: 0.01) }
        }
        return seen
    }

    @Test func theFirstItemArrivesWhileTheWholeFileIsStillBeingCounted() throws {
        let source = SlowSource()
        defer { source.release.signal() }
        let runner = EffectRunner(services: .init(source: source, store: MemoryStore(), decode: Fixture.decode))
        let mailbox = Mailbox()
        var s = AppState(width: 160, height: 48, datasetName: "slow", annotator: "tester")
        runner.startIndexing(to: mailbox)
        for e in InspectorApp.start(&s, at: 0) { runner.submit(e, to: mailbox) }
        let seen = Self.wait(mailbox) { $0.contains { if case .itemLoaded = $0 { return true }; return false } }
        for m in seen { _ = InspectorApp.update(&s, m) }
        #expect(s.item?.id == "clevr-0")
        let status = try #require(s.screen.split(separator: "\n").last)
        // Nothing is counted yet: no total, no reviewed count that could be wrong.
        #expect(!status.contains(" of "))
        #expect(status.contains("counting decisions"))
        #expect(s.screen.contains("id clevr-0"))

        source.release.signal()
        let rest = Self.wait(mailbox) { $0.contains { if case .reviewCounted = $0 { return true }; return false } }
        for m in rest { _ = InspectorApp.update(&s, m) }
        #expect(s.screen.contains("reviewed 0 of 8"))
    }

    @Test func datasetTotalMatchesTheParsedCountOfEveryLine() throws {
        let text = [
            #"{"id": "a", "negatives": [{"id": "n1"}, {"id": "n2"}]}"#,
            #"{"id": "b", "rejected": [{"id": "n1"}]}"#,
            #"{"id": "c", "negatives": [1, 2], oops}"#,
            #"{"id": "d", "neg\u0061tives": [1, 2, 3]}"#,
            "",
            #"{"id": "e"}"#,
        ].joined(separator: "\n")
        let path = NSTemporaryDirectory() + "scenelens-count-\(UUID().uuidString).jsonl"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let data = try Dataset.open(path: path)
        #expect(data.negativeTotal() == 2 + 1 + 0 + 3 + 0)
        #expect(DatasetSource(data).negativeTotal() == 6)
    }
}
