import Testing
@testable import Imaging

/// Images of at least `PNGDecoder.pipelineMinimum` inflated bytes are
/// inflated on a second thread while rows are unfiltered and converted:
/// they must decode exactly as small ones do, with every filter type, any
/// IDAT split, and the same message for every kind of damage, the
/// inflater's own first.
@Suite struct PipelinedDecodeTests {
    /// A PNG of `width`x`height` pixels of colour type `colorType` (8 bits)
    /// whose raw rows are `pixels` filtered with types 0 to 4 in turn (or
    /// `filters` per row), compressed and cut into IDAT chunks of `split`
    /// bytes, with `palette` before the data for colour type 3.
    struct Picture: Sendable {
        var width: Int, height: Int, colorType: UInt8
        var channels: Int { [0: 1, 2: 3, 3: 1, 4: 2, 6: 4][Int(colorType)] ?? 1 }
        var pixels: [UInt8]
        var palette: [UInt8] = []
        var filters: @Sendable (Int) -> UInt8 = { UInt8($0 % 5) }

        init(width: Int, height: Int, colorType: UInt8, seed: UInt32, smooth: Bool = true) {
            self.width = width; self.height = height; self.colorType = colorType
            var state = seed
            let n = [0: 1, 2: 3, 3: 1, 4: 2, 6: 4][Int(colorType)] ?? 1
            pixels = (0..<(width * height * n)).map { i in
                state = state &* 1_664_525 &+ 1_013_904_223
                // Gradients with noise compress like photos; pure noise does not.
                let x = (i / n) % width, y = i / n / width
                let base = smooth ? (x + y * 3 + (i % n) * 40) : 0
                return UInt8(truncatingIfNeeded: base + Int(state >> 29))
            }
        }

        /// The filtered scanlines: each row's filter byte, then the row
        /// filtered against the original row above (a forward filter written
        /// here, independent of the decoder's unfiltering).
        func raw() -> [UInt8] {
            let bpp = channels, stride = width * channels
            var out = [UInt8]()
            out.reserveCapacity(height * (stride + 1))
            for y in 0..<height {
                let f = filters(y)
                out.append(f)
                for i in 0..<stride {
                    let x = Int(pixels[y * stride + i])
                    let a = i >= bpp ? Int(pixels[y * stride + i - bpp]) : 0
                    let b = y > 0 ? Int(pixels[(y - 1) * stride + i]) : 0
                    let c = i >= bpp && y > 0 ? Int(pixels[(y - 1) * stride + i - bpp]) : 0
                    let predicted: Int
                    switch f {
                    case 1: predicted = a
                    case 2: predicted = b
                    case 3: predicted = (a + b) / 2
                    case 4:
                        let p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
                        predicted = pa <= pb && pa <= pc ? a : (pb <= pc ? b : c)
                    default: predicted = 0
                    }
                    out.append(UInt8(truncatingIfNeeded: x - predicted))
                }
            }
            return out
        }

        /// The file, from `stream` (the compressed `raw()` unless given).
        func png(split: Int, stream: [UInt8]? = nil, dropIEND: Bool = false,
                 damageChunk: Int? = nil) -> [UInt8] {
            var out: [UInt8] = PNGDecoder.signature
            var ihdr = [UInt8]()
            ihdr.appendBigEndian(UInt32(width)); ihdr.appendBigEndian(UInt32(height))
            ihdr += [8, colorType, 0, 0, 0]
            PNGEncoder.appendChunk("IHDR", ihdr, to: &out)
            if colorType == 3 { PNGEncoder.appendChunk("PLTE", palette, to: &out) }
            let z = stream ?? PNGEncoder.deflate(raw())
            var at = 0, index = 0
            while at < z.count {
                PNGEncoder.appendChunk("IDAT", Array(z[at..<min(at + split, z.count)]), to: &out)
                if index == damageChunk { out[out.count - 1] ^= 0xFF }  // its CRC
                at += split
                index += 1
            }
            if !dropIEND { PNGEncoder.appendChunk("IEND", [], to: &out) }
            return out
        }

        /// What the decoder should make of the pixels.
        func expected() -> RGBAImage {
            var img = RGBAImage(width: width, height: height, fill: RGBA(0, 0, 0))
            for y in 0..<height { for x in 0..<width {
                let s = (y * width + x) * channels
                let p = pixels
                switch colorType {
                case 0: img[x, y] = RGBA(p[s], p[s], p[s])
                case 2: img[x, y] = RGBA(p[s], p[s + 1], p[s + 2])
                case 3:
                    let e = Int(p[s]) * 3
                    img[x, y] = RGBA(palette[e], palette[e + 1], palette[e + 2])
                case 4: img[x, y] = RGBA(p[s], p[s], p[s], p[s + 1])
                default: img[x, y] = RGBA(p[s], p[s + 1], p[s + 2], p[s + 3])
                }
            } }
            return img
        }

        var inflatedSize: Int { height * (width * channels + 1) }
    }

    func message(_ bytes: [UInt8]) -> String? {
        do { _ = try ImageDecoder.decode(bytes); return nil } catch let e as ImageError { return e.message } catch { return "\(error)" }
    }

    static let rgb = Picture(width: 700, height: 400, colorType: 2, seed: 1)

    @Test(arguments: [
        (2 as UInt8, 700, 400), (6, 520, 400), (0, 1500, 400), (4, 1000, 300), (3, 1300, 450),
    ])
    func largeImagesOfEveryColourTypeDecodeExactly(colorType: UInt8, width: Int, height: Int) throws {
        var picture = Picture(width: width, height: height, colorType: colorType, seed: UInt32(width))
        if colorType == 3 {
            picture.palette = (0..<768).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
        }
        #expect(picture.inflatedSize >= PNGDecoder.pipelineMinimum)
        for split in [8192, 1 << 30] {
            #expect(try ImageDecoder.decode(picture.png(split: split), rendition: .stored) == picture.expected(), "split \(split)")
        }
    }

    @Test func aStreamInOneChunkOrInTinyChunksDecodesTheSame() throws {
        // One IDAT holding everything gives zlib a single call's worth of
        // input: the inflater must still report rows as it makes them.
        let picture = Self.rgb
        let expected = picture.expected()
        for split in [1 << 30, 64 << 10, 997] {
            #expect(try ImageDecoder.decode(picture.png(split: split)) == expected, "split \(split)")
        }
    }

    @Test func aBadFilterLateInALargeImageNamesItsRow() {
        var picture = Self.rgb
        picture.filters = { y in y == 371 ? 9 : UInt8(y % 5) }
        #expect(message(picture.png(split: 8192)) == "PNG image data: row 371 has unknown filter type 9 (must be 0 to 4)")
    }

    @Test func theInflatersErrorComesBeforeARowsError() {
        // Row 2 has a bad filter, which the converting thread meets early;
        // a later IDAT chunk fails its CRC. As when inflating came first,
        // the damaged chunk is what is reported.
        var picture = Self.rgb
        picture.filters = { y in y == 2 ? 7 : UInt8(y % 5) }
        let z = PNGEncoder.deflate(picture.raw())
        let chunks = (z.count + 8191) / 8192
        let text = message(picture.png(split: 8192, damageChunk: chunks - 1))
        #expect(text?.hasPrefix("PNG chunk IDAT: CRC mismatch") == true, "\(text ?? "decoded")")
    }

    @Test func truncatedAndDamagedLargeImagesSayWhat() {
        let picture = Self.rgb
        let z = PNGEncoder.deflate(picture.raw())
        // Half the stream: the converter waits for rows that never come.
        #expect(message(picture.png(split: 8192, stream: Array(z.prefix(z.count / 2))))?
            .hasPrefix("PNG image data is truncated: it inflates to ") == true)
        // Every row arrives, then the file ends without IEND.
        #expect(message(picture.png(split: 8192, dropIEND: true)) == "PNG file is truncated: it ends without an IEND chunk")
        // A wrong checksum is found only after the last row is made.
        var badSum = z
        badSum[badSum.count - 1] ^= 1
        #expect(message(picture.png(split: 8192, stream: badSum)) == "PNG image data: corrupt zlib data (incorrect data check)")
        // Garbage in the middle of the deflate data.
        var garbage = z
        for i in (z.count / 2)..<(z.count / 2 + 64) { garbage[i] = 0xFF }
        #expect(message(picture.png(split: 8192, stream: garbage))?.hasPrefix("PNG image data: corrupt zlib data (") == true)
    }

    @Test func aPaletteIndexPastTheEndInALargeImageIsNamed() {
        var picture = Picture(width: 1300, height: 450, colorType: 3, seed: 5, smooth: false)
        picture.pixels = picture.pixels.map { $0 % 200 }
        picture.pixels[430 * 1300 + 17] = 250
        picture.palette = (0..<600).map { UInt8(truncatingIfNeeded: $0) }
        #expect(message(picture.png(split: 8192)) == "PNG image data: row 430 uses a palette index past the end of the 200-entry palette")
    }

    @Test func decodingOnManyThreadsAtOnceGivesTheSameImages() async throws {
        // The inspector decodes on background queues; each decode's own
        // worker thread must not be confused with another's.
        let bytes = Self.rgb.png(split: 8192)
        let expected = Self.rgb.expected()
        let results = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 { group.addTask { try ImageDecoder.decode(bytes) == expected } }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results == Array(repeating: true, count: 8))
    }
}
