import ArgumentParser
import Foundation
import Review

/// Where decisions are stored and whose they are; shared by every command that
/// reads or writes decisions.
struct ReviewOptions: ParsableArguments {
    @Option(name: .long, help: ReviewOptions.storeHelp)
    var store: String?

    @Option(name: .long, help: ArgumentHelp("Whose decisions to read and write (default: your login name).", valueName: "NAME"))
    var annotator: String?

    /// `--store`'s help, the same for the commands that write decisions and those that only read them.
    static let storeHelp = ArgumentHelp("The review store (SQLite).",
                                        discussion: "Default: beside the dataset, DATASET.review.sqlite for DATASET.jsonl.",
                                        valueName: "PATH")

    /// The store path for `dataset`: `--store`, or the dataset's name with
    /// `.jsonl` replaced by `.review.sqlite`.
    func storePath(forDataset dataset: String) -> String {
        Self.storePath(store, forDataset: dataset)
    }

    /// `store` if given, else the store's default path beside `dataset`.
    static func storePath(_ store: String?, forDataset dataset: String) -> String {
        store ?? SQLiteReviewStore.defaultPath(forDataset: dataset)
    }

    /// `--annotator`, else the login name (`USER`, `LOGNAME`, then the
    /// password database: a shell started by tmux or cron may set neither),
    /// else "annotator".
    var annotatorName: String {
        if let annotator, !annotator.isEmpty { return annotator }
        let env = ProcessInfo.processInfo.environment
        for key in ["USER", "LOGNAME"] {
            if let v = env[key], !v.isEmpty { return v }
        }
        if let pw = getpwuid(getuid()), let name = pw.pointee.pw_name, let s = String(validatingCString: name), !s.isEmpty {
            return s
        }
        return "annotator"
    }
}

/// `--store` and `--annotator` for commands that only read decisions (`stats`,
/// `export`): there --annotator narrows the report, and without it every
/// annotator counts, so the help must not promise the login name as default.
struct ReadOnlyReviewOptions: ParsableArguments {
    @Option(name: .long, help: ReviewOptions.storeHelp)
    var store: String?

    @Option(name: .long, help: ArgumentHelp("Only this annotator's decisions (default: every annotator's).", valueName: "NAME"))
    var annotator: String?

    /// The store path for `dataset`, as `ReviewOptions.storePath(forDataset:)`.
    func storePath(forDataset dataset: String) -> String {
        ReviewOptions.storePath(store, forDataset: dataset)
    }
}
