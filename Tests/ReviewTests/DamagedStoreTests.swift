import CLITestSupport
import Foundation
import Review
import Testing

/// Issue 14: a store with a damaged page is refused (message, no writes), and
/// a zero-byte store means "nothing decided yet" to every command alike.
@Suite struct DamagedStoreTests {
    func scenelens(_ args: [String]) throws -> CLIRun { try ScenelensCLI.run(args, timeout: 120) }

    /// A store holding many decisions, closed (so the WAL is checkpointed into the file).
    static func filledStore(at path: String) throws {
        let store = try SQLiteReviewStore(path: path, annotator: "qa", readOnly: false)
        for i in 0..<400 {
            _ = try store.record(NegativeKey(itemID: "item-\(i)", negativeID: "n1"), verdict: .accept,
                                 contentHash: String(repeating: "h", count: 64), note: "note \(i)", tags: nil)
        }
    }

    @Test func aDamagedStoreIsRefusedForWritingAndReading() throws {
        let dir = try makeTempDir(); defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("s.review.sqlite").path
        try Self.filledStore(at: path)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(bytes.count > 8192, "the store must span several pages")
        // Garbage over the second half of the file: b-tree pages, not the header.
        for k in (bytes.count / 2)..<bytes.count where k % 7 != 0 { bytes[k] = UInt8(truncatingIfNeeded: k &* 31) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        for readOnly in [false, true] {
            let error = #expect(throws: ReviewStoreError.self) {
                _ = try SQLiteReviewStore(path: path, annotator: "qa", readOnly: readOnly)
            }
            #expect("\(String(describing: error))".contains("is damaged"), "\(String(describing: error))")
        }
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) == bytes, "nothing was written to it")
    }

    /// The inspector's store is checked beside its first frame (issue 17):
    /// a write waits for the check and is refused when it found damage, reads
    /// are refused from then on, and nothing is written to the file.
    @Test func aDamagedStoreCheckedInTheBackgroundIsNeverWritten() throws {
        let dir = try makeTempDir(); defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("s.review.sqlite").path
        try Self.filledStore(at: path)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        for k in (bytes.count / 2)..<bytes.count where k % 7 != 0 { bytes[k] = UInt8(truncatingIfNeeded: k &* 31) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let store = try SQLiteReviewStore(path: path, annotator: "qa", readOnly: false, integrityCheck: .inBackground)
        let write = #expect(throws: ReviewStoreError.self) {
            _ = try store.record(NegativeKey(itemID: "new", negativeID: "n1"), verdict: .reject, contentHash: "h", note: nil, tags: nil)
        }
        #expect("\(String(describing: write))".contains("is damaged"), "\(String(describing: write))")
        #expect(throws: ReviewStoreError.self) { _ = try store.decisions(itemID: "item-1") }
        #expect(throws: ReviewStoreError.self) { try store.waitForIntegrityCheck() }
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) == bytes, "nothing was written to it")
    }

    /// A sound store checked in the background takes writes once the check has passed.
    @Test func aSoundStoreCheckedInTheBackgroundTakesWrites() throws {
        let dir = try makeTempDir(); defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("s.review.sqlite").path
        try Self.filledStore(at: path)
        let store = try SQLiteReviewStore(path: path, annotator: "qa", readOnly: false, integrityCheck: .inBackground)
        _ = try store.record(NegativeKey(itemID: "new", negativeID: "n1"), verdict: .reject, contentHash: "h", note: nil, tags: nil)
        try store.waitForIntegrityCheck()
        #expect(try SQLiteReviewStore(path: path, annotator: "qa").decisions(itemID: "new")["n1"]?.verdict == .reject)
    }

    @Test func aZeroByteStoreIsAnEmptyStoreToStatsAndExport() throws {
        let dir = try makeTempDir(); defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("ds").path
        #expect(try scenelens(["sample", "--items", "2", "--out", out]).status == 0)
        let dataset = out + "/dataset.jsonl", storePath = out + "/dataset.review.sqlite"
        #expect(FileManager.default.createFile(atPath: storePath, contents: Data()))
        let stats = try scenelens(["stats", dataset, "--no-lint"])
        #expect(stats.status == 0, "\(stats.stderr)")
        #expect(stats.stderr.contains("no review store at \(storePath) yet"), "\(stats.stderr)")
        let export = try scenelens(["export", dataset, "--out", dir.appendingPathComponent("o.jsonl").path])
        // Read as an empty store, not refused: nothing to export is a finding (1), not "could not run" (2).
        #expect(export.status == 1, "\(export.stderr)")
        #expect(export.stderr.contains("no review store at"), "\(export.stderr)")
        // The inspector's way: a zero-byte file opens as a new store.
        let store = try SQLiteReviewStore(path: storePath, annotator: "qa", readOnly: false)
        _ = try store.record(NegativeKey(itemID: "clevr-0000000", negativeID: "n1"), verdict: .accept, contentHash: "", note: nil, tags: nil)
    }
}
