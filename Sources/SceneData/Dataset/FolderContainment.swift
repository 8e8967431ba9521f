#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether a path written in a dataset stays inside the dataset's folder
/// (issue 14): `../../etc/passwd`, an absolute path elsewhere and a symbolic
/// link inside the folder that points out of it all leave it. Judged on real
/// paths (every symbolic link resolved), so no spelling of a path can hide
/// where it leads.
public enum FolderContainment {
    /// `path` (absolute) with every symbolic link resolved, as `realpath(3)`
    /// gives it. For a path that does not (fully) exist, its deepest existing
    /// ancestor is resolved and the rest added by text, `..` included; a
    /// dangling symbolic link is followed to where it points.
    public static func realPath(_ path: String) -> String {
        resolve(path, depth: 0)
    }

    /// The real path of `path` when it lies outside the folder whose real path
    /// is `realFolder`; nil when it lies inside (the folder itself counts as inside).
    public static func outside(_ path: String, realFolder: String) -> String? {
        let real = realPath(path)
        return contains(realFolder, real) ? nil : real
    }

    /// True when `real` is `folder` or lies below it.
    static func contains(_ folder: String, _ real: String) -> Bool {
        if folder == "/" { return true }
        return real == folder || real.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
    }

    private static func resolve(_ path: String, depth: Int) -> String {
        if let r = realpath(path, nil) {
            defer { free(r) }
            return String(cString: r)
        }
        var head = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var rest: [String] = []
        while let last = head.popLast() {
            rest.insert(last, at: 0)
            let prefix = "/" + head.joined(separator: "/")
            guard let r = realpath(prefix, nil) else { continue }
            let base = String(cString: r)
            free(r)
            // A dangling link is where it points, not where it stands.
            let first = applying([rest[0]], to: base)
            if depth < 40, rest[0] != "..", let target = linkTarget(first) {
                let t = target.hasPrefix("/") ? target : base + "/" + target
                return applying(Array(rest.dropFirst()), to: resolve(t, depth: depth + 1))
            }
            return applying(rest, to: base)
        }
        return applying(rest, to: "/")
    }

    /// `base` with `components` added by text (`.` skipped, `..` one up).
    private static func applying(_ components: [String], to base: String) -> String {
        var parts = base.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        for c in components where c != "." && !c.isEmpty {
            if c == ".." { _ = parts.popLast() } else { parts.append(c) }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// What the symbolic link at `path` holds; nil when `path` is not a link.
    private static func linkTarget(_ path: String) -> String? {
        var buf = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink(path, &buf, buf.count - 1)
        guard n > 0 else { return nil }
        return String(decoding: buf[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
