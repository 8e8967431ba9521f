/// Longest common subsequence alignment, shared by the word and step diffs.
enum LCS {
    /// One row of an alignment: indexes into `a` and `b`, nil on the side that has a gap.
    struct Pair: Equatable { var a: Int?; var b: Int? }

    /// Above this many table cells the middle of a word diff is not aligned but
    /// shown as wholly removed and wholly added: memory and time stay bounded
    /// on pathological steps (a whole article pasted into one step).
    static let maxCells = 250_000

    /// An alignment: the common start (`0..<lo` with `0..<lo`) and end
    /// (`hiA..<countA` with `hiB..<countB`) as ranges, only the middle as
    /// pairs, so two long texts that differ in one place cost no memory per
    /// token (issue 14).
    struct Alignment {
        var lo: Int, hiA: Int, hiB: Int, countA: Int
        /// The middle's pairs; empty when `unaligned`.
        var middle: [Pair]
        /// True when the middle is not aligned: all of it removed, then all added.
        var unaligned: Bool

        /// Every pair in order.
        func forEach(_ body: (Pair) -> Void) {
            for k in 0..<lo { body(Pair(a: k, b: k)) }
            if unaligned {
                for k in lo..<hiA { body(Pair(a: k, b: nil)) }
                for k in lo..<hiB { body(Pair(a: nil, b: k)) }
            }
            for p in middle { body(p) }
            for k in 0..<(countA - hiA) { body(Pair(a: hiA + k, b: hiB + k)) }
        }
        /// Every pair, as an array.
        var pairs: [Pair] {
            var out: [Pair] = []
            out.reserveCapacity(lo + (unaligned ? hiA + hiB - 2 * lo : middle.count) + countA - hiA)
            forEach { out.append($0) }
            return out
        }
        /// How many pairs align an element of each side.
        var alignedCount: Int { lo + (countA - hiA) + middle.reduce(0) { $0 + ($1.a != nil && $1.b != nil ? 1 : 0) } }
    }

    /// Alignment of `a` and `b` maximising the summed `score` of aligned pairs;
    /// pairs scoring 0 are never aligned.
    static func align<T>(_ a: [T], _ b: [T], score: (T, T) -> Double) -> [Pair] {
        alignment(a.count, b.count) { score(a[$0], b[$1]) }.pairs
    }

    /// Alignment of `n` and `m` elements, scored by index. Common ends are
    /// trimmed first, so long texts that differ in one place stay cheap.
    static func alignment(_ countA: Int, _ countB: Int, score: (Int, Int) -> Double) -> Alignment {
        var lo = 0, hiA = countA, hiB = countB
        while lo < hiA, lo < hiB, score(lo, lo) >= 1 { lo += 1 }
        while hiA > lo, hiB > lo, score(hiA - 1, hiB - 1) >= 1 { hiA -= 1; hiB -= 1 }
        let n = hiA - lo, m = hiB - lo
        var middle: [Pair] = []
        if n == 0 || m == 0 || n * m > maxCells {
            return Alignment(lo: lo, hiA: hiA, hiB: hiB, countA: countA, middle: [], unaligned: true)
        } else {
            middle.reserveCapacity(n + m)
            // table[i][j]: best score aligning a[lo+i...] with b[lo+j...], flat.
            let w = m + 1
            var table = [Double](repeating: 0, count: (n + 1) * w)
            var scores = [Double](repeating: 0, count: n * m)
            for i in 0..<n { for j in 0..<m { scores[i * m + j] = score(lo + i, lo + j) } }
            for i in stride(from: n - 1, through: 0, by: -1) {
                for j in stride(from: m - 1, through: 0, by: -1) {
                    let s = scores[i * m + j]
                    var best = max(table[(i + 1) * w + j], table[i * w + j + 1])
                    if s > 0 { best = max(best, s + table[(i + 1) * w + j + 1]) }
                    table[i * w + j] = best
                }
            }
            var i = 0, j = 0
            while i < n, j < m {
                let s = scores[i * m + j]
                if s > 0, table[i * w + j] == s + table[(i + 1) * w + j + 1] {
                    middle.append(Pair(a: lo + i, b: lo + j)); i += 1; j += 1
                } else if table[(i + 1) * w + j] >= table[i * w + j + 1] {
                    middle.append(Pair(a: lo + i, b: nil)); i += 1
                } else {
                    middle.append(Pair(a: nil, b: lo + j)); j += 1
                }
            }
            while i < n { middle.append(Pair(a: lo + i, b: nil)); i += 1 }
            while j < m { middle.append(Pair(a: nil, b: lo + j)); j += 1 }
        }
        return Alignment(lo: lo, hiA: hiA, hiB: hiB, countA: countA, middle: middle, unaligned: false)
    }

    /// How many pairs `align` aligns, without making the alignment when the
    /// middle is too big to align (then only the common ends count).
    static func alignedCount(_ countA: Int, _ countB: Int, score: (Int, Int) -> Double) -> Int {
        alignment(countA, countB, score: score).alignedCount
    }
}
