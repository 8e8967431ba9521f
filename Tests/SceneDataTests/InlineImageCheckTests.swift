import Foundation
import Testing
@testable import SceneData

/// Embedded images are checked once per distinct content and JPEGs at 1/8
/// of their size: neither may let a broken image through.
@Suite struct InlineImageCheckTests {
    /// Noise, 160 x 120 (Fixtures/images/noise160.jpg, written by Pillow).
    static func jpeg() throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: fixture("images/noise160.jpg"))))
    }

    func validate(_ images: [[UInt8]], box: [Double]? = nil) throws -> [Diagnostic] {
        let lines = images.enumerated().map { k, bytes in
            var changes: [String: Any] = ["image": ["base64": Data(bytes).base64EncodedString()]]
            if let box { changes["scene_graph"] = ["entities": [["id": "o1", "name": "a", "box": box]]] }
            return line(itemObject(id: "i\(k)", changes))
        }
        let t = try TempDataset(lines: lines, files: [:])
        return Validator().validate(try t.open()).diagnostics
    }

    /// The same length, the same fingerprint, one marker dropped into the
    /// middle of the entropy-coded data: the copy is reported, the
    /// originals on either side are not.
    @Test func aBrokenCopyThatLooksTheSameIsStillReported() throws {
        let good = try Self.jpeg()
        let step = (good.count - 8) / 64
        let at = 20 * step + step / 2          // between two sampled windows
        var bad = good
        bad.replaceSubrange(at..<at + 2, with: [0xFF, 0xD5])
        #expect(ContentMemo<Int>.fingerprint(bad) == ContentMemo<Int>.fingerprint(good), "the test must reach the byte comparison")
        let ds = try validate([good, bad, good, bad])
        #expect(errors(ds).map(\.itemID) == ["i1", "i3"])
        #expect(errors(ds).allSatisfy { $0.field == "image.base64" && $0.message.hasPrefix("image does not decode: JPEG data is invalid") },
                "\(ds)")
    }

    /// Cut short: reported as truncated, as a full decode says it.
    @Test func aTruncatedJPEGIsReported() throws {
        let good = try Self.jpeg()
        let ds = try validate([Array(good.prefix(good.count * 2 / 3))])
        #expect(errors(ds).count == 1)
        #expect(errors(ds).first?.message == "image does not decode: JPEG data is truncated: it ends before the image is complete", "\(ds)")
    }

    /// Boxes are checked against the file's own size, not the 1/8 decode's (20 x 15).
    @Test func boxesAreCheckedAgainstTheFullSize() throws {
        #expect(errors(try validate([try Self.jpeg()], box: [100, 80, 50, 30])).isEmpty)
        let outside = errors(try validate([try Self.jpeg()], box: [150, 80, 50, 30]))
        #expect(outside.count == 1)
        #expect(outside.first?.message.contains("160 x 120") == true, "\(outside)")
    }

    /// The memo holds at most its limit of image bytes, then starts again.
    @Test func theMemoForgetsPastItsLimit() {
        let memo = ContentMemo<Int>(limit: 1000)
        var computed = 0
        let a = [UInt8](repeating: 1, count: 600), b = [UInt8](repeating: 2, count: 600)
        #expect(memo.value(for: a) { computed += 1; return 1 } == 1)
        #expect(memo.value(for: a) { computed += 1; return 1 } == 1)
        #expect(computed == 1)
        #expect(memo.value(for: b) { computed += 1; return 2 } == 2)
        #expect(memo.value(for: a) { computed += 1; return 1 } == 1)
        #expect(computed == 3)
    }
}
