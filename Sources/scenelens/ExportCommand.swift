import ArgumentParser
import Foundation
import Query
import Review
import SceneData

extension ExportFormat: ExpressibleByArgument {}
extension Resolution: ExpressibleByArgument {}

/// `scenelens export DATASET --out FILE`: accepted pairs for DPO training (or every decision, for audit).
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        _superCommandName: SceneLens.name,
        abstract: "Write accepted (chosen, rejected) pairs as JSON Lines for DPO training, or every decision for audit.",
        discussion: """
        trl: the Hugging Face TRL vision preference layout (images, prompt, chosen, rejected \
        as conversations) plus id, negative_id, operator. pairs: prompt, chosen, rejected as \
        plain strings plus images, for text-only trainers: the prompt carries no image \
        placeholder, so a vision trainer needs trl. decisions: every decision with note, tags, time, and stale/orphaned flags. \
        Image paths are relative to the output file's folder unless --absolute-images; inline \
        (base64) images are written to STEM.images/ beside the output. The file appears only \
        when complete. A summary of what was written and skipped goes to stderr. \
        Never exported: negatives that cannot be decided (an item id on several lines, a negative \
        id twice in one item, no rationale) and pairs whose image is missing or does not decode \
        (checked as validate checks it), and unless --include-flagged accepted negatives with an \
        error-level lint (identical text, ...); each is counted in the summary with its reason. \
        Images the training path (Pillow convert("RGB")) sees differently from the file (alpha \
        dropped, 16-bit grey clipped) are exported and named in a warning. Writing no pair at all \
        exits 1 with the reason. \
        Here --annotator restricts the export to that annotator's decisions; without it \
        every annotator's decisions count, combined by --resolve.
        """)

    @Argument(help: "The dataset: JSON Lines (also .gz, .zst), a JSON array, Parquet, a folder of shards or a quoted glob (docs/layouts.md).")
    var dataset: String

    @Option(help: ArgumentHelp("The input layout, when detection from the first row guesses wrong: \(InputLayout.allCases.map(\.rawValue).joined(separator: ", ")) (docs/layouts.md).", valueName: "NAME"))
    var layout: InputLayout?

    @Option(help: FieldMap.argumentHelp, transform: FieldMap.argument)
    var map: FieldMap?


    @Option(help: ArgumentHelp("The file to write.", valueName: "FILE"))
    var out: String

    @Option(help: "trl (default, for vision DPO), pairs (plain strings for text-only trainers: no image placeholder in the prompt) or decisions.")
    var format: ExportFormat = .trl

    @Flag(help: "Put the scene graph (SG+) into the prompt as text, before the question.")
    var includeGraph = false

    @Option(help: ArgumentHelp("Drop pairs whose judge confidence is lower than X; pairs without a confidence are kept.", valueName: "X"))
    var minConfidence: Double?

    @Option(help: "How several annotators' decisions combine: majority (more accepts than rejects), unanimous (no reject), any (one accept).")
    var resolve: Resolution = .majority

    @Flag(help: "Write absolute image paths instead of paths relative to the output file's folder.")
    var absoluteImages = false

    @Flag(help: "Export accepted negatives with an error-level lint (identical text, ...) too; they are left out by default.")
    var includeFlagged = false

    @Flag(help: "Export pairs whose image path leads out of the dataset's folder (../.., an absolute path elsewhere, a symbolic link pointing out); without it such a pair stops the export and nothing is written.")
    var allowOutside = false

    @OptionGroup var filter: QueryOption

    @OptionGroup var review: ReadOnlyReviewOptions

    @OptionGroup var alpha: AlphaOption

    func validate() throws {
        _ = try filter.parsed()
        if let m = minConfidence, !m.isFinite {
            throw ValidationError("--min-confidence must be a number, such as 0.5.")
        }
        if let m = minConfidence, !(0...1).contains(m) {
            throw ValidationError("--min-confidence must be between 0 and 1 (confidences are, see FORMAT.md), not \(m).")
        }
        let a = URL(fileURLWithPath: out).standardizedFileURL.path
        if a == URL(fileURLWithPath: dataset).standardizedFileURL.path {
            throw ValidationError("--out is the dataset itself; the dataset is never modified. Choose another file.")
        }
        if case .sqlite(let storePath) = review.storeLocation(forDataset: dataset),
           a == URL(fileURLWithPath: storePath).standardizedFileURL.path {
            throw ValidationError("--out is the review store; choose another file.")
        }
    }

    func run() throws {
        let data = try ReviewCommandSupport.openDataset(dataset, layout: layout, map: map, command: "export")
        let (store, only) = try ReviewCommandSupport.openForReading(review, dataset: dataset, command: "export")
        var options = ExportOptions(format: format, includeGraph: includeGraph, minConfidence: minConfidence,
                                    annotator: only,
                                    resolve: resolve, absoluteImagePaths: absoluteImages)
        options.includeFlagged = includeFlagged
        options.allowOutside = allowOutside
        options.alpha = alpha.resolved(command: "export")
        let summary: ExportSummary
        do {
            let progress: (Int, Int) -> Void = { ReviewCommandSupport.progress("exporting", $0, $1) }
            if let query = try filter.parsed() {
                // Only the matching negatives, and the decisions on them: the rest of the dataset is not there.
                let sources = try QuerySupport.sources(for: query.needs, dataset: data, store: store, annotator: options.annotator)
                let matches = QuerySupport.run(query, dataset: data, sources: sources,
                                               summary: QuerySupport.summary(data, option: filter, command: "export", needs: query.needs),
                                               command: "export")
                summary = try Exporter.export(items: MatchingItems(data, matches: matches),
                                              store: MatchingDecisions(store, keys: matches.keys), to: out, options: options,
                                              progress: progress)
            } else {
                summary = try Exporter.export(items: data, store: store, to: out, options: options, progress: progress)
            }
        } catch let refusal as OutsideFolderRefusal {
            TerminalText.errorLine(refusal.diagnostic(file: dataset).formatted)
            TerminalText.errorLine("scenelens export: nothing written: an image path leads outside the dataset folder")
            throw ExitCode(ExitStatus.couldNotRun)
        } catch let error as ReviewStoreError {
            // The output file could not be written: say so in one line, like the other commands.
            TerminalText.errorLine("scenelens export: \(error)")
            throw ExitCode(ExitStatus.couldNotRun)
        }
        TerminalText.errorLine(summary.line(format: format, out: out, minConfidence: minConfidence))
        for lossy in summary.lossyImages {
            TerminalText.errorLine("scenelens export: warning: \(lossy)")
        }
        if format != .decisions && summary.written == 0 {
            TerminalText.errorLine("scenelens export: no pair written: nothing is accepted and exportable (the counts above say why); \(out) holds no pairs")
            throw ExitCode(1)
        }
    }
}
