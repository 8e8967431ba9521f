import Testing
@testable import TerminalUI

@Suite struct LayoutTests {
    @Test func fixedPercentAndFillShareTheWidth() {
        let r = Layout.split(Rect(x: 2, y: 1, width: 81, height: 10), .horizontal, [.fixed(10), .percent(50), .fill, .fill])
        #expect(r.map(\.width) == [10, 40, 16, 15])
        #expect(r.map(\.x) == [2, 12, 52, 68])
        #expect(r.allSatisfy { $0.y == 1 && $0.height == 10 })
    }

    @Test func partsNeverOverlapOrExceedForOddSizes() {
        for total in [0, 1, 7, 13, 99] {
            for cs: [Constraint] in [[.fill, .fill, .fill], [.fixed(5), .min(3), .fill], [.percent(33), .percent(33), .percent(34)],
                                     [.fixed(100), .fill], [.min(4), .min(4)]] {
                let area = Rect(x: 3, y: 5, width: 4, height: total)
                let parts = Layout.split(area, .vertical, cs)
                #expect(parts.count == cs.count)
                var y = area.y
                for p in parts {
                    #expect(p.y == y)
                    y += p.height
                }
                #expect(y <= area.bottom, "total \(total) \(cs)")
                if cs.contains(.fill) || cs.contains(where: { if case .min = $0 { return true }; return false }) {
                    #expect(y == area.bottom, "fills take what is left: \(total) \(cs)")
                }
            }
        }
    }

    @Test func fixedLargerThanAreaIsClipped() {
        let r = Layout.split(Rect(x: 0, y: 0, width: 10, height: 1), .horizontal, [.fixed(6), .fixed(6), .fill])
        #expect(r.map(\.width) == [6, 4, 0])
    }

    @Test func minGetsItsMinimumAndGrows() {
        let r = Layout.split(Rect(x: 0, y: 0, width: 20, height: 1), .horizontal, [.min(12), .fill])
        #expect(r.map(\.width) == [16, 4])
        let tight = Layout.split(Rect(x: 0, y: 0, width: 10, height: 1), .horizontal, [.min(12), .fill])
        #expect(tight.map(\.width) == [10, 0])
    }
}

@Suite struct BufferDiffTests {
    @Test func equalBuffersGiveNil() {
        #expect(BufferDiff.describe(expected: .fromLines(["ab"]), actual: .fromLines(["ab"])) == nil)
    }

    @Test func differenceNamesCellSymbolAndStyle() throws {
        var actual = Buffer.fromLines(["ab", "cd"])
        actual[1, 1] = Cell("x", fg: .indexed(3), attributes: [.bold])
        let d = try #require(BufferDiff.describe(expected: .fromLines(["ab", "cd"]), actual: actual))
        #expect(d.contains("(1,1): expected \"d\" fg=default bg=default, actual \"x\" fg=idx(3) bg=default [bold]"))
        #expect(d.contains("|cx|"))
    }

    @Test func fromLinesAppliesStyleOverrides() {
        let b = Buffer.fromLines(["abc"], width: 4, styles: [(Rect(x: 1, y: 0, width: 2, height: 1), Style(fg: .indexed(1)))])
        #expect(b.width == 4)
        #expect(b[0, 0].fg == .default)
        #expect(b[1, 0].fg == .indexed(1) && b[2, 0].fg == .indexed(1))
        #expect(b[3, 0] == .blank)
    }
}
