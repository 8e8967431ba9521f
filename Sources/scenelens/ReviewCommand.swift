import ArgumentParser
import Foundation
import Review
import SceneData
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `scenelens review DATASET`: adjudication. Walks the conflicts (negatives
/// whose annotators gave opposite verdicts), shows every annotator's verdict,
/// note and tags, and records the adjudicator's final verdict with one key.
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        _superCommandName: SceneLens.name,
        abstract: "Settle conflicts: show every annotator's verdict, note and tags on a negative they disagree on, record the final verdict.",
        discussion: """
        Keys: a accept, x reject (the final verdict, saved at once), s or Enter leave it for later, \
        c write a note for the next verdict, o reopen a settled conflict, p back, q quit. \
        Export and stats use a settled verdict over the annotators' ones. --annotator names the adjudicator \
        (default: your login name). In a blind team project it shows everyone's verdicts, so it runs only \
        with --unblind (the lead or the adjudicator, docs/teams.md). See docs/review.md, "Adjudication".
        """)

    @Argument(help: "The dataset: JSON Lines, a JSON array, Parquet (docs/layouts.md).")
    var dataset: String

    @Option(help: ArgumentHelp("The input layout, when detection from the first row guesses wrong: \(InputLayout.allCases.map(\.rawValue).joined(separator: ", ")) (docs/layouts.md).", valueName: "NAME"))
    var layout: InputLayout?

    @OptionGroup var review: ReviewOptions

    @Flag(help: "List the conflicts (open and settled) and stop.")
    var list = false

    @Flag(help: "With --list: one JSON object per line.")
    var json = false

    @Flag(help: "Walk the settled conflicts too (to change a final verdict).")
    var all = false

    @Option(help: ArgumentHelp("Settle without asking: ITEM/NEGATIVE=accept, =reject or =open (reopen). Repeatable.",
                               valueName: "ITEM/NEGATIVE=VERDICT"))
    var settle: [String] = []

    @Option(help: ArgumentHelp("With --settle: the note recorded with the final verdicts.", valueName: "TEXT"))
    var note: String?

    @Flag(help: ReviewOptions.unblindHelp)
    var unblind = false

    func validate() throws {
        if json && !list { throw ValidationError("--json goes with --list.") }
        if note != nil && settle.isEmpty { throw ValidationError("--note goes with --settle (in the walk, press c).") }
        for s in settle where Self.parseSettle(s) == nil {
            throw ValidationError("--settle \(s): expected ITEM/NEGATIVE=accept, =reject or =open")
        }
    }

    /// `ITEM/NEGATIVE=VERDICT` split at the last `=` and the last `/` before it; the verdict nil for `open`.
    static func parseSettle(_ text: String) -> (key: NegativeKey, verdict: Verdict?)? {
        guard let eq = text.lastIndex(of: "=") else { return nil }
        let target = text[..<eq], word = text[text.index(after: eq)...].lowercased()
        guard let slash = target.lastIndex(of: "/"), slash != target.startIndex, target.index(after: slash) != target.endIndex
        else { return nil }
        let key = NegativeKey(itemID: String(target[..<slash]), negativeID: String(target[target.index(after: slash)...]))
        switch word {
        case "accept", "a": return (key, .accept)
        case "reject", "x": return (key, .reject)
        case "open": return (key, nil)
        default: return nil
        }
    }

    func run() throws {
        let data = try ReviewCommandSupport.openDataset(dataset, layout: layout, command: "review")
        let location = review.storeLocation(forDataset: dataset)
        let adjudicator = review.annotatorName
        // Nothing decided yet (no SQLite file): nothing to settle, and no store is created for it.
        guard let opened = try StoreOpening.open(location, project: review.projectName(forDataset: dataset),
                                                 annotator: adjudicator, create: !Self.absent(location), command: "review")
        else {
            TerminalText.errorLine("no review store at \(location) yet: no conflicts to settle")
            return
        }
        guard let store = opened as? any SettlementStore else { throw ExitCode(ExitStatus.couldNotRun) }
        if !unblind, try ReviewCommandSupport.isBlindTeamProject(opened, command: "review") {
            // Every annotator's verdict side by side is exactly what blind mode keeps from an annotator.
            TerminalText.errorLine("scenelens review: \(review.projectName(forDataset: dataset)) is a blind team project: "
                                   + "adjudication shows every annotator's verdict; the lead or the adjudicator runs it with --unblind")
            throw ExitCode(ExitStatus.couldNotRun)
        }
        let conflicts = try Adjudication.conflicts(items: data, store: store, includeSettled: all || list || !settle.isEmpty)
        if list { return printList(conflicts) }
        if !settle.isEmpty { return try settleGiven(conflicts, store: store, adjudicator: adjudicator) }
        try walk(conflicts, store: store, adjudicator: adjudicator)
    }

    /// True for an SQLite store whose file holds nothing yet.
    static func absent(_ location: StoreLocation) -> Bool {
        if case .sqlite(let path) = location { return SQLiteReviewStore.holdsNothing(at: path) }
        return false
    }

    // MARK: - --list

    private func printList(_ conflicts: [ConflictCase]) {
        if json {
            var text = ""
            for c in conflicts { text += c.jsonLine + "\n" }
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        let open = conflicts.filter { $0.settlement == nil }.count
        var out = ["Conflicts (\(conflicts.count): \(conflicts.count - open) settled, \(open) open)"]
        for c in conflicts {
            out.append("  \(c.key.itemID) / \(c.key.negativeID) (\(PairText.operatorName(c.negative))): "
                       + c.decisions.map { "\($0.annotator) \($0.verdict.rawValue)" }.joined(separator: ", ")
                       + (c.settlement.map { " -> settled \($0.verdict.rawValue) by \($0.adjudicator)" } ?? " -> open"))
        }
        TerminalText.output(out.joined(separator: "\n") + "\n")
    }

    // MARK: - --settle

    private func settleGiven(_ conflicts: [ConflictCase], store: any SettlementStore, adjudicator: String) throws {
        let byKey = Dictionary(conflicts.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        var failed = false
        for text in settle {
            guard let (key, verdict) = Self.parseSettle(text) else { continue }
            guard let c = byKey[key] else {
                TerminalText.errorLine("scenelens review: \(key.itemID)/\(key.negativeID): not a conflict (the annotators agree, "
                                       + "or it is not in the dataset); `scenelens review --list` lists the conflicts")
                failed = true
                continue
            }
            do {
                let settled = try Adjudication.settle(c, verdict: verdict, note: note, adjudicator: adjudicator, in: store)
                TerminalText.errorLine("\(key.itemID)/\(key.negativeID): "
                                       + (settled.settlement.map { "settled \($0.verdict.rawValue) (saved)" } ?? "reopened (saved)"))
            } catch {
                TerminalText.errorLine("scenelens review: \(error); not saved")
                failed = true
            }
        }
        if failed { throw ExitCode(ExitStatus.findings) }
    }

    // MARK: - The walk

    private func walk(_ start: [ConflictCase], store: any SettlementStore, adjudicator: String) throws {
        var conflicts = start
        if conflicts.isEmpty {
            TerminalText.output(all ? "No conflicts: the annotators agree wherever two of them judged a negative.\n"
                                    : "No open conflicts (--all walks the settled ones too).\n")
            return
        }
        let keys = KeyReader()
        defer { keys.restore() }
        var i = 0, settledNow = 0
        var pendingNote: String?
        while i < conflicts.count {
            TerminalText.output(Self.describe(conflicts[i], index: i, of: conflicts.count, note: pendingNote))
            guard let key = keys.next() else { break }
            switch key {
            case "a", "x", "o":
                let verdict: Verdict? = key == "a" ? .accept : key == "x" ? .reject : nil
                do {
                    conflicts[i] = try Adjudication.settle(conflicts[i], verdict: verdict, note: pendingNote, adjudicator: adjudicator, in: store)
                    TerminalText.output(verdict.map { "settled \($0.rawValue) (saved)\n\n" } ?? "reopened (saved)\n\n")
                    if verdict != nil { settledNow += 1 }
                    pendingNote = nil
                    i += 1
                } catch {
                    // Shown as not saved; the conflict stays, so the same key can be pressed again.
                    TerminalText.output("could not save: \(error); not saved\n\n")
                }
            case "c":
                TerminalText.output("note: ")
                pendingNote = keys.line().flatMap { $0.isEmpty ? nil : $0 }
                TerminalText.output("\n")
            case "p":
                i = max(0, i - 1)
            case "q":
                i = conflicts.count
            case "s", "\n", "\r", " ":
                i += 1
            default:
                TerminalText.output("a accept, x reject, s skip, c note, o reopen, p back, q quit\n")
            }
        }
        let open = conflicts.filter { $0.settlement == nil }.count
        TerminalText.output("settled \(settledNow) now; \(open) of \(conflicts.count) conflicts open\n")
    }

    /// One conflict as the walk shows it.
    static func describe(_ c: ConflictCase, index: Int, of total: Int, note: String?) -> String {
        var out: [String] = []
        let state = c.settlement.map { "settled \($0.verdict.rawValue) by \($0.adjudicator)" } ?? "open"
        out.append("Conflict \(index + 1) of \(total) (\(state)): \(c.key.itemID) / \(c.key.negativeID), operator \(PairText.operatorName(c.negative))"
                   + ", line \(c.item.line)")
        out.append("Question  \(c.item.question)")
        let (chosen, rejected) = PairText.sides(c.item, c.negative)
        out.append("Chosen    " + chosen.replacingOccurrences(of: "\n", with: "\n          "))
        out.append("Negative  " + rejected.replacingOccurrences(of: "\n", with: "\n          "))
        let width = c.decisions.map(\.annotator.count).max() ?? 0
        for d in c.decisions {
            out.append("  " + d.annotator.padding(toLength: width, withPad: " ", startingAt: 0)
                       + "  " + d.verdict.rawValue.padding(toLength: 6, withPad: " ", startingAt: 0)
                       + "  note: " + (d.note ?? "-") + "  tags: " + (d.tags.isEmpty ? "-" : d.tags.joined(separator: ", ")))
        }
        if let s = c.settlement, let n = s.note { out.append("  settlement note: \(n)") }
        if let note { out.append("  your note: \(note)") }
        out.append("[a] accept  [x] reject  [s] later  [c] note  [o] reopen  [p] back  [q] quit")
        return out.joined(separator: "\n") + "\n"
    }
}

/// Keys for the walk: one key press at a time on a terminal (no Enter
/// needed), the first character of each line otherwise (a script, a pipe).
final class KeyReader {
    private var saved = termios()
    private let tty: Bool
    private var restored = false

    init() {
        tty = isatty(0) == 1
        guard tty, tcgetattr(0, &saved) == 0 else { return }
        var raw = saved
        // Keys without Enter and without echo; Ctrl-C still interrupts (ISIG stays on).
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 1; cc[Int(VTIME)] = 0
        }
        tcsetattr(0, TCSANOW, &raw)
        KeyReader.installRestore(saved)
    }

    /// The next key; nil at end of input.
    func next() -> Character? {
        while let byte = readByte() {
            if !tty {
                // A line per key: its first non-blank character; an empty line is Enter.
                if byte == UInt8(ascii: "\n") { return "\n" }
                if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") { continue }
                _ = line()
            }
            return Character(UnicodeScalar(byte))
        }
        return nil
    }

    /// A line of text (the note), with echo and line editing on a terminal.
    func line() -> String? {
        if tty { var cooked = saved; tcsetattr(0, TCSANOW, &cooked) }
        defer {
            if tty {
                var raw = saved
                raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
                tcsetattr(0, TCSANOW, &raw)
            }
        }
        var bytes: [UInt8] = []
        while let b = readByte(), b != UInt8(ascii: "\n") { bytes.append(b) }
        return String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Puts the terminal back as it was.
    func restore() {
        guard tty, !restored else { return }
        restored = true
        tcsetattr(0, TCSANOW, &saved)
    }

    private func readByte() -> UInt8? {
        var b: UInt8 = 0
        while true {
            let n = read(0, &b, 1)
            if n == 1 { return b }
            if n < 0 && errno == EINTR { continue }
            return nil
        }
    }

    /// Ctrl-C or a kill restores the terminal before the process ends.
    private static func installRestore(_ settings: termios) {
        KeyReaderSignal.saved = settings
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig) { s in
                tcsetattr(0, TCSANOW, &KeyReaderSignal.saved)
                _exit(128 + s)
            }
        }
    }
}

/// The terminal settings the signal handler puts back (set once, before any handler can run).
enum KeyReaderSignal {
    nonisolated(unsafe) static var saved = termios()
}
