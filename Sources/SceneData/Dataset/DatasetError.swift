/// Why a dataset file could not be opened or read; every case names the file.
public enum DatasetError: Error, Sendable, Hashable, CustomStringConvertible {
    /// There is no file at this path.
    case noSuchFile(String)
    /// The path names a directory, not a JSON Lines file.
    case isDirectory(String)
    /// The file exists but cannot be opened or read (permissions, I/O error).
    case unreadable(String, reason: String)
    /// An item index beyond the items the file holds.
    case noSuchItem(String, index: Int, count: Int)

    public var description: String {
        switch self {
        case .noSuchFile(let p): "\(p): no such file"
        case .isDirectory(let p): "\(p): is a folder holding no dataset files (\(DatasetFiles.extensions.joined(separator: ", ")))"
        case .unreadable(let p, let reason): "\(p): cannot be read (\(reason))"
        case .noSuchItem(let p, let i, let n): "\(p): no item \(i) (the file has \(n) items)"
        }
    }
}

/// How far indexing has got, for a progress bar.
public struct IndexProgress: Sendable, Hashable {
    /// Bytes of the file scanned so far.
    public var bytesRead: Int64
    /// The file's size when it was opened.
    public var totalBytes: Int64
    /// Items (non-blank lines) found so far.
    public var items: Int
    /// Progress from its parts.
    public init(bytesRead: Int64, totalBytes: Int64, items: Int) {
        self.bytesRead = bytesRead; self.totalBytes = totalBytes; self.items = items
    }
    /// Fraction done, in [0, 1].
    public var fraction: Double { totalBytes > 0 ? min(1, Double(bytesRead) / Double(totalBytes)) : 1 }
}

/// One item as read on demand: the item when its required fields could be
/// read, and every problem found on its line.
public struct ParsedItem: Sendable {
    /// 0-based index among the file's items.
    public var index: Int
    /// 1-based line in the file.
    public var line: Int
    /// The item; nil when the line is not JSON or lacks required fields.
    public var item: Item?
    /// Problems found while reading the item, errors and warnings.
    public var diagnostics: [Diagnostic]
    /// A parsed item from its parts.
    public init(index: Int, line: Int, item: Item?, diagnostics: [Diagnostic]) {
        self.index = index; self.line = line; self.item = item; self.diagnostics = diagnostics
    }
    /// True when any diagnostic is an error.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}
