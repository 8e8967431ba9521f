import Review

/// The one-line message of the prompt line: its text and what kind of news it is.
/// Logic looks at the severity, never at the words.
public struct Flash: Sendable, Hashable, ExpressibleByStringInterpolation {
    public enum Severity: Sendable, Hashable {
        /// What a key did or could not do.
        case info
        /// A decision is durable in the store: moving on afterwards must not hide it.
        case saved
        /// Something failed (the store, a read): drawn in the error colour.
        case error
    }
    public var text: String
    public var severity: Severity
    /// A message of `severity`.
    public init(_ text: String, _ severity: Severity = .info) { self.text = text; self.severity = severity }
    /// An info message written as a string.
    public init(stringLiteral text: String) { self.init(text) }
    public init(stringInterpolation: DefaultStringInterpolation) { self.init(String(stringInterpolation: stringInterpolation)) }

    /// This message with `more` after it, keeping its severity.
    public func appending(_ more: String) -> Flash { Flash(text + more, severity) }
}

/// The long-running lookup in progress, which the prompt line shows (with its progress).
public enum Busy: Sendable, Hashable {
    /// Resuming: the first item this annotator has not finished.
    case resuming
    /// A text search (`/`, `n`/`N` while searching, `f` during a search).
    case searching
    /// The next item the filter lets through.
    case filtering
    /// `:` looking up an id or number.
    case lookingFor(String)
    /// After a decision finished an item: the next one with an undecided negative.
    case findingNext

    /// The words on the prompt line.
    public var label: String {
        switch self {
        case .resuming: "finding where you left off"
        case .searching: "searching"
        case .filtering: "filtering"
        case .lookingFor(let text): "looking for \(text)"
        case .findingNext: "finding the next undecided item"
        }
    }
}

/// What `u` took back, as the inspector needs it.
public struct Undone: Sendable, Hashable {
    /// Which part of the decision the undone change was.
    public enum Change: Sendable, Hashable { case decision, note, tags }
    public var key: NegativeKey
    /// The verdict the negative has again, nil when it is undecided again.
    public var restored: Verdict?
    public var change: Change

    public init(key: NegativeKey, restored: Verdict?, change: Change) { self.key = key; self.restored = restored; self.change = change }

    /// The store's answer in these terms. The store names the change by its
    /// history action (`record`, `note`, `tags`); this is the one place that reads it.
    public init(_ r: UndoResult) {
        let change: Change = switch r.action {
        case "tags": .tags
        case "note": .note
        default: .decision
        }
        self.init(key: r.key, restored: r.restored?.verdict, change: change)
    }
}
