import Testing
import Foundation
@testable import SceneData

@Suite struct ImageSourceTests {
    @Test func base64ImageToleratesWhitespaceAndDataURLs() throws {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0xFF]
        let b64 = Data(png).base64EncodedString()
        let wrapped = String(b64.prefix(5)) + "\n  " + String(b64.dropFirst(5))
        for text in [b64, wrapped, "data:image/png;base64," + b64] {
            let (item, ds) = readItem(line(itemObject(["image": ["base64": text]])))
            #expect(errors(ds).isEmpty)
            #expect(item?.image == .inline(png))
        }
    }

    @Test func badBase64IsAnErrorWithPosition() {
        let (_, ds) = readItem(line(itemObject(["image": ["base64": "iVBO*w0K"]])))
        #expect(errors(ds).first?.field == "image.base64")
        #expect(errors(ds).first?.message.contains("position 5") == true)
    }

    @Test func base64DecodesKnownVectors() throws {
        #expect(try Base64.decode("aGVsbG8=").get() == Array("hello".utf8))
        #expect(try Base64.decode("aGVsbG8").get() == Array("hello".utf8))
        #expect(try Base64.decode("-_8=").get() == [0xFB, 0xFF])
        #expect(throws: Base64.DecodeError.self) { try Base64.decode("aGVsbG8=x").get() }
    }

    @Test func relativeImagePathResolvesAgainstTheDatasetFolder() throws {
        let t = try TempDataset(lines: [line(itemObject())], files: ["img.png": [1, 2, 3]])
        let d = try t.open()
        let item = try #require(d.item(at: 0).item)
        #expect(d.resolve("img.png") == (t.directory as NSString).standardizingPath + "/img.png")
        #expect(try d.imageBytes(for: item.image) == [1, 2, 3])
        #expect(throws: DatasetError.self) { try d.imageBytes(for: .path("missing.png")) }
    }
}

/// `Dataset.imageSize(of:)`: the header's size, for the attention lints of every command.
@Suite struct DatasetImageSizeTests {
    @Test func sizeComesFromTheHeaderAndIsRememberedPerPath() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("scenelens-size-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let image = dir.appendingPathComponent("g.pgm")
        try Data("P5\n7 3\n255\n".utf8 + [UInt8](repeating: 9, count: 21)).write(to: image)
        let path = dir.appendingPathComponent("d.jsonl").path
        try Data("{}\n".utf8).write(to: URL(fileURLWithPath: path))
        let data = try Dataset.open(path: path)
        #expect(data.imageSize(of: .path("g.pgm")) == ImageSize(width: 7, height: 3))
        // Read once: the file changing afterwards does not change the answer within this run.
        try Data("P5\n9 9\n255\n".utf8 + [UInt8](repeating: 9, count: 81)).write(to: image)
        #expect(data.imageSize(of: .path("g.pgm")) == ImageSize(width: 7, height: 3))
        #expect(data.imageSize(of: .path("missing.png")) == nil)
        #expect(data.imageSize(of: .inline(Array("P5\n4 2\n255\n".utf8) + [UInt8](repeating: 0, count: 8))) == ImageSize(width: 4, height: 2))
    }

    @Test func aHeaderTooLargeToDecodeGivesNoSize() throws {
        // 100000x100000 is refused by every decoder; attention boxes measured
        // against it would all read 0% on target.
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("scenelens-big-\(UUID().uuidString).jsonl")
        try Data("{}\n".utf8).write(to: path)
        defer { try? FileManager.default.removeItem(at: path) }
        let data = try Dataset.open(path: path.path)
        #expect(data.imageSize(of: .inline(Array("P5\n100000 100000\n255\n".utf8))) == nil)
        #expect(data.imageSize(of: .inline(Array("P5\n8000 8000\n255\n".utf8))) == ImageSize(width: 8000, height: 8000))
    }
}
