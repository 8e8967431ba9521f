import Foundation
@testable import Inspector
import Review
@testable import SceneData
import StoreTestSupport
import Testing

/// Resuming deep in a large file starts the line index at the mark's line
/// (issue 17): the item is shown with its right number before the lines
/// before it are scanned, and a mark moved by finishing an item keeps its place.
@Suite struct ResumePlaceTests {
    /// 3000 copies of the fixture's first item (2 KB a line), ids `r0`... in order.
    static func bigFile() throws -> String {
        let good = try #require(Bundle.module.url(forResource: "tiny", withExtension: "jsonl", subdirectory: "Fixtures"))
        let first = try #require(try String(contentsOf: good, encoding: .utf8).split(separator: "\n").first.map(String.init))
        let lines = (0..<3000).map { first.replacingOccurrences(of: "\"id\": \"clevr-000\"", with: "\"id\": \"r\($0)\"") }
        let path = NSTemporaryDirectory() + "scenelens-resume-\(UUID().uuidString).jsonl"
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func session(_ path: String, _ store: MemoryStore) throws -> (AppState, EffectRunner, Dataset) {
        let data = try Dataset.open(path: path)
        let r = EffectRunner(services: .standard(source: DatasetSource(data), store: store))
        var s = AppState(width: 160, height: 48, datasetName: "big.jsonl", annotator: store.annotator, asciiOnly: false, imageMode: .truecolor)
        // As in the inspector, the review counts (every decided item read) are left to the background.
        r.leaveReviewCountsUncounted()
        Headless.settle(&s, InspectorApp.start(&s, at: nil), runner: r)
        return (s, r, data)
    }

    @Test func resumeStartsIndexingAtTheMarksLine() throws {
        let path = try Self.bigFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = MemoryStore()
        // A mark at item 2500 as a session that finished the items before it leaves.
        let first = DatasetSource(try Dataset.open(path: path))
        let identity = try #require(first.identity)
        let place = try #require(first.place(ofItem: 2500))
        try store.saveResumeMark(dataset: identity, mark: ResumeMark(position: 2500, itemID: "r2500", place: place))

        var (s, r, data) = try Self.session(path, store)
        #expect(s.nav.index == 2500 && s.item?.id == "r2500")
        #expect(s.screen.contains("item 2501"), "the item's number is known at once")
        #expect(data.bytesScanned < place.offset, "the 5 MB before the mark are not scanned to show it")
        // Finishing it moves the mark on, with the next item's line.
        s.press("aaa", r)
        #expect(s.nav.index == 2501 && s.item?.id == "r2501")
        r.waitForStore()
        let moved = try #require(try store.resumeMark(dataset: identity))
        #expect(moved.position == 2501 && moved.itemID == "r2501")
        #expect(moved.place == first.place(ofItem: 2501))

        // The next session starts at 2501 the same way, and the items before are still there by number.
        var (next, nr, nextData) = try Self.session(path, store)
        #expect(next.nav.index == 2501 && nextData.bytesScanned < moved.place?.offset ?? 0)
        next.press("g", nr)
        #expect(next.nav.index == 0 && next.item?.id == "r0")
        nextData.indexAll()
        #expect(nextData.count == 3000 && nextData.itemIndex(forID: "r2999") == 2999)
    }
}
