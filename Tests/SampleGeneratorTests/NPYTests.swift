import Foundation
import Testing
@testable import SampleGenerator

/// A minimal `.npy` reader for the tests: header dictionary and payload.
private func readNPY(_ bytes: [UInt8]) throws -> (descr: String, fortran: Bool, shape: [Int], payload: ArraySlice<UInt8>) {
    try #require(bytes.count > 10 && bytes[0] == 0x93 && Array(bytes[1...5]) == Array("NUMPY".utf8))
    #expect(bytes[6] == 1 && bytes[7] == 0)
    let len = Int(bytes[8]) | Int(bytes[9]) << 8
    #expect((10 + len) % 64 == 0, "header must be padded to 64 bytes")
    let header = String(decoding: bytes[10..<(10 + len)], as: UTF8.self)
    #expect(header.hasSuffix("\n"))
    func field(_ key: String) -> String? {
        guard let r = header.range(of: "'\(key)': ") else { return nil }
        return String(header[r.upperBound...].prefix { $0 != "," })
    }
    let descr = try #require(field("descr")).trimmingCharacters(in: CharacterSet(charactersIn: "'"))
    let fortran = header.contains("'fortran_order': True")
    let shapeText = try #require(header.range(of: "'shape': (").map { header[$0.upperBound...].prefix { $0 != ")" } })
    let shape = shapeText.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    return (descr, fortran, shape, bytes[(10 + len)...])
}

@Suite struct NPYTests {
    @Test func float32MapsReadBack() throws {
        let values: [Float] = (0..<12).map { Float($0) / 8 }
        let file = try readNPY(NPYWriter.encode(values, rows: 3, cols: 4))
        #expect(file.descr == "<f4" && !file.fortran && file.shape == [3, 4])
        #expect(file.payload.count == 48)
        let back = stride(from: file.payload.startIndex, to: file.payload.endIndex, by: 4).map { i -> Float in
            let p = file.payload
            return Float(bitPattern: UInt32(p[i]) | UInt32(p[i + 1]) << 8 | UInt32(p[i + 2]) << 16 | UInt32(p[i + 3]) << 24)
        }
        #expect(back == values)
    }

    @Test func float16MapsReadBack() throws {
        let file = try readNPY(NPYWriter.encode([1, 0.5, -2, 65504, 0.000061035156, 0.1], rows: 2, cols: 3, dtype: .float16))
        #expect(file.descr == "<f2" && file.shape == [2, 3] && file.payload.count == 12)
        let halves = stride(from: file.payload.startIndex, to: file.payload.endIndex, by: 2).map {
            UInt16(file.payload[$0]) | UInt16(file.payload[$0 + 1]) << 8
        }
        #expect(halves == [0x3C00, 0x3800, 0xC000, 0x7BFF, 0x0400, 0x2E66])
    }

    @Test func fortranOrderIsMarkedInTheHeader() throws {
        let file = try readNPY(NPYWriter.encode([1, 2, 3, 4], rows: 2, cols: 2, fortranOrder: true))
        #expect(file.fortran)
    }

    @Test func showcaseMapsAreValidFiles() throws {
        let dir = try temporaryFolder()
        defer { removeFolder(dir) }
        _ = try ShowcaseWriter(seed: 1).write(to: dir)
        let maps = try FileManager.default.contentsOfDirectory(atPath: dir + "/attn").filter { $0.hasSuffix(".npy") }
        #expect(maps.count > 20)
        var halfs = 0
        for name in maps {
            let file = try readNPY(Array(try Data(contentsOf: URL(fileURLWithPath: dir + "/attn/" + name))))
            #expect(file.shape == [16, 16])
            #expect(file.fortran == (name == "fortran.npy"))
            let size = file.descr == "<f2" ? 2 : 4
            if size == 2 { halfs += 1 }
            #expect(file.payload.count == 256 * size)
        }
        #expect(halfs > 0)
    }
}

@Suite struct JSONWriterTests {
    @Test func numbersAndStringsAreValidJSON() throws {
        var w = JSONWriter()
        w.array([0.0, 0.05, -1.5, 12.3456, 100, -0.0004]) { $0.number($1, places: 3) }
        #expect(String(decoding: w.bytes, as: UTF8.self) == "[0,0.05,-1.5,12.346,100,0]")
        w = JSONWriter()
        w.strings(["a\"b\\c\n\u{1}", "红色 👀 é"])
        let back = try JSONSerialization.jsonObject(with: Data(w.bytes)) as? [String]
        #expect(back == ["a\"b\\c\n\u{1}", "红色 👀 é"])
    }
}
