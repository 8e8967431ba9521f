/// What a mistyped name most likely meant: the command line's "did you mean
/// 'scenelens stats'?" and a config file's "did you mean 'next-item'?".
public enum Spelling {
    /// The name of `names` that `word` most likely meant: one it starts (at
    /// least three letters, and only one name starts so), or one within two
    /// edits (fewer for short names); nil when none is that near.
    public static func nearest(to word: String, among names: [String]) -> String? {
        let lower = word.lowercased()
        let starting = names.filter { $0.hasPrefix(lower) }
        if lower.count >= 3, starting.count == 1 { return starting[0] }
        let scored = names.map { (name: $0, distance: distance(lower, $0)) }.sorted { $0.distance < $1.distance }
        guard let best = scored.first, best.distance <= min(2, max(1, best.name.count / 3)) else { return nil }
        return best.name
    }

    /// Levenshtein distance, with a swap of two neighbours counting as one edit.
    public static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in 0...x.count { d[i][0] = i }
        for j in 0...y.count { d[0][j] = j }
        for i in 1...x.count {
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[x.count][y.count]
    }
}
