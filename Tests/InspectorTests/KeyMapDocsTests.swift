import Foundation
import Inspector
import TerminalUI
import Testing

/// The key tables of README.md and docs/inspector.md and the key map are one
/// list: a key documented but not bound, or bound but not documented, fails.
@Suite struct KeyMapDocsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The keys named in the first column of every `| key | ... |` table of `file`
    /// (README's under "## Reviewing" too, whose header is `| key | what it does |`).
    static func documentedKeys(_ file: String) throws -> Set<Key> {
        var keys: Set<Key> = []
        for cell in try firstCells(ofTablesHeaded: "| key |", in: file) { keys.formUnion(try Self.keys(inCell: cell)) }
        return keys
    }

    /// The first cell of every row of the tables of `file` whose header starts with `header`.
    static func firstCells(ofTablesHeaded header: String, in file: String) throws -> [String] {
        let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
        var cells: [String] = []
        var inTable = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix(header) { inTable = true; continue }
            guard inTable, line.hasPrefix("|") else { inTable = false; continue }
            if line.hasPrefix("|---") { continue }
            cells.append(String(line.dropFirst().prefix { $0 != "|" }))
        }
        return cells
    }

    /// Keys in one table cell: each `quoted` character, `1`-`4` as a range, and
    /// key names outside quotes (Tab, Shift-Tab, Esc, Ctrl-L, PgDn, Right, →, ...).
    static func keys(inCell cell: String) throws -> Set<Key> {
        var out: Set<Key> = []
        let parts = cell.split(separator: "`", omittingEmptySubsequences: false).map(String.init)
        for (i, part) in parts.enumerated() {
            if i % 2 == 1 {
                guard let k = Key(name: part) else { throw DocError(text: "unknown key `\(part)` in \(cell)") }
                out.insert(k)
                // `1`-`4`: a range of digits.
                if i + 2 < parts.count, parts[i + 1] == "-", let a = Int(part), let b = Int(parts[i + 2]), a < b {
                    for n in a...b { out.insert(.char(Character(String(n)))) }
                }
                continue
            }
            for word in part.split(whereSeparator: { " ,/()".contains($0) }) {
                switch word {
                case "→": out.insert(.right)
                case "←": out.insert(.left)
                default:
                    // Plain words ("then") are not keys; names of more than one letter are.
                    if word.count > 1, let k = Key(name: String(word)) { out.insert(k) }
                }
            }
        }
        return out
    }

    struct DocError: Error { var text: String }

    static var mapped: Set<Key> { Set(KeyMap.standard.bindings.flatMap(\.keys)) }

    @Test func everyKeyInTheReferenceIsBoundAndEveryBoundKeyIsThere() throws {
        let documented = try Self.documentedKeys("docs/inspector.md")
        #expect(documented.count > 30)
        let undocumented = Self.mapped.subtracting(documented).map(\.name).sorted()
        let unbound = documented.subtracting(Self.mapped).map(\.name).sorted()
        #expect(undocumented.isEmpty, "bound but not in docs/inspector.md: \(undocumented)")
        #expect(unbound.isEmpty, "in docs/inspector.md but not bound: \(unbound)")
    }

    @Test func everyKeyInTheReadmeIsBound() throws {
        let documented = try Self.documentedKeys("README.md")
        #expect(documented.count > 20)
        let unbound = documented.subtracting(Self.mapped).map(\.name).sorted()
        #expect(unbound.isEmpty, "in README.md but not bound: \(unbound)")
    }

    @Test func everyHelpLabelLeavesASpaceBeforeItsText() throws {
        var (s, r) = Fixture.app()
        s.press("?", r)
        // "PgDn / PgUp, Space" is the widest label: it must not run into its text.
        #expect(s.screen.contains(try Regex("PgDn / PgUp, Space +scroll the focused pane")))
    }

    @Test func theCellReaderFindsWhatATableRowNames() throws {
        // The reader itself, so a table it cannot read fails rather than passes empty.
        #expect(try Self.keys(inCell: " `n` `p` (→ ←) ") == [.char("n"), .char("p"), .right, .left])
        #expect(try Self.keys(inCell: " Tab, Shift-Tab, `1`-`4` ") == [.tab, .backTab, .char("1"), .char("2"), .char("3"), .char("4")])
        #expect(try Self.keys(inCell: " PgDn / PgUp, Space ") == [.pageDown, .pageUp, .char(" ")])
        #expect(try Self.keys(inCell: " `/` then `n` `N` ") == [.char("/"), .char("n"), .char("N")])
        #expect(try Self.keys(inCell: " `q`, Ctrl-C ") == [.char("q"), .ctrl("c")])
    }

    @Test func everyKeyActsForOneActionOnly() {
        var seen: [Key: Action] = [:]
        for b in KeyMap.standard.bindings {
            for k in b.keys {
                #expect(seen[k] == nil, "\(k.name) is bound to \(seen[k].map(\.rawValue) ?? "") and \(b.action.rawValue)")
                seen[k] = b.action
            }
        }
        // Every action has a key and a place in the help.
        #expect(Set(KeyMap.standard.bindings.map(\.action)) == Set(Action.allCases))
    }

    @Test func helpAndHintsFollowARebinding() throws {
        var (s, r) = Fixture.app()
        s.keyMap.rebind(.accept, to: [.char("y")])
        s.press("?", r)
        var help = s.screen
        for _ in 0..<4 { s.press("<PgDn>", r); help += s.screen }
        #expect(help.contains(try Regex(" y +accept the negative")))
        s.press("<Esc>", r)
        #expect(s.screen.contains("y accept"))
        #expect(!s.screen.contains("a accept"))
        s.press("a", r)
        #expect(s.review.verdicts.isEmpty)
        s.press("y", r)
        #expect(s.review.verdicts["n1"] == .accept)
    }
}
