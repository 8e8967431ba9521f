import Foundation
import Inspector
import Review
import SceneData
import Testing
import TerminalUI

/// Whole frames of the fixture dataset, read through the real reader, decoder
/// and store, compared with files under Fixtures/ (UPDATE_GOLDEN=1 rewrites them).
@Suite struct GoldenFrameTests {
    static func app(width: Int, height: Int, ascii: Bool = false, keys: String = "") throws -> AppState {
        try fixtureApp("tiny", annotator: "golden", width: width, height: height, ascii: ascii, keys: keys)
    }

    static func check(_ frame: Buffer, _ name: String) throws {
        let text = frame.plainText + "\n"
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/golden")
        let file = dir.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        guard let url = Bundle.module.url(forResource: (name as NSString).deletingPathExtension, withExtension: "txt",
                                          subdirectory: "Fixtures/golden") else {
            Issue.record("no golden file \(name); run with UPDATE_GOLDEN=1")
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        if expected != text {
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let g = text.split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(e, g).enumerated().first { $0.element.0 != $0.element.1 }
            let diff = first.map { "row \($0.offset):\n expected: \($0.element.0)\n      got: \($0.element.1)" } ?? "row counts differ: \(e.count) vs \(g.count)"
            Issue.record("frame differs from \(name) (UPDATE_GOLDEN=1 rewrites it)\n\(diff)")
        }
    }

    @Test func wideScreen160x48() throws {
        let s = try Self.app(width: 160, height: 48)
        try Self.check(InspectorApp.view(s), "frame-160x48.txt")
    }

    @Test func tabbedScreen100x30() throws {
        let s = try Self.app(width: 100, height: 30)
        try Self.check(InspectorApp.view(s), "frame-100x30.txt")
    }

    @Test func asciiOnlyScreen() throws {
        let s = try Self.app(width: 160, height: 48, ascii: true, keys: "<S-Tab>jjjjj")
        let frame = InspectorApp.view(s)
        try Self.check(frame, "frame-ascii-160x48.txt")
        var nonASCII = 0
        for y in 0..<frame.height { for x in 0..<frame.width where !frame[x, y].symbol.allSatisfy({ $0.isASCII }) { nonASCII += 1 } }
        #expect(nonASCII == 0)
    }

    @Test func secondItemThirdNegativeShowsReplacement() throws {
        let s = try Self.app(width: 160, height: 48, keys: "[")
        try Self.check(InspectorApp.view(s), "frame-160x48-replace.txt")
        #expect(s.negative?.op == .replace)
    }

    @Test func differingWordsAreHighlighted() throws {
        let s = try Self.app(width: 160, height: 48)
        let b = InspectorApp.view(s)
        // "blue" only in the negative's first step: it is drawn in the added style (green).
        var found = false
        for y in 0..<b.height {
            let line = b.line(y)
            if let r = line.range(of: "The blue sphere is on the left") {
                let x = line.distance(from: line.startIndex, to: r.lowerBound) + 4
                found = b[x, y].fg == .indexed(10)
            }
        }
        #expect(found)
    }

    @Test func hostileTextIsDrawnAsPlaceholders() throws {
        let s = try Self.app(width: 160, height: 48, keys: "G")
        let b = InspectorApp.view(s)
        #expect(s.nav.index == 2)
        #expect(b.plainText.contains("^[[31mred^[[0m"))
        var escapes = 0
        for y in 0..<b.height { for x in 0..<b.width where b[x, y].symbol.unicodeScalars.contains(where: { $0.value == 0x1B }) { escapes += 1 } }
        #expect(escapes == 0)
        #expect(b.plainText.contains("no image"))
    }

    @Test func selectingAnObjectHighlightsItsBox() throws {
        var s = try Self.app(width: 160, height: 48, keys: "<S-Tab>")
        let rows = GraphRows.build(try #require(s.item), negative: s.negative)
        let cube = try #require(rows.firstIndex { $0.kind == .entity("o1") })
        s.panes.graphSelection = cube
        let b = InspectorApp.view(s)
        var magenta = 0
        for y in 0..<b.height { for x in 0..<60 where b[x, y].fg == ImageWidgetHighlight.color { magenta += 1 } }
        #expect(magenta > 4)
    }
}

enum ImageWidgetHighlight { static let color = ImageWidget.highlightColor }
