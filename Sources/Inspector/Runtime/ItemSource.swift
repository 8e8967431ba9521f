import Imaging
import SceneData

/// Where the runner gets items and image bytes: the dataset file in the app,
/// a list of items in tests. Implementations must be safe to call from any thread.
public protocol ItemSource: AnyObject, Sendable {
    /// Items known so far.
    var count: Int { get }
    /// True once the whole file has been indexed.
    var isFullyIndexed: Bool { get }
    /// Item `index`, parsed; problems become diagnostics.
    func load(_ index: Int) -> LoadedItem
    /// The position of the item with this id.
    func index(ofID id: String) -> Int?
    /// The bytes of an image file.
    func imageBytes(for source: ImageSource) throws -> [UInt8]
    /// Where an image path really leads when that is outside the dataset's
    /// folder; nil when it stays inside (or is inline). Such an image is drawn,
    /// but a failure to read it is said without anything from the file.
    func outsideFolder(_ source: ImageSource) -> String?
    /// The size of the dataset file in bytes (0 when not a file).
    var byteSize: Int64 { get }
    /// Indexes the rest of the file, reporting (items, fraction, done) as it goes.
    func indexAll(progress: @escaping @Sendable (Int, Double, Bool) -> Void)
    /// How many negatives item `index` has, as cheaply as the source can tell.
    func negativeCount(ofItem index: Int) -> Int?
    /// Whether item `index` exists, indexing only as far as it and parsing nothing.
    func hasItem(_ index: Int) -> Bool
    /// The negatives of the whole dataset (indexing all of it): the N of "reviewed k of N".
    func negativeTotal() -> Int
    /// The positions of every item with the id `id` when more than one item has
    /// it (decisions on it are ambiguous), else empty. May index the whole file.
    func positions(sharingID id: String) -> [Int]
    /// `positions(sharingID:)` when it is known without waiting, else nil
    /// (the ids of a large file are still being read).
    func knownPositions(sharingID id: String) -> [Int]?
    /// Every item id with the position of its first item (`:` looks for a prefix or a close spelling in them).
    func allIDs() -> [String: Int]
    /// What says the items are the same as in an earlier session (a file's
    /// path, size and modification time), for the store's resume mark; nil:
    /// no marks, resuming walks from the first item.
    var identity: String? { get }
    /// Starts indexing at a line remembered by a resume mark, when it is still
    /// item `item` there (see `Dataset.startIndexing(at:item:)`); false: not
    /// started there (the caller indexes up to `item` as before).
    func startIndexing(at place: LinePlace, item: Int) -> Bool
    /// Where item `index`'s line is, for the resume mark; nil when not a line of one file.
    func place(ofItem index: Int) -> LinePlace?
    /// False only when item `index`'s line cannot hold any text `filter` looks for (`TextPrefilter`).
    func lineMightMatch(_ index: Int, _ filter: TextPrefilter) -> Bool
}

extension ItemSource {
    /// Unsure by default (items without a line): every item is parsed.
    public func lineMightMatch(_ index: Int, _ filter: TextPrefilter) -> Bool { true }

    /// Default: indexes everything, then adds up `negativeCount(ofItem:)`.
    public func negativeTotal() -> Int {
        indexAll { _, _, _ in }
        var total = 0
        for i in 0..<count { total += negativeCount(ofItem: i) ?? 0 }
        return total
    }

    /// Default: no file is outside (a source without a folder).
    public func outsideFolder(_ source: ImageSource) -> String? { nil }

    /// Default: no id is known to repeat.
    public func positions(sharingID id: String) -> [Int] { [] }

    /// Default: every item read in turn.
    public func allIDs() -> [String: Int] {
        indexAll { _, _, _ in }
        var out: [String: Int] = [:]
        for i in (0..<count).reversed() { if let id = load(i).item?.id { out[id] = i } }
        return out
    }

    /// Default: as `positions(sharingID:)`, which is then cheap.
    public func knownPositions(sharingID id: String) -> [Int]? { positions(sharingID: id) }
    public var identity: String? { nil }
    /// Default: items are not lines of a file.
    public func startIndexing(at place: LinePlace, item: Int) -> Bool { false }
    public func place(ofItem index: Int) -> LinePlace? { nil }
}

/// Items held in memory, for tests and small tools.
public final class InMemorySource: ItemSource, @unchecked Sendable {
    private let items: [Item]
    private let images: [String: [UInt8]]
    /// The identity the resume mark is kept under (nil: none kept).
    public let identity: String?
    /// A source serving `items`; `images` maps an image path to its bytes.
    public init(items: [Item], images: [String: [UInt8]] = [:], identity: String? = nil) {
        self.items = items; self.images = images; self.identity = identity
    }
    public var count: Int { items.count }
    public var isFullyIndexed: Bool { true }
    public var byteSize: Int64 { 0 }
    public func load(_ index: Int) -> LoadedItem {
        guard index >= 0, index < items.count else {
            return LoadedItem(index: index, item: nil, diagnostics: [Diagnostic(.error, file: "(memory)", message: "no item \(index + 1)")],
                              missing: true)
        }
        return LoadedItem(index: index, item: items[index], diagnostics: [])
    }
    public func index(ofID id: String) -> Int? { items.firstIndex { $0.id == id } }
    public func positions(sharingID id: String) -> [Int] {
        let all = items.indices.filter { items[$0].id == id }
        return all.count > 1 ? all : []
    }
    public func imageBytes(for source: ImageSource) throws -> [UInt8] {
        switch source {
        case .inline(let b): return b
        case .path(let p):
            guard let b = images[p] else { throw ImageError(.io, "no image \(p)") }
            return b
        }
    }
    public func indexAll(progress: @escaping @Sendable (Int, Double, Bool) -> Void) { progress(items.count, 1, true) }
    public func negativeCount(ofItem index: Int) -> Int? { items.indices.contains(index) ? items[index].negatives.count : nil }
    public func hasItem(_ index: Int) -> Bool { items.indices.contains(index) }
}
