import Foundation
import SceneData

/// Small JSON helpers for export lines and `stats --json`; the text itself is
/// written by SceneData's `JSONValue.jsonText`, which keeps member order.
enum JSONText {
    /// An optional string as JSON (null when absent).
    static func string(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }

    /// ISO 8601 UTC with milliseconds: `2026-11-21T19:30:20.123Z`.
    static func time(_ d: Date) -> String {
        d.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
