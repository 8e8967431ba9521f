/// Where the user's files live, by the XDG base directory rules: the config
/// under `$XDG_CONFIG_HOME` (default `~/.config`), what the inspector
/// remembers between sessions under `$XDG_STATE_HOME` (default `~/.local/state`).
/// A relative XDG variable is ignored, as the specification says.
public enum ConfigPaths {
    /// `$XDG_CONFIG_HOME/scenelens/config.toml`; nil when neither it nor HOME is set.
    public static func config(environment env: [String: String]) -> String? {
        base(env["XDG_CONFIG_HOME"], home: env["HOME"], fallback: ".config").map { $0 + "/scenelens/config.toml" }
    }

    /// `$XDG_STATE_HOME/scenelens/state.toml`: the display settings of the last session.
    public static func state(environment env: [String: String]) -> String? {
        base(env["XDG_STATE_HOME"], home: env["HOME"], fallback: ".local/state").map { $0 + "/scenelens/state.toml" }
    }

    private static func base(_ xdg: String?, home: String?, fallback: String) -> String? {
        if let xdg, xdg.hasPrefix("/") { return trimmed(xdg) }
        guard let home, !home.isEmpty else { return nil }
        return trimmed(home) + "/" + fallback
    }

    private static func trimmed(_ path: String) -> String {
        var p = path
        while p.count > 1 && p.hasSuffix("/") { p.removeLast() }
        return p == "/" ? "" : p
    }
}
