import Foundation

/// A review store could not be opened, read or written; the message names the store file.
public struct ReviewStoreError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The store file (or `:memory:`).
    public var path: String
    /// One sentence a person understands.
    public var message: String

    /// An error about the store at `path`.
    public init(path: String, message: String) { self.path = path; self.message = message }

    /// `PATH: message`.
    public var description: String { "\(path): \(message)" }
}
