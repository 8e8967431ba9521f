import CLITestSupport
import Foundation
import Imaging
import Testing

/// `scenelens view` as a user runs it: the built executable on image files.
@Suite struct ViewCommandTests {
    func run(_ args: [String]) throws -> (status: Int32, out: String, err: String) {
        let r = try ScenelensCLI.run(args)
        return (r.status, r.stdout, r.stderr)
    }

    func tempDir() throws -> URL {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("scenelens-view-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        return d
    }

    /// Dark left half, bright right half, 80x40 pixels.
    func halves(in dir: URL) throws -> String {
        var img = RGBAImage(width: 80, height: 40, fill: RGBA(10, 10, 10))
        for y in 0..<40 { for x in 40..<80 { img[x, y] = RGBA(250, 240, 230) } }
        let path = dir.appendingPathComponent("halves.png").path
        try Data(PNGEncoder.encode(img)).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func asciiPutsDenseCharactersWhereTheImageIsBright() throws {
        try #require(ScenelensCLI.executable != nil, "\(ScenelensCLI.missing)")
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try run(["view", "--mode", "ascii", "--width", "20", try halves(in: dir)])
        #expect(r.status == 0)
        #expect(r.out.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(!r.out.contains("\u{1B}"))
        let rows = r.out.split(separator: "\n").map(String.init).filter { !$0.isEmpty && !$0.hasPrefix("heatmap:") }
        try #require(rows.count >= 3)
        let row = Array(rows[rows.count / 2])
        let ramp = Array(" .:-=+*#%@")
        func level(_ c: Character) -> Int { ramp.firstIndex(of: c) ?? -1 }
        #expect(level(row[2]) < 3, "left (dark) should be light shading: \(String(row))")
        #expect(level(row[row.count - 3]) > 6, "right (bright) should be dense shading: \(String(row))")
    }

    @Test func truecolorCarriesThePixelColours() throws {
        try #require(ScenelensCLI.executable != nil, "\(ScenelensCLI.missing)")
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try run(["view", "--mode", "truecolor", "--width", "20", try halves(in: dir)])
        #expect(r.status == 0)
        #expect(r.out.contains("38;2;10;10;10") || r.out.contains("48;2;10;10;10"))
        #expect(r.out.contains("38;2;250;240;230") || r.out.contains("48;2;250;240;230"))
        #expect(r.out.contains("▀"))
    }

    @Test func aHeatmapPeakLandsOverItsPartOfTheImage() throws {
        try #require(ScenelensCLI.executable != nil, "\(ScenelensCLI.missing)")
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A uniform grey image; attention only in the top-right cell of a 2x2 grid.
        let img = RGBAImage(width: 80, height: 40, fill: RGBA(128, 128, 128))
        let png = dir.appendingPathComponent("grey.png").path
        try Data(PNGEncoder.encode(img)).write(to: URL(fileURLWithPath: png))
        let heat = dir.appendingPathComponent("heat.txt").path
        try "0 1\n0 0\n".write(toFile: heat, atomically: true, encoding: .utf8)
        let r = try run(["view", "--mode", "ascii", "--width", "20", "--heatmap", heat, png])
        #expect(r.status == 0)
        // Without colour the picture stays and the hot cells are underlined (SGR 4), top right only.
        let rows = r.out.split(separator: "\n").map(String.init).filter { !$0.isEmpty && !$0.hasPrefix("heatmap:") }
        try #require(rows.count >= 4)
        let top = rows[0], bottom = rows[rows.count - 1]
        let plain = rows.map { $0.replacingOccurrences(of: "\u{1B}[4m", with: "").replacingOccurrences(of: "\u{1B}[0m", with: "") }
        #expect(Set(plain.joined()).count == 1, "the grey keeps one shade everywhere: \(plain)")
        #expect(top.contains("\u{1B}[4m"), "top row marked: \(top)")
        #expect(!bottom.contains("\u{1B}[4m"), "bottom row unmarked: \(bottom)")
        #expect(top.hasPrefix(String(plain[0].first ?? " ")), "the left of the top row is not marked")
    }

    @Test func aMissingFileIsNamedAndExitsTwo() throws {
        try #require(ScenelensCLI.executable != nil, "\(ScenelensCLI.missing)")
        let r = try run(["view", "/nonexistent/picture.png"])
        #expect(r.status == 2)  // could not run (README, "Exit status")
        #expect(r.err.contains("/nonexistent/picture.png"))
    }
}
