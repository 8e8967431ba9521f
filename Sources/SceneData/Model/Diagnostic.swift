/// How bad a finding is.
public enum Severity: String, Sendable, Hashable, Comparable {
    case info, warning, error
    private var rank: Int { self == .info ? 0 : self == .warning ? 1 : 2 }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// A problem found in a dataset, located by file, line (and column), item and field.
public struct Diagnostic: Sendable, Hashable {
    public var severity: Severity
    /// The dataset file (or image, or `.npy` file) the problem is in.
    public var file: String
    /// 1-based line in `file`, when it is a line of the dataset.
    public var line: Int?
    /// 1-based column, for JSON syntax errors.
    public var column: Int?
    /// The item's id, when it could be read.
    public var itemID: String?
    /// A path to the field, such as `negatives[1].operator` or `scene_graph.relations[3]`.
    public var field: String?
    /// One sentence a person understands.
    public var message: String

    /// A diagnostic from its parts.
    public init(_ severity: Severity, file: String, line: Int? = nil, column: Int? = nil,
                itemID: String? = nil, field: String? = nil, message: String) {
        self.severity = severity; self.file = file; self.line = line; self.column = column
        self.itemID = itemID; self.field = field; self.message = message
    }

    /// The `FILE:LINE: ITEM_ID: FIELD: message` form editors understand; parts
    /// that are unknown are left out.
    public var formatted: String {
        var s = file
        if let line { s += ":\(line)" }
        if let column { s += ":\(column)" }
        s += ": "
        if severity != .error { s += "\(severity.rawValue): " }
        if let itemID { s += "\(itemID): " }
        if let field { s += "\(field): " }
        return Self.oneLine(s + message)
    }

    /// `text` with its line breaks shown as `^J`, `^M`, `<U+2028>` (as the
    /// sanitizer shows them) so one report is one line: a line feed in a
    /// dataset's text or a crafted `.npy` header must not start a forged
    /// `FILE:LINE:` line (issue 14).
    public static func oneLine(_ text: String) -> String {
        let breaks: (Unicode.Scalar) -> Bool = { u in
            u == "\n" || u == "\r" || u.value == 0x0B || u.value == 0x0C || u.value == 0x85 || u.value == 0x2028 || u.value == 0x2029
        }
        guard text.unicodeScalars.contains(where: breaks) else { return text }
        var out = String.UnicodeScalarView()
        for u in text.unicodeScalars {
            guard breaks(u) else { out.append(u); continue }
            let shown = u.value < 0x20 ? "^" + String(UnicodeScalar(UInt8(u.value + 64))) : "<U+\(String(u.value, radix: 16, uppercase: true).leftPadded(4))>"
            out.append(contentsOf: shown.unicodeScalars)
        }
        return String(out)
    }
}

private extension String {
    func leftPadded(_ n: Int) -> String { String(repeating: "0", count: max(0, n - count)) + self }
}
