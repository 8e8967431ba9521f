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
        var head: [Pair] = [], tail: [Pair] = []
        var lo = 0, hiA = a.count, hiB = b.count
        while lo < hiA, lo < hiB, score(a[lo], b[lo]) >= 1 { head.append(Pair(a: lo, b: lo)); lo += 1 }
        while hiA > lo, hiB > lo, score(a[hiA - 1], b[hiB - 1]) >= 1 {
            hiA -= 1; hiB -= 1; tail.append(Pair(a: hiA, b: hiB))
        }
        let n = hiA - lo, m = hiB - lo
        var middle: [Pair] = []
        if n == 0 || m == 0 || n * m > maxCells {
            middle = (lo..<hiA).map { Pair(a: $0, b: nil) } + (lo..<hiB).map { Pair(a: nil, b: $0) }
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
        return head + middle + tail.reversed()
    }
}
