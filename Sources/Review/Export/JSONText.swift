import Foundation
import SceneData

/// Compact one-line JSON text for export lines and `stats --json`, keeping
/// object members in the order given.
enum JSONText {
    static func encode(_ v: JSONValue) -> String {
        var out = ""
        write(v, into: &out)
        return out
    }

    static func write(_ v: JSONValue, into out: inout String) {
        switch v {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let d): out += number(d)
        case .string(let s): quote(s, into: &out)
        case .array(let items):
            out += "["
            for (i, x) in items.enumerated() {
                if i > 0 { out += ", " }
                write(x, into: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (i, (k, x)) in members.enumerated() {
                if i > 0 { out += ", " }
                quote(k, into: &out)
                out += ": "
                write(x, into: &out)
            }
            out += "}"
        }
    }

    static func number(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d == d.rounded(), abs(d) < 9_007_199_254_740_992 { return String(Int64(d)) }
        return "\(d)"
    }

    static func quote(_ s: String, into out: inout String) {
        out += "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if u.value < 0x20 || u.value == 0x7f {
                    out += String(format: "\\u%04x", u.value)
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }

    /// An optional string as JSON (null when absent).
    static func string(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }

    /// ISO 8601 UTC with milliseconds: `2026-11-21T19:30:20.123Z`.
    static func time(_ d: Date) -> String {
        d.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
