/// A small, fast, seedable PRNG (SplitMix64): the generator never uses the
/// system generator, so a seed always gives the same bytes on every platform.
public struct SplitMix64: Sendable {
    private var state: UInt64

    /// A generator whose whole output is fixed by `seed`.
    public init(seed: UInt64) { state = seed }

    /// An independent stream derived from `seed` and a label, so that items,
    /// pool slots and negatives never share draws.
    public init(seed: UInt64, stream: UInt64) {
        var mixer = SplitMix64(seed: seed ^ (stream &* 0x9E37_79B9_7F4A_7C15))
        state = mixer.next() ^ stream
    }

    /// A stream number for labels such as an item id and an operator name:
    /// FNV-1a over their UTF-8 bytes, the same on every platform and run (unlike `Hasher`).
    public static func stream(_ labels: String...) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for label in labels {
            for b in label.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
            h = (h ^ 0xFF) &* 0x100_0000_01b3
        }
        return h
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `range` (empty ranges give their lower bound).
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound) &+ 1
        if span == 0 { return Int(truncatingIfNeeded: next()) }
        return range.lowerBound + Int(next() % span)
    }

    /// A uniform integer in `0..<count`; 0 when `count` is not positive.
    public mutating func index(_ count: Int) -> Int {
        count <= 0 ? 0 : Int(next() % UInt64(count))
    }

    /// A uniform double in [0, 1).
    public mutating func unit() -> Double {
        Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// A uniform double in `range`.
    public mutating func double(in range: ClosedRange<Double>) -> Double {
        range.lowerBound + unit() * (range.upperBound - range.lowerBound)
    }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// One element of `array`, or nil when it is empty.
    public mutating func pick<T>(_ array: [T]) -> T? {
        array.isEmpty ? nil : array[index(array.count)]
    }

    /// `array` in a random order (Fisher-Yates).
    public mutating func shuffled<T>(_ array: [T]) -> [T] {
        var a = array
        var i = a.count - 1
        while i > 0 {
            let j = index(i + 1)
            a.swapAt(i, j)
            i -= 1
        }
        return a
    }
}
