import Foundation
import Imaging
@testable import Inspector
import Review
import SceneData
import Testing
import TerminalUI

/// Issue 16 in the inspector: a broken pair is not accepted by one key, lints
/// read by severity (with and without colour), the problem count is
/// `validate`'s, and the image file's own pixels can be seen.
@Suite struct FidelityInspectorTests {
    /// The fixture items with n2's rationale made the chosen one: lint `identical`, an error.
    static func flaggedItems() -> [Item] {
        Fixture.items.map { item in
            var it = item
            it.negatives[1].rationale = it.chosen
            return it
        }
    }

    static func app(store: MemoryStore, ascii: Bool = false, items: [Item] = flaggedItems(),
                    images: [String: [UInt8]]? = nil, lint: @escaping @Sendable (Item) -> ItemLints = { _ in .none },
                    realDecode: Bool = false) -> (AppState, EffectRunner) {
        let bytes = images ?? Dictionary(uniqueKeysWithValues: (0..<items.count).map { ("img\($0).png", [UInt8(1)]) })
        let source = InMemorySource(items: items, images: bytes)
        let model: @Sendable ([UInt8]) throws -> RGBAImage = { try ImageDecoder.decode($0) }
        let stored: @Sendable ([UInt8]) throws -> RGBAImage = { try ImageDecoder.decode($0, rendition: .stored) }
        let services = EffectRunner.Services(
            source: source, store: store, decode: realDecode ? model : Fixture.decode,
            contentHash: Fixture.realHash, lint: lint, decodeStored: realDecode ? stored : nil)
        let r = EffectRunner(services: services)
        var s = AppState(width: 160, height: 48, datasetName: "fixture", annotator: store.annotator,
                         asciiOnly: ascii, imageMode: ascii ? .ascii : .truecolor)
        s.nav.itemCount = items.count; s.nav.fullyIndexed = true; s.nav.indexFraction = 1
        Headless.settle(&s, InspectorApp.start(&s, at: 0), runner: r)
        return (s, r)
    }

    @Test func acceptingAFlaggedNegativeTakesASecondDeliberateKey() throws {
        let store = MemoryStore()
        var (s, r) = Self.app(store: store)
        s.press("]", r)
        #expect(s.negative?.id == "n2")
        s.press("a", r)
        // Held back: nothing saved, and the prompt line says why and how to go on.
        #expect(try store.decisions(itemID: "clevr-0").isEmpty)
        let flash = try #require(s.flash)
        #expect(flash.severity == .error)
        #expect(flash.text == "not saved: n2 has an error lint, identical (see Lints); A accepts it anyway, "
                + "any other key cancels; export leaves such a pair out unless --include-flagged")
        #expect(s.screen.contains("not saved: n2 has an error lint"))
        #expect(s.negative?.id == "n2")
        s.press("A", r)
        #expect(try store.decisions(itemID: "clevr-0")["n2"]?.verdict == .accept)
        #expect(s.review.verdicts["n2"] == .accept)
    }

    @Test func anyOtherKeyCancelsAndAOnItsOwnAcceptsNothing() throws {
        let store = MemoryStore()
        var (s, r) = Self.app(store: store)
        s.press("]ajA", r)
        #expect(try store.decisions(itemID: "clevr-0").isEmpty)
        #expect(s.flash?.text.hasPrefix("nothing to confirm: A accepts a negative with an error lint right after a held it back") == true)
        // A second `a` only explains again.
        s.press("aa", r)
        #expect(try store.decisions(itemID: "clevr-0").isEmpty)
        // A clean negative is accepted at once, as before.
        s.press("[a", r)
        #expect(try store.decisions(itemID: "clevr-0")["n1"]?.verdict == .accept)
        #expect(try store.decisions(itemID: "clevr-0")["n2"] == nil)
    }

    @Test func aQueuedAcceptLandingOnAFlaggedNegativeIsHeldBackToo() throws {
        let store = MemoryStore()
        var (s, r) = Self.app(store: store)
        // n1 accepted, the selection moves to n2, where the typed-ahead `a` lands.
        s.press("aa", r)
        let saved = try store.decisions(itemID: "clevr-0")
        #expect(saved["n1"]?.verdict == .accept && saved["n2"] == nil)
        #expect(s.negative?.id == "n2")
        #expect(s.flash?.text.hasPrefix("not saved: n2 has an error lint") == true)
        s.press("A", r)
        #expect(try store.decisions(itemID: "clevr-0")["n2"]?.verdict == .accept)
    }

    static let mixed: @Sendable (Item) -> ItemLints = { _ in
        ItemLints(item: ["info: attention-share: 91% inside"],
                  negatives: [0: ["info: overlap: J = 0.5", "warning: same-answer: both say yes", "error: identical: the same text"]])
    }

    /// The Lints pane's rows as text, top to bottom.
    static func paneRows(_ s: AppState) -> [String] {
        let inner = ScreenLayout.inner(ScreenLayout.of(s).lints)
        return LintRows.rows(s, width: inner.width).map { $0.map(\.text).joined() }
    }

    @Test func lintsAreOrderedErrorsFirstAndColouredBySeverity() throws {
        let (s, _) = Self.app(store: MemoryStore(), lint: Self.mixed)
        let rows = Self.paneRows(s)
        #expect(rows.map { $0.prefix(6) } == ["error:", "warnin", "info: ", "info: "])
        #expect(rows[2].hasPrefix("info: overlap") && rows[3].hasPrefix("info: attention-share"))
        // Red errors, yellow warnings, plain info, as drawn.
        let frame = InspectorApp.view(s)
        let lints = ScreenLayout.inner(ScreenLayout.of(s).lints)
        func fg(_ row: Int) -> Color { frame[lints.left, lints.top + row].fg }
        #expect(fg(0) == .indexed(9) && fg(1) == .indexed(11) && fg(2) == .default)
    }

    @Test func withoutColourErrorsAndWarningsCarryAMarker() throws {
        let (s, _) = Self.app(store: MemoryStore(), ascii: true, lint: Self.mixed)
        #expect(s.monochrome)
        let rows = Self.paneRows(s)
        #expect(rows[0].hasPrefix("!! error: identical") && rows[1].hasPrefix("!  warning: same-answer") && rows[2].hasPrefix("info: "))
        #expect(s.screen.contains("|!! error: identical: the same text"))
        let frame = InspectorApp.view(s)
        let lints = ScreenLayout.inner(ScreenLayout.of(s).lints)
        #expect(frame[lints.left, lints.top].attributes.contains(.bold))
    }

    @Test func theStoredPixelsKeyShowsTransparencyOverACheckerboard() throws {
        // A fully transparent image whose stored colour is red: the model sees red
        // (Pillow drops the alpha); its own pixels are nothing but checkerboard.
        let png = PNGEncoder.encode(RGBAImage(width: 64, height: 48, fill: RGBA(255, 0, 0, 0)))
        let images = Dictionary(uniqueKeysWithValues: (0..<4).map { ("img\($0).png", png) })
        var (s, r) = Self.app(store: MemoryStore(), items: Fixture.items, images: images, realDecode: true)
        func colours() throws -> Set<[UInt8]> {
            let img = try #require(s.image.loaded?.image)
            return Set(stride(from: 0, to: img.pixels.count, by: 4).map { Array(img.pixels[$0..<($0 + 3)]) })
        }
        #expect(try colours() == [[255, 0, 0]])
        #expect(s.image.loaded?.stored == false)
        s.press("o", r)
        #expect(s.image.loaded?.stored == true)
        let checker = try colours()
        #expect(checker.contains([204, 204, 204]) && checker.contains([128, 128, 128]) && !checker.contains([255, 0, 0]))
        #expect(s.screen.contains("file's own pixels"))
        s.press("o", r)
        #expect(try colours() == [[255, 0, 0]])
        #expect(!s.screen.contains("file's own pixels"))
    }
}

/// The problem count the inspector shows is `validate`'s for the same item.
@Suite struct ProblemCountAgreementTests {
    /// A dataset on disk whose items have: nothing wrong; a box outside the
    /// image; a graph size that differs from the image; a missing image; a
    /// reading warning; translucent pixels; the first item's id again.
    static func dataset() throws -> (Dataset, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("scenelens-count-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Data(PNGEncoder.encode(RGBAImage(width: 40, height: 30, fill: RGBA(9, 9, 9)))).write(to: dir.appendingPathComponent("a.png"))
        var translucent = RGBAImage(width: 40, height: 30, fill: RGBA(9, 9, 9))
        translucent[0, 0] = RGBA(1, 2, 3, 100)
        try Data(PNGEncoder.encode(translucent)).write(to: dir.appendingPathComponent("t.png"))
        func item(_ id: String, image: String = "a.png", box: [Int] = [1, 1, 5, 5], size: [Int]? = [40, 30], steps: Any = ["The cube is left."]) -> String {
            var sg: [String: Any] = ["entities": [["id": "o1", "name": "cube", "box": box], ["id": "o2", "name": "ball"]],
                                     "relations": [["o1", "left of", "o2"]]]
            if let size { sg["width"] = size[0]; sg["height"] = size[1] }
            let o: [String: Any] = ["id": id, "image": image, "question": "Is the cube left?", "answer": "yes", "scene_graph": sg,
                                    "chosen": ["steps": steps, "answer": "yes"],
                                    "negatives": [["id": "n1", "operator": "swap", "rationale": ["steps": ["The ball is left."], "answer": "no"]]],
                                    "attention": [["label": "a", "rationale": "chosen", "step": 3, "values": [1, 0, 0, 0], "rows": 2, "cols": 2]]]
            let data = try? JSONSerialization.data(withJSONObject: o, options: [.sortedKeys])
            return String(decoding: data ?? Data(), as: UTF8.self)
        }
        let lines = [item("clean", steps: ["a", "b", "c", "d"]), item("box-out", box: [30, 20, 30, 30], steps: ["a", "b", "c", "d"]),
                     item("size", size: [50, 30], steps: ["a", "b", "c", "d"]), item("missing", image: "nope.png", steps: ["a", "b", "c", "d"]),
                     item("reading", steps: ["only one step"]), item("alpha", image: "t.png", steps: ["a", "b", "c", "d"]),
                     item("clean", steps: ["a", "b", "c", "d"])]
        let file = dir.appendingPathComponent("data.jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        return (try Dataset.open(path: file.path), dir)
    }

    @Test func everyItemCountsWhatValidateCounts() throws {
        let (dataset, dir) = try Self.dataset()
        defer { try? FileManager.default.removeItem(at: dir) }
        let report = Validator().validate(dataset)
        let source = DatasetSource(dataset)
        // The ids, as the inspector reads them in the background after indexing.
        _ = source.positions(sharingID: "")
        let store = try SQLiteReviewStore.inMemory(annotator: "count")
        let runner = EffectRunner(services: .standard(source: source, store: store))
        var expected: [Int] = []
        var shown: [Int] = []
        for i in 0..<dataset.count {
            let line = dataset.lineNumber(ofItem: i)
            expected.append(report.diagnostics.count { $0.line == line && $0.severity != .info })
            var s = AppState(width: 160, height: 48, datasetName: "data.jsonl", annotator: "count", imageMode: .truecolor)
            s.nav.itemCount = source.count; s.nav.fullyIndexed = true; s.nav.indexFraction = 1
            Headless.settle(&s, InspectorApp.start(&s, at: i), runner: runner)
            let n = LintRows.problemCount(s)
            shown.append(n)
            // As the header and the pane's title say it.
            if n > 0 {
                #expect(s.screen.contains("\(n) problem(s): "), "item \(i)")
                #expect(s.screen.contains("\(n) reading problem\(n == 1 ? "" : "s")"), "item \(i)")
            } else {
                #expect(!s.screen.contains("problem(s)"), "item \(i)")
            }
        }
        // clean, box outside, graph size (warning) + box checked against it, missing image,
        // step beyond the rationale, translucent pixels, repeated id.
        #expect(expected.dropFirst().allSatisfy { $0 > 0 } && expected[0] == 0, "the fixture should give each item a problem")
        #expect(shown == expected)
    }
}
