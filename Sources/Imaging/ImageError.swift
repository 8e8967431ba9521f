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

    /// What is wrong in words that carry nothing read from the file (no magic
    /// bytes, header fields, chunk names or sizes): for a file outside the
    /// dataset's folder, whose contents must not reach a message (issue 14).
    public var contentFreeMessage: String {
        switch kind {
        case .unsupportedFormat: "not an image SceneLens knows"
        case .badSignature: "not a valid image (its signature is wrong)"
        case .badHeader: "not a valid image (its header is wrong)"
        case .truncated: "the image is truncated"
        case .corrupt: "the image data is damaged"
        case .checksum: "the image fails its checksum"
        case .tooLarge: "the image is larger than SceneLens reads"
        case .unsupportedFeature: "the image uses a feature SceneLens does not read"
        case .io: "the image cannot be read"
        }
    }
}
