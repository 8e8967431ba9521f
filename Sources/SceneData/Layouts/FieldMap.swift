import Foundation

/// `--map question=prompt,chosen=response_a,...`: which of the user's columns
/// (or keys) holds each SceneLens field. A mapped row holds only the mapped
/// fields and is read like a preference row (docs/layouts.md).
public struct FieldMap: Sendable, Hashable {
    /// One `field=column` pair; `column` may name a nested member (`meta.uid`).
    public struct Pair: Sendable, Hashable {
        public var field: String
        public var column: String
        /// A pair from its parts.
        public init(field: String, column: String) { self.field = field; self.column = column }
        /// The top-level column the value is read from.
        public var topColumn: String { String(column.split(separator: ".", maxSplits: 1).first ?? "") }
    }

    /// The fields a map may name.
    public static let fields = ["id", "image", "question", "answer", "chosen", "rejected", "operator", "scene_graph", "source"]

    public var pairs: [Pair]

    /// A map from its pairs.
    public init(pairs: [Pair]) { self.pairs = pairs }

    /// Reads `field=column,field=column` or, when `text` has no `=`, the mapping
    /// file at that path (one `field = column` per line, `#` comments).
    public init(parsing text: String) throws(FieldMapError) {
        var source = text
        var separators: Set<Character> = [","]
        if !text.contains("=") {
            guard let data = FileManager.default.contents(atPath: text), let s = String(data: data, encoding: .utf8) else {
                throw FieldMapError(message: "\(text): no mapping file there, and not field=column pairs")
            }
            source = s
            separators = [",", "\n"]
        }
        var pairs: [Pair] = []
        for raw in source.split(whereSeparator: { separators.contains($0) }) {
            let entry = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let trimmed = entry.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            let parts = trimmed.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw FieldMapError(message: "'\(trimmed)' is not field=column")
            }
            guard Self.fields.contains(parts[0]) else {
                throw FieldMapError(message: "'\(parts[0])' is not a field SceneLens reads (fields: \(Self.fields.joined(separator: ", ")))")
            }
            if pairs.contains(where: { $0.field == parts[0] }) {
                throw FieldMapError(message: "'\(parts[0])' is mapped twice")
            }
            pairs.append(Pair(field: parts[0], column: parts[1]))
        }
        guard !pairs.isEmpty else { throw FieldMapError(message: "the map names no field") }
        self.pairs = pairs
    }

    /// The top-level columns the map reads.
    public var columns: Set<String> { Set(pairs.map(\.topColumn)) }

    /// The pairs whose column is not among `keys`, for an error at opening.
    func missing(in keys: [String]) -> [Pair] {
        let have = Set(keys)
        return pairs.filter { !have.contains($0.topColumn) }
    }

    /// The row with each mapped field taken from its column.
    func apply(_ row: JSONValue) -> JSONValue {
        var members: [(String, JSONValue)] = []
        for p in pairs {
            var v: JSONValue? = row
            for part in p.column.split(separator: ".") { v = v?[String(part)] }
            if let v { members.append((p.field, v)) }
        }
        return .object(members)
    }

    /// The map as written on the command line.
    public var description: String { pairs.map { "\($0.field)=\($0.column)" }.joined(separator: ",") }
}

/// A `--map` that cannot be read.
public struct FieldMapError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { "--map: \(message)" }
}
