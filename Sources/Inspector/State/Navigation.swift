import SceneData

/// Which item and negative are shown, how much of the dataset is known, and
/// which negative to select once the item asked for arrives.
public struct Navigation: Sendable {
    public var datasetName: String
    /// Items known so far (grows while indexing).
    public var itemCount = 0
    public var fullyIndexed = false
    /// Indexing progress in [0, 1].
    public var indexFraction: Double = 0
    /// The dataset's summary being made, in [0, 1]; nil when none is being made.
    public var summarising: Double?
    /// Position of the item shown; the item itself is in `current` once loaded.
    public var index = 0
    public var current: LoadedItem?
    /// Position of the selected negative in the item.
    public var negativeIndex = 0
    /// The negative to select once the item being loaded arrives (undo, search hits).
    public var targetNegativeID: String?
    /// The same by position (a lookup's hit), which wins over the id: ids may repeat.
    public var targetNegativeIndex: Int?
    /// Select the first undecided negative once the item's decisions arrive.
    public var selectUndecided = false

    /// Navigation of a dataset called `datasetName`, at its first item.
    public init(datasetName: String) { self.datasetName = datasetName }

    /// The item shown, when it has been loaded and parsed.
    public var item: Item? {
        guard let c = current, c.index == index else { return nil }
        return c.item
    }

    /// The selected negative.
    public var negative: Negative? {
        guard let item, negativeIndex >= 0, negativeIndex < item.negatives.count else { return nil }
        return item.negatives[negativeIndex]
    }

    /// `i` kept inside the dataset as far as it is known.
    func clamped(_ i: Int) -> Int {
        let upper = fullyIndexed ? max(0, itemCount - 1) : Int.max
        return min(max(0, i), upper)
    }

    /// Indexing reached `count` items.
    mutating func indexed(count: Int, fraction: Double, done: Bool) {
        itemCount = count; indexFraction = fraction; fullyIndexed = done
    }

    /// The file ends before item `i`: it is fully indexed, with at most `i` items.
    mutating func endsBefore(_ i: Int) {
        fullyIndexed = true; indexFraction = 1
        itemCount = min(itemCount, i)
    }

    /// The negative of `item` a lookup or undo asked for: by position when given, else by id.
    func targetPosition(in item: Item?) -> Int? {
        guard let item else { return nil }
        if let k = targetNegativeIndex, item.negatives.indices.contains(k) { return k }
        if let id = targetNegativeID { return item.negatives.firstIndex { $0.id == id } }
        return nil
    }

    /// Forgets the negative a lookup or undo asked for.
    mutating func clearTarget() { targetNegativeID = nil; targetNegativeIndex = nil }
}
