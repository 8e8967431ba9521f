import Foundation
import Testing
@testable import Imaging

/// The fixtures of Fixtures/fidelity/make_fidelity.py: each file with what
/// Pillow gives the model (exif_transpose, then convert("RGB")).
struct FidelityFixture: Decodable, Sendable, CustomStringConvertible {
    var file: String, width: Int, height: Int, tolerance: Int, orientation: Int
    var translucent: Bool, clipped: Bool, frames: Bool
    var description: String { file }

    static let all: [FidelityFixture] = {
        guard let data = try? Data(contentsOf: Fixtures.url("fidelity/fidelity.json")),
              let list = try? JSONDecoder().decode([FidelityFixture].self, from: data) else { return [] }
        return list
    }()
}

@Test func fidelityFixturesAreListed() {
    #expect(FidelityFixture.all.count >= 27)
}

/// Compares a decode with a raw RGB reference; every pixel must be opaque.
private func expectMatches(_ decoded: DecodedImage, reference: [UInt8], _ f: FidelityFixture) throws {
    #expect(decoded.image.width == f.width && decoded.image.height == f.height,
            "SceneLens \(decoded.image.width)x\(decoded.image.height), reference \(f.width)x\(f.height)")
    try #require(decoded.image.pixels.count == reference.count / 3 * 4)
    var worst = 0, firstBad = -1
    for i in 0..<(reference.count / 3) {
        #expect(decoded.image.pixels[i * 4 + 3] == 255)
        for c in 0..<3 {
            let d = abs(Int(decoded.image.pixels[i * 4 + c]) - Int(reference[i * 3 + c]))
            if d > f.tolerance && firstBad < 0 { firstBad = i }
            worst = max(worst, d)
        }
    }
    #expect(worst <= f.tolerance, "largest difference \(worst), first at pixel \(firstBad) (x \(firstBad % max(f.width, 1)), y \(firstBad / max(f.width, 1)))")
}

@Test(arguments: FidelityFixture.all)
func modelRenditionMatchesPillow(_ f: FidelityFixture) throws {
    let bytes = try Fixtures.bytes(f.file)
    let decoded = try ImageDecoder.decodeDetailed(bytes)
    try expectMatches(decoded, reference: Fixtures.bytes(f.file + ".rgb"), f)
    #expect(decoded.orientation == f.orientation)
    #expect((decoded.loss.translucentPixels > 0) == f.translucent)
    #expect((decoded.loss.clippedPixels > 0) == f.clipped)
    #expect(decoded.loss.laterFramesIgnored == f.frames)
    // The header agrees on the upright size and the orientation.
    let info = try ImageDecoder.info(bytes)
    #expect(info.width == f.width && info.height == f.height && info.orientation == f.orientation)
}

/// `--alpha white`: what transformers' image processors get, NAME.white.rgb
/// written by transformers.image_transforms.convert_to_rgb (make_fidelity.py),
/// alpha_table.png covering every alpha level.
@Test(arguments: FidelityFixture.all)
func whiteRenditionMatchesTransformers(_ f: FidelityFixture) throws {
    let decoded = try ImageDecoder.decodeDetailed(Fixtures.bytes(f.file), rendition: .model(alpha: .white))
    try expectMatches(decoded, reference: Fixtures.bytes(f.file + ".white.rgb"), f)
    #expect((decoded.loss.translucentPixels > 0) == f.translucent)
    // Opaque images are the same in both renditions.
    if !f.translucent {
        #expect(try ImageDecoder.decode(Fixtures.bytes(f.file)).pixels == decoded.image.pixels)
    }
}

@Test func theTwoRenditionsDifferWhereAlphaIs() throws {
    // grey_alpha.png: grey 200 under alpha 0 at the left, opaque at the right.
    let bytes = try Fixtures.bytes("fidelity/grey_alpha.png")
    let pillow = try ImageDecoder.decode(bytes, rendition: .model(alpha: .pillow))
    let white = try ImageDecoder.decode(bytes, rendition: .model(alpha: .white))
    #expect(pillow[0, 0].r == 200 && white[0, 0].r == 255)
    #expect(pillow[9, 0].r == 200 && white[9, 0].r == 200)
    let warning = try ImageDecoder.decodeDetailed(bytes, rendition: .modelOverWhite).loss.warnings.first ?? ""
    #expect(warning.contains("composite them over white") && warning.contains("SceneLens shows white (--alpha white)"))
}

@Test func storedRenditionKeepsAlphaAndRoundsSixteenBits() throws {
    let la = try ImageDecoder.decode(Fixtures.bytes("fidelity/grey_alpha.png"), rendition: .stored)
    #expect(la[0, 0].a == 0 && la[9, 0].a == 255)
    #expect(la[0, 0].r == 200)  // the colour under the transparent pixel, not black
    let g16 = try ImageDecoder.decode(Fixtures.bytes("fidelity/grey16.png"), rendition: .stored)
    let model = try ImageDecoder.decode(Fixtures.bytes("fidelity/grey16.png"))
    // 800 of 65535 is level 3 when rounded; the model clips it to 255.
    #expect(g16[1, 0].r == 3)
    #expect(model[1, 0].r == 255)
    #expect(model[0, 0].r == 0)
}

@Test func lossWarningsNameWhatIsLost() throws {
    let g16 = try ImageDecoder.decodeDetailed(Fixtures.bytes("fidelity/grey16.png"))
    #expect(g16.loss.warnings.count == 1)
    #expect(g16.loss.warnings[0].contains("79 of 80 pixels") && g16.loss.warnings[0].contains("white"))
    let rgba = try ImageDecoder.decodeDetailed(Fixtures.bytes("fidelity/rgba.png"))
    #expect(rgba.loss.warnings.first?.contains("24 of 96 pixels") == true)
    let jpeg = try ImageDecoder.decodeDetailed(Fixtures.bytes("fidelity/orient6.jpg"))
    #expect(jpeg.loss.warnings.isEmpty)
}

@Test func orientationSixTurnsStoredTopRowIntoRightColumn() throws {
    // A 3x2 image: the stored top row must become the right column.
    let src = RGBAImage(width: 3, height: 2, pixels: [
        1, 0, 0, 255, 2, 0, 0, 255, 3, 0, 0, 255,
        4, 0, 0, 255, 5, 0, 0, 255, 6, 0, 0, 255,
    ])
    let r = EXIFOrientation.apply(6, to: src)
    #expect(r.width == 2 && r.height == 3)
    #expect((0..<3).map { r[1, $0].r } == [1, 2, 3])
    #expect((0..<3).map { r[0, $0].r } == [4, 5, 6])
    let l = EXIFOrientation.apply(8, to: src)
    #expect((0..<3).map { l[0, $0].r } == [3, 2, 1])
}

@Test func unsupportedFormatsAreNamed() {
    func message(_ bytes: [UInt8]) -> String {
        do { _ = try ImageDecoder.format(of: bytes); return "" } catch { return "\(error)" }
    }
    let avif: [UInt8] = [0, 0, 0, 0x1C] + Array("ftypavif".utf8) + [0, 0, 0, 0] + Array("avifmif1miaf".utf8)
    #expect(message(avif).hasPrefix("AVIF image: this format is not supported"))
    let heic: [UInt8] = [0, 0, 0, 0x18] + Array("ftypheic".utf8) + [0, 0, 0, 0] + Array("mif1heic".utf8)
    #expect(message(heic).hasPrefix("HEIC/HEIF image"))
    #expect(message(Array("8BPS\u{0}\u{1}".utf8)).hasPrefix("Photoshop (PSD) image"))
    #expect(message([0x12, 0x34, 0x56, 0x78]).contains("starts with bytes 12 34 56 78"))
}
