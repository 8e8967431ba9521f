import Foundation

/// A review store could not be opened, read or written; the message names the store file.
public struct ReviewStoreError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The store file (or `:memory:`).
    public var path: String
    /// One sentence a person understands.
    public var message: String
    /// The store's server could not be reached (connection refused, lost,
    /// timed out): nothing was changed, and the same call may go through once
    /// it is back. False for every refusal (a bad value, a newer schema, a lock).
    public var unreachable = false

    /// An error about the store at `path`.
    public init(path: String, message: String, unreachable: Bool = false) {
        self.path = path; self.message = message; self.unreachable = unreachable
    }

    /// `PATH: message`.
    public var description: String { "\(path): \(message)" }
}
