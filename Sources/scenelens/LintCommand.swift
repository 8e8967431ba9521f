import Analysis
import ArgumentParser
import Foundation
import Review
import Query
import Imaging
import SceneData

/// `scenelens lint DATASET`: the SceneAlign quality checks on every negative.
struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        _superCommandName: SceneLens.name,
        abstract: "Find broken hard negatives: FILE:LINE: ITEM_ID/NEG_ID: lint-name: message, then counts per lint and operator.",
        discussion: """
        Lints: \(Analysis.Lint.all.map { "\($0.name) (\($0.severity.rawValue))" }.joined(separator: ", ")). \
        See docs/lint.md.
        Exit status: 0 when nothing is at error severity, 1 when something is, \
        2 when the dataset could not be read or an option is wrong.
        """)

    @Argument(help: "The dataset: JSON Lines (also .gz, .zst), a JSON array, Parquet, a folder of shards or a quoted glob (docs/layouts.md).")
    var dataset: String

    @Option(help: ArgumentHelp("The input layout, when detection from the first row guesses wrong: \(InputLayout.allCases.map(\.rawValue).joined(separator: ", ")) (docs/layouts.md).", valueName: "NAME"))
    var layout: InputLayout?

    @Option(help: FieldMap.argumentHelp, transform: FieldMap.argument)
    var map: FieldMap?


    @Flag(help: "Print every finding (info included) as JSON Lines; the count table goes to standard error.")
    var json = false

    @Option(help: ArgumentHelp("Run only these lints (comma-separated names).", valueName: "NAME,..."))
    var only: String?

    @Option(help: "Lowest overlap J(SG-, SG+) kept without a warning.")
    var minOverlap: Double = 0.3

    @Option(help: "Highest overlap J(SG-, SG+) kept without a warning.")
    var maxOverlap: Double = 0.7

    @Option(help: "Lowest share of an attention map's mass inside the critical boxes.")
    var attentionThreshold: Double = 0.5

    @Option(help: "Grow the critical boxes by this many attention-grid cells on each side before measuring the share.")
    var attentionMargin: Double = 1

    @Flag(help: "Also print info findings (each negative's J, each map's attention share) in text mode.")
    var info = false

    @OptionGroup var filter: QueryOption

    @OptionGroup var review: ReadOnlyReviewOptions

    func validate() throws { _ = try filter.parsed() }

    func run() throws {
        func fail(_ message: String) -> ExitCode {
            TerminalText.errorLine("scenelens lint: \(message)")
            return ExitCode(LintRun.couldNotRun)
        }
        guard minOverlap.isFinite, maxOverlap.isFinite, minOverlap <= maxOverlap else {
            throw fail("--min-overlap (\(minOverlap)) must not exceed --max-overlap (\(maxOverlap))")
        }
        guard attentionThreshold.isFinite, (0...1).contains(attentionThreshold) else {
            throw fail("--attention-threshold must lie in [0, 1], not \(attentionThreshold)")
        }
        guard attentionMargin.isFinite, attentionMargin >= 0, attentionMargin <= 1000 else {
            throw fail("--attention-margin must be a number of cells from 0 up, not \(attentionMargin)")
        }
        let names = only.map { Set($0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }) }
        var config = LintConfig(overlapRange: minOverlap...maxOverlap, attentionThreshold: attentionThreshold, only: names)
        config.attentionMarginCells = attentionMargin
        var out = BufferedStandardOutput(sanitizing: !json)
        var options = LintRun.Options(config: config, json: json, showInfo: info)
        if let query = try filter.parsed() {
            // The store is read only when the query asks about decisions (verdict, annotator, tag, note).
            let reading = query.needs.contains(.decisions)
                ? try ReviewCommandSupport.openForReading(review, dataset: dataset, command: "lint") : nil
            let decisions = try QuerySupport.decisions(for: query.needs, store: reading?.store, annotator: reading?.annotator)
            let lintConfig = config
            let option = filter
            options.select = { data in
                // The query lints with the run's configuration, so the findings it kept are the ones to print.
                let sources = DatasetQuery.Sources(decisions: decisions, lint: QuerySupport.lint(dataset: data, config: lintConfig),
                                                   keepFindings: true)
                let summary = QuerySupport.summary(data, option: option, command: "lint", needs: query.needs, config: lintConfig)
                let matches = QuerySupport.run(query, dataset: data, sources: sources, summary: summary, command: "lint")
                return { i in matches.negatives[i].map { LintRun.Selection(negatives: Set($0), findings: matches.findings[i]) } }
            }
        }
        let status = LintRun.run(
            path: dataset, layout: layout, map: map, options: options,
            imageSize: { data, item in data.attentionImageSize(for: item) },
            output: { out.write($0) },
            errorOutput: { out.flush(); TerminalText.errorLine($0) })
        out.flush()
        if status != LintRun.ok { throw ExitCode(status) }
    }
}
