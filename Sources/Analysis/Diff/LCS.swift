/// Longest common subsequence alignment, shared by the word and step diffs.
enum LCS {
    /// One row of an alignment: indexes into `a` and `b`, nil on the side that has a gap.
    struct Pair: Equatable { var a: Int?; var b: Int? }

    /// Above this many table cells the middle of a word diff is not aligned but
    /// shown as wholly removed and wholly added: memory and time stay bounded
    /// on pathological steps (a whole article pasted into one step).
    static let maxCells = 250_000

    /// Alignment of `a` and `b` maximising the summed `score` of aligned pairs;
    /// pairs scoring 0 are never aligned. Common ends are trimmed first, so
    /// long texts that differ in one place stay cheap.
    static func align<T>(_ a: [T], _ b: [T], score: (T, T) -> Double) -> [Pair] {
        let (lo, hiA, hiB) = commonEnds(a, b, score: score)
        let n = hiA - lo, m = hiB - lo
        // Built in one array: a long step makes millions of pairs, and
        // joining parts would copy them (issue 14).
        var middle: [Pair] = []
        middle.reserveCapacity(lo + (a.count - hiA) + n + m)
        for k in 0..<lo { middle.append(Pair(a: k, b: k)) }
        if n == 0 || m == 0 || n * m > maxCells {
            for k in lo..<hiA { middle.append(Pair(a: k, b: nil)) }
            for k in lo..<hiB { middle.append(Pair(a: nil, b: k)) }
        } else {
            // table[i][j]: best score aligning a[lo+i...] with b[lo+j...], flat.
            let w = m + 1
            var table = [Double](repeating: 0, count: (n + 1) * w)
            var scores = [Double](repeating: 0, count: n * m)
            for i in 0..<n { for j in 0..<m { scores[i * m + j] = score(a[lo + i], b[lo + j]) } }
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
        for k in 0..<(a.count - hiA) { middle.append(Pair(a: hiA + k, b: hiB + k)) }
        return middle
    }

    /// The common start and end that alignment takes as they are: `a[..<lo]`
    /// pairs with `b[..<lo]`, `a[hiA...]` with `b[hiB...]`.
    static func commonEnds<T>(_ a: [T], _ b: [T], score: (T, T) -> Double) -> (lo: Int, hiA: Int, hiB: Int) {
        var lo = 0, hiA = a.count, hiB = b.count
        while lo < hiA, lo < hiB, score(a[lo], b[lo]) >= 1 { lo += 1 }
        while hiA > lo, hiB > lo, score(a[hiA - 1], b[hiB - 1]) >= 1 { hiA -= 1; hiB -= 1 }
        return (lo, hiA, hiB)
    }

    /// How many pairs `align` aligns, without making the alignment when the
    /// middle is too big to align (then only the common ends count).
    static func alignedCount<T>(_ a: [T], _ b: [T], score: (T, T) -> Double) -> Int {
        let (lo, hiA, hiB) = commonEnds(a, b, score: score)
        let n = hiA - lo, m = hiB - lo
        let ends = lo + (a.count - hiA)
        if n == 0 || m == 0 || n * m > maxCells { return ends }
        return ends + align(Array(a[lo..<hiA]), Array(b[lo..<hiB]), score: score).reduce(0) { $0 + ($1.a != nil && $1.b != nil ? 1 : 0) }
    }
}
