import CZlib
import Testing
@testable import Imaging

/// The zlib wrapper around PNG image data is read by SceneLens (header and
/// Adler-32), so it must behave as zlib did: across IDAT chunk boundaries,
/// and with zlib's messages for every broken header or checksum.
@Suite struct ZlibStreamTests {
    /// A 7x3 RGB PNG whose zlib stream is `stream`, cut into IDAT chunks of `split` bytes.
    func png(stream: [UInt8], split: Int) -> [UInt8] {
        rgbPNG(width: 7, height: 3, stream: stream, split: split)
    }

    let raw: [UInt8] = (0..<(3 * (1 + 7 * 3))).map { i in i % 22 == 0 ? 0 : UInt8(truncatingIfNeeded: i &* 37) }
    var expected: RGBAImage {
        var img = RGBAImage(width: 7, height: 3, fill: RGBA(0, 0, 0))
        for y in 0..<3 { for x in 0..<7 {
            let s = y * 22 + 1 + x * 3
            img[x, y] = RGBA(raw[s], raw[s + 1], raw[s + 2])
        } }
        return img
    }

    func message(_ bytes: [UInt8]) -> String? {
        do { _ = try ImageDecoder.decode(bytes); return nil } catch let e as ImageError { return e.message } catch { return "\(error)" }
    }

    @Test(arguments: [1, 2, 3, 5, 1000])
    func headerAndChecksumMayBeSplitAcrossChunks(split: Int) throws {
        #expect(try ImageDecoder.decode(png(stream: PNGEncoder.deflate(raw), split: split)) == expected)
    }

    @Test(arguments: [1, 4, 1000])
    func aWrongChecksumIsReportedAsZlibDid(split: Int) {
        var z = PNGEncoder.deflate(raw)
        z[z.count - 1] ^= 1
        #expect(message(png(stream: z, split: split)) == "PNG image data: corrupt zlib data (incorrect data check)")
    }

    @Test func brokenHeadersAreReportedAsZlibDid() {
        let z = PNGEncoder.deflate(raw)
        /// The stream with another header (FCHECK fixed up unless `keepCheck`).
        func with(cmf: UInt8, flg: UInt8, keepCheck: Bool = false) -> [UInt8] {
            var f = flg & 0xE0
            if !keepCheck { while (UInt16(cmf) << 8 | UInt16(f)) % 31 != 0 { f += 1 } } else { f = flg }
            return png(stream: [cmf, f] + z.dropFirst(2), split: 1000)
        }
        #expect(message(with(cmf: z[0], flg: z[1] ^ 1, keepCheck: true)) == "PNG image data: corrupt zlib data (incorrect header check)")
        #expect(message(with(cmf: 0x77, flg: 0)) == "PNG image data: corrupt zlib data (unknown compression method)")
        #expect(message(with(cmf: 0x88, flg: 0)) == "PNG image data: corrupt zlib data (invalid window size)")
        #expect(message(with(cmf: 0x78, flg: 0x20)) == "PNG image data: zlib stream asks for a preset dictionary, which PNG does not allow")
    }

    @Test func aMissingChecksumIsTruncation() {
        let z = PNGEncoder.deflate(raw)
        #expect(message(png(stream: Array(z.dropLast(2)), split: 1000))
                == "PNG image data is truncated: the zlib stream does not end (its checksum is missing)")
    }

    @Test func simdAdler32AgreesWithZlib() {
        var state: UInt32 = 5
        let data: [UInt8] = (0..<200_003).map { _ in state = state &* 1_664_525 &+ 1_013_904_223; return UInt8(truncatingIfNeeded: state >> 24) }
        for (size, pieces) in [(0, 1), (1, 1), (15, 1), (16, 1), (17, 2), (352, 3), (16_384, 1), (16_391, 4), (200_003, 7)] {
            var mine = Adler32()
            data.withUnsafeBufferPointer { buf in
                guard let base = buf.baseAddress else { return }
                var at = 0
                for k in 0..<pieces {
                    let end = size * (k + 1) / pieces
                    mine.update(base + at, count: end - at)
                    at = end
                }
            }
            let zlib = data.withUnsafeBufferPointer { UInt32(adler32(1, $0.baseAddress, uInt(size))) }
            #expect(mine.value == zlib, "\(size) bytes in \(pieces) pieces")
        }
        // All 0xFF: the largest lane sums.
        let ones = [UInt8](repeating: 0xFF, count: 1 << 20)
        var mine = Adler32()
        ones.withUnsafeBufferPointer { if let b = $0.baseAddress { mine.update(b, count: $0.count) } }
        #expect(mine.value == ones.withUnsafeBufferPointer { UInt32(adler32(1, $0.baseAddress, uInt($0.count))) })
    }
}
