import ArgumentParser
import Foundation

/// Where decisions are stored and whose they are; shared by every command that
/// reads or writes decisions.
struct ReviewOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The review store (SQLite).",
            discussion: "Default: beside the dataset, DATASET.review.sqlite for DATASET.jsonl.", valueName: "PATH"))
    var store: String?

    @Option(name: .long, help: ArgumentHelp("Whose decisions to read and write (default: your login name).", valueName: "NAME"))
    var annotator: String?

    /// The store path for `dataset`: `--store`, or the dataset's name with
    /// `.jsonl` replaced by `.review.sqlite`.
    func storePath(forDataset dataset: String) -> String {
        if let store { return store }
        let url = URL(fileURLWithPath: dataset)
        let base = url.pathExtension.lowercased() == "jsonl" ? url.deletingPathExtension() : url
        return base.path + ".review.sqlite"
    }

    /// `--annotator`, else the login name, else "annotator".
    var annotatorName: String {
        if let annotator, !annotator.isEmpty { return annotator }
        let env = ProcessInfo.processInfo.environment
        return env["USER"] ?? env["LOGNAME"] ?? "annotator"
    }
}
