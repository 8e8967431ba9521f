import Testing
import Foundation
@testable import SceneData

@Suite struct DatasetIndexTests {
    func ids(_ d: Dataset) -> [String?] { (0..<d.count).map { d.item(at: $0).item?.id } }

    @Test func crlfBlankLinesBOMAndNoFinalNewline() throws {
        let a = line(itemObject(id: "a")), b = line(itemObject(id: "b")), c = line(itemObject(id: "c"))
        let text = "\u{FEFF}" + a + "\r\n\r\n  \t\n" + b + "\n\n" + c
        let t = try TempDataset(bytes: Array(text.utf8))
        let d = try t.open()
        #expect(d.count == 0)                 // open does not index
        #expect(!d.isFullyIndexed)
        var last: IndexProgress?
        d.indexAll { last = $0 }
        #expect(d.isFullyIndexed)
        #expect(d.count == 3)
        #expect(last?.items == 3)
        #expect(last?.bytesRead == Int64(text.utf8.count))
        #expect((0..<3).map { d.lineNumber(ofItem: $0) } == [1, 4, 6])
        #expect(try d.rawLine(ofItem: 0) == Array(a.utf8))   // no BOM, no CR
        #expect(try d.rawLine(ofItem: 2) == Array(c.utf8))   // no final newline
        #expect(ids(d) == ["a", "b", "c"])
        #expect(d.item(at: 1).line == 4)
        #expect(d.item(at: 1).diagnostics.isEmpty)
    }

    @Test func firstItemIsReadableBeforeIndexing() throws {
        let lines = (0..<5000).map { line(itemObject(id: "id\($0)")) }
        let t = try TempDataset(lines: lines)
        let d = try t.open()
        #expect(d.item(at: 0).item?.id == "id0")
        #expect(d.count < 5000)               // only the first chunk was needed
        #expect(d.item(at: 4999).item?.id == "id4999")
        #expect(d.itemIndex(forID: "id1234") == 1234)
        #expect(d.itemIndex(forID: "nope") == nil)
        #expect(d.count == 5000)
    }

    /// Resuming at item 4000 of a file opened again starts the index at the
    /// line the mark remembered: item 4000 (and its number and line) is
    /// there after one chunk, items before it are indexed when asked for or
    /// by `indexAll`, which ends with the same index a scan from the top makes.
    @Test func indexingStartsAtARememberedLine() throws {
        let lines = (0..<5000).map { line(itemObject(id: "id\($0)")) }
        let t = try TempDataset(bytes: Array(("\n" + lines.joined(separator: "\n\n") + "\n").utf8))
        let first = try t.open()
        first.indexAll()
        let place = try #require(first.place(ofItem: 4000))
        #expect(place.line == 8002 && place.length == lines[4000].utf8.count)
        let d = try t.open()
        #expect(d.startIndexing(at: place, item: 4000))
        #expect(d.item(at: 4000).item?.id == "id4000")
        #expect(d.lineNumber(ofItem: 4000) == 8002)
        #expect(d.bytesScanned < 200_000, "only a chunk after the line, nothing before it")
        #expect(d.count > 4000 && d.count < 5000 && !d.isFullyIndexed)
        #expect(d.item(at: 4001).item?.id == "id4001")
        #expect(d.item(at: 3).item?.id == "id3" && d.lineNumber(ofItem: 3) == 8)
        var last: IndexProgress?
        d.indexAll { last = $0 }
        #expect(d.isFullyIndexed && d.count == 5000)
        #expect(last?.bytesRead == d.totalBytes)
        #expect(ids(d) == (0..<5000).map { "id\($0)" })
        #expect((0..<5000).map { d.lineNumber(ofItem: $0) } == (0..<5000).map { first.lineNumber(ofItem: $0) })
        #expect(d.itemIndex(forID: "id3999") == 3999)
    }

    /// A remembered line that is not there byte for byte is not started at.
    @Test func aChangedRememberedLineIsNotStartedAt() throws {
        let lines = (0..<3000).map { line(itemObject(id: "id\($0)")) }
        let t = try TempDataset(lines: lines)
        let place = try #require(try t.open().place(ofItem: 2000))
        var edited = lines
        edited[2000] = line(itemObject(id: "id2OOO"))
        try Data((edited.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: t.path))
        let d = try t.open()
        #expect(!d.startIndexing(at: place, item: 2000))
        var off = place
        off.offset += 1
        #expect(!d.startIndexing(at: off, item: 2000), "not at the start of a line")
        #expect(d.item(at: 2000).item?.id == "id2OOO")
    }

    /// The lines before a remembered one that do not add up to its position
    /// (an item before it blanked out, same size): once that shows, the index
    /// is made again from the top, and items are numbered as the file says.
    @Test func linesBeforeThatDoNotAddUpIndexFromTheTop() throws {
        let lines = (0..<3000).map { line(itemObject(id: "id\($0)")) }
        let t = try TempDataset(lines: lines)
        let place = try #require(try t.open().place(ofItem: 2000))
        var edited = lines
        edited[5] = String(repeating: " ", count: lines[5].utf8.count)
        try Data((edited.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: t.path))
        let d = try t.open()
        #expect(d.startIndexing(at: place, item: 2000))
        d.indexAll()
        #expect(d.isFullyIndexed && d.count == 2999)
        #expect(d.item(at: 1999).item?.id == "id2000")
        #expect(d.item(at: 5).item?.id == "id6")
    }

    @Test func indexingFromAnotherThreadWhileReading() async throws {
        let lines = (0..<3000).map { line(itemObject(id: "x\($0)")) }
        let t = try TempDataset(lines: lines)
        let d = try t.open()
        let task = Task.detached { d.indexAll() }
        for i in stride(from: 0, to: 3000, by: 97) { #expect(d.item(at: i).item?.id == "x\(i)") }
        await task.value
        #expect(d.count == 3000)
    }

    @Test func aFiveMegabyteLine() throws {
        let evidence = String(repeating: "long evidence text ", count: 280_000)   // ~5.3 MB
        let big = line(itemObject(id: "big", ["evidence": evidence]))
        let t = try TempDataset(lines: [line(itemObject(id: "a")), big, line(itemObject(id: "z"))])
        let d = try t.open()
        d.indexAll()
        #expect(d.count == 3)
        #expect(try d.rawLine(ofItem: 1).count == big.utf8.count)
        #expect(d.item(at: 1).item?.evidence?.count == evidence.count)
        #expect(d.item(at: 2).item?.id == "z")
        #expect(d.itemIndex(forID: "z") == 2)
    }

    @Test func invalidUTF8IsADiagnostic() throws {
        var bytes = Array(line(itemObject(id: "u", ["evidence": "caf_"])).utf8)
        if let k = bytes.firstIndex(of: UInt8(ascii: "_")) { bytes[k] = 0xE9 }   // Latin-1 é
        let t = try TempDataset(bytes: bytes + [0x0A])
        let p = try t.open().item(at: 0)
        #expect(p.item?.id == "u")
        #expect(p.diagnostics.contains { $0.message.contains("invalid UTF-8") && $0.column != nil })
    }

    @Test func syntaxErrorsNameLineAndColumnAndOtherItemsStayUsable() throws {
        let t = try TempDataset(lines: [line(itemObject(id: "a")), #"{"id": "b", "image" "x"}"#, line(itemObject(id: "c"))])
        let d = try t.open()
        let p = d.item(at: 1)
        #expect(p.item == nil)
        #expect(p.line == 2)
        #expect(p.diagnostics.first?.column == 21)
        #expect(p.diagnostics.first?.message.contains("expected ':'") == true)
        #expect(d.item(at: 2).item?.id == "c")
    }

    @Test func outOfRangeItemDoesNotThrowOrCrash() throws {
        let t = try TempDataset(lines: [line(itemObject())])
        let d = try t.open()
        #expect(d.item(at: 7).item == nil)
        #expect(!d.item(at: 7).diagnostics.isEmpty)
        #expect(d.lineNumber(ofItem: -1) == 0)
        #expect(throws: DatasetError.self) { try d.rawLine(ofItem: 3) }
    }

    @Test func openErrorsNameTheFile() throws {
        #expect { try Dataset.open(path: "/nonexistent/x.jsonl") } throws: { e in
            (e as? DatasetError) == .noSuchFile("/nonexistent/x.jsonl") && "\(e)".contains("/nonexistent/x.jsonl")
        }
        // A folder is a dataset of shards; one without dataset files is refused, by name.
        let t = try TempDataset(bytes: [], name: "notes.txt")
        #expect { try Dataset.open(path: t.directory) } throws: { e in (e as? DatasetError) == .isDirectory(t.directory) }
        let one = try TempDataset(lines: [line(itemObject())])
        #expect(try Dataset.open(path: one.directory).item(at: 0).item?.id == "i1")
    }

    @Test func emptyFileHasNoItems() throws {
        let t = try TempDataset(bytes: [])
        let d = try t.open()
        d.indexAll()
        #expect(d.count == 0 && d.isFullyIndexed)
    }

    @Test func missingRequiredFieldsGiveNoItem() throws {
        let (item, ds) = readItem(line(itemObject(["question": NSNull(), "chosen": NSNull()])))
        #expect(item == nil)
        #expect(errors(ds).map(\.field) == ["question", "chosen"])
        #expect(errors(ds).allSatisfy { $0.itemID == "i1" })
    }

    @Test func wrongTypesAreErrorsButTheItemIsStillShown() throws {
        let (item, ds) = readItem(line(itemObject(["question": 5, "negatives": "none"])))
        #expect(item != nil)
        #expect(Set(errors(ds).compactMap(\.field)) == ["question", "negatives"])
    }

    @Test func evidenceAndMetaAreKeptInOrder() throws {
        let text = #"{"id":"m","image":"i.png","question":"q","answer":"a","scene_graph":{"entities":[]},"chosen":"x.","negatives":[],"evidence":"A man.","meta":{"z":1,"a":[true]}}"#
        let (item, _) = readItem(text)
        #expect(item?.evidence == "A man.")
        #expect(item?.meta == .object([("z", .number(1)), ("a", .array([.bool(true)]))]))
    }
}

@Suite struct NegativeCountTests {
    @Test func countsNegativesAndTheRejectedSynonymWithoutBuildingItems() throws {
        var two = itemObject(id: "a")
        two["negatives"] = [["id": "n1", "operator": "swap", "rationale": "x"],
                            ["id": "n2", "operator": "shorten", "rationale": "y"]]
        var synonym = itemObject(id: "b")
        synonym.removeValue(forKey: "negatives")
        synonym["rejected"] = [["id": "r1", "operator": "replace", "rationale": "z"]]
        let t = try TempDataset(lines: [line(two), line(synonym), "{not json"])
        let d = try t.open()
        d.indexAll()
        #expect(d.negativeCount(ofItem: 0) == 2)
        #expect(d.negativeCount(ofItem: 1) == 1)
        #expect(d.negativeCount(ofItem: 2) == nil)   // a broken line counts as unknown, not zero
    }
}

@Suite struct PathCleaningTests {
    @Test func dotsAndRepeatedSlashesGoDotDotStays() {
        #expect(Dataset.cleaned("/data/./set//images/a.png") == "/data/set/images/a.png")
        #expect(Dataset.cleaned("/data/set/../other/a.png") == "/data/set/../other/a.png")
        #expect(Dataset.cleaned("/") == "/")
        // Paths that are almost clean: only the last component or slash is off.
        #expect(Dataset.cleaned("/data/set/.") == "/data/set")
        #expect(Dataset.cleaned("/data/set/") == "/data/set")
        #expect(Dataset.cleaned("/data/.hidden/a.png") == "/data/.hidden/a.png")
        #expect(Dataset.cleaned("/data/set/a.png") == "/data/set/a.png")
        #expect(Dataset.cleaned("data/a.png") == "/data/a.png")
    }

    @Test func imagesResolveBesideTheDataset() throws {
        let t = try TempDataset(lines: [line(itemObject(id: "a"))], files: ["img.png": pngBytes()])
        let d = try t.open()
        #expect(d.resolve("./img.png") == Dataset.cleaned(t.directory + "/img.png"))
        #expect(FileManager.default.fileExists(atPath: d.resolve("./img.png")))
        #expect(d.resolve("/abs/x.png") == "/abs/x.png")
    }
}
