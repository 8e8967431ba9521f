import Testing
@testable import Review

@Suite struct KappaTests {
    @Test func cohenOnTextbookTables() throws {
        // Wikipedia, "Cohen's kappa", worked example: 50 proposals, yes/yes 20,
        // yes/no 5, no/yes 10, no/no 15: p_o = 0.7, p_e = 0.5, kappa = 0.4.
        let k1 = try #require(Kappa.cohen([[20, 5], [10, 15]]))
        #expect(abs(k1 - 0.4) < 1e-12)
        // Same article, the two tables with equal agreement (60 %) but different
        // marginals: kappa 0.1304 and 0.2593.
        let k2 = try #require(Kappa.cohen([[45, 15], [25, 15]]))
        #expect(abs(k2 - 0.1304) < 1e-4)
        let k3 = try #require(Kappa.cohen([[25, 35], [5, 35]]))
        #expect(abs(k3 - 0.2593) < 1e-4)
    }

    @Test func cohenEdgeCases() {
        #expect(Kappa.cohen([[10, 0], [0, 10]]) == 1)
        #expect(Kappa.cohen([[0, 5], [5, 0]]) == -1)
        #expect(Kappa.cohen([[7, 0], [0, 0]]) == nil) // one category only: undefined
        #expect(Kappa.cohen([]) == nil)
        #expect(Kappa.cohen([[1, 2]]) == nil)
        #expect(Kappa.cohen([[0, 0], [0, 0]]) == nil)
    }

    @Test func fleissOnTheTextbookTable() throws {
        // Fleiss (1971) style example from Wikipedia, "Fleiss' kappa": 10
        // subjects, 14 raters, 5 categories; P-bar = 0.378, P-e = 0.213,
        // kappa = 0.210.
        let table = [[0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
                     [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7]]
        let k = try #require(Kappa.fleiss(table))
        #expect(abs(k - 0.210) < 5e-4)
    }

    @Test func fleissWithTwoRatersIsScottsPi() throws {
        // With two raters Fleiss' kappa is Scott's pi: for [[20,5],[10,15]]
        // the pooled marginals are 0.55/0.45, p_e = 0.505, pi = (0.7-0.505)/0.495.
        var rows: [[Int]] = []
        rows += Array(repeating: [2, 0], count: 20)
        rows += Array(repeating: [1, 1], count: 15)
        rows += Array(repeating: [0, 2], count: 15)
        let k = try #require(Kappa.fleiss(rows))
        #expect(abs(k - (0.7 - 0.505) / 0.495) < 1e-12)
    }

    @Test func fleissRejectsUnevenRaterCounts() {
        #expect(Kappa.fleiss([[2, 1], [1, 1]]) == nil)
        #expect(Kappa.fleiss([[1, 0]]) == nil)
        #expect(Kappa.fleiss([]) == nil)
        #expect(Kappa.fleiss([[3, 0], [3, 0]]) == nil)
    }
}
