import Foundation
import Testing
@testable import Imaging

/// A structurally valid PNG whose IHDR claims `width` x `height` but holds one tiny IDAT.
private func forgedPNG(width: UInt32, height: UInt32) -> [UInt8] {
    var out: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    var ihdr = [UInt8]()
    ihdr.appendBigEndian(width); ihdr.appendBigEndian(height)
    ihdr += [8, 6, 0, 0, 0]
    PNGEncoder.appendChunk("IHDR", ihdr, to: &out)
    PNGEncoder.appendChunk("IDAT", PNGEncoder.deflate([0, 1, 2, 3, 4]), to: &out)
    PNGEncoder.appendChunk("IEND", [], to: &out)
    return out
}

@Test func forgedHeadersAreRefusedBeforeAllocating() throws {
    #expect(throws: ImageError.self) { try ImageDecoder.decode(forgedPNG(width: 0x7FFF_FFFF, height: 0x7FFF_FFFF)) }
    do {
        _ = try ImageDecoder.decode(forgedPNG(width: 100_000, height: 100_000))
        Issue.record("a 10-gigapixel header was accepted")
    } catch let e as ImageError {
        #expect(e.kind == .tooLarge)
        #expect(e.message.contains("100000x100000"))
    }
    let pnm = Array("P6 100000 100000 255\n".utf8)
    #expect(throws: ImageError(.tooLarge, "PNM image is 100000x100000 pixels, more than the limit of 64000000 pixels")) {
        try ImageDecoder.decode(pnm)
    }
}

@Test func pixelLimitIsConfigurable() throws {
    for file in ["png/c2d8n.png", "pnm/p6_max255.ppm", "jpeg/colour_baseline.jpg"] {
        let bytes = try Fixtures.bytes(file)
        let info = try ImageDecoder.info(bytes)
        let n = info.width * info.height
        #expect(try ImageDecoder.decode(bytes, maxPixels: n).width == info.width)
        #expect((try? ImageDecoder.decode(bytes, maxPixels: n - 1)) == nil, "\(file) decoded above its limit")
    }
}

@Test func writtenNetpbmFilesDecodeBack() throws {
    let image = try ImageDecoder.decode(Fixtures.bytes("png/c6d8n.png"))
    #expect(try ImageDecoder.decode(PNMWriter.pam(image)) == image)
    let ppm = try ImageDecoder.decode(PNMWriter.ppm(image))
    let pgm = try ImageDecoder.decode(PNMWriter.pgm(image))
    for y in 0..<image.height {
        for x in 0..<image.width {
            let p = image[x, y]
            #expect(ppm[x, y] == RGBA(p.r, p.g, p.b, 255))
            let weighted: Int = 299 * Int(p.r) + 587 * Int(p.g) + 114 * Int(p.b)
            let luma = UInt8((weighted + 500) / 1000)
            #expect(pgm[x, y] == RGBA(luma, luma, luma, 255))
        }
    }
}

@Test func decodeFileNamesMissingFiles() {
    #expect(throws: ImageError.self) { try ImageDecoder.decodeFile(atPath: "/nonexistent/scenelens-test.png") }
    do {
        _ = try ImageDecoder.decodeFile(atPath: "/nonexistent/scenelens-test.png")
    } catch let e as ImageError {
        #expect(e.kind == .io && e.message == "cannot read the file: no such file")
    } catch {
        Issue.record("unexpected error \(error)")
    }
}

@Test func largerImagesRoundTripThroughTheEncoder() throws {
    // Big enough for many rows and long runs: exercises decoding into the
    // output buffer in place, for RGBA and RGB.
    var state: UInt32 = 7
    var px = [UInt8]()
    for i in 0..<(301 * 97 * 4) {
        state = state &* 1_664_525 &+ 1_013_904_223
        px.append(i % 4 == 3 ? UInt8(truncatingIfNeeded: state >> 28) &* 17 : UInt8(truncatingIfNeeded: state >> 24))
    }
    let image = RGBAImage(width: 301, height: 97, pixels: px)
    #expect(try ImageDecoder.decode(PNGEncoder.encode(image), rendition: .stored) == image)
    let opaque = try ImageDecoder.decode(PNGEncoder.encode(image, dropAlpha: true))
    #expect(opaque.pixels.enumerated().allSatisfy { i, v in i % 4 == 3 ? v == 255 : v == px[i] })
}

@Test func opaqueRGBRowsOfEveryWidthRemainderDecodeExactly() throws {
    // RGB rows are converted four pixels at a time, in place, then one by
    // one: widths 1 to 9 cover every remainder and the tightest layouts.
    var state: UInt32 = 11
    for width in 1...9 {
        for height in [1, 2, 5] {
            var px = [UInt8]()
            for i in 0..<(width * height * 4) {
                state = state &* 1_664_525 &+ 1_013_904_223
                px.append(i % 4 == 3 ? 255 : UInt8(truncatingIfNeeded: state >> 24))
            }
            let image = RGBAImage(width: width, height: height, pixels: px)
            #expect(try ImageDecoder.decode(PNGEncoder.encode(image, dropAlpha: true)) == image, "\(width)x\(height)")
        }
    }
}

@Test func decodeFileMatchesDecodingBytes() throws {
    for file in ["png/c2d8n.png", "png/c0d16i.png", "pnm/p5_max300.pgm", "jpeg/grey_baseline.jpg"] {
        let fromFile = try ImageDecoder.decodeFile(atPath: Fixtures.url(file).path)
        #expect(fromFile == (try ImageDecoder.decode(Fixtures.bytes(file))))
    }
}

@Test func surplusImageDataIsToleratedButNotAFlood() throws {
    // A 2x2 RGBA image needs 2 * (1 + 8) = 18 bytes of filtered data.
    func png(extra: Int) -> [UInt8] {
        var out: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var ihdr = [UInt8]()
        ihdr.appendBigEndian(2); ihdr.appendBigEndian(2)
        ihdr += [8, 6, 0, 0, 0]
        PNGEncoder.appendChunk("IHDR", ihdr, to: &out)
        let raw = [UInt8](repeating: 0, count: 18 + extra)
        PNGEncoder.appendChunk("IDAT", PNGEncoder.deflate(raw), to: &out)
        PNGEncoder.appendChunk("IEND", [], to: &out)
        return out
    }
    #expect(try ImageDecoder.decode(png(extra: 100), rendition: .stored) == RGBAImage(width: 2, height: 2, fill: RGBA(0, 0, 0, 0)))
    #expect(throws: ImageError.self) { try ImageDecoder.decode(png(extra: 4 << 20)) }
}

@Test func largeWritesLandWholeWhetherOrNotTheyAreBounced() throws {
    // 2 MiB of numbered bytes, written after a header whose length puts the
    // destination 23 bytes ahead of the source within a page (bounced), and
    // after one that does not (direct): the file must hold the same bytes.
    let count = 2 << 20
    let storage = UnsafeMutableRawPointer.allocate(byteCount: count + 8192, alignment: 4096)
    defer { storage.deallocate() }
    for i in 0..<(count + 8192) { storage.storeBytes(of: UInt8(truncatingIfNeeded: i &* 7 &+ i >> 9), toByteOffset: i, as: UInt8.self) }
    let source = UnsafeRawPointer(storage + 48)
    for header in [71, 48] {
        #expect(FileWrite.aliases(fileOffset: header, source: source) == (header == 71))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("filewrite-\(UUID().uuidString)").path
        defer { unlink(path) }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        try #require(fd >= 0)
        let head = [UInt8](repeating: 0x50, count: header)
        try head.withUnsafeBytes { try FileWrite.all(fd, $0) }
        try FileWrite.all(fd, UnsafeRawBufferPointer(start: source, count: count))
        close(fd)
        let back = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(back.count == header + count)
        #expect(back.prefix(header).allSatisfy { $0 == 0x50 })
        #expect(back.dropFirst(header).elementsEqual(UnsafeRawBufferPointer(start: source, count: count)))
    }
}
