#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
@testable import Imaging

/// Issue 14: JPEG pixels are never invented for missing data, and only
/// regular files are read, each kind within its limit.
@Suite struct HostileInputTests {
    /// `bytes` with the first SOF marker's height and width replaced.
    static func withSize(_ bytes: [UInt8], width: Int, height: Int) throws -> [UInt8] {
        var b = bytes
        var i = 2
        while i + 9 < b.count {
            guard b[i] == 0xFF else { i += 1; continue }
            let marker = b[i + 1]
            if (0xC0...0xC2).contains(marker) {
                b[i + 5] = UInt8(height >> 8); b[i + 6] = UInt8(height & 0xFF)
                b[i + 7] = UInt8(width >> 8); b[i + 8] = UInt8(width & 0xFF)
                return b
            }
            i += 2 + Int(b[i + 2]) << 8 + Int(b[i + 3])
        }
        throw ImageError(.corrupt, "no SOF marker in the fixture")
    }

    /// The audit's case: a small file claiming 8000x7999 decoded with exit 0 as
    /// a grey image (265 MB). It must be refused, before the pixels exist.
    @Test(arguments: ["jpeg/colour_baseline.jpg", "jpeg/colour_progressive.jpg", "jpeg/grey_progressive.jpg"])
    func aSmallJPEGClaimingHugeDimensionsIsRefused(fixture: String) throws {
        let real = try Fixtures.bytes(fixture)
        let forged = try Self.withSize(real, width: 8000, height: 7999)
        #expect(try ImageDecoder.info(forged).width == 8000, "decode --info still shows the header")
        let error = #expect(throws: ImageError.self) { try ImageDecoder.decode(forged) }
        #expect(error?.kind == .truncated, "\(String(describing: error))")
        #expect(error?.message.contains("8000x7999") == true, "\(String(describing: error))")
    }

    /// A marker dropped into the entropy-coded data: libjpeg warns "corrupt JPEG
    /// data" and fills the rest with grey; SceneLens refuses the file instead.
    @Test func corruptEntropyDataIsAnErrorNotGreyPixels() throws {
        let real = try Fixtures.bytes("jpeg/colour_baseline.jpg")
        #expect(try ImageDecoder.decode(real).width > 0)
        // Start of scan data: after the SOS segment.
        let sos = try #require((2..<real.count - 1).first { real[$0] == 0xFF && real[$0 + 1] == 0xDA })
        let dataStart = sos + 2 + Int(real[sos + 2]) << 8 + Int(real[sos + 3])
        var bad = real
        let at = dataStart + (real.count - dataStart) / 3
        bad.replaceSubrange(at..<at + 2, with: [0xFF, 0xD5])
        #expect(throws: ImageError.self) { try ImageDecoder.decode(bad) }
    }

    /// Cut in the middle: an error, never an image padded with grey.
    @Test(arguments: ["jpeg/colour_baseline.jpg", "jpeg/colour_progressive.jpg"])
    func aTruncatedJPEGIsAnError(fixture: String) throws {
        let real = try Fixtures.bytes(fixture)
        let cut = Array(real.prefix(real.count * 2 / 3))
        let error = #expect(throws: ImageError.self) { try ImageDecoder.decode(cut) }
        #expect(error?.kind == .truncated || error?.kind == .corrupt, "\(String(describing: error))")
    }

    /// `/dev/zero` never ends and a FIFO blocks `open()`: both are refused at
    /// once, by the one reader every image, attention map and heatmap goes through.
    @Test(arguments: ["/dev/zero", "/dev/urandom", "/dev/null"])
    func devicesAreRefusedWithoutReading(path: String) throws {
        let error = #expect(throws: FileRead.Failure.self) { try FileRead.all(atPath: path) }
        #expect(error?.reason == "it is a device, not a regular file", "\(String(describing: error))")
        #expect(throws: ImageError.self) { try ImageDecoder.decodeFile(atPath: path) }
    }

    @Test func aFIFOIsRefusedWithoutBlocking() throws {
        let path = NSTemporaryDirectory() + "scenelens-fifo-\(getpid())"
        unlink(path)
        #expect(mkfifo(path, 0o600) == 0)
        defer { unlink(path) }
        // No writer ever opens it: a blocking open() would hang this test.
        let error = #expect(throws: FileRead.Failure.self) { try FileRead.all(atPath: path) }
        #expect(error?.reason == "it is a FIFO, not a regular file")
        let decode = #expect(throws: ImageError.self) { try ImageDecoder.decodeFile(atPath: path) }
        #expect(decode?.message.contains("FIFO") == true, "\(String(describing: decode))")
    }

    @Test func aFileOverItsKindsLimitIsRefusedBeforeReading() throws {
        let path = NSTemporaryDirectory() + "scenelens-big-\(getpid())"
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        #expect(fd >= 0)
        defer { unlink(path) }
        // A sparse file: its size is past the limit but no disk is used.
        #expect(ftruncate(fd, off_t(FileRead.Limit.image + 1)) == 0)
        close(fd)
        let error = #expect(throws: FileRead.Failure.self) { try FileRead.all(atPath: path, limit: FileRead.Limit.image) }
        #expect(error?.reason == "the file is larger than \(FileRead.Limit.image) bytes")
        #expect(throws: ImageError.self) { try ImageDecoder.decodeFile(atPath: path) }
    }

    /// Found by the `gif` and `tiff` fuzz targets (issue 14): a GIF whose
    /// screen is 0 pixels wide decoded to an empty image, and a TIFF 2^31 or
    /// more pixels wide came back with a negative width (a C int), which
    /// then sized a buffer. Both are refused with the size the file gives.
    @Test(arguments: [
        ("GIF", "0x2560", "R0lGODlhAAAACoEAACgoKAAAAACVAAAAACH5BAAKAAAALAAAAAAGAAYAAAgMAAEIHEiwoMGDCAMCACH5BAEKAAEALAAAAAAGAAYAgaCgoAAAAAAAAAAAAAgMAAEIHEiwoMGDCgABACwAAAAABgAGAIGgoKAAAAAAAAAAAAAIDAABCBxIsKDBgwgDAgAh+QQBCAMCADs="),
        ("TIFF", "4127195144x38", "SUkqAAgAAAAJAAABBAABAAAACAAA9gEBBAABAAAAJgAAAAIBAwABAAAACAAAAAMBAwABAAAAAQAAAAYBAwABAAAAAQAAABEBBAABAAAAegAAABYBBAABAAAABgAAABcBBAABAAAAMAAAABwBAwABAAAAAQAAAAAAAAAABQoPFBkeIygtMjc8QUZLUFVaX2RpbnN4fYKHjJGWm6Clqq+0ub7DyM3S19zh5us="),
    ])
    func anImageWithASideOfZeroOrBeyondInt32IsRefused(format: String, size: String, base64: String) throws {
        let bytes = try #require(Data(base64Encoded: base64)).map { $0 }
        let expected = "\(format) header gives a size of \(size) pixels: both sides must be at least 1"
        for attempt in [{ _ = try ImageDecoder.info(bytes) }, { _ = try ImageDecoder.decodeDetailed(bytes) },
                        { _ = try ImageDecoder.decodeDetailed(bytes, rendition: .stored) }] {
            let error = #expect(throws: ImageError.self) { try attempt() }
            #expect(error?.kind == .badHeader)
            #expect(error?.message == expected, "\(String(describing: error))")
        }
    }

    @Test func theSizeCheckRefusesEmptyAndNegativeSides() {
        for (w, h) in [(0, 10), (10, 0), (-4, 38), (-4, -4)] {
            #expect(throws: ImageError.self) { _ = try SizeCheck.pixels(w, h, maxPixels: 1 << 20, format: "PNG") }
        }
        #expect((try? SizeCheck.pixels(1, 1, maxPixels: 1, format: "PNG")) == 1)
    }

    /// Found by the `bmp` fuzz target (issue 14): a bitfield mask with a gap
    /// (0b1000001 counts 2 bits but holds values up to 65) overflowed the
    /// 8-bit channel and trapped. Each channel now scales by its mask's span.
    @Test func aBMPMaskWithGapsDecodesWithoutATrap() throws {
        let bytes = try #require(Data(base64Encoded: "Qk22AQAAAAAAADYAAAAoAAAAAgAAAAgAAAABACAAAwAAAIABAADE2v//ALYA/wAAJAAMAAAAoABGAP71AAAD//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////8GAP//uf8AJND/AP8ACv8///n65yQk///////9AP8AABf/")).map { $0 }
        for rendition in [Rendition.model, .stored] {
            do {
                let image = try ImageDecoder.decode(bytes, rendition: rendition)
                #expect(image.width == 2 && image.height == 8)
            } catch let e as ImageError {
                #expect(!e.message.isEmpty)
            }
        }
    }
}
