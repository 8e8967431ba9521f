import Analysis
import SceneData

/// The one rule for a pair that must not reach training unasked: a negative
/// with an error-level lint of its own (`identical`, `operator-mismatch`, ...).
/// `export` leaves such a pair out unless `--include-flagged`; the inspector
/// asks for a second, deliberate key before accepting one.
public enum FlaggedPair {
    /// The first error-level finding about `negative` itself, nil when it has none.
    public static func error(_ negative: Negative, in item: Item) -> LintFinding? {
        Linter().lint(negative: negative, in: item).first { $0.severity == .error }
    }
}
