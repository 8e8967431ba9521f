import Analysis
import ArgumentParser
import Foundation
import NCursesBackend
import Query
import Review
import ReviewPostgres
import SceneData
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `scenelens stats DATASET [--json]`: how far the review is, per operator and
/// annotator, how well annotators agree, and which decisions are stale.
struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        _superCommandName: SceneLens.name,
        abstract: "Review progress, acceptance per operator and annotator, agreement (kappa), conflicts and stale decisions.",
        discussion: """
        Agreement counts accept and reject only: a skip is a deferral, not a judgement, so \
        negatives an annotator skipped are left out of kappa. Stale decisions (the negative \
        changed after the decision) and orphaned ones (item or negative gone) are listed, not counted. \
        The lint section counts warnings and errors of `scenelens lint` per operator \
        (--no-lint skips the section). \
        Here --annotator restricts the report to that annotator; without it every annotator is counted. \
        --where counts only the negatives a query matches (docs/query.md); --by prints a frequency \
        table of one or two fields instead of the report, such as --by operator,verdict.
        """)

    @Argument(help: "The dataset: JSON Lines (also .gz, .zst), a JSON array, Parquet, a folder of shards or a quoted glob (docs/layouts.md).")
    var dataset: String

    @Option(help: ArgumentHelp("The input layout, when detection from the first row guesses wrong: \(InputLayout.allCases.map(\.rawValue).joined(separator: ", ")) (docs/layouts.md).", valueName: "NAME"))
    var layout: InputLayout?

    @Option(help: FieldMap.argumentHelp, transform: FieldMap.argument)
    var map: FieldMap?


    @Flag(help: "Print one JSON object instead of the table.")
    var json = false

    @Flag(help: "Leave out the lint counts per operator (faster on large datasets).")
    var noLint = false

    @OptionGroup var filter: QueryOption

    @Option(help: ArgumentHelp("Count negatives by one or two fields instead of the report, such as operator,verdict or j (docs/query.md).",
                               valueName: "FIELD[,FIELD]"))
    var by: String?

    @Flag(help: "Print the judge's calibration against the annotators instead of the report: reliability, expected calibration error, agreement per operator, confident disagreements (docs/calibration.md).")
    var calibration = false

    @Option(help: ArgumentHelp("With --calibration, list disagreements where the judge's confidence is at least X.", valueName: "X"))
    var confidentAt: Double = 0.8

    @Option(help: ArgumentHelp("Also write the figures as PNG files into DIR: j.png, acceptance.png, calibration.png, progress.png.", valueName: "DIR"))
    var plot: String?

    @Flag(help: "Print the same figures in the terminal (bars in block characters) after the report.")
    var charts = false

    @OptionGroup var review: ReadOnlyReviewOptions

    func validate() throws {
        _ = try filter.parsed()
        guard confidentAt.isFinite, (0...1).contains(confidentAt) else {
            throw ValidationError("--confident-at must lie in [0, 1], not \(confidentAt).")
        }
        _ = try byFields()
    }

    func byFields() throws -> [QueryField]? {
        guard let by else { return nil }
        do { return try FrequencyTable.fields(by) }
        catch { throw ValidationError("--by: \(error.message)") }
    }

    func run() throws {
        let query = try filter.parsed()
        let byFields = try byFields()
        let data = try ReviewCommandSupport.openDataset(dataset, layout: layout, map: map, images: false, command: "stats")
        let storePath = review.storeLocation(forDataset: dataset).description
        let (store, only) = try ReviewCommandSupport.openForReading(review, dataset: dataset, command: "stats")
        // The plain report joins the decisions with the items as both stream; a query, a table or the
        // figures look decisions up by item, so only they hold them all.
        let holds = query != nil || byFields != nil || calibration || plot != nil || charts
        var grouped: [String: [Decision]] = [:]
        if holds { try store.forEachDecision(annotator: only) { grouped[$0.key.itemID, default: []].append($0) } }
        // Settlements are the team's final verdicts: they belong to the whole report, not to one annotator's view.
        let settlements = only == nil ? try store.settlements() : []
        let sources = DatasetQuery.Sources(decisions: grouped, lint: QuerySupport.lint(dataset: data))
        let asked = (query?.needs ?? QueryNeeds()).union((byFields ?? []).reduce(QueryNeeds()) { $0.union($1.needs) })
        let summary = query != nil || byFields != nil ? QuerySupport.summary(data, option: filter, command: "stats", needs: asked) : nil
        let matches = query.map { QuerySupport.run($0, dataset: data, sources: sources, summary: summary, command: "stats") }
        if let byFields {
            let table = FrequencyTable.count(by: byFields, items: data, matches: matches, sources: sources, summary: summary)
            if json { FileHandle.standardOutput.write(Data((table.jsonValue().jsonText + "\n").utf8)) }
            else { TerminalText.output(table.text()) }
            return
        }
        if let matches {
            // Only the matching negatives, and only the decisions on them.
            let keep = matches.keys
            let narrowed = grouped.mapValues { $0.filter { keep.contains($0.key) } }.filter { !$0.value.isEmpty }
            try report(items: MatchingItems(data, matches: matches), decisions: narrowed, store: (store, only),
                       settlements: settlements.filter { keep.contains($0.key) }, imageSizes: data, storePath: storePath)
        } else {
            try report(items: data, decisions: holds ? grouped : nil, store: (store, only), settlements: settlements,
                       imageSizes: data, storePath: storePath)
        }
    }

    /// The report over `items` (the dataset, or the part a query matched).
    /// `decisions`: grouped by item when held, nil to stream them from `store` (with the lints in the same walk).
    private func report(items: some ReviewItemSource & Sendable, decisions held: [String: [Decision]]?,
                        store: (source: any AllDecisionsSource, annotator: String?), settlements: [Settlement],
                        imageSizes: Dataset, storePath: String) throws {
        let linter = Linter()
        // The same image sizes as `lint` and the inspector, so attention-off-target counts here too.
        let lint: @Sendable (Item) -> [(name: String, negativeIndex: Int?)] = { item in
            linter.lint(item, imageSize: imageSizes.attentionImageSize(for: item)).filter { $0.severity != .info }
                .map { ($0.name, $0.negativeID == nil ? nil : $0.negativeIndex) }
        }
        guard let decisions = held else {
            var report = try ReviewStats.compute(items: items, store: store.source, annotator: store.annotator,
                                                 settlements: settlements, lint: noLint ? nil : lint)
            report.lints = report.lints?.ordered(by: Analysis.Lint.all.map(\.name))
            let text = json ? report.json(dataset: dataset, store: storePath) : report.text(dataset: dataset, store: storePath)
            if json { FileHandle.standardOutput.write(Data(text.utf8)) } else { TerminalText.output(text) }
            return
        }
        var report = ReviewStats.compute(items: items, decisions: decisions, settlements: settlements)
        // A full walk of its own: only when the calibration or the figures are asked for.
        var figures = ""
        if calibration || plot != nil || charts {
            let calibrated = CalibrationReport.compute(items: items, decisions: decisions, confidentAt: confidentAt)
            if charts {
                let env = ProcessInfo.processInfo.environment
                let utf8 = TerminalProbe.setUpLocale(environment: env).utf8
                let unicode = !ModeOption.drawsASCII(unicode: utf8, term: env["TERM"] ?? "")
                figures = StatsPlots.chartsText(items: items, report: report, calibration: calibrated, decisions: decisions,
                                                unicode: unicode)
            }
            if let plot {
                do {
                    let files = try StatsPlots.write(to: plot, items: items, report: report, calibration: calibrated, decisions: decisions)
                    TerminalText.errorLine("stats: wrote " + files.joined(separator: ", "))
                } catch {
                    TerminalText.errorLine("scenelens stats: --plot \(plot): \(error.localizedDescription)")
                    throw ExitCode(ExitStatus.couldNotRun)
                }
            }
            if calibration {
                if json { FileHandle.standardOutput.write(Data((calibrated.jsonValue().jsonText + "\n").utf8)) }
                else { TerminalText.output(calibrated.text()) }
                return
            }
        }
        if !noLint {
            report.lints = LintCounts.count(items: items, positioned: lint).ordered(by: Analysis.Lint.all.map(\.name))
        }
        let text = json ? report.json(dataset: dataset, store: storePath) : report.text(dataset: dataset, store: storePath)
        // The table quotes dataset text (operator names, annotators); JSON is escaped already.
        if json { FileHandle.standardOutput.write(Data(text.utf8)) } else { TerminalText.output(text) }
        if !figures.isEmpty { TerminalText.output("\n" + figures) }
    }
}

/// What `stats` and `export` share: opening the dataset with progress, and
/// the store read-only.
enum ReviewCommandSupport {
    /// Opens and fully indexes the dataset, showing progress on a terminal; a
    /// dataset that cannot be read prints `scenelens CMD: FILE: reason` and exits 2.
    static func openDataset(_ path: String, layout: InputLayout? = nil, map: FieldMap? = nil, images: Bool = true,
                            command: String) throws -> Dataset {
        let tty = isatty(2) == 1
        let result = DatasetOpening.open(path, layout: layout, map: map, images: images, command: command) { p in
            if tty { stderrWrite(String(format: "\rindexing %3.0f%% (%d items)", p.fraction * 100, p.items)) }
        }
        if tty { stderrWrite("\r\u{1B}[K") }
        switch result {
        case .success(let data): return data
        case .failure(let failure):
            TerminalText.errorLine(failure.message)
            throw ExitCode(failure.status)
        }
    }

    /// The store read-only for a command with `review`'s options, and whose
    /// decisions it may read (nil: everyone's): `--annotator`'s, or in a blind
    /// team project without `--unblind` only the caller's own (`--annotator`,
    /// else the login name), with a note saying so (docs/teams.md).
    static func openForReading(_ review: ReadOnlyReviewOptions, dataset: String,
                               command: String) throws -> (store: any AllDecisionsSource, annotator: String?) {
        let location = review.storeLocation(forDataset: dataset)
        let project = review.projectName(forDataset: dataset)
        if case .postgres = location,
           let opened = try StoreOpening.open(location, project: project, annotator: "", create: false, command: command) {
            if !review.unblind, try isBlindTeamProject(opened, command: command) {
                let me = ReviewOptions.annotatorName(review.only)
                TerminalText.errorLine("note: \(project) is a blind team project: only \(me)'s decisions are read; "
                                       + "--unblind reads everyone's (the lead or the adjudicator)")
                return (opened, me)
            }
            try checkAnnotator(review.only, in: opened, at: location, command: command)
            return (opened, review.only)
        }
        return (try openStoreForReading(location, given: review.store != nil, project: project, annotator: review.only,
                                        command: command), review.only)
    }

    /// True when `store` holds a team project, where annotators work blind.
    /// A store that cannot say prints why and exits 2.
    static func isBlindTeamProject(_ store: Any, command: String) throws -> Bool {
        guard let team = store as? PostgresReviewStore else { return false }
        do { return try team.overlap() != nil } catch {
            TerminalText.errorLine("scenelens \(command): \(error)")
            throw ExitCode(ExitStatus.couldNotRun)
        }
    }

    /// The store read-only; an in-memory empty store (and a note) when there
    /// is none yet at the default path. Exit 2 with one line
    /// (`scenelens CMD: ...`) when it cannot be opened, when `--store` (`given`)
    /// names a file that does not exist, or when `--annotator` names nobody
    /// who has decided anything there: a typo must not read as "nothing decided yet".
    static func openStoreForReading(_ location: StoreLocation, given: Bool, project: String, annotator: String?,
                                    command: String) throws -> any AllDecisionsSource {
        func refuse(_ message: String) -> ExitCode {
            TerminalText.errorLine("scenelens \(command): \(message)")
            return ExitCode(ExitStatus.couldNotRun)
        }
        guard let store = try StoreOpening.open(location, project: project, annotator: "", create: false, command: command) else {
            if given, case .sqlite(let path) = location, !FileManager.default.fileExists(atPath: path) {
                throw refuse("--store \(location): no such file")
            }
            if let annotator {
                throw refuse("no decisions by annotator '\(annotator)': there is no review store at \(location) yet")
            }
            TerminalText.errorLine("note: no review store at \(location) yet; counting no decisions")
            return try SQLiteReviewStore.inMemory(annotator: "")
        }
        try checkAnnotator(annotator, in: store, at: location, command: command)
        return store
    }

    /// Exit 2 with one line when `annotator` has decided nothing in `store`: a typo must not read as "nothing decided yet".
    private static func checkAnnotator(_ annotator: String?, in store: any AllDecisionsSource, at location: StoreLocation,
                                       command: String) throws {
        if let annotator, let known = try? store.annotators(), !known.contains(annotator) {
            let there = known.isEmpty ? "nobody has decided anything there yet"
                : "annotators there: " + known.prefix(10).joined(separator: ", ") + (known.count > 10 ? ", ..." : "")
            TerminalText.errorLine("scenelens \(command): no decisions by annotator '\(annotator)' in \(location) (\(there))")
            throw ExitCode(ExitStatus.couldNotRun)
        }
    }

    /// A progress line on a terminal, nothing otherwise.
    static func progress(_ label: String, _ done: Int, _ total: Int) {
        guard isatty(2) == 1, total > 0, done % 256 == 0 || done == total else { return }
        stderrWrite("\r\(label) \(done)/\(total)" + (done == total ? "\r\u{1B}[K" : ""))
    }

    /// Writes `s` as it is: for progress lines and their escapes; messages go through `TerminalText.errorLine`.
    static func stderrWrite(_ s: String) {
        FileHandle.standardError.write(Data(s.utf8))
    }
}
