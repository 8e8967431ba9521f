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

    @Test func fortranOrderIsReadInItsOrder() throws {
        let path = try fixture("npy/fortran_f4.npy")
        let grid = try NPYReader.read(Dataset.readFile(path), file: path)
        #expect(grid.rows == 2 && grid.cols == 3 && grid.values == expected)
    }

    /// The cell holding the largest value, as (row, column).
    func peak(_ g: AttentionGrid) -> (Int, Int) {
        let i = g.values.indices.max { g.values[$0] < g.values[$1] } ?? 0
        return (i / g.cols, i % g.cols)
    }

    @Test(arguments: ["flat_36", "cls_37", "heads_3x6x6", "layers_heads_2x3x6x6", "big_endian_f4", "fortran_big_f8"])
    func layoutsModelsEmitReadAsASixBySixGridPeakingAtRow1Column4(name: String) throws {
        let path = try fixture("npy/\(name).npy")
        let grid = try NPYReader.read(Dataset.readFile(path), file: path)
        #expect(grid.rows == 6 && grid.cols == 6)
        #expect(peak(grid) == (1, 4))
    }

    @Test func aStackIsAveragedOrOneMapPicked() throws {
        let path = try fixture("npy/heads_3x6x6.npy")
        let mean = try NPYReader.read(Dataset.readFile(path), file: path)
        #expect(abs(mean[1, 4] - (0.5 + 1.0 + 0.02) / 3) < 1e-6)
        let head2 = try NPYReader.read(Dataset.readFile(path), file: path, options: NPYOptions(index: 2))
        #expect(peak(head2) == (5, 0))
        #expect { try NPYReader.read(Dataset.readFile(path), file: path, options: NPYOptions(index: 3)) } throws: { e in
            "\(e)".contains("index 3 is outside the stack of 3 maps in shape (3, 6, 6)")
        }
    }

    @Test func bfloat16StoredAsIntegersNeedsTheDtypeField() throws {
        let path = try fixture("npy/bf16_as_u2.npy")
        #expect { try NPYReader.read(Dataset.readFile(path), file: path) } throws: { e in "\(e)".contains("\"dtype\": \"bfloat16\"") }
        let grid = try NPYReader.read(Dataset.readFile(path), file: path, options: NPYOptions(dtype: "bfloat16"))
        #expect(peak(grid) == (1, 4) && grid[1, 4] == 1.0)
    }

    @Test func nanAndInfinityAreRefusedWithTheirPosition() throws {
        let nan = try fixture("npy/nan_f2.npy"), inf = try fixture("npy/inf_f2.npy")
        #expect { try NPYReader.read(Dataset.readFile(nan), file: nan) } throws: { e in
            "\(e)".hasPrefix(nan) && "\(e)".contains("NaN at index [2, 3] of shape (6, 6)")
        }
        #expect { try NPYReader.read(Dataset.readFile(inf), file: inf) } throws: { e in
            "\(e)".contains("infinity at index [0, 5] of shape (6, 6)")
        }
        let odd = try fixture("npy/flat_35.npy")
        #expect { try NPYReader.read(Dataset.readFile(odd), file: odd) } throws: { e in "\(e)".contains("35 is neither") }
    }

    @Test func otherDtypesAndShapesAreRejected() throws {
        let ints = try fixture("npy/int64.npy")
        #expect { try NPYReader.read(Dataset.readFile(ints), file: ints) } throws: { e in
            "\(e)".contains("unsupported dtype '<i8'") && "\(e)".hasPrefix(ints)
        }
        // A (2, 2, 2) array is a stack of two 2 x 2 maps: their mean.
        let cube = try fixture("npy/cube_3d.npy")
        #expect(try NPYReader.read(Dataset.readFile(cube), file: cube).rows == 2)
    }

    @Test func truncatedAndGarbageFilesAreErrors() throws {
        var bytes = try Dataset.readFile(fixture("npy/grid_f8.npy"))
        bytes.removeLast(5)
        #expect { try NPYReader.read(bytes, file: "t.npy") } throws: { e in "\(e)".contains("truncated") }
        #expect(throws: NPYError.self) { try NPYReader.read(Array("hello world".utf8), file: "t.npy") }
        #expect(throws: NPYError.self) { try NPYReader.read(Array(bytes.prefix(12)), file: "t.npy") }
    }

    /// A `.npy` file with the header `header` and `data` after it.
    static func npy(header: String, data: [UInt8]) -> [UInt8] {
        var h = header
        while (10 + h.utf8.count + 1) % 64 != 0 { h += " " }
        h += "\n"
        return NPYReader.magic + [1, 0, UInt8(h.utf8.count & 0xFF), UInt8(h.utf8.count >> 8)] + Array(h.utf8) + data
    }

    /// Found by the `npy` fuzz target in CI: heads of values near Float's
    /// largest averaged to infinity when summed in Float. Their mean is finite.
    @Test func theMeanOfHugeFiniteHeadsIsFinite() throws {
        let big = Float.greatestFiniteMagnitude
        let data = (0..<3).flatMap { _ in (0..<4).flatMap { _ in withUnsafeBytes(of: big.bitPattern.littleEndian) { Array($0) } } }
        let bytes = Self.npy(header: "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2, 2), }", data: data)
        let grid = try NPYReader.read(bytes, file: "heads.npy")
        #expect(grid.values.count == 4)
        #expect(grid.values.allSatisfy { $0 == big })
    }

    /// Found by the `npy` fuzz target (issue 14): a 0-d array, and a shape
    /// that is not a tuple, trapped on an empty shape (an index out of range).
    @Test(arguments: ["()", "\u{8}2, 3)", "16, 16", "(", "[4, 4]"])
    func aShapeThatIsNoTupleOrHoldsOneNumberIsAnError(shape: String) throws {
        let bytes = Self.npy(header: "{'descr': '<f4', 'fortran_order': False, 'shape': \(shape), }", data: [0, 0, 128, 63])
        #expect { try NPYReader.read(bytes, file: "scalar.npy") } throws: { e in
            let text = "\(e)"
            return text.hasPrefix("scalar.npy: ") && (text.contains("array shape () holds a single number") || text.contains("cannot read the array shape"))
        }
    }

    /// Found by the `npy` fuzz target: a message quoting a header with line
    /// breaks in it is still one line.
    @Test func anErrorQuotingTheHeaderIsOneLine() {
        let bytes = Self.npy(header: "{'descr': '<f4', 'fortran_order': False, 'shape': (3a\n\r\u{2028}x), }", data: [0, 0, 128, 63])
        #expect { try NPYReader.read(bytes, file: "h.npy") } throws: { e in
            let text = "\(e)"
            return text.contains("cannot read the array shape") && !text.contains("\n") && !text.contains("\r") && !text.contains("\u{2028}")
        }
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

    @Test func dtypeAndIndexFieldsReachTheReader() throws {
        let bf = try Dataset.readFile(fixture("npy/bf16_as_u2.npy")), heads = try Dataset.readFile(fixture("npy/heads_3x6x6.npy"))
        let p = try attention([["label": "a", "path": "bf.npy", "dtype": "bfloat16"],
                               ["label": "b", "path": "h.npy", "index": 2], ["label": "c", "path": "h.npy"]],
                              files: ["bf.npy": bf, "h.npy": heads])
        #expect(errors(p.diagnostics).isEmpty)
        let maps = try #require(p.item?.attention)
        #expect(maps[0].grid?[1, 4] == 1.0)
        #expect(maps[1].grid?[5, 0] == 1.0)
        #expect(maps[2].grid.map { abs($0[1, 4] - 0.5067) < 0.001 } == true)
    }

    @Test func missingAndBadNpyFilesAreErrorsNamingTheFile() throws {
        let nan = try Dataset.readFile(fixture("npy/nan_f2.npy"))
        let p = try attention([["label": "a", "path": "nope.npy"], ["label": "b", "path": "f.npy"]], files: ["f.npy": nan])
        let e = errors(p.diagnostics)
        #expect(e.map(\.field) == ["attention[0].path", "attention[1].path"])
        #expect(e[0].message.contains("nope.npy"))
        #expect(e[1].message.contains("f.npy") && e[1].message.contains("NaN at index [2, 3]"))
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

    @Test func fitAndRegionSayWhereTheGridLies() throws {
        let v: [Double] = [0, 1, 2, 3]
        let p = try attention([
            ["label": "a", "rows": 2, "cols": 2, "values": v],
            ["label": "b", "rows": 2, "cols": 2, "values": v, "fit": "center-crop"],
            ["label": "c", "rows": 2, "cols": 2, "values": v, "fit": "pad"],
            ["label": "d", "rows": 2, "cols": 2, "values": v, "fit": "stretch"],
            ["label": "e", "rows": 2, "cols": 2, "values": v, "region": [10, 20, 300, 200.5]],
            ["label": "f", "rows": 2, "cols": 2, "values": v, "fit": "region", "region": [0, 0, 8, 8]],
        ])
        #expect(errors(p.diagnostics).isEmpty)
        let maps = try #require(p.item?.attention)
        #expect(maps.map(\.fit) == [.stretch, .centerCrop, .pad, .stretch,
                                    .region(BoundingBox(x: 10, y: 20, w: 300, h: 200.5)), .region(BoundingBox(x: 0, y: 0, w: 8, h: 8))])
        #expect(maps.allSatisfy { $0.grid != nil })
    }

    @Test func aWrongFitIsAnErrorAndTheMapIsNotUsed() throws {
        let v: [Double] = [0, 1, 2, 3]
        let p = try attention([
            ["label": "a", "rows": 2, "cols": 2, "values": v, "fit": "crop-ish"],
            ["label": "b", "rows": 2, "cols": 2, "values": v, "fit": 3],
            ["label": "c", "rows": 2, "cols": 2, "values": v, "fit": "pad", "region": [0, 0, 4, 4]],
            ["label": "d", "rows": 2, "cols": 2, "values": v, "region": [0, 0, 4]],
            ["label": "e", "rows": 2, "cols": 2, "values": v, "region": [0, 0, 0, 4]],
            ["label": "f", "rows": 2, "cols": 2, "values": v, "region": [0, "x", 4, 4]],
            ["label": "g", "rows": 2, "cols": 2, "values": v, "fit": "region"],
            ["label": "h", "rows": 2, "cols": 2, "values": v, "fit": "center-crop"],
        ])
        let e = errors(p.diagnostics)
        #expect(e.map(\.field) == ["attention[0].fit", "attention[1].fit", "attention[2]", "attention[3].region",
                                  "attention[4].region", "attention[5].region[1]", "attention[6].fit"])
        #expect(e[0].message.contains("\"crop-ish\" is not a fit") && e[0].message.contains("\"center-crop\""))
        #expect(e.allSatisfy { $0.message.contains("the map is not used") })
        let maps = try #require(p.item?.attention)
        // The item still opens; only the good map keeps its grid.
        #expect(maps.map { $0.grid != nil } == [false, false, false, false, false, false, false, true])
    }

    @Test func aRegionOffTheImageIsReportedByValidate() throws {
        let png = PNGEncoder.encode(RGBAImage(width: 40, height: 30, fill: RGBA(0, 0, 0)))
        let object = itemObject(["attention": [["label": "a", "rows": 2, "cols": 2, "values": [0, 1, 2, 3], "region": [50, 0, 10, 10]],
                                               ["label": "b", "rows": 2, "cols": 2, "values": [0, 1, 2, 3], "region": [-5, -5, 10, 10]]]])
        let t = try TempDataset(lines: [line(object)], files: ["img.png": png])
        let report = Validator().validate(try t.open())
        let e = report.diagnostics.filter { $0.severity == .error }
        #expect(e.map(\.field) == ["attention[0].region"])
        #expect(e.first?.message == "the grid's region [50, 0, 10, 10] does not meet the 40 x 30 image")
    }
}
