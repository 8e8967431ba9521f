/// A JSON syntax error, located by line and column (in characters, 1-based).
public struct JSONSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, in one phrase ("unterminated string").
    public var message: String
    /// 0-based byte offset of the error in the parsed bytes.
    public var offset: Int
    /// 1-based line within the parsed bytes.
    public var line: Int
    /// 1-based column within that line, counted in characters (Unicode scalars).
    public var column: Int
    /// An error from its parts.
    public init(message: String, offset: Int, line: Int, column: Int) {
        self.message = message; self.offset = offset; self.line = line; self.column = column
    }
    public var description: String { "\(line):\(column): \(message)" }
}
