import Testing
import Foundation
import Imaging
@testable import SceneData

@Suite struct NPYTests {
    let expected: [Float] = [0, 0.5, 1.0, 2.0, 3.5, -1.0]

    @Test(arguments: ["npy/grid_f4.npy", "npy/grid_f8.npy", "npy/grid_f2.npy", "npy/grid_f4_v2.npy", "npy/grid_f4_v3.npy"])
    func readsFloatGrids(name: String) throws {
        let path = try fixture(name)
        let grid = try NPYReader.read(Dataset.readFile(path), file: path)
        #expect(grid.rows == 2 && grid.cols == 3)
        #expect(grid.values == expected)
        #expect(grid[1, 1] == 3.5)
    }

    @Test func readsUInt8() throws {
        let path = try fixture("npy/grid_u1.npy")
        let grid = try NPYReader.read(Dataset.readFile(path), file: path)
        #expect(grid.values == [0, 128, 255, 1, 2, 3])
    }

    @Test func fortranOrderIsRejectedNamingFileAndDtype() throws {
        let path = try fixture("npy/fortran_f4.npy")
        do {
            _ = try NPYReader.read(Dataset.readFile(path), file: path)
            Issue.record("no error")
        } catch let e as NPYError {
            #expect(e.description.hasPrefix(path))
            #expect(e.message.contains("Fortran order"))
            #expect(e.message.contains("<f4"))
        }
    }

    @Test func otherDtypesAndShapesAreRejected() throws {
        let ints = try fixture("npy/int64.npy")
        #expect { try NPYReader.read(Dataset.readFile(ints), file: ints) } throws: { e in
            "\(e)".contains("unsupported dtype '<i8'") && "\(e)".hasPrefix(ints)
        }
        let cube = try fixture("npy/cube_3d.npy")
        #expect { try NPYReader.read(Dataset.readFile(cube), file: cube) } throws: { e in "\(e)".contains("2-D") }
    }

    @Test func truncatedAndGarbageFilesAreErrors() throws {
        var bytes = try Dataset.readFile(fixture("npy/grid_f8.npy"))
        bytes.removeLast(5)
        #expect { try NPYReader.read(bytes, file: "t.npy") } throws: { e in "\(e)".contains("truncated") }
        #expect(throws: NPYError.self) { try NPYReader.read(Array("hello world".utf8), file: "t.npy") }
        #expect(throws: NPYError.self) { try NPYReader.read(Array(bytes.prefix(12)), file: "t.npy") }
    }
}

@Suite struct AttentionTests {
    func attention(_ maps: [[String: Any]], files: [String: [UInt8]] = [:]) throws -> ParsedItem {
        let t = try TempDataset(lines: [line(itemObject(["attention": maps]))], files: files)
        return try t.open().item(at: 0)
    }

    @Test func inlineFlatAndNestedValues() throws {
        let p = try attention([
            ["label": "focus", "rows": 2, "cols": 2, "values": [0, 1, 2, 3]],
            ["label": "step", "rationale": "chosen", "step": 0, "values": [[0, 1, 2], [3, 4, 5]]],
        ])
        #expect(errors(p.diagnostics).isEmpty)
        let maps = try #require(p.item?.attention)
        #expect(maps[0].grid == AttentionGrid(rows: 2, cols: 2, values: [0, 1, 2, 3]))
        #expect(maps[1].grid?.rows == 2 && maps[1].grid?.cols == 3)
        #expect(maps[1].rationale == "chosen" && maps[1].step == 0)
    }

    @Test func valueCountMismatchIsAnError() throws {
        let p = try attention([["label": "focus", "rows": 4, "cols": 5, "values": [Double](repeating: 0, count: 16)]])
        #expect(errors(p.diagnostics).map(\.field) == ["attention[0].values"])
        #expect(p.diagnostics.first?.message.contains("16 values") == true)
        #expect(p.item?.attention.first?.grid == nil)
    }

    @Test func npyPathResolvesAgainstTheDatasetFolder() throws {
        let npy = try Dataset.readFile(fixture("npy/grid_f4.npy"))
        let p = try attention([["label": "step", "step": 0, "path": "attn/a.npy"]], files: ["attn/a.npy": npy])
        #expect(errors(p.diagnostics).isEmpty)
        #expect(p.item?.attention.first?.grid?.values.count == 6)
        #expect(p.item?.attention.first?.path == "attn/a.npy")
    }

    @Test func missingAndBadNpyFilesAreErrorsNamingTheFile() throws {
        let fortran = try Dataset.readFile(fixture("npy/fortran_f4.npy"))
        let p = try attention([["label": "a", "path": "nope.npy"], ["label": "b", "path": "f.npy"]], files: ["f.npy": fortran])
        let e = errors(p.diagnostics)
        #expect(e.map(\.field) == ["attention[0].path", "attention[1].path"])
        #expect(e[0].message.contains("nope.npy"))
        #expect(e[1].message.contains("f.npy") && e[1].message.contains("Fortran"))
        #expect(p.item != nil)
    }

    @Test func grayscaleImageMapsGiveOneCellPerPixel() throws {
        let pgm = pgmBytes(width: 3, height: 2, [0, 10, 20, 30, 40, 250])
        let png = PNGEncoder.encode(RGBAImage(width: 2, height: 2, fill: RGBA(7, 7, 7)))
        let p = try attention([["label": "focus", "path": "attn/f.pgm"], ["label": "s", "path": "attn/s.png", "rows": 2, "cols": 2]],
                              files: ["attn/f.pgm": pgm, "attn/s.png": png])
        #expect(errors(p.diagnostics).isEmpty)
        let maps = try #require(p.item?.attention)
        #expect(maps[0].grid == AttentionGrid(rows: 2, cols: 3, values: [0, 10, 20, 30, 40, 250]))
        #expect(maps[1].grid?.values == [7, 7, 7, 7])
    }

    @Test func imageMapWithWrongDeclaredSizeOrBadBytesIsAnError() throws {
        let pgm = pgmBytes(width: 3, height: 2, [0, 10, 20, 30, 40, 250])
        let p = try attention([["label": "a", "path": "f.pgm", "rows": 3, "cols": 3], ["label": "b", "path": "g.png"]],
                              files: ["f.pgm": pgm, "g.png": Array("junk".utf8)])
        let e = errors(p.diagnostics)
        #expect(e.map(\.field) == ["attention[0]", "attention[1].path"])
        #expect(e[1].message.contains("g.png") && e[1].message.contains("does not decode"))
    }
}
