/// Why an image could not be read. Every case says what is wrong in words a
/// person understands; callers add the file name.
public struct ImageError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of problem, for tests and for callers that branch on it.
    public enum Kind: String, Sendable, Hashable {
        case unsupportedFormat, badSignature, badHeader, truncated, corrupt, checksum,
             tooLarge, unsupportedFeature, io
    }
    public var kind: Kind
    /// One sentence: what is wrong.
    public var message: String
    /// An error of this kind.
    public init(_ kind: Kind, _ message: String) { self.kind = kind; self.message = message }
    public var description: String { message }
}
