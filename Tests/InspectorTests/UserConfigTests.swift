import Foundation
import Inspector
import InspectorConfig
import Review
import TerminalUI
import Testing

/// The user's config.toml: a rebinding changes what the key does, the `?`
/// help, the status-bar hints and how the key waits when typed ahead, all
/// from the one KeyMap; a bad file names its line and the rest still applies.
@Suite struct UserConfigTests {
    static let file = "/home/u/.config/scenelens/config.toml"

    func app(_ toml: String, width: Int = 160) -> (AppState, EffectRunner, UserConfig) {
        let config = UserConfig.parse(toml, file: Self.file)
        var (s, r) = Fixture.app(width: width)
        s.keyMap = config.keyMap
        return (s, r, config)
    }

    @Test func aReboundKeyDecidesAndTheOldOneNoLonger() throws {
        var (s, r, config) = app("[keys]\naccept = \"y\"\n")
        #expect(config.problems.isEmpty)
        #expect(config.rebound == [.accept])
        s.press("a", r)
        #expect(s.review.verdicts.isEmpty, "a is no longer bound")
        s.press("y", r)
        #expect(s.review.verdicts["n1"] == .accept)
        #expect(s.flash?.text == "saved: accept n1")
    }

    @Test func theHelpAndTheStatusBarShowTheNewKey() throws {
        var (s, r, _) = app("[keys]\naccept = \"y\"\nnext-item = [\"j\", \"Right\"]\ndown = [\"n\", \"Down\"]\n")
        let bar = s.screen.split(separator: "\n").last.map(String.init) ?? ""
        #expect(bar.contains("y accept"), "status bar: \(bar)")
        #expect(!bar.contains("a accept"))
        #expect(bar.contains("j/p item"), "the hint shows the first key of each action: \(bar)")
        s.press("?", r)
        // The help scrolls when taller than the screen: every page of it.
        var help = s.screen
        for _ in 0..<4 { s.press("<PgDn>", r); help += s.screen }
        #expect(help.range(of: #"y\s+accept the negative"#, options: .regularExpression) != nil, "\(help)")
        #expect(help.range(of: #"\ba\s+accept the negative"#, options: .regularExpression) == nil)
        #expect(help.range(of: #"j / Right\s+next item"#, options: .regularExpression) != nil, "\(help)")
        s.press("<Esc>", r)
        // Dispatch follows: j moves to the next item, n selects the next row.
        s.press("j", r)
        #expect(s.nav.index == 1)
    }

    @Test func theTypingAheadPolicyFollowsTheRebinding() throws {
        var (s, _, _) = app("[keys]\naccept = \"y\"\n")
        #expect(s.keyMap.typeAhead(.char("y")) == .decision)
        #expect(s.keyMap.typeAhead(.char("a")) == .waits)
        // y while the first y's decision is being saved: queued as a decision, in order.
        _ = InspectorApp.update(&s, .key(.char("y")))
        guard case .savingDecision = s.phase else { Issue.record("y did not start saving a decision: \(s.phase)"); return }
        _ = InspectorApp.update(&s, .key(.char("y")))
        #expect(s.work.queue == [.char("y")], "the second y waits as a decision")
    }

    @Test func aBadConfigNamesFileAndLineAndTheRestApplies() throws {
        let toml = """
            # my keys
            [keys]
            acept = "y"
            reject = "Ctrl-Shift-X"
            skip = "W"
            undo = "W"
            note = "C"
            tags = 3
            """
        let (s, _, config) = app(toml)
        let lines = config.problems.map(\.description)
        #expect(lines.contains { $0.hasPrefix("\(Self.file):3: unknown action 'acept' (did you mean 'accept'?)") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("\(Self.file):4: reject: unknown key name 'Ctrl-Shift-X'") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("\(Self.file):6: W is bound twice: to undo and to skip on line 5") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("\(Self.file):8: tags: expected a key name or a list of key names") }, "\(lines)")
        #expect(config.status == .loaded)
        // What was bad keeps its default; the good line applies.
        #expect(s.keyMap.keys(.accept) == [.char("a")])
        #expect(s.keyMap.keys(.reject) == [.char("x")])
        #expect(s.keyMap.keys(.skip) == [.char("s")])
        #expect(s.keyMap.keys(.undo) == [.char("u")])
        #expect(s.keyMap.keys(.note) == [.char("C")])
        #expect(s.keyMap.action(for: .char("W")) == nil)
    }

    @Test func aSyntaxErrorNamesItsLineAndLeavesTheDefaults() throws {
        let config = UserConfig.parse("[keys]\naccept = \"y\"\nreject = [\"x\",\n", file: Self.file)
        #expect(config.status == .unusable)
        #expect(config.problems.count == 1)
        #expect(config.problems.first?.line == 3, "the line of the array left open: \(config.problems)")
        #expect(config.problems.first?.description.hasPrefix("\(Self.file):3: not valid TOML") == true)
        #expect(config.keyMap.keys(.accept) == [.char("a")])
    }

    @Test func anActionLeftWithoutAKeyIsReportedAndUnknownTablesToo() throws {
        let config = UserConfig.parse("[keys]\nquit = \"z\"\n\n[colours]\nred = 1\n", file: Self.file)
        let lines = config.problems.map(\.description)
        #expect(lines.contains { $0.hasPrefix("\(Self.file):1: zoom has no key left (z is quit's)") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("\(Self.file):4: unknown setting 'colours'") }, "\(lines)")
        #expect(config.keyMap.action(for: .char("z")) == .quit)
        #expect(config.keyMap.action(for: .char("q")) == nil)
    }

    @Test func aMissingFileIsTheDefaults() throws {
        let dir = tempFolder()
        let config = UserConfig.load(path: dir.appendingPathComponent("config.toml").path)
        #expect(config.status == .absent)
        #expect(config.problems.isEmpty)
        #expect(config.keyMap.bindings == KeyMap.standard.bindings)
    }

    @Test func theXDGPathsAndTheirFallbacks() {
        #expect(ConfigPaths.config(environment: ["XDG_CONFIG_HOME": "/x/cfg/", "HOME": "/home/u"]) == "/x/cfg/scenelens/config.toml")
        #expect(ConfigPaths.config(environment: ["XDG_CONFIG_HOME": "relative", "HOME": "/home/u"]) == "/home/u/.config/scenelens/config.toml")
        #expect(ConfigPaths.state(environment: ["HOME": "/home/u"]) == "/home/u/.local/state/scenelens/state.toml")
        #expect(ConfigPaths.state(environment: ["XDG_STATE_HOME": "/s"]) == "/s/scenelens/state.toml")
        #expect(ConfigPaths.config(environment: [:]) == nil)
    }

    /// docs/inspector.md's table of action names (`| action | ... |`) lists every action a config can name, and no other.
    @Test func everyActionNameIsDocumented() throws {
        var names: Set<String> = []
        for cell in try KeyMapDocsTests.firstCells(ofTablesHeaded: "| action |", in: "docs/inspector.md") {
            for (i, part) in cell.split(separator: "`", omittingEmptySubsequences: false).enumerated() where i % 2 == 1 {
                names.insert(String(part))
            }
        }
        #expect(names == Set(Action.allCases.map(\.configName)))
    }
}

/// A fresh folder for one test's files.
private func tempFolder() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("scenelens-config-\(UUID().uuidString)", isDirectory: true)
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// The display settings (`i`, `h`, `b`, `I`) kept between sessions in the state file.
@Suite struct DisplayMemoryTests {
    @Test func togglesAreRememberedAtTheNextStart() throws {
        let path = tempFolder().appendingPathComponent("state/scenelens/state.toml").path
        var memory = DisplayMemory.load(path: path)
        var (s, r) = Fixture.app()
        memory.apply(to: &s, modeGiven: false)
        #expect(s.image.showHeatmap && s.image.showBoxes && !s.image.invert && s.image.mode == .truecolor)
        s.press("hbIi", r)
        #expect(memory.save(s) == nil)
        #expect(FileManager.default.fileExists(atPath: path))

        var next = DisplayMemory.load(path: path)
        #expect(next.problems.isEmpty)
        var (t, _) = Fixture.app()
        next.apply(to: &t, modeGiven: false)
        #expect(!t.image.showHeatmap)
        #expect(!t.image.showBoxes)
        #expect(t.image.invert)
        #expect(t.image.mode == .palette256)
        #expect(t.screen.contains("Image [256]"))
    }

    @Test func nothingIsWrittenWhenNothingChanged() throws {
        let path = tempFolder().appendingPathComponent("state.toml").path
        var memory = DisplayMemory.load(path: path)
        var (s, r) = Fixture.app()
        memory.apply(to: &s, modeGiven: false)
        s.press("hh", r)
        #expect(memory.save(s) == nil)
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func aModeGivenForOneSessionDoesNotReplaceTheRememberedOne() throws {
        let path = tempFolder().appendingPathComponent("state.toml").path
        try "[display]\nimage-mode = \"16\"\nheatmap = true\nboxes = true\ninvert-shading = false\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        var memory = DisplayMemory.load(path: path)
        var (s, r) = Fixture.app()
        memory.apply(to: &s, modeGiven: true)
        #expect(s.image.mode == .truecolor, "--mode wins for this session")
        s.press("b", r)
        #expect(memory.save(s) == nil)
        let again = DisplayMemory.load(path: path)
        #expect(again.remembered.imageMode == .palette16)
        #expect(!again.remembered.boxes)
    }

    @Test func anASCIITerminalKeepsASCIIButNotTheToggles() throws {
        let path = tempFolder().appendingPathComponent("state.toml").path
        try "[display]\nimage-mode = \"truecolor\"\nheatmap = false\n".write(toFile: path, atomically: true, encoding: .utf8)
        var memory = DisplayMemory.load(path: path)
        var (s, _) = Fixture.app(ascii: true)
        memory.apply(to: &s, modeGiven: false)
        #expect(s.image.mode == .ascii)
        #expect(!s.image.showHeatmap)
    }

    @Test func aBadStateFileNamesTheLineAndStartsWithDefaults() throws {
        let path = tempFolder().appendingPathComponent("state.toml").path
        try "[display]\nimage-mode = \"sepia\"\nheatmap = \"no\"\nboxes = false\n".write(toFile: path, atomically: true, encoding: .utf8)
        let memory = DisplayMemory.load(path: path)
        let lines = memory.problems.map(\.description)
        #expect(lines.contains { $0.hasPrefix("\(path):2: image-mode: expected one of") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("\(path):3: heatmap: expected true or false") }, "\(lines)")
        #expect(memory.remembered == DisplayPrefs(imageMode: nil, heatmap: true, boxes: false, invertShading: false))

        try "[display\n".write(toFile: path, atomically: true, encoding: .utf8)
        let broken = DisplayMemory.load(path: path)
        #expect(broken.problems.first?.line == 1)
        #expect(broken.remembered == DisplayPrefs())
    }

    /// `[inspector] mouse = false` turns clicks and the wheel off; a wrong value is named and the mouse stays on.
    @Test func theMouseCanBeTurnedOff() throws {
        let off = UserConfig.parse("[inspector]\nmouse = false\n", file: UserConfigTests.file)
        #expect(off.mouse == false && off.problems.isEmpty)
        let bad = UserConfig.parse("[inspector]\nmouse = \"no\"\nwheel = 3\n", file: UserConfigTests.file)
        #expect(bad.mouse == nil)
        let lines = bad.problems.map(\.description)
        #expect(lines.contains { $0.hasPrefix("\(UserConfigTests.file):2: mouse: expected true or false") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("\(UserConfigTests.file):3: unknown setting 'wheel' in [inspector]") }, "\(lines)")
    }
}
