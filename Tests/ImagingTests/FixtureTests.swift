import Testing
@testable import Imaging

@Test func manifestListsFixtures() {
    #expect(FixtureManifest.shared.valid.count > 80)
    #expect(FixtureManifest.shared.broken.count > 30)
}

@Test(arguments: FixtureManifest.shared.valid)
func validFixtureMatchesReference(_ fixture: FixtureManifest.Valid) throws {
    // The references hold the file's own pixels, alpha included.
    let image = try ImageDecoder.decode(Fixtures.bytes(fixture.file), rendition: .stored)
    let reference = try Fixtures.bytes(fixture.file + ".rgba")
    #expect(image.width == fixture.width)
    #expect(image.height == fixture.height)
    try #require(image.pixels.count == reference.count)
    var worst = 0, firstBad: Int?
    for i in 0..<reference.count {
        let d = abs(Int(image.pixels[i]) - Int(reference[i]))
        if d > fixture.tolerance && firstBad == nil { firstBad = i }
        worst = max(worst, d)
    }
    #expect(worst <= fixture.tolerance,
            "largest difference \(worst), first at pixel \((firstBad ?? 0) / 4) channel \((firstBad ?? 0) % 4)")
}

@Test(arguments: FixtureManifest.shared.broken)
func brokenFixtureIsRejected(_ fixture: FixtureManifest.Broken) throws {
    let bytes = try Fixtures.bytes(fixture.file)
    do {
        _ = try ImageDecoder.decode(bytes)
        Issue.record("\(fixture.file) decoded without error")
    } catch let error as ImageError {
        #expect(error.kind.rawValue == fixture.kind, "\(error.message)")
        #expect(error.message.contains(fixture.contains), "message was: \(error.message)")
    }
}

@Test func infoReadsHeadersWithoutDecoding() throws {
    let png = try ImageDecoder.info(Fixtures.bytes("png/c3d4i.png"))
    #expect(png == ImageInfo(format: .png, width: 10, height: 13, colorType: "palette", bitDepth: 4, interlaced: true))
    let pam = try ImageDecoder.info(Fixtures.bytes("pnm/p7_rgb_alpha_max65535.pam"))
    #expect(pam == ImageInfo(format: .pnm, width: 13, height: 7, colorType: "rgb+alpha", bitDepth: 16, interlaced: false))
    let pbm = try ImageDecoder.info(Fixtures.bytes("pnm/p4.pbm"))
    #expect(pbm.colorType == "bilevel")
    let jpeg = try ImageDecoder.info(Fixtures.bytes("jpeg/grey_progressive.jpg"))
    #expect(jpeg == ImageInfo(format: .jpeg, width: 37, height: 24, colorType: "grey", bitDepth: 8, interlaced: true))
    #expect(try ImageDecoder.info(Fixtures.bytes("broken/cmyk.jpg")).colorType == "cmyk")
}
