import Foundation
import Testing
import SceneData
@testable import Review

/// Krippendorff's alpha (nominal) against values computed independently by the
/// `krippendorff` PyPI package: Tests/ReviewTests/Reference/krippendorff_reference.py
/// printed the cases below (reliability data: one row per annotator, one column
/// per unit, nil = no value).
@Suite struct KrippendorffTests {
    static let cases: [(name: String, rows: [[Int?]], alpha: Double)] = [
        ("krippendorff-2011-C", [[1, 2, 3, 3, 2, 1, 4, 1, 2, nil, nil, nil], [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nil, 3], [nil, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nil], [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nil]], 0.743421052631579),
        ("binary-0", [[1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 0, 1, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 1, 1, 0, 0, 0], [1, 0, 0, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 1, 1]], 0.4093437152391546),
        ("binary-1", [[0, nil, 0, nil, 0, 0, nil, 0, 0, 0, 0, 0, 0, nil, nil, 0, nil, nil, 1, 1, nil, nil, 1, 1, 0, 0, 0, nil, nil, 0, 0, nil, 0, 1, 1, 0, 1, 0, 0, 0], [0, nil, 1, nil, 1, nil, 1, 1, nil, 1, 1, nil, nil, 0, 0, nil, 1, 0, nil, 1, 1, nil, nil, 1, 0, 1, 0, 1, 1, 0, 1, 1, 1, 1, 1, 0, nil, 0, nil, 1], [0, 0, nil, 1, nil, 1, 1, 1, nil, nil, 1, 0, nil, 0, 0, nil, 1, 0, nil, 1, 0, 0, 1, 1, 0, 1, 0, nil, 0, 0, nil, 1, nil, 1, 0, nil, 1, nil, nil, 0]], 0.3062865497076024),
        ("binary-2", [[nil, nil, nil, 1, nil, nil, 0, nil, 0, nil, nil, nil, nil, nil, 1, nil, nil, nil, nil, nil, 0, nil, 0, nil, 0], [nil, nil, nil, nil, nil, nil, 0, 1, nil, 0, nil, nil, 1, nil, 0, 0, 1, 0, 1, 1, 0, 0, 0, nil, 0], [1, 1, 1, nil, 1, nil, nil, nil, 0, 0, 1, 0, nil, 1, nil, nil, nil, 1, nil, 0, nil, 0, nil, 1, nil], [nil, nil, 1, nil, nil, nil, 1, 1, nil, nil, 1, nil, 1, 1, 1, nil, 1, 1, nil, nil, nil, nil, nil, 1, 0], [nil, nil, 0, 1, nil, nil, 0, 1, 0, 0, nil, nil, 0, nil, 1, 0, 1, nil, nil, 1, nil, 0, nil, 1, nil]], 0.5555555555555556),
        ("binary-3", [[0, 0, 1, 1, 1, 0, 0, 0, 0, 1, 0, 0, 1, 1, 1, nil, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, nil, 0, 1, 0, 1, nil, 0, 0, 1, 0, 0, 1, 0, 0, nil, 0, 1, nil, 0, 0, nil, 1, 0, 0, nil, 1, 1, 1, 1, 1, 1, 1], [1, 0, nil, 1, 1, 0, nil, 0, 0, 0, 1, 1, 1, nil, 1, 0, 1, 0, 1, nil, 1, nil, nil, 0, nil, 0, 1, 0, 1, 0, 1, 1, 1, 0, 0, 0, nil, 1, 0, nil, 0, 1, 1, 1, 0, 1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 1, 1, 0, nil, 1], [0, 1, 1, 1, 1, 0, nil, nil, 1, 0, 0, 1, nil, 1, 0, 0, 1, 0, nil, 1, 1, 1, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, nil, 0, nil, 1, 0, 0, 1, nil, 0, 1, 1, 0, 1, 0, 1, nil, 1, nil, 1, 0, 0, 1, 1, 0, 1, nil, 1, 1], [nil, 0, 0, 1, 0, nil, 0, 1, 0, 1, 0, 1, 1, 0, nil, 0, 0, nil, 0, 0, 0, 1, 0, 0, 0, 1, 0, 1, nil, 1, 0, 1, 0, 1, 0, 0, 0, 0, 0, 1, 1, 1, 1, nil, 1, 1, 0, 0, 1, 1, 0, nil, nil, 0, 0, 0, 0, 0, 0, 0]], -0.02265372168284796),
    ]

    /// Units as `krippendorffNominal` takes them: per unit, how many annotators gave each value.
    static func units(_ rows: [[Int?]]) -> [[Int]] {
        let categories = (rows.joined().compactMap { $0 }.max() ?? 0) + 1
        return rows[0].indices.map { u in
            var counts = [Int](repeating: 0, count: categories)
            for r in rows { if let v = r[u] { counts[v] += 1 } }
            return counts
        }
    }

    @Test(arguments: cases.map(\.name))
    func matchesTheReferenceImplementation(_ name: String) throws {
        let c = try #require(Self.cases.first { $0.name == name })
        let alpha = try #require(Kappa.krippendorffNominal(Self.units(c.rows)))
        #expect(abs(alpha - c.alpha) < 1e-12, "\(name): \(alpha) vs \(c.alpha)")
    }

    @Test func textbookValue() throws {
        // The published figure for Krippendorff (2011), section C, nominal: 0.743.
        let c = try #require(Self.cases.first { $0.name == "krippendorff-2011-C" })
        let alpha = try #require(Kappa.krippendorffNominal(Self.units(c.rows)))
        #expect(String(format: "%.3f", alpha) == "0.743")
    }

    @Test func undefinedCases() {
        #expect(Kappa.krippendorffNominal([]) == nil)
        #expect(Kappa.krippendorffNominal([[1, 0], [0, 1]]) == nil)   // no unit with two values: nothing pairable
        #expect(Kappa.krippendorffNominal([[2, 0], [3, 0]]) == nil)   // one category only: no expected disagreement
        #expect(Kappa.krippendorffNominal([[2, 0], [0, 2]]) == 1)      // perfect agreement
    }

    /// The same figure reached through `stats`: the binary cases as decisions
    /// (0 accept, 1 reject) by annotators a0, a1, ... on negatives of one
    /// operator each, read back from a store.
    @Test(arguments: cases.filter { $0.name.hasPrefix("binary") }.map(\.name))
    func statsReportsTheReferenceAlpha(_ name: String) throws {
        let c = try #require(Self.cases.first { $0.name == name })
        let dir = try makeTempDir(); defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("k.sqlite").path
        // Unit u is negative n1 (swap) of item u when u is even, n2 (replace) of item u when odd.
        let items = c.rows[0].indices.map { makeItem("i\($0)") }
        for (a, row) in c.rows.enumerated() {
            let store = try SQLiteReviewStore(path: path, annotator: "a\(a)")
            for (u, v) in row.enumerated() {
                guard let v else { continue }
                try decide(store, items[u], u % 2 == 0 ? "n1" : "n2", v == 0 ? .accept : .reject)
            }
        }
        let store = try SQLiteReviewStore(path: path, annotator: "", readOnly: true)
        let r = try ReviewStats.compute(items: ArrayReviewItemSource(items, directory: dir.path), store: store)
        let a = try #require(r.alpha)
        #expect(a.alpha.map { abs($0 - c.alpha) < 1e-12 } == true, "\(name): \(a.alpha ?? .nan) vs \(c.alpha)")
        let pairable = Self.units(c.rows).filter { $0.reduce(0, +) >= 2 }
        #expect(a.negatives == pairable.count)
        #expect(a.judgements == pairable.joined().reduce(0, +))
        // Per operator: the even and odd units on their own.
        for (op, parity) in [("swap", 0), ("replace", 1)] {
            let rows = c.rows.map { $0.enumerated().filter { $0.offset % 2 == parity }.map(\.element) }
            let want = Kappa.krippendorffNominal(Self.units(rows))
            #expect(zip([r.alphaByOperator[op]?.alpha ?? nil], [want]).allSatisfy { a, b in a != nil && b != nil && abs(a! - b!) < 1e-12 })
        }
    }
}
