import Analysis
import ArgumentParser
import Foundation
import Query
import Review
import SceneData

/// `--where QUERY`, shared by render, lint, stats and export (docs/query.md).
struct QueryOption: ParsableArguments {
    @Option(name: .customLong("where"),
            help: ArgumentHelp("Only the items and negatives this query matches, such as \"operator=swap and j<0.3\" (docs/query.md).",
                               valueName: "QUERY"))
    var query: String?

    @Flag(name: .customLong("no-summary"),
          help: "Read every item for --where and --by instead of using (and making) the dataset's summary (docs/query.md).")
    var noSummary = false

    /// The parsed query; a mistake exits 2 naming the column and what was meant.
    func parsed() throws -> QueryExpr? {
        guard let query else { return nil }
        do { return try QueryExpr.parse(query) }
        catch { throw ValidationError("--where: \(error.description)\n  \(query)\n  \(String(repeating: " ", count: max(0, error.column - 1)))^") }
    }
}

enum QuerySupport {
    /// What a walk needs besides the items: decisions grouped by item (read
    /// only if the query asks about them) and the linter `lint` and `stats` use.
    static func sources(for needs: QueryNeeds, dataset: Dataset, store: (any AllDecisionsSource)?,
                        annotator: String? = nil, config: LintConfig = LintConfig()) throws -> DatasetQuery.Sources {
        DatasetQuery.Sources(decisions: try decisions(for: needs, store: store, annotator: annotator),
                             lint: lint(dataset: dataset, config: config))
    }

    /// The store's decisions (of `annotator`, or everyone's) by item id, when `needs` asks for them; else none.
    static func decisions(for needs: QueryNeeds, store: (any AllDecisionsSource)?, annotator: String?) throws -> [String: [Decision]] {
        var grouped: [String: [Decision]] = [:]
        if needs.contains(.decisions), let store {
            try store.forEachDecision(annotator: annotator) { grouped[$0.key.itemID, default: []].append($0) }
        }
        return grouped
    }

    /// An item's findings as `lint` finds them, with the image sizes attention is measured against.
    static func lint(dataset: Dataset, config: LintConfig = LintConfig()) -> @Sendable (Item) -> [LintFinding] {
        let linter = Linter(config: config)
        return { item in linter.lint(item, imageSize: dataset.attentionImageSize(for: item)) }
    }

    /// The dataset's summary for `--where` and `--by` (made or brought up to
    /// date first, with progress), unless `--no-summary`; nil for datasets
    /// without one (not one JSON Lines file) and lint configurations other than the default.
    /// None is made from nothing for a question that `needs` no lints: making
    /// one lints every item, several times the walk that answers it without.
    static func summary(_ dataset: Dataset, option: QueryOption, command: String, needs: QueryNeeds,
                        config: LintConfig = LintConfig()) -> SummaryIndex? {
        guard !option.noSummary, config == LintConfig() else { return nil }
        let folder = SummaryFile.folder()
        if !needs.contains(.lints),
           !FileManager.default.fileExists(atPath: SummaryFile.path(forDataset: dataset.path, in: folder)) { return nil }
        let (made, outcome) = SummaryFile.prepare(dataset, folder: folder, config: config,
                                                  lint: lint(dataset: dataset, config: config),
                                                  progress: { ReviewCommandSupport.progress("summarising", $0, $1) },
                                                  writeFailed: { TerminalText.errorLine("\(command): the summary could not be kept: \($0)") })
        switch outcome {
        case .built(let damaged?): TerminalText.errorLine("\(command): the summary was damaged (\(damaged)) and was made again")
        default: break
        }
        return made.map(SummaryIndex.init)
    }

    /// Runs `query` over the dataset (from its summary when there is one) with
    /// progress on a terminal, and says on standard error how much matched:
    /// `stats: --where matches 3 items, 5 negatives`.
    static func run(_ query: QueryExpr, dataset: Dataset, sources: DatasetQuery.Sources, summary: SummaryIndex? = nil,
                    command: String) -> QueryMatches {
        let matches = DatasetQuery.run(query, items: dataset, sources: sources, summary: summary) { done, total in
            ReviewCommandSupport.progress("matching", done, total)
        }
        TerminalText.errorLine("\(command): --where \(query.text) matches \(matches.summary)")
        return matches
    }
}
