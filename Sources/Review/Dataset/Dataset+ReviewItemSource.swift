import SceneData

/// A dataset file read item by item, in file order.
extension Dataset: ReviewItemSource {
    /// Items indexed so far; call `indexAll()` first to walk the whole file.
    public var itemCount: Int { count }
    /// The parsed item at `index`; nil for a line that is not a usable item.
    public func reviewItem(at index: Int) -> Item? { item(at: index).item }
    /// The item with only `parts` built.
    public func reviewItem(at index: Int, parts: ItemParts) -> Item? { item(at: index, parts: parts).item }
    /// The item with this id, through the dataset's id index.
    public func reviewItem(id: String) -> Item? { itemIndex(forID: id).flatMap { item(at: $0).item } }
    // `lineMightMatch(_:_:)` is the dataset's own.
    /// `resolve(_:)`.
    public func absolutePath(_ path: String) -> String { resolve(path) }
    /// The item's line in the file; nil when there is no such item.
    public func line(ofItem index: Int) -> Int? {
        let n = lineNumber(ofItem: index)
        return n > 0 ? n : nil
    }
    // `repeatedItemIDs()` is the dataset's own: from its id map, over every
    // line (unreadable ones too), as `validate` finds repeated ids.
}
