import Analysis
import SceneData

/// The one rule for a pair that must not reach training unasked: a negative
/// with an error-level lint of its own (`identical`, `operator-mismatch`).
/// `export` leaves such a pair out unless `--include-flagged`; the inspector
/// asks for a second, deliberate key before accepting one.
public enum FlaggedPair {
    /// The first error-level finding about `negative` itself, nil when it has none.
    public static func error(_ negative: Negative, in item: Item) -> LintFinding? {
        errors([negative], in: item)[0]
    }

    /// `error` of each of `negatives` of `item`, in order (the chosen words read once).
    public static func errors(_ negatives: [Negative], in item: Item) -> [LintFinding?] {
        Linter().errors(negatives: negatives, in: item).map(\.first)
    }
}
