/// A Parquet file that cannot be read, with where: the file, and when the
/// problem is inside data, the column, row group and page.
public struct ParquetError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The file, as given to `ParquetFile.open`.
    public var file: String
    /// Dotted path of the column (`images.list.element.bytes`).
    public var column: String?
    /// 0-based row group.
    public var rowGroup: Int?
    /// 0-based page within the column chunk (the dictionary page counts).
    public var page: Int?
    /// One sentence a person understands.
    public var message: String

    /// An error from its parts.
    public init(file: String = "", column: String? = nil, rowGroup: Int? = nil, page: Int? = nil, message: String) {
        self.file = file; self.column = column; self.rowGroup = rowGroup; self.page = page; self.message = message
    }

    /// A problem with the file's structure (footer, schema), not in one column.
    static func malformed(_ file: String?, _ message: String) -> ParquetError {
        ParquetError(file: file ?? "", message: message)
    }

    /// `FILE: column C, row group G, page P: message`, leaving out what is unknown.
    public var description: String {
        var place: [String] = []
        if let column { place.append("column \(column)") }
        if let rowGroup { place.append("row group \(rowGroup)") }
        if let page { place.append("page \(page)") }
        let prefix = file.isEmpty ? "" : "\(file): "
        return prefix + (place.isEmpty ? "" : place.joined(separator: ", ") + ": ") + message
    }
}

/// A problem found while decoding a page, located by the caller.
struct PageError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
