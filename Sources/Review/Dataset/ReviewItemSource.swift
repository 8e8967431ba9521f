import Foundation
import SceneData

/// Items in dataset order, read one at a time: what stats and export walk.
/// `Dataset` conforms; tests use `ArrayReviewItemSource`.
public protocol ReviewItemSource {
    /// How many items (lines holding an item, readable or not).
    var itemCount: Int { get }
    /// The item at `index` in dataset order; nil when its line cannot be read.
    func reviewItem(at index: Int) -> Item?
    /// The same with only `parts` built (`ItemParts`); nil exactly when `reviewItem(at:)` is nil.
    func reviewItem(at index: Int, parts: ItemParts) -> Item?
    /// False only when item `index`'s line cannot hold any text `filter` looks for (`TextPrefilter`).
    func lineMightMatch(_ index: Int, _ filter: TextPrefilter) -> Bool
    /// The item with this id; nil when there is none or it cannot be read.
    func reviewItem(id: String) -> Item?
    /// The absolute path of a path written in the dataset (relative to its folder).
    func absolutePath(_ path: String) -> String
    /// Where a path written in the dataset really leads when that is outside
    /// the dataset's folder (symbolic links resolved); nil when it stays inside.
    func outsideFolder(_ path: String) -> String?
    /// The 1-based file line of item `index`, to name an unreadable one; nil when unknown.
    func line(ofItem index: Int) -> Int?
    /// Ids more than one item has, each with the positions of all its items:
    /// decisions (keyed by item id) cannot say which of them they judged.
    func repeatedItemIDs() -> [String: [Int]]
}

extension ReviewItemSource {
    /// The whole item by default: sources held in memory have nothing to leave out.
    public func reviewItem(at index: Int, parts: ItemParts) -> Item? { reviewItem(at: index) }

    /// Unsure by default (items without a line): every item is read.
    public func lineMightMatch(_ index: Int, _ filter: TextPrefilter) -> Bool { true }

    /// Unknown by default: sources without a file have no lines.
    public func line(ofItem index: Int) -> Int? { nil }

    /// By default, from every readable item's id (one pass over the items).
    public func repeatedItemIDs() -> [String: [Int]] {
        var positions: [String: [Int]] = [:]
        for i in 0..<itemCount {
            if let id = reviewItem(at: i)?.id { positions[id, default: []].append(i) }
        }
        return positions.filter { $0.value.count > 1 }
    }

    /// `line N` when the line of item `index` is known, else `item N` (1-based).
    func place(ofItem index: Int) -> String {
        line(ofItem: index).map { "line \($0)" } ?? "item \(index + 1)"
    }
}

/// Items held in memory, for tests and small tools.
public struct ArrayReviewItemSource: ReviewItemSource, Sendable {
    /// The items; nil stands for a line that could not be read.
    public var items: [Item?]
    /// The folder relative image paths are resolved against.
    public var directory: String

    /// A source over `items`, resolving paths against `directory`.
    public init(_ items: [Item?], directory: String) { self.items = items; self.directory = directory }

    /// The number of items.
    public var itemCount: Int { items.count }
    /// The item at `index`, nil outside the array.
    public func reviewItem(at index: Int) -> Item? { items.indices.contains(index) ? items[index] : nil }
    /// The first item with this id.
    public func reviewItem(id: String) -> Item? { items.lazy.compactMap { $0 }.first { $0.id == id } }
    /// `path` if absolute, else `directory/path`.
    public func absolutePath(_ path: String) -> String {
        path.hasPrefix("/") ? path : (directory as NSString).appendingPathComponent(path)
    }
    /// As `Dataset.outsideFolder`, against `directory`.
    public func outsideFolder(_ path: String) -> String? {
        FolderContainment.outside(absolutePath(path), realFolder: FolderContainment.realPath(directory))
    }
}
