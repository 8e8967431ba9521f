import Foundation
import Imaging
import Testing
@testable import TerminalUI

/// The pixel protocols' bytes, read back by independent decoders.
@Suite struct GraphicsEncoderTests {
    @Test func base64MatchesTheRFCVectorsAndRoundTrips() {
        let vectors = ["": "", "f": "Zg==", "fo": "Zm8=", "foo": "Zm9v", "foob": "Zm9vYg==", "fooba": "Zm9vYmE=", "foobar": "Zm9vYmFy"]
        for (plain, coded) in vectors {
            #expect(String(decoding: Base64.encode(Array(plain.utf8)), as: UTF8.self) == coded)
            #expect(Base64.decode(Array(coded.utf8)) == Array(plain.utf8))
        }
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ $0 >> 3) }
        #expect(Base64.decode(Base64.encode(bytes)) == bytes)
        #expect(Base64.decode(Array("ab$d".utf8)) == nil)
    }

    @Test func kittyRGBPayloadDecodesToTheImagePixels() throws {
        let img = photoLike(width: 97, height: 61)
        let s = KittyGraphics.transmit(img, id: 7, format: .rgb, placement: .placeholder(columns: 10, rows: 4))
        let cmds = try #require(kittyCommands(s))
        #expect(cmds.count > 1, "a 17 kB image is sent in several chunks")
        let first = cmds[0].keys
        #expect(first["a"] == "T" && first["U"] == "1" && first["f"] == "24" && first["o"] == "z")
        #expect(first["s"] == "97" && first["v"] == "61" && first["i"] == "7" && first["q"] == "2")
        #expect(first["c"] == "10" && first["r"] == "4")
        for (k, c) in cmds.enumerated() {
            #expect(c.keys["m"] == (k == cmds.count - 1 ? "0" : "1"))
            if k > 0 { #expect(c.keys.count == 1, "later chunks carry only m") }
            if k < cmds.count - 1 { #expect(c.payload.count % 4 == 0 && c.payload.count <= 4096) }
        }
        let zlib = try #require(Base64.decode(Array(cmds.map(\.payload).joined().utf8)))
        let rgb = try #require(inflate(zlib, expected: 97 * 61 * 3))
        for i in 0..<(97 * 61) {
            #expect(Array(rgb[i * 3..<i * 3 + 3]) == Array(img.pixels[i * 4..<i * 4 + 3]))
            if rgb[i * 3] != img.pixels[i * 4] { break }
        }
    }

    @Test func kittyRawPayloadIsTheImagePixelsAsRGB() throws {
        let img = photoLike(width: 97, height: 61)
        let s = KittyGraphics.transmit(img, id: 9, format: .raw, placement: .cursor(columns: 10, rows: 4))
        let cmds = try #require(kittyCommands(s))
        let first = cmds[0].keys
        #expect(first["f"] == "24" && first["o"] == nil && first["s"] == "97" && first["v"] == "61" && first["i"] == "9")
        for (k, c) in cmds.enumerated() where k < cmds.count - 1 {
            #expect(c.payload.count % 4 == 0 && c.payload.count <= 4096 && c.keys["m"] == "1")
        }
        let rgb = try #require(Base64.decode(Array(cmds.map(\.payload).joined().utf8)))
        #expect(rgb.count == 97 * 61 * 3)
        var expected = [UInt8]()
        for i in 0..<(97 * 61) { expected += img.pixels[i * 4..<i * 4 + 3] }
        #expect(rgb == expected)
        // The default outside tmux is raw, inside tmux zlib.
        let plain = try #require(kittyCommands(GraphicsMode.kitty.encode(img, columns: 10, rows: 4) ?? ""))
        #expect(plain[0].keys["o"] == nil && plain[0].keys["f"] == "24")
        let viaTmux = KittyGraphics.tmuxPassthrough(KittyGraphics.transmit(img, id: 1, format: .rgb, placement: .cursor(columns: 10, rows: 4)))
        #expect(GraphicsMode.kitty.encode(img, columns: 10, rows: 4, tmux: true) == viaTmux)
    }

    @Test func kittyPNGPayloadDecodesToTheImage() throws {
        let img = photoLike(width: 40, height: 30)
        let s = KittyGraphics.transmit(img, id: 300, format: .png, placement: .cursor(columns: 4, rows: 2), chunkSize: 1000)
        let cmds = try #require(kittyCommands(s))
        #expect(cmds[0].keys["f"] == "100" && cmds[0].keys["a"] == "T" && cmds[0].keys["U"] == nil)
        let png = try #require(Base64.decode(Array(cmds.map(\.payload).joined().utf8)))
        #expect(try ImageDecoder.decode(png) == img)
    }

    @Test func placeholderCellsCarryRowColumnAndTheIDColour() {
        #expect(KittyGraphics.placeholder(row: 0, column: 0) == "\u{10EEEE}\u{0305}\u{0305}")
        #expect(KittyGraphics.placeholder(row: 2, column: 1) == "\u{10EEEE}\u{030E}\u{030D}")
        #expect(KittyGraphics.placeholder(row: 297, column: 0) == nil)
        var buf = Buffer(width: 6, height: 3)
        KittyGraphics.drawPlaceholders(id: 42, in: Rect(x: 1, y: 1, width: 3, height: 2), buffer: &buf)
        #expect(buf[1, 1].symbol == "\u{10EEEE}\u{0305}\u{0305}" && buf[1, 1].fg == .indexed(42))
        #expect(buf[3, 2].symbol == "\u{10EEEE}\u{030D}\u{030E}")
        #expect(buf[0, 0] == Cell.blank && buf[4, 1] == Cell.blank)
        // One terminal column each, and the writer passes them through with the id colour.
        #expect(DisplayWidth.of(Character(buf[1, 1].symbol)) == 1)
        let text = ANSIWriter.render(buf, depth: .ansi256)
        #expect(text.contains("\u{1B}[38;5;42m\u{10EEEE}\u{0305}\u{0305}"))
        // Ids past 255 go in 24-bit colour.
        #expect(KittyGraphics.idColor(0x01_02_03_04) == .rgb(2, 3, 4))
    }

    @Test func tmuxPassthroughDoublesEscapesAndWrapsEachCommand() {
        let s = KittyGraphics.transmit(RGBAImage(width: 50, height: 50, fill: RGBA(1, 2, 3)), id: 1, format: .rgb,
                                       placement: .cursor(columns: 5, rows: 5), chunkSize: 16)
        let wrapped = KittyGraphics.tmuxPassthrough(s)
        let pieces = wrapped.components(separatedBy: "\u{1B}Ptmux;").dropFirst()
        #expect(pieces.count == kittyCommands(s)?.count)
        var unwrapped = ""
        for p in pieces {
            #expect(p.hasSuffix("\u{1B}\\"))
            let body = String(p.dropLast(2))
            #expect(!body.replacingOccurrences(of: "\u{1B}\u{1B}", with: "").contains("\u{1B}"), "no lone ESC inside")
            unwrapped += body.replacingOccurrences(of: "\u{1B}\u{1B}", with: "\u{1B}")
        }
        #expect(unwrapped == s)
    }

    @Test func sixelOfAFewColoursDecodesExactlyUpToPercentRounding() throws {
        var img = RGBAImage(width: 23, height: 17, fill: RGBA(200, 30, 40))
        for y in 0..<17 { for x in 0..<23 where (x + 2 * y) % 5 == 0 { img[x, y] = RGBA(10, 250, 128) } }
        for y in 5..<9 { for x in 3..<20 { img[x, y] = RGBA(0, 0, 255) } }
        let s = Sixel.encode(img)
        #expect(s.hasPrefix("\u{1B}P0;1;0q\"1;1;23;17") && s.hasSuffix("\u{1B}\\"))
        let back = try #require(decodeSixel(s))
        #expect(back.width == 23 && back.height == 17)
        // Registers are in percent: at most 255/200 of a level off, and every pixel set.
        #expect(channelError(back, img).max <= 2)
        #expect(!(0..<(23 * 17)).contains { back.pixels[$0 * 4 + 3] == 0 })
        #expect(s.contains("!"), "runs are run-length coded")
    }

    @Test func sixelOfAPhotoStaysWithinThePaletteError() throws {
        let img = photoLike(width: 160, height: 100)
        let q = PaletteQuantizer(img, maxColors: 256)
        #expect(q.palette.count <= 256 && q.palette.count > 64)
        var mapped = img
        for i in 0..<(160 * 100) {
            let c = q.palette[Int(q.indices[i])]
            mapped.pixels[i * 4] = c.r; mapped.pixels[i * 4 + 1] = c.g; mapped.pixels[i * 4 + 2] = c.b
        }
        // The quantiser alone: a 256-colour palette of this picture is above 35 dB.
        #expect(SymbolCells.psnr(mapped, img) > 35)
        let back = try #require(decodeSixel(Sixel.encode(img)))
        #expect(channelError(back, mapped).max <= 2, "the terminal shows the palette colours")
        #expect(channelError(back, img).mean < 3)
    }

    @Test func libsixelDecodesTheSixelToTheSamePixels() throws {
        let tool = "/usr/bin/sixel2png"
        guard FileManager.default.isExecutableFile(atPath: tool) else {
            Issue.record("libsixel-bin is not installed (.ci/run installs it): sixel2png missing"); return
        }
        let img = photoLike(width: 120, height: 75)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sixel-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let six = dir.appendingPathComponent("a.six"), png = dir.appendingPathComponent("a.png")
        try Data(Sixel.encode(img).utf8).write(to: six)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = ["-i", six.path, "-o", png.path]
        try p.run(); p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let decoded = try ImageDecoder.decodeFile(atPath: png.path)
        #expect(decoded.width == 120 && decoded.height == 75)
        let mine = try #require(decodeSixel(Sixel.encode(img)))
        #expect(channelError(decoded, mine).max <= 2)
        #expect(channelError(decoded, img).mean < 3)
    }

    @Test func itermPayloadIsThePNGOfTheImage() throws {
        let img = photoLike(width: 30, height: 20)
        let s = ITermImage.encode(img, columns: 6, rows: 3)
        #expect(s.hasPrefix("\u{1B}]1337;File=inline=1;") && s.hasSuffix("\u{07}"))
        #expect(s.contains(";width=6;height=3;"))
        let b64 = try #require(s.split(separator: ":").last).dropLast()
        let png = try #require(Base64.decode(Array(b64.utf8)))
        #expect(try ImageDecoder.decode(png) == img)
    }

    @Test func theEightWideNearestSearchAnswersAsTheOneByOneSearch() {
        // Palettes of every length around the groups of eight, with repeated
        // entries so ties must go to the first, as the scalar search does.
        var rng = SystemRandomNumberGenerator()
        for count in [1, 2, 7, 8, 9, 17, 64, 255, 256] {
            var pal = (0..<count).map { _ in SIMD3<Float>(Float.random(in: 0...255, using: &rng), Float.random(in: 0...255, using: &rng),
                                                           Float.random(in: 0...255, using: &rng)) }
            if count > 4 { pal[count - 1] = pal[1]; pal[count / 2] = pal[2] }
            let search = PaletteQuantizer.NearestSearch(pal)
            for _ in 0..<500 {
                let c = SIMD3<Float>(Float.random(in: 0...255, using: &rng), Float.random(in: 0...255, using: &rng),
                                     Float.random(in: 0...255, using: &rng))
                #expect(search.nearest(c) == PaletteQuantizer.nearest(c, pal), "\(count) colours")
            }
            for c in pal { #expect(search.nearest(c) == PaletteQuantizer.nearest(c, pal)) }
        }
    }
}
