import Foundation
import Imaging
import Testing
@testable import TerminalUI

/// The symbol mode: glyph choice per cell and the fidelity of the whole picture.
@Suite struct SymbolCellsTests {
    typealias Cells = [(glyph: String, fg: (UInt8, UInt8, UInt8), bg: (UInt8, UInt8, UInt8))]

    /// One cell's 2 x 12 samples: `on(col, row)` says which are white (the rest black).
    func cell(_ on: (Int, Int) -> Bool) -> RGBAImage {
        var img = RGBAImage(width: 2, height: 12, fill: RGBA(0, 0, 0))
        for y in 0..<12 { for x in 0..<2 where on(x, y) { img[x, y] = RGBA(255, 255, 255) } }
        return img
    }

    @Test func eachShapeGetsItsGlyphAndExactColours() throws {
        let cases: [((Int, Int) -> Bool, [String])] = [
            ({ x, _ in x == 0 }, ["▌", "▐"]),
            ({ _, y in y < 6 }, ["▀", "▄"]),
            ({ x, y in x == 1 && y >= 6 }, ["▗", "▛"]),
            ({ x, y in x == 0 && y < 4 }, ["\u{1FB00}", "\u{1FB3B}"]),          // sextant 1 / 23456
            ({ x, y in y >= 4 && y < 8 }, ["\u{1FB0B}", "\u{1FB2F}"]),          // sextant 34 / 1256
        ]
        for (on, glyphs) in cases {
            let c = try #require(SymbolCells.cells(cell(on), columns: 1, rows: 1, set: .sextants).first)
            #expect(glyphs.contains(c.glyph), "got \(c.glyph) for \(glyphs)")
            let white: (UInt8, UInt8, UInt8) = (255, 255, 255), black: (UInt8, UInt8, UInt8) = (0, 0, 0)
            #expect((c.fg == white && c.bg == black) || (c.fg == black && c.bg == white))
            // Drawn back, the cell is the samples exactly.
            #expect(SymbolCells.raster([c], columns: 1, rows: 1) == cell(on))
        }
        // Half blocks alone cannot split left from right: the best is an average.
        let h = try #require(SymbolCells.cells(cell { x, _ in x == 0 }, columns: 1, rows: 1, set: .halves).first)
        #expect(h.glyph == "▀" && h.fg.0 > 100 && h.fg.0 < 150)
    }

    /// PSNR of cells against the picture sampled at the same grid.
    func psnr(_ img: RGBAImage, columns: Int, rows: Int, set: SymbolSet) -> Double {
        let truth = img.resampled(width: columns * 2, height: rows * 12)
        let cells = SymbolCells.cells(truth, columns: columns, rows: rows, set: set)
        return SymbolCells.psnr(SymbolCells.raster(cells, columns: columns, rows: rows), truth)
    }

    static var sampleImage: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Samples/images/clevr-show-01.png").path
    }

    @Test func sextantsAreSharperThanHalfBlocks() throws {
        for img in [photoLike(width: 640, height: 400), try ImageDecoder.decodeFile(atPath: Self.sampleImage)] {
            let halves = psnr(img, columns: 60, rows: 20, set: .halves)
            let quads = psnr(img, columns: 60, rows: 20, set: .quadrants)
            let sext = psnr(img, columns: 60, rows: 20, set: .sextants)
            #expect(quads > halves && sext > quads, "halves \(halves) quadrants \(quads) sextants \(sext)")
            #expect(sext > 24, "sextants \(sext) dB")
        }
    }

    /// chafa's own cells for the same picture, sampled on the same grid.
    func chafaCells(_ path: String, columns: Int, rows: Int) throws -> Cells? {
        let tool = "/usr/bin/chafa"
        guard FileManager.default.isExecutableFile(atPath: tool) else { return nil }
        let p = Process(), out = Pipe()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = ["-f", "symbols", "-c", "full", "--symbols", "space+solid+half+quad+sextant", "--stretch",
                       "--size", "\(columns)x\(rows)", "-O", "0", "--animate", "off", "--polite", "on", path]
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return parseANSI(String(decoding: data, as: UTF8.self))
    }

    /// Cells from SGR 24-bit colour text (codes 0, 7, 27, 38;2, 48;2, 39, 49).
    func parseANSI(_ s: String) -> Cells {
        var cells: Cells = []
        var fg: (UInt8, UInt8, UInt8) = (255, 255, 255), bg: (UInt8, UInt8, UInt8) = (0, 0, 0), inverse = false
        var it = Array(s.unicodeScalars)[...]
        while let c = it.first {
            it = it.dropFirst()
            if c == "\u{1B}" {
                guard it.first == "[" else { continue }
                it = it.dropFirst()
                var params = ""
                while let d = it.first, !(d.value >= 0x40 && d.value <= 0x7E) { params.unicodeScalars.append(d); it = it.dropFirst() }
                let final = it.first; it = it.dropFirst()
                guard final == "m" else { continue }
                let n = params.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }
                var i = 0
                while i < n.count {
                    switch n[i] {
                    case 0: inverse = false; fg = (255, 255, 255); bg = (0, 0, 0)
                    case 7: inverse = true
                    case 27: inverse = false
                    case 38 where i + 4 < n.count: fg = (UInt8(n[i + 2]), UInt8(n[i + 3]), UInt8(n[i + 4])); i += 4
                    case 48 where i + 4 < n.count: bg = (UInt8(n[i + 2]), UInt8(n[i + 3]), UInt8(n[i + 4])); i += 4
                    default: break
                    }
                    i += 1
                }
            } else if c != "\n" && c != "\r" {
                cells.append((String(Character(c)), inverse ? bg : fg, inverse ? fg : bg))
            }
        }
        return cells
    }

    /// The bundled sample, plus any photos listed (colon-separated) in
    /// SCENELENS_HELDOUT_PHOTOS: BENCHMARKS.md's figures come from this test.
    @Test func symbolModeIsAtLeastAsFaithfulAsChafaAtTheSameCellCount() throws {
        let extra = ProcessInfo.processInfo.environment["SCENELENS_HELDOUT_PHOTOS"]?.split(separator: ":").map(String.init) ?? []
        for path in [Self.sampleImage] + extra {
            for (cols, rows) in [(60, 20), (100, 40)] {
                let img = try ImageDecoder.decodeFile(atPath: path)
                guard let theirs = try chafaCells(path, columns: cols, rows: rows) else {
                    Issue.record("chafa is not installed (.ci/run installs it)"); return
                }
                try #require(theirs.count == cols * rows, "chafa gave \(theirs.count) cells")
                #expect(theirs.allSatisfy { SymbolCells.masks[$0.glyph] != nil }, "every chafa glyph is one we can draw back")
                let truth = img.resampled(width: cols * 2, height: rows * 12)
                let chafa = SymbolCells.psnr(SymbolCells.raster(theirs, columns: cols, rows: rows), truth)
                let ours = psnr(img, columns: cols, rows: rows, set: .sextants)
                let halves = psnr(img, columns: cols, rows: rows, set: .halves)
                print(String(format: "PSNR %@ %dx%d: symbols %.2f dB, chafa %.2f dB, half blocks %.2f dB",
                             (path as NSString).lastPathComponent, cols, rows, ours, chafa, halves))
                #expect(ours >= chafa, "\(path): ours \(ours) dB, chafa \(chafa) dB")
            }
        }
    }
}
