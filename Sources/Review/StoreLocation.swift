import Foundation

/// Where `--store` (or `SCENELENS_STORE`) points: an SQLite file or a PostgreSQL server.
public enum StoreLocation: Sendable, Hashable, CustomStringConvertible {
    /// An SQLite file.
    case sqlite(path: String)
    /// A PostgreSQL connection URL (`postgresql://USER@HOST:PORT/DB`).
    case postgres(url: String)

    /// The location `text` names: a `postgresql://` or `postgres://` URL, else a file path.
    public init(_ text: String) {
        let lower = text.lowercased()
        self = lower.hasPrefix("postgresql://") || lower.hasPrefix("postgres://") ? .postgres(url: text) : .sqlite(path: text)
    }

    /// The location as it may be shown: a URL's password is replaced by `***`.
    public var description: String {
        switch self {
        case .sqlite(let path): return path
        case .postgres(let url): return Self.redact(url)
        }
    }

    /// `url` with any password (`user:PASSWORD@`, `password=...`) replaced by `***`.
    public static func redact(_ url: String) -> String {
        var out = url
        if let scheme = out.range(of: "://") {
            let rest = out[scheme.upperBound...]
            let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
            if let at = rest[..<authorityEnd].lastIndex(of: "@"),
               let colon = rest[..<at].firstIndex(of: ":") {
                out.replaceSubrange(rest.index(after: colon)..<at, with: "***")
            }
        }
        // password=... as a query parameter or in a key=value connection string.
        var result = ""
        var rest = Substring(out)
        while let r = rest.range(of: "password=", options: .caseInsensitive) {
            result += rest[..<r.upperBound] + "***"
            rest = rest[r.upperBound...]
            let end = rest.firstIndex(where: { $0 == "&" || $0 == " " }) ?? rest.endIndex
            rest = rest[end...]
        }
        return result + rest
    }

    /// `text` with every secret it may contain (the URL's password, `PGPASSWORD`) replaced by `***`:
    /// for error messages that quote what the server or the client library said.
    public static func scrub(_ text: String, url: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        var out = text.replacingOccurrences(of: url, with: redact(url))
        var secrets: [String] = []
        if let pw = environment["PGPASSWORD"], !pw.isEmpty { secrets.append(pw) }
        if let scheme = url.range(of: "://") {
            let rest = url[scheme.upperBound...]
            let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
            if let at = rest[..<authorityEnd].lastIndex(of: "@"), let colon = rest[..<at].firstIndex(of: ":") {
                let pw = String(rest[rest.index(after: colon)..<at])
                if !pw.isEmpty { secrets.append(pw); secrets.append(pw.removingPercentEncoding ?? pw) }
            }
        }
        for s in secrets where s.count >= 1 { out = out.replacingOccurrences(of: s, with: "***") }
        return out
    }
}
