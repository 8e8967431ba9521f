/// Item positions as bits.
public struct ItemBits: Sendable, Hashable {
    var words: [UInt64]

    init(count: Int) { words = [UInt64](repeating: 0, count: (count + 63) / 64) }

    mutating func insert(_ i: Int) { words[i >> 6] |= 1 << UInt64(i & 63) }

    /// Whether item `i` is in.
    public func contains(_ i: Int) -> Bool {
        i >= 0 && i >> 6 < words.count && words[i >> 6] & (1 << UInt64(i & 63)) != 0
    }

    mutating func formIntersection(_ other: ItemBits) {
        for k in words.indices { words[k] &= other.words[k] }
    }

    /// How many items are in.
    public var count: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }
}

/// The summary's words turned round: for each word the items that have it.
/// A text looked for (`text~"red cube"`, `/red cube`) can only be in an item
/// that has, for each of its word runs, a word containing that run; the
/// vocabulary is scanned for those words and their items are the only
/// candidates, which are then read to be sure. An item with text other than
/// ASCII is always a candidate (case and accent folding are Unicode's).
public struct TextIndex: Sendable {
    let vocabulary: [String]
    let postings: [[UInt32]]
    let other: [UInt32]
    let count: Int

    /// The index of `summary`'s words.
    public init(_ summary: DatasetSummary) {
        var sizes = [Int](repeating: 0, count: summary.vocabulary.count)
        for line in summary.lines { for w in line.words { sizes[Int(w)] += 1 } }
        var postings = sizes.map { n -> [UInt32] in var a: [UInt32] = []; a.reserveCapacity(n); return a }
        var other: [UInt32] = []
        for (i, line) in summary.lines.enumerated() {
            for w in line.words { postings[Int(w)].append(UInt32(i)) }
            if line.otherText { other.append(UInt32(i)) }
        }
        vocabulary = summary.vocabulary; self.postings = postings; self.other = other; count = summary.lines.count
    }

    /// The items whose texts may contain `needle` (ignoring case and accents);
    /// nil when the index cannot narrow it (text other than ASCII, no letters or digits).
    public func candidates(_ needle: String) -> ItemBits? {
        guard let runs = SummaryWords.runs(of: needle) else { return nil }
        var out: ItemBits?
        for run in Set(runs) {
            var bits = ItemBits(count: count)
            for (w, word) in vocabulary.enumerated() where word.contains(run) {
                for i in postings[w] { bits.insert(Int(i)) }
            }
            if out == nil { out = bits } else { out?.formIntersection(bits) }
        }
        guard var result = out else { return nil }
        for i in other { result.insert(Int(i)) }
        return result
    }
}
