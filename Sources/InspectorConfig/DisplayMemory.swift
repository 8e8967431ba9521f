import Imaging
import Inspector
import TerminalUI
import TOMLKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The display settings the inspector keeps between sessions: what `i`, `h`,
/// `b` and `I` toggle. Kept in a state file of their own, not in config.toml:
/// TOMLKit (toml++) writes a document back without its comments, and the
/// config is the user's to edit.
public struct DisplayPrefs: Sendable, Hashable {
    /// The image mode last chosen with `i`; nil: as the terminal decides.
    public var imageMode: ImageMode?
    public var heatmap = true
    public var boxes = true
    public var invertShading = false

    public init(imageMode: ImageMode? = nil, heatmap: Bool = true, boxes: Bool = true, invertShading: Bool = false) {
        self.imageMode = imageMode; self.heatmap = heatmap; self.boxes = boxes; self.invertShading = invertShading
    }

    /// The file's text: a `[display]` table.
    var toml: String {
        var out = "# What the scenelens inspector remembers between sessions (i, h, b, I).\n"
            + "# scenelens rewrites this file when you quit; keys go in config.toml.\n[display]\n"
        if let imageMode { out += "image-mode = \"\(imageMode.label)\"\n" }
        out += "heatmap = \(heatmap)\nboxes = \(boxes)\ninvert-shading = \(invertShading)\n"
        return out
    }

    /// The settings in `text`, defaults for what is missing or wrong (each wrong one a problem).
    static func parse(_ text: String, file: String) -> (DisplayPrefs, [ConfigProblem]) {
        var prefs = DisplayPrefs()
        let table: TOMLTable
        do { table = try TOMLTable(string: text) } catch let e as TOMLParseError {
            return (prefs, [ConfigProblem(file: file, line: e.source.begin.line,
                                          message: "not valid TOML: \(e.description); display settings back to their defaults")])
        } catch {
            return (prefs, [ConfigProblem(file: file, line: nil, message: "not valid TOML; display settings back to their defaults")])
        }
        guard let display = table["display"]?.table else { return (prefs, []) }
        let lines = TOMLLines(text)
        var problems: [ConfigProblem] = []
        func bad(_ key: String, _ want: String) {
            problems.append(ConfigProblem(file: file, line: lines.line(of: key, in: "display"),
                                          message: "\(key): expected \(want); using the default"))
        }
        if let v = display["image-mode"] {
            if let s = v.string, let style = ImageMode.allCases.first(where: { $0.label == s }) { prefs.imageMode = style }
            else { bad("image-mode", "one of " + ImageMode.allCases.map { "\"\($0.label)\"" }.joined(separator: ", ")) }
        }
        for (key, path) in [("heatmap", \DisplayPrefs.heatmap), ("boxes", \.boxes), ("invert-shading", \.invertShading)] {
            guard let v = display[key] else { continue }
            if let b = v.bool { prefs[keyPath: path] = b } else { bad(key, "true or false") }
        }
        return (prefs, problems)
    }
}

/// One session's display settings: read from the state file at start and
/// put into the state, written back (atomically) at the end when they changed.
public struct DisplayMemory: Sendable {
    /// The state file, nil when no path could be worked out (no HOME).
    public let path: String?
    /// The settings as read (defaults when there was no file).
    public let remembered: DisplayPrefs
    public let problems: [ConfigProblem]
    /// The image mode the session started with.
    private var startStyle: ImageMode = .ascii

    /// Reads the state file at `path`.
    public static func load(path: String?) -> DisplayMemory {
        guard let path else { return DisplayMemory(path: nil, remembered: DisplayPrefs(), problems: []) }
        switch TextFile.read(path) {
        case .missing: return DisplayMemory(path: path, remembered: DisplayPrefs(), problems: [])
        case .failed(let reason):
            return DisplayMemory(path: path, remembered: DisplayPrefs(),
                                 problems: [ConfigProblem(file: path, line: nil, message: "cannot be read (\(reason)); display settings back to their defaults")])
        case .text(let text):
            let (prefs, problems) = DisplayPrefs.parse(text, file: path)
            return DisplayMemory(path: path, remembered: prefs, problems: problems)
        }
    }

    init(path: String?, remembered: DisplayPrefs, problems: [ConfigProblem]) {
        self.path = path; self.remembered = remembered; self.problems = problems
    }

    /// Puts the remembered settings into `s`. The remembered image mode is
    /// used unless the mode was given (`--mode`) or the terminal draws ASCII only.
    public mutating func apply(to s: inout AppState, modeGiven: Bool) {
        s.image.showHeatmap = remembered.heatmap
        s.image.showBoxes = remembered.boxes
        s.image.invert = remembered.invertShading
        if let style = remembered.imageMode, !modeGiven, !s.asciiOnly { s.image.mode = style }
        startStyle = s.image.mode
    }

    /// The settings `s` ends with: its toggles, and its image mode when the
    /// session changed it (else the one remembered, so a mode given for one
    /// session or forced by the terminal does not replace it).
    public func prefs(at s: AppState) -> DisplayPrefs {
        DisplayPrefs(imageMode: s.image.mode == startStyle ? remembered.imageMode : s.image.mode,
                     heatmap: s.image.showHeatmap, boxes: s.image.showBoxes, invertShading: s.image.invert)
    }

    /// Writes the settings `s` ends with when they differ from the remembered
    /// ones: a temporary beside the file, flushed, then renamed over it.
    /// Returns the problem when it could not be written.
    public func save(_ s: AppState) -> ConfigProblem? {
        let prefs = prefs(at: s)
        guard let path, prefs != remembered else { return nil }
        if let slash = path.lastIndex(of: "/"), let failure = Self.makeFolders(String(path[..<slash])) {
            return ConfigProblem(file: path, line: nil, message: "could not be written (\(failure)); display settings not remembered")
        }
        do {
            let temp = try TempFile(for: path)
            let bytes = Array(prefs.toml.utf8)
            var done = 0
            while done < bytes.count {
                let n = bytes[done...].withUnsafeBytes { write(temp.fd, $0.baseAddress, $0.count) }
                if n < 0 {
                    if errno == EINTR { continue }
                    let reason = String(cString: strerror(errno))
                    temp.abandon()
                    return ConfigProblem(file: path, line: nil, message: "could not be written (\(reason)); display settings not remembered")
                }
                done += n
            }
            try temp.commit()
        } catch {
            return ConfigProblem(file: path, line: nil, message: "could not be written (\(error.reason)); display settings not remembered")
        }
        return nil
    }

    /// `mkdir -p`; the reason when a folder cannot be made.
    static func makeFolders(_ dir: String) -> String? {
        guard !dir.isEmpty else { return nil }
        var st = stat()
        if stat(dir, &st) == 0 { return (st.st_mode & S_IFMT) == S_IFDIR ? nil : "\(dir) is not a folder" }
        if let slash = dir.lastIndex(of: "/"), let failure = makeFolders(String(dir[..<slash])) { return failure }
        if mkdir(dir, 0o700) != 0 && errno != EEXIST { return "\(dir): \(String(cString: strerror(errno)))" }
        return nil
    }
}
