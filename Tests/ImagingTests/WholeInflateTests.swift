import Testing
@testable import Imaging

/// PNG image data is inflated in one call by libdeflate when the whole
/// stream is in memory, with zlib's streaming path as the fallback that
/// owns every error message. Both must give the same pixels, and a broken
/// file the same message, whichever path is taken first.
@Suite struct WholeInflateTests {
    enum Outcome: Equatable { case image(RGBAImage), error(String) }

    func decode(_ bytes: [UInt8], whole: Bool) -> Outcome {
        do {
            return .image(try bytes.withUnsafeBufferPointer {
                try PNGDecoder.decode($0, maxPixels: 1 << 26, wholeInflate: whole).image
            })
        } catch let e as ImageError {
            return .error(e.message)
        } catch {
            return .error("\(error)")
        }
    }

    static let pngFixtures = FixtureManifest.shared.valid.map(\.file).filter { $0.hasSuffix(".png") }
    static let brokenPNGs = FixtureManifest.shared.broken.map(\.file).filter { $0.hasSuffix(".png") }

    @Test func thereAreFixturesToCompare() {
        #expect(Self.pngFixtures.count > 40 && Self.brokenPNGs.count > 20)
    }

    @Test(arguments: pngFixtures)
    func libdeflateGivesTheSamePixelsAsZlib(file: String) throws {
        let bytes = try Fixtures.bytes(file)
        let fast = decode(bytes, whole: true), stream = decode(bytes, whole: false)
        #expect(fast == stream)
        if case .error(let m) = fast { Issue.record("a valid fixture failed: \(m)") }
    }

    @Test(arguments: brokenPNGs)
    func aBrokenFileIsReportedTheSameWhicheverPathRunsFirst(file: String) throws {
        let bytes = try Fixtures.bytes(file)
        #expect(decode(bytes, whole: true) == decode(bytes, whole: false))
    }

    /// A photo-like PNG of several IDAT chunks (the data is gathered) and of
    /// one (used in place), and the same with one deflate byte flipped in the
    /// middle (the CRC fixed up, so only the stream is wrong).
    @Test(arguments: [1 << 12, 1 << 24])
    func bigImagesAgreeAndACorruptStreamKeepsZlibsMessage(split: Int) throws {
        var img = RGBAImage(width: 300, height: 200, fill: RGBA(0, 0, 0))
        var state: UInt32 = 9
        for y in 0..<200 { for x in 0..<300 {
            state = state &* 1_664_525 &+ 1_013_904_223
            let n = UInt8(truncatingIfNeeded: state >> 28)
            img[x, y] = RGBA(UInt8(truncatingIfNeeded: x) &+ n, UInt8(truncatingIfNeeded: y * 2) &+ n, UInt8(truncatingIfNeeded: x ^ y))
        } }
        var raw = [UInt8]()
        for y in 0..<200 {
            raw.append(0)
            for x in 0..<300 { raw += [img[x, y].r, img[x, y].g, img[x, y].b] }
        }
        let z = PNGEncoder.deflate(raw)
        func png(_ stream: [UInt8]) -> [UInt8] { rgbPNG(width: 300, height: 200, stream: stream, split: split) }
        let good = png(z)
        #expect(decode(good, whole: true) == .image(img))
        #expect(decode(good, whole: false) == .image(img))
        var broken = z
        broken[z.count / 2] ^= 0x5A
        let fast = decode(png(broken), whole: true)
        #expect(fast == decode(png(broken), whole: false))
        guard case .error(let message) = fast else { Issue.record("a flipped byte was not noticed"); return }
        #expect(message.hasPrefix("PNG image data"), "\(message)")
        // Data past what the header needs (tolerated up to 1 MiB, as libpng does).
        let longer = PNGEncoder.deflate(raw + [UInt8](repeating: 0, count: 601))
        #expect(decode(png(longer), whole: true) == .image(img))
    }
}
