import Foundation
import SceneData
import Testing
@testable import Review

/// Negatives that cannot be decided (no rationale, an item id other items
/// share) never become pairs, and `stats` counts them as `export` skips them.
@Suite struct UndecidableExportTests {
    /// Item `b-norat`: its first negative has no rationale (missing in the file reads as no steps).
    func noRationale() -> Item {
        var item = makeItem("b-norat")
        item.negatives[0].rationale = Rationale(steps: [])
        return item
    }

    func setUp(_ list: [Item?]) throws -> (dir: URL, items: ArrayReviewItemSource, store: SQLiteReviewStore) {
        let dir = try makeTempDir()
        try TinyImages.write(TinyImages.png, to: dir, "images/a.png")
        let store = try SQLiteReviewStore(path: dir.appendingPathComponent("s.sqlite").path, annotator: "ana")
        return (dir, ArrayReviewItemSource(list, directory: dir.path), store)
    }

    @Test func aNegativeWithoutRationaleIsNeverWrittenAsAPair() throws {
        let item = noRationale()
        let (dir, items, store) = try setUp([item]); defer { try? FileManager.default.removeItem(at: dir) }
        // As a store from before the refusal holds it: both accepted.
        try decide(store, item, "n1", .accept)
        try decide(store, item, "n2", .accept)
        for format in [ExportFormat.trl, .pairs] {
            let out = dir.appendingPathComponent("\(format).jsonl").path
            let summary = try Exporter.export(items: items, store: store, to: out, options: ExportOptions(format: format))
            let lines = try readLines(out)
            #expect(lines.map { $0["negative_id"] as? String } == ["n2"])
            let text = try String(contentsOfFile: out, encoding: .utf8)
            #expect(!text.contains(#""text":"""#) && !text.contains(#""rejected":"""#))
            #expect(summary.noRationale == 1 && summary.written == 1)
            #expect(summary.line(format: format, out: out, minConfidence: nil) == "wrote 1 pair to \(out); skipped 1 without a rationale")
        }
        let r = try ReviewStats.compute(items: items, store: store)
        #expect(r.overall.negatives == 2 && r.overall.decided == 1 && r.overall.undecided == 0 && r.overall.undecidable == 1)
        #expect(r.withoutRationale.map(\.key.negativeID) == ["n1"])
        #expect(r.overall.verdicts.accepted == 1)
        let text = r.text(dataset: "d", store: "s")
        #expect(text.contains("Negatives  2: 1 decided, 0 undecided, 1 cannot be decided (1 without a rationale)"))
        #expect(text.contains("1 without a rationale (not counted)"))
        #expect(text.contains("  b-norat / n1: ana accept"))
        #expect(r.byOperator["swap"]?.undecidable == 1 && r.byOperator["swap"]?.undecided == 0)
    }

    @Test func blankStepsOrAnAnswerAloneAreNoRationale() {
        let item = makeItem("x")
        for r in [Rationale(steps: ["  ", "\n"]), Rationale(steps: [], answer: "no")] {
            var n = item.negatives[0]
            n.rationale = r
            #expect(Undecidable.reason(n, in: item, itemIDRepeats: false, duplicateNegativeIDs: []) == .noRationale)
        }
        #expect(Undecidable.reason(item.negatives[0], in: item, itemIDRepeats: false, duplicateNegativeIDs: []) == nil)
        // An id clash is named first: fixing the rationale alone would not make it decidable.
        var bare = item.negatives[0]
        bare.rationale = Rationale(steps: [])
        #expect(Undecidable.reason(bare, in: item, itemIDRepeats: true, duplicateNegativeIDs: []) == .repeatedItemID)
        #expect(Undecidable.reason(bare, in: item, itemIDRepeats: false, duplicateNegativeIDs: ["n1"]) == .duplicateNegativeID)
    }

    @Test func itemsWhoseIDRepeatsAreSkippedAndListedAsAmbiguous() throws {
        var twin = makeItem("b-ok", question: "A different question on another line?")
        twin.line = 3
        let (dir, items, store) = try setUp([makeItem("b-ok"), makeItem("good"), twin]); defer { try? FileManager.default.removeItem(at: dir) }
        // One decision per key lands on both b-ok items.
        try decide(store, makeItem("b-ok"), "n1", .accept)
        try decide(store, makeItem("b-ok"), "n2", .accept)
        try decide(store, makeItem("good"), "n1", .accept)
        let out = dir.appendingPathComponent("train.jsonl").path
        let summary = try Exporter.export(items: items, store: store, to: out, options: ExportOptions())
        #expect(try readLines(out).map { "\($0["id"] ?? "")/\($0["negative_id"] ?? "")" } == ["good/n1"])
        #expect(summary.repeatedItemID == 4 && summary.undecided == 1)
        #expect(summary.line(format: .trl, out: out, minConfidence: nil)
                == "wrote 1 pair to \(out); skipped 1 undecided, 4 with a repeated item id")

        let r = try ReviewStats.compute(items: items, store: store)
        #expect(r.overall.negatives == 6 && r.overall.decided == 1 && r.overall.undecided == 1 && r.overall.undecidable == 4)
        #expect(r.ambiguous.map(\.key.negativeID) == ["n1", "n2"])
        #expect(r.repeatedItemIDs == [RepeatedItemID(id: "b-ok", places: ["item 1", "item 3"])])
        let text = r.text(dataset: "d", store: "s")
        #expect(text.contains("Negatives  6: 1 decided, 1 undecided, 4 cannot be decided (4 with a repeated item id)"))
        #expect(text.contains("  b-ok: item 1, item 3"))
        #expect(text.contains("2 ambiguous (not counted)"))
        let json = r.json(dataset: "d", store: "s")
        #expect(json.contains(#""undecidable":4,"undecidable_by_reason":{"repeated_item_id":4,"duplicate_negative_id":0,"no_rationale":0}"#))

        let audit = dir.appendingPathComponent("audit.jsonl").path
        let s = try Exporter.export(items: items, store: store, to: audit, options: ExportOptions(format: .decisions))
        #expect(try readLines(audit).map { $0["ambiguous"] as? Bool } == [true, true, false])
        #expect(s.ambiguousDecisions == 2)
    }

    @Test func pairsWhoseImageDoesNotDecodeAreSkippedAndNamed() throws {
        let dir = try makeTempDir(); defer { try? FileManager.default.removeItem(at: dir) }
        try TinyImages.write(TinyImages.png, to: dir, "images/good.png")
        try TinyImages.write(TinyImages.corruptCRC, to: dir, "images/crc.png")
        try TinyImages.write(TinyImages.text, to: dir, "images/notes.png")
        try TinyImages.write(TinyImages.huge, to: dir, "images/huge.png")
        let list: [Item?] = [
            makeItem("good", image: .path("images/good.png")),
            makeItem("crc", image: .path("images/crc.png")),
            makeItem("crc-again", image: .path("images/crc.png")),
            makeItem("notes", image: .path("images/notes.png")),
            makeItem("huge", image: .path("images/huge.png")),
            makeItem("gone", image: .path("images/gone.png")),
            makeItem("inline", image: .inline(TinyImages.corruptCRC)),
        ]
        let items = ArrayReviewItemSource(list, directory: dir.path)
        let store = try SQLiteReviewStore(path: dir.appendingPathComponent("s.sqlite").path, annotator: "ana")
        for case let item? in list { try decide(store, item, "n1", .accept) }
        let out = dir.appendingPathComponent("out.jsonl").path
        let summary = try Exporter.export(items: items, store: store, to: out, options: ExportOptions())
        #expect(try readLines(out).map { $0["id"] as? String } == ["good"])
        #expect(summary.missingImage == 1 && summary.unreadableImage == 5)
        let line = summary.line(format: .trl, out: out, minConfidence: nil)
        #expect(line.hasPrefix("wrote 1 pair to \(out); skipped 7 undecided, 1 with a missing image file, 5 with an unreadable image; "
                               + "unreadable images: images/crc.png (image does not decode: PNG chunk IDAT: CRC mismatch"), "\(line)")
        #expect(line.contains("images/notes.png (image does not decode:"))
        #expect(line.contains("and 1 more (validate lists them)"))
        // The undecodable inline image is not written beside the export.
        #expect(summary.imagesWritten == 0)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out.images").path))
    }
}
