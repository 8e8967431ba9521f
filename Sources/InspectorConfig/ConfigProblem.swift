/// Something wrong in a config or state file, with where it is: printed as
/// `FILE:LINE: message` (or `FILE: message` when no line can be named).
public struct ConfigProblem: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var message: String

    public init(file: String, line: Int?, message: String) {
        self.file = file; self.line = line; self.message = message
    }

    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
}

/// Finds the line of a key in TOML text that already parsed: TOMLKit gives
/// source positions for syntax errors only, so the problems found in the
/// values (an unknown action, a key name nobody knows) are placed by reading
/// the text for `[table]` headers and `name =` lines.
struct TOMLLines {
    private var lines: [(table: String, key: String, line: Int)] = []
    private var headers: [String: Int] = [:]

    init(_ text: String) {
        var table = ""
        var number = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            let line = raw.drop { $0 == " " || $0 == "\t" }
            if line.hasPrefix("[") {
                let inner = line.dropFirst().prefix { $0 != "]" }
                table = Self.unquote(inner.trimmingSpaces)
                if headers[table] == nil { headers[table] = number }
                continue
            }
            guard let eq = line.firstIndex(of: "="), !line.hasPrefix("#") else { continue }
            let key = Self.unquote(line[..<eq].trimmingSpaces)
            if let dot = key.firstIndex(of: "."), table.isEmpty {
                // `keys.accept = "y"` at the top: table and key in one.
                lines.append((String(key[..<dot]), String(key[key.index(after: dot)...]), number))
            } else {
                lines.append((table, key, number))
            }
        }
    }

    /// The line `key` is set on in `table` ("" for the top), nil when not found.
    func line(of key: String, in table: String) -> Int? {
        lines.first { $0.table == table && $0.key == key }?.line
    }

    /// The line of the `[table]` header (or its first key), nil when not found.
    func line(ofTable table: String) -> Int? {
        headers[table] ?? lines.first { $0.table == table }?.line
    }

    private static func unquote(_ s: Substring) -> String {
        if s.count >= 2, let f = s.first, f == "\"" || f == "'", s.last == f { return String(s.dropFirst().dropLast()) }
        return String(s)
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s.removeLast() }
        return s
    }
}
