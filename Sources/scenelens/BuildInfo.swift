import CBuildInfo

/// What `scenelens --version` says: the version, the commit and the kind of
/// build. scripts/install.sh bakes the commit in; a plain `swift build` has
/// no step that could, and says so instead of guessing.
enum BuildInfo {
    /// The release version.
    static let version = "0.2.0"

    /// The commit the executable was built from, when the build recorded it.
    static var commit: String? { sl_build_commit().map { String(cString: $0) } }

    /// "static release" from the install script; otherwise what the compiler knows.
    static var kind: String {
        if let k = sl_build_kind() { return String(cString: k) }
        #if DEBUG
        return "debug"
        #else
        return "release"
        #endif
    }

    /// `0.2.0 (commit 5e9ae32, static release build)` from the install
    /// script; `0.2.0 (debug build by swift build, commit not recorded)` otherwise.
    static var line: String {
        guard let commit else { return "\(version) (\(kind) build by swift build, commit not recorded)" }
        return "\(version) (commit \(commit), \(kind) build)"
    }
}
