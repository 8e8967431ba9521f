/// Chance-corrected agreement between annotators.
public enum Kappa {
    /// Cohen's kappa for two raters from a square contingency table
    /// (`table[a][b]`: subjects rater 1 put in category a and rater 2 in b).
    /// nil when the table is empty or not square, or when chance agreement is
    /// total (both raters always used one and the same category), where kappa
    /// is undefined.
    public static func cohen(_ table: [[Int]]) -> Double? {
        let k = table.count
        guard k > 0, table.allSatisfy({ $0.count == k }), table.joined().allSatisfy({ $0 >= 0 }) else { return nil }
        let n = Double(table.joined().reduce(0, +))
        guard n > 0 else { return nil }
        var observed = 0.0, expected = 0.0
        for i in 0..<k {
            observed += Double(table[i][i])
            let row = Double(table[i].reduce(0, +))
            let col = Double(table.reduce(0) { $0 + $1[i] })
            expected += (row / n) * (col / n)
        }
        observed /= n
        guard expected < 1 else { return nil }
        return (observed - expected) / (1 - expected)
    }

    /// Fleiss' kappa for any number of raters: `counts[i][j]` is how many
    /// raters put subject i in category j. Every subject must have the same
    /// number of raters, at least two. nil when that does not hold, when
    /// there are no subjects, or when chance agreement is total.
    public static func fleiss(_ counts: [[Int]]) -> Double? {
        guard let first = counts.first, !first.isEmpty else { return nil }
        let k = first.count
        let raters = first.reduce(0, +)
        guard raters >= 2,
              counts.allSatisfy({ $0.count == k && $0.reduce(0, +) == raters && $0.allSatisfy { $0 >= 0 } })
        else { return nil }
        let subjects = Double(counts.count), n = Double(raters)
        var pBar = 0.0
        var totals = [Double](repeating: 0, count: k)
        for row in counts {
            let agreeing = row.reduce(0.0) { $0 + Double($1) * Double($1 - 1) }
            pBar += agreeing / (n * (n - 1))
            for j in 0..<k { totals[j] += Double(row[j]) }
        }
        pBar /= subjects
        let pE = totals.reduce(0.0) { let p = $1 / (subjects * n); return $0 + p * p }
        guard pE < 1 else { return nil }
        return (pBar - pE) / (1 - pE)
    }

    /// Krippendorff's alpha for nominal data: `units[u][c]` is how many
    /// annotators put unit u in category c. Annotators may differ from unit to
    /// unit and units may have any number of values (missing data is what
    /// alpha allows); units with fewer than two values are not pairable and
    /// are left out. nil when fewer than two pairable values exist or when
    /// every value is one category (expected disagreement 0: alpha undefined).
    ///
    /// From the coincidence matrix (Krippendorff, "Computing Krippendorff's
    /// Alpha-Reliability", 2011): alpha = ((n-1) * sum o_cc - sum n_c(n_c-1)) / (n(n-1) - sum n_c(n_c-1)).
    public static func krippendorffNominal(_ units: [[Int]]) -> Double? {
        guard let k = units.first?.count, k > 0, units.allSatisfy({ $0.count == k && $0.allSatisfy { $0 >= 0 } }) else { return nil }
        var agreeing = 0.0            // sum over c of o_cc
        var perCategory = [Double](repeating: 0, count: k)   // n_c
        for unit in units {
            let m = unit.reduce(0, +)
            guard m >= 2 else { continue }
            for c in 0..<k where unit[c] > 0 {
                agreeing += Double(unit[c]) * Double(unit[c] - 1) / Double(m - 1)
                perCategory[c] += Double(unit[c])
            }
        }
        let n = perCategory.reduce(0, +)
        guard n >= 2 else { return nil }
        let chance = perCategory.reduce(0.0) { $0 + $1 * ($1 - 1) }
        let denominator = n * (n - 1) - chance
        guard denominator > 0 else { return nil }
        return ((n - 1) * agreeing - chance) / denominator
    }
}
