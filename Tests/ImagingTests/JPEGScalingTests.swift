import Testing
@testable import Imaging

/// JPEG decoded smaller through libjpeg's DCT scaling, only when the caller
/// says the picture is shown smaller: the result must look like the full
/// decode averaged down, and full decodes must not change.
@Suite struct JPEGScalingTests {
    func bytes(_ name: String) throws -> [UInt8] { try Fixtures.bytes("scaling/\(name)") }

    /// Mean and largest absolute channel difference (RGB) of two same-sized images.
    func difference(_ a: RGBAImage, _ b: RGBAImage) -> (mean: Double, max: Int) {
        var sum = 0, worst = 0
        for i in 0..<(a.width * a.height) {
            for c in 0..<3 {
                let d = abs(Int(a.pixels[i * 4 + c]) - Int(b.pixels[i * 4 + c]))
                sum += d; worst = max(worst, d)
            }
        }
        return (Double(sum) / Double(a.width * a.height * 3), worst)
    }

    @Test func theReductionKeepsThePictureAtLeastAsBigAsItIsShown() {
        #expect(ImageDecoder.jpegReduction(width: 256, height: 192, within: (64, 48)) == 4)
        #expect(ImageDecoder.jpegReduction(width: 256, height: 192, within: (60, 48)) == 4)
        #expect(ImageDecoder.jpegReduction(width: 256, height: 192, within: (65, 200)) == 2)
        #expect(ImageDecoder.jpegReduction(width: 256, height: 192, within: (32, 24)) == 8)
        #expect(ImageDecoder.jpegReduction(width: 256, height: 192, within: (1000, 24)) == 8)
        #expect(ImageDecoder.jpegReduction(width: 256, height: 192, within: (256, 192)) == 1)
        #expect(ImageDecoder.jpegReduction(width: 256, height: 192, within: (129, 1000)) == 1)
        // A side that rounds up (libjpeg's ceil) still counts.
        #expect(ImageDecoder.jpegReduction(width: 8001, height: 6001, within: (1001, 751)) == 8)
        #expect(ImageDecoder.jpegReduction(width: 8001, height: 6001, within: (1002, 752)) == 4)
        #expect(JPEGDecoder.reducedSize(width: 8001, height: 6001, by: 8) == (1001, 751))
    }

    @Test(arguments: [(64, 48, 4), (128, 96, 2), (32, 24, 8), (40, 200, 4)])
    func aScaledDecodeLooksLikeTheFullDecodeAveragedDown(box: Int, boxHeight: Int, reduction: Int) throws {
        let data = try bytes("photo.jpg")
        let full = try ImageDecoder.decodeDetailed(data)
        #expect(full.fullSize == nil && full.image.width == 256 && full.image.height == 192)
        let small = try ImageDecoder.decodeDetailed(data, shownWithin: (box, boxHeight))
        let size = JPEGDecoder.reducedSize(width: 256, height: 192, by: reduction)
        #expect(small.image.width == size.width && small.image.height == size.height)
        #expect(small.fullSize?.width == 256 && small.fullSize?.height == 192)
        let d = difference(small.image, full.image.resampled(width: size.width, height: size.height))
        #expect(d.mean < 3.0 && d.max < 48, "mean \(d.mean), max \(d.max)")
        // Not the same picture by accident: a shifted one is far off.
        var shifted = full.image.resampled(width: size.width, height: size.height)
        shifted.pixels = Array(shifted.pixels.dropFirst(4 * 3)) + Array(shifted.pixels.prefix(4 * 3))
        #expect(difference(small.image, shifted).mean > d.mean * 2)
    }

    @Test func anOrientedFileIsScaledUpright() throws {
        let plain = try ImageDecoder.decodeDetailed(bytes("photo.jpg"), shownWithin: (64, 64))
        let turned = try ImageDecoder.decodeDetailed(bytes("photo_orient6.jpg"), shownWithin: (64, 64))
        #expect(turned.orientation == 6)
        #expect(turned.image.width == 64 && turned.image.height == 48)
        #expect(turned.fullSize?.width == 256 && turned.fullSize?.height == 192)
        let full = try ImageDecoder.decode(bytes("photo_orient6.jpg"))
        #expect(difference(turned.image, full.resampled(width: 64, height: 48)).mean < 3.0)
        #expect(difference(turned.image, plain.image).mean < 4.0)
    }

    @Test func withoutAShownSizeEveryPixelIsDecoded() throws {
        let data = try bytes("photo.jpg")
        let a = try ImageDecoder.decode(data)
        let b = try ImageDecoder.decodeDetailed(data, shownWithin: nil)
        let c = try ImageDecoder.decodeDetailed(data, shownWithin: (4000, 4000))
        #expect(a == b.image && a == c.image && c.fullSize == nil)
    }

    @Test func aBrokenFileIsReportedAlikeAtEverySize() throws {
        let data = try bytes("photo.jpg")
        func message(_ d: [UInt8], _ box: (width: Int, height: Int)?) -> String? {
            do { _ = try ImageDecoder.decodeDetailed(d, shownWithin: box); return nil } catch { return "\(error)" }
        }
        let cut = Array(data.prefix(data.count * 2 / 3))
        let full = message(cut, nil)
        #expect(full != nil)
        #expect(message(cut, (32, 24)) == full && message(cut, (128, 96)) == full)
        var garbled = data
        for i in stride(from: data.count / 2, to: data.count / 2 + 64, by: 1) { garbled[i] = 0xFF }
        #expect(message(garbled, (32, 24)) == message(garbled, nil))
    }

    /// `decode --out` writes an upright JPEG a band of rows at a time.
    func streamed(_ data: [UInt8]) throws -> RGBAImage? {
        var size = (0, 0), pixels = [UInt8]()
        let done = try ImageDecoder.decodeRowsIfUprightJPEG(data, start: { size = ($0, $1) }, rows: { n, band in
            #expect(band.count == n * size.0 * 4)
            pixels += band
        })
        return done ? RGBAImage(width: size.0, height: size.1, pixels: pixels) : nil
    }

    @Test(arguments: ["scaling/photo.jpg", "jpeg/colour_progressive.jpg", "jpeg/grey_baseline.jpg", "broken/cmyk.jpg"])
    func rowsDecodedBandByBandAreTheFrame(file: String) throws {
        let data = try Fixtures.bytes(file)
        let rows = try #require(try streamed(data))
        #expect(rows == (try ImageDecoder.decode(data)))
    }

    @Test func onlyUprightJPEGsAreDecodedByRowsAndErrorsStayTheSame() throws {
        #expect(try streamed(bytes("photo_orient6.jpg")) == nil)
        #expect(try streamed(Fixtures.bytes("png/c0d2n.png")) == nil)
        let data = try bytes("photo.jpg")
        let cut = Array(data.prefix(data.count * 2 / 3))
        func message(_ f: () throws -> Any?) -> String? { do { _ = try f(); return nil } catch { return "\(error)" } }
        let whole = message { try ImageDecoder.decode(cut) }
        #expect(whole != nil && message { try streamed(cut) } == whole)
    }
}
