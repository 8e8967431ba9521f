import Foundation

/// The items parsed lately, by position: loading, prefetching and lookups
/// share them. Safe to call from any thread.
final class ItemCache: @unchecked Sendable {
    private let source: ItemSource
    private let lock = NSLock()
    private var items = LRU<Int, LoadedItem>(capacity: 16)

    init(source: ItemSource) { self.source = source }

    /// Item `i` if it is cached, without parsing it.
    func cached(_ i: Int) -> LoadedItem? { lock.withLock { items[i] } }

    /// Item `i`, from the cache, else parsed now and not cached: for walks of
    /// every item, which must not push out the items on screen.
    func peek(_ i: Int) -> LoadedItem { cached(i) ?? source.load(i) }

    /// The position of the cached item with id `id` (nil: none cached).
    func position(ofCachedID id: String) -> Int? {
        lock.withLock { items.values.first { $0.item?.id == id }?.index }
    }

    /// Item `i`, from the cache or parsed now.
    func item(_ i: Int) -> LoadedItem {
        if let hit = lock.withLock({ items[i] }) { return hit }
        let loaded = source.load(i)
        lock.withLock { items[i] = loaded }
        return loaded
    }
}
