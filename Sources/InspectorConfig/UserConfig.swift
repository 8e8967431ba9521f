import Imaging
import Inspector
import SceneData
import TerminalUI
import TOMLKit

extension Action {
    /// The action's name in a config file: `next-item` for `nextItem`.
    public var configName: String {
        var out = ""
        for c in rawValue {
            if c.isUppercase { out += "-" + c.lowercased() } else { out.append(c) }
        }
        return out
    }

    /// The action a config file names, nil when there is none.
    public init?(configName: String) {
        guard let a = Action.allCases.first(where: { $0.configName == configName }) else { return nil }
        self = a
    }
}

/// The user's config file (`config.toml`), read once at start: the key
/// bindings it changes, applied to the one `KeyMap`, and every problem found,
/// each with the file and line. What is wrong is left out and its default
/// kept; the rest applies.
///
///     [keys]
///     accept = "y"                  # one key
///     next-item = ["j", "Right"]    # several; the first is the one the hints show
public struct UserConfig: Sendable {
    /// How reading the file went.
    public enum Status: Sendable, Hashable {
        /// No file there: the defaults.
        case absent
        /// Read and applied (problems, if any, are in `problems`).
        case loaded
        /// The file could not be read or is not TOML: the defaults.
        case unusable
    }

    /// The file, nil when no path could be worked out (no HOME).
    public var path: String?
    public var status: Status
    /// The standard map with the file's bindings applied.
    public var keyMap: KeyMap
    /// The actions the file gave keys to.
    public var rebound: [Action]
    public var problems: [ConfigProblem]
    /// `[images] alpha`: the model rendition of transparency SceneLens shows
    /// (nil: not set, Pillow's). `--alpha` overrides it.
    public var alpha: AlphaRendition?
    /// `[inspector] mouse`: whether clicks and the wheel act (nil: not set, on).
    public var mouse: Bool?

    /// The tables a config file may have.
    static let tables = ["keys", "images", "inspector"]

    /// Reads the config at `path`. A missing file is no problem unless it was
    /// asked for by name (`--config`), which the caller checks.
    public static func load(path: String?) -> UserConfig {
        guard let path else { return UserConfig(path: nil, status: .absent, keyMap: .standard, rebound: [], problems: []) }
        switch TextFile.read(path) {
        case .missing:
            return UserConfig(path: path, status: .absent, keyMap: .standard, rebound: [], problems: [])
        case .failed(let reason):
            return UserConfig(path: path, status: .unusable, keyMap: .standard, rebound: [],
                              problems: [ConfigProblem(file: path, line: nil, message: "cannot be read (\(reason)); using the default keys")])
        case .text(let text):
            return parse(text, file: path)
        }
    }

    /// The config in `text`, its problems naming `file`.
    public static func parse(_ text: String, file: String) -> UserConfig {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let e as TOMLParseError {
            return UserConfig(path: file, status: .unusable, keyMap: .standard, rebound: [], problems: [
                ConfigProblem(file: file, line: e.source.begin.line,
                              message: "not valid TOML: \(e.description) (column \(e.source.begin.column)); the whole file is ignored, using the default keys"),
            ])
        } catch {
            return UserConfig(path: file, status: .unusable, keyMap: .standard, rebound: [],
                              problems: [ConfigProblem(file: file, line: nil, message: "not valid TOML (\(error)); using the default keys")])
        }
        let lines = TOMLLines(text)
        var problems: [ConfigProblem] = []
        for name in table.keys.sorted() where !tables.contains(name) {
            problems.append(ConfigProblem(file: file, line: lines.line(ofTable: name) ?? lines.line(of: name, in: ""),
                                          message: "unknown setting '\(name)' (a config has only [keys], [images] and [inspector]); ignored"))
        }
        var map = KeyMap.standard
        var rebound: [Action] = []
        if let value = table["keys"] {
            if let keys = value.table {
                let bindings = KeyBindingsTable.read(keys, file: file, lines: lines)
                problems += bindings.problems
                for (action, keys) in bindings.bindings { map.rebind(action, to: keys) }
                rebound = bindings.bindings.map(\.action)
                // An action whose every key another one took, without the file saying so.
                for b in map.bindings where b.keys.isEmpty && !rebound.contains(b.action) && !KeyMap.standard.keys(b.action).isEmpty {
                    let takers = KeyMap.standard.keys(b.action).compactMap { k in map.action(for: k).map { "\(k.name) is \($0.configName)'s" } }
                    problems.append(ConfigProblem(file: file, line: lines.line(ofTable: "keys"),
                                                  message: "\(b.action.configName) has no key left (\(takers.joined(separator: ", "))); give it one in [keys]"))
                }
            } else {
                problems.append(ConfigProblem(file: file, line: lines.line(of: "keys", in: "") ?? lines.line(ofTable: "keys"),
                                              message: "keys must be a table ([keys] with action = \"key\" lines); ignored"))
            }
        }
        var alpha: AlphaRendition?
        if let value = table["images"] {
            (alpha, problems) = readImages(value, file: file, lines: lines, problems: problems)
        }
        var mouse: Bool?
        if let value = table["inspector"] {
            guard let inspector = value.table else {
                problems.append(ConfigProblem(file: file, line: lines.line(ofTable: "inspector") ?? lines.line(of: "inspector", in: ""),
                                              message: "inspector must be a table ([inspector] with mouse = true or false); ignored"))
                return UserConfig(path: file, status: .loaded, keyMap: map, rebound: rebound, problems: problems, alpha: alpha)
            }
            for name in inspector.keys.sorted() {
                let line = lines.line(of: name, in: "inspector")
                guard name == "mouse" else {
                    problems.append(ConfigProblem(file: file, line: line, message: "unknown setting '\(name)' in [inspector] (it has only mouse); ignored"))
                    continue
                }
                if let b = inspector[name]?.bool { mouse = b } else {
                    problems.append(ConfigProblem(file: file, line: line, message: "mouse: expected true or false; the mouse stays on"))
                }
            }
        }
        return UserConfig(path: file, status: .loaded, keyMap: map, rebound: rebound, problems: problems, alpha: alpha, mouse: mouse)
    }

    /// The `[images]` table: `alpha = "pillow" | "white"`.
    static func readImages(_ value: TOMLValueConvertible, file: String, lines: TOMLLines,
                           problems: [ConfigProblem]) -> (AlphaRendition?, [ConfigProblem]) {
        var problems = problems
        guard let images = value.table else {
            problems.append(ConfigProblem(file: file, line: lines.line(of: "images", in: "") ?? lines.line(ofTable: "images"),
                                          message: "images must be a table ([images] with alpha = \"pillow\" or \"white\"); ignored"))
            return (nil, problems)
        }
        var alpha: AlphaRendition?
        for name in images.keys.sorted() {
            let line = lines.line(of: name, in: "images")
            guard name == "alpha" else {
                problems.append(ConfigProblem(file: file, line: line, message: "unknown setting '\(name)' in [images] (it has only alpha); ignored"))
                continue
            }
            if let s = images[name]?.string, let a = AlphaRendition(rawValue: s) { alpha = a } else {
                problems.append(ConfigProblem(file: file, line: line,
                                              message: "alpha: expected \"pillow\" (alpha dropped, as Pillow's convert(\"RGB\")) or \"white\" (composited over white, as transformers' image processors); using pillow"))
            }
        }
        return (alpha, problems)
    }
}

/// The `[keys]` table: `action = "key"` or `action = ["key", ...]`.
enum KeyBindingsTable {
    static func read(_ table: TOMLTable, file: String, lines: TOMLLines)
        -> (bindings: [(action: Action, keys: [Key])], problems: [ConfigProblem]) {
        var entries: [(action: Action, keys: [Key], line: Int?)] = []
        var problems: [ConfigProblem] = []
        for name in table.keys {
            let line = lines.line(of: name, in: "keys")
            func problem(_ m: String) { problems.append(ConfigProblem(file: file, line: line, message: m)) }
            guard let action = Action(configName: name) else {
                problem("unknown action '\(name)'\(suggestion(name)); ignored (docs/inspector.md lists the actions)")
                continue
            }
            guard let value = table[name] else { continue }
            let names: [String]
            if let one = value.string {
                names = [one]
            } else if let list = value.array, list.allSatisfy({ $0.string != nil }) {
                names = list.compactMap(\.string)
            } else {
                problem("\(name): expected a key name or a list of key names, such as \"y\" or [\"j\", \"Down\"]; keeping its default keys")
                continue
            }
            let unknown = names.filter { Key(name: $0) == nil }
            if !unknown.isEmpty {
                problem("\(name): unknown key name\(unknown.count == 1 ? "" : "s") \(unknown.map { "'\($0)'" }.joined(separator: ", ")) "
                        + "(a character, or Tab, Shift-Tab, Enter, Esc, Space, Ctrl-A..Ctrl-Z, Up, Down, Left, Right, PgUp, PgDn, Home, End, BS, Del, Ins, F1..F12); keeping its default keys")
                continue
            }
            var keys: [Key] = []
            for k in names.compactMap(Key.init(name:)) where !keys.contains(k) { keys.append(k) }
            entries.append((action, keys, line))
        }
        entries.sort { ($0.line ?? .max, $0.action.rawValue) < ($1.line ?? .max, $1.action.rawValue) }
        // A key given to two actions: neither gets it; both keep their defaults.
        var owners: [Key: [Int]] = [:]
        for (i, e) in entries.enumerated() { for k in e.keys { owners[k, default: []].append(i) } }
        var dropped = Set<Int>()
        for (i, e) in entries.enumerated() {
            for k in e.keys {
                guard let o = owners[k], o.count > 1, o.first != i else { continue }
                let first = entries[o[0]]
                let at = first.line.map { " on line \($0)" } ?? ""
                problems.append(ConfigProblem(file: file, line: e.line,
                                              message: "\(k.name) is bound twice: to \(e.action.configName) and to \(first.action.configName)\(at); both keep their default keys"))
                dropped.formUnion(o)
            }
        }
        let bindings = entries.enumerated().filter { !dropped.contains($0.offset) }.map { ($0.element.action, $0.element.keys) }
        return (bindings, problems.sorted { ($0.line ?? .max) < ($1.line ?? .max) })
    }

    /// " (did you mean 'x'?)" for the action nearest `name`, when one is near.
    static func suggestion(_ name: String) -> String {
        Spelling.nearest(to: name, among: Action.allCases.map(\.configName)).map { " (did you mean '\($0)'?)" } ?? ""
    }
}
