/// Equal-width bins `[start + k·width, start + (k+1)·width)`, the last one
/// closed. Stats tables, the calibration and the plots all bin with it, so a
/// value lands in the same bin in each of them.
public struct EqualBins: Sendable, Hashable {
    public var start: Double
    public var width: Double
    public var count: Int

    public init(start: Double, width: Double, count: Int) {
        self.start = start
        self.width = width
        self.count = max(1, count)
    }

    /// Tenths of [0, 1], the bins of J and of a judge's confidence.
    public static let tenths = EqualBins(start: 0, width: 0.1, count: 10)

    /// The bin of `x`, clamped to the first and last. A value on an edge
    /// (0.3, which is 2.9999... tenths in binary) goes to the bin it starts.
    public func index(_ x: Double) -> Int {
        min(count - 1, max(0, Int(((x - start) / width + 1e-9).rounded(.down))))
    }
}
