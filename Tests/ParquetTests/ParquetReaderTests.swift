import Foundation
import Testing
@testable import Parquet

/// Files written by pyarrow (Fixtures/make.py), read back row by row.
@Suite struct ParquetReaderTests {
    static func fixture(_ name: String) -> String {
        Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil)?.path ?? "missing-\(name)"
    }

    static let readable = ["snappy_dict_v1.parquet", "zstd_plain_v2.parquet", "gzip_v1.parquet",
                           "none_groups.parquet", "delta.parquet", "small_pages.parquet"]

    @Test(arguments: readable)
    func everyRowReadsAsPyarrowWroteIt(_ name: String) throws {
        let file = try ParquetFile.open(path: Self.fixture(name))
        #expect(file.rowCount == 10)
        #expect(file.schema.fieldNames == ["idx", "question", "chosen", "rejected", "score", "flag", "source",
                                           "image", "images", "messages", "tags"])
        for i in 0..<10 {
            let row = try file.row(i)
            #expect(row["idx"] == .int(Int64(i)))
            #expect(row["question"] == .string("What is in picture \(i)?"))
            #expect(row["chosen"] == .string("A red square number \(i)."))
            #expect(row["rejected"] == (i == 3 ? .null : .string("A blue circle \(i).")))
            #expect(row["score"] == .double(Double(i) * 0.5))
            #expect(row["flag"] == .bool(i % 2 == 0))
            #expect(row["source"] == .string(i % 3 != 0 ? "vg" : "coco"))
            // The image struct: PNG bytes whose width is 2 + i, and its path.
            guard case .bytes(let png)? = row["image"]?["bytes"] else { Issue.record("row \(i): no image bytes"); continue }
            #expect(Array(png.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
            #expect(png.count > 24 && Int(png[19]) == 2 + i)
            #expect(row["image"]?["path"] == .string("img\(i).png"))
            guard case .list(let images)? = row["images"] else { Issue.record("row \(i): images is not a list"); continue }
            #expect(images.count == i % 3)
            for image in images { #expect(image["path"] == .null); if case .bytes = image["bytes"] {} else { Issue.record("no bytes") } }
            let messages: ParquetValue = i == 5 ? .list([]) : .list([
                .record(ParquetRecord(names: ["role", "content"], values: [.string("user"), .string("q\(i)")])),
                .record(ParquetRecord(names: ["role", "content"], values: [.string("assistant"), .string("a\(i)")])),
            ])
            #expect(row["messages"] == messages)
            #expect(row["tags"] == (i == 7 ? .null : .list((0..<(i % 4)).map { .string("t\($0)") })))
        }
    }

    @Test func severalRowGroupsAndOnlyTheWantedFields() throws {
        let file = try ParquetFile.open(path: Self.fixture("none_groups.parquet"))
        #expect(file.rowGroupCount == 4)
        #expect(file.rowGroup(ofRow: 0) == 0)
        #expect(file.rowGroup(ofRow: 7) == 2)
        #expect(file.rowGroup(ofRow: 9) == 3)
        #expect(file.rowGroup(ofRow: 10) == nil)
        let row = try file.row(8, fields: ["question"])
        #expect(row.names == ["question"])
        #expect(row["question"] == .string("What is in picture 8?"))
    }

    /// Rows of different row groups and columns read in turn (as validate's
    /// threads and the inspector's id scan do) each come whole and right.
    @Test func interleavedRowGroupsAndColumnSetsStayRight() throws {
        let file = try ParquetFile.open(path: Self.fixture("none_groups.parquet"))
        for row in [0, 4, 8, 1, 5, 9, 2] {
            #expect(try file.row(row, fields: ["idx"])["idx"] == .int(Int64(row)))
            let whole = try file.row(row)
            #expect(whole["question"] == .string("What is in picture \(row)?"))
            #expect(whole.names.count == 11)
            #expect(try file.row(row, fields: ["chosen"])["chosen"] == .string("A red square number \(row)."))
        }
        // Every row of every group, alternating from both ends.
        for k in 0..<5 {
            #expect(try file.row(k)["idx"] == .int(Int64(k)))
            #expect(try file.row(9 - k)["idx"] == .int(Int64(9 - k)))
        }
    }

    /// Byte-array pages read lazily (as a row group of embedded images is)
    /// give every row as the whole page read at once does.
    @Test(arguments: readable)
    func lazilyReadPagesGiveTheSameRows(_ name: String) throws {
        let eager = try ParquetFile.open(path: Self.fixture(name))
        let lazy = try ParquetFile.open(path: Self.fixture(name), lazyPagesFrom: 0)
        for i in [9, 0, 5, 1, 8, 2, 3, 4, 6, 7] { #expect(try lazy.row(i) == eager.row(i), "row \(i)") }
    }

    /// A lazily read page must not let a broken file through: flipping each
    /// byte in turn, reading every row finds a problem in exactly the files
    /// where reading each page whole does, named by column, row group and page.
    /// (delta.parquet has PLAIN snappy v1 pages of strings and image bytes.)
    @Test(arguments: ["delta.parquet", "none_groups.parquet"])
    func lazilyReadPagesFindTheSameBrokenFiles(_ name: String) throws {
        let good = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.fixture(name))))
        let path = NSTemporaryDirectory() + "damaged-lazy-\(getpid())-\(name)"
        defer { try? FileManager.default.removeItem(atPath: path) }
        func failure(_ lazyFrom: Int) -> ParquetError? {
            do {
                let f = try ParquetFile.open(path: path, lazyPagesFrom: lazyFrom)
                for r in 0..<f.rowCount { _ = try f.row(r) }
                return nil
            } catch let e as ParquetError { return e } catch { return ParquetError(message: "\(error)") }
        }
        var broken = 0
        for at in stride(from: 4, to: good.count - 8, by: 11) {
            var bad = good
            bad[at] ^= 0x5A
            try Data(bad).write(to: URL(fileURLWithPath: path))
            let eager = failure(.max), lazy = failure(0)
            #expect((eager == nil) == (lazy == nil), "byte \(at): whole \(String(describing: eager)), lazy \(String(describing: lazy))")
            if let lazy, let eager, eager.column != nil {
                broken += 1
                #expect(lazy.column == eager.column && lazy.rowGroup == eager.rowGroup, "byte \(at): lazy \(lazy), whole \(eager)")
            }
        }
        #expect(broken > 10)
    }

    @Test func aTruncatedFileSaysTheFooterIsMissing() {
        let path = Self.fixture("truncated_footer.parquet")
        #expect(throws: ParquetError(file: path, message: "does not end with PAR1: the footer is missing (a truncated file?)")) {
            try ParquetFile.open(path: path)
        }
    }

    @Test func aBadPageNamesColumnRowGroupAndPage() throws {
        let file = try ParquetFile.open(path: Self.fixture("bad_page.parquet"))
        // Other columns and row groups still read.
        #expect(try file.row(0, fields: ["idx"])["idx"] == .int(0))
        #expect(try file.row(4)["question"] == .string("What is in picture 4?"))
        do {
            _ = try file.row(0)
            Issue.record("a corrupt page was read without an error")
        } catch let e as ParquetError {
            #expect(e.column == "question")
            #expect(e.rowGroup == 0)
            #expect(e.page == 0)
            #expect(e.description.hasPrefix("\(file.path): column question, row group 0, page 0: "))
        }
    }

    @Test func notParquetAtAll() throws {
        let path = NSTemporaryDirectory() + "not-parquet-\(getpid()).parquet"
        try Data("{\"id\": 1}\n".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: ParquetError(file: path, message: "is 10 bytes, too short to be a Parquet file")) {
            try ParquetFile.open(path: path)
        }
    }

    /// Every prefix-cut and a sweep of flipped bytes: errors, never a crash.
    @Test func damagedBytesNeverCrash() throws {
        let good = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.fixture("snappy_dict_v1.parquet"))))
        let path = NSTemporaryDirectory() + "damaged-\(getpid()).parquet"
        defer { try? FileManager.default.removeItem(atPath: path) }
        var failures = 0
        for at in stride(from: 4, to: good.count - 8, by: 37) {
            var bad = good
            bad[at] ^= 0xFF
            try Data(bad).write(to: URL(fileURLWithPath: path))
            do {
                let f = try ParquetFile.open(path: path)
                for r in 0..<f.rowCount { _ = try f.row(r) }
            } catch is ParquetError { failures += 1 }
        }
        #expect(failures > 0)
    }

    /// A footer whose row group claims far more rows than its levels hold
    /// (found by the fuzzer: it sized two arrays from the claim, 4.5 TB, and
    /// aborted). Now it is an error naming the row group and the claim.
    @Test func aRowCountPastTheColumnsIsAnErrorNotAnAllocation() throws {
        do {
            let f = try ParquetFile.open(path: Self.fixture("rows_past_levels.parquet"))
            for r in 0..<min(f.rowCount, 100) { _ = try f.row(r) }
            Issue.record("read without an error")
        } catch let e as ParquetError {
            #expect(e.rowGroup == 0)
            #expect("\(e)".contains("rows_past_levels.parquet"))
            #expect("\(e)".contains("rows"))
        }
    }
}
