import SceneData

/// The items of a source in dataset order, read ahead on every core a batch
/// at a time: what `stats` and `export` walk. `extra` is worked out for each
/// item on the reading thread (lints, a flag), so the caller's in-order part
/// stays small; results are the same as reading one item after another.
public struct OrderedItems<Source: ReviewItemSource & Sendable, Extra: Sendable> {
    /// One item as read: its position, the item (nil: unreadable) and its extra.
    public typealias Entry = (index: Int, item: Item?, extra: Extra)

    private let items: Source
    private let parts: ItemParts
    private let batchSize: Int
    private let extra: @Sendable (Item?) -> Extra
    private var buffer: [Entry] = []
    private var position = 0
    private var nextToRead = 0

    /// Items of `items` with `parts` built, `batchSize` at a time.
    public init(_ items: Source, parts: ItemParts, batchSize: Int = 256, extra: @escaping @Sendable (Item?) -> Extra) {
        self.items = items; self.parts = parts; self.batchSize = max(1, batchSize); self.extra = extra
    }

    /// The next item, reading the next batch when the last one is used up; nil after the last item.
    public mutating func peek() -> Entry? {
        if position < buffer.count { return buffer[position] }
        let total = items.itemCount
        guard nextToRead < total else { return nil }
        let batch = nextToRead..<min(total, nextToRead + batchSize)
        let (items, parts, extra) = (self.items, self.parts, self.extra)
        buffer = ParallelMap.map(batch) { i -> Entry in
            let item = items.reviewItem(at: i, parts: parts)
            return (i, item, extra(item))
        }
        position = 0
        nextToRead = batch.upperBound
        return buffer.first
    }

    /// Passes over the item `peek` returned.
    public mutating func drop() { position += 1 }

    /// The next item, passed over.
    public mutating func next() -> Entry? {
        defer { drop() }
        return peek()
    }
}

extension OrderedItems where Extra == Void {
    /// Items with nothing worked out beside them.
    public init(_ items: Source, parts: ItemParts, batchSize: Int = 256) {
        self.init(items, parts: parts, batchSize: batchSize) { _ in () }
    }
}

/// The order of item ids that decision streams follow (`forEachDecisionByItemID`):
/// their UTF-8 bytes, as SQLite compares text (Swift's `<` compares canonical
/// equivalents equal, which no store does).
public enum IDOrder {
    /// True when `a` comes before `b`.
    public static func precedes(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}
