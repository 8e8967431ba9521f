import Foundation
import SceneData

/// The lint lines of the items linted lately, by position and id: going back
/// to an item shown a moment ago draws its lints without linting it again
/// (linting a Samples item takes longer than drawing it; see BENCHMARKS.md,
/// key to frame through a pseudo-terminal). Safe to call from any thread.
final class LintCache: @unchecked Sendable {
    private struct ItemKey: Hashable { var line: Int; var id: String }
    private let lock = NSLock()
    private var lints = LRU<ItemKey, ItemLints>(capacity: 16)

    /// The lints of `item` if they are cached.
    func cached(_ item: Item) -> ItemLints? { lock.withLock { lints[ItemKey(line: item.line, id: item.id)] } }

    /// The lints of `item`, from the cache or from `lint` now.
    func lints(of item: Item, _ lint: (Item) -> ItemLints) -> ItemLints {
        let key = ItemKey(line: item.line, id: item.id)
        if let hit = lock.withLock({ lints[key] }) { return hit }
        let fresh = lint(item)
        lock.withLock { lints[key] = fresh }
        return fresh
    }
}
