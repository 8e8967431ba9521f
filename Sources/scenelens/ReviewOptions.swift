import ArgumentParser
import Foundation
import Review
import ReviewPostgres
import Inspector

/// Where decisions are stored and whose they are; shared by every command that
/// reads or writes decisions.
struct ReviewOptions: ParsableArguments {
    @Option(name: .long, help: ReviewOptions.storeHelp)
    var store: String?

    @Option(name: .long, help: ArgumentHelp("Whose decisions to read and write (default: your login name).", valueName: "NAME"))
    var annotator: String?

    @Option(name: .long, help: ReviewOptions.projectHelp)
    var project: String?

    /// `--store`'s help, the same for the commands that write decisions and those that only read them.
    static let storeHelp = ArgumentHelp("The review store: an SQLite file, or a PostgreSQL server as postgresql://USER@HOST:PORT/DB.",
                                        discussion: """
                                        Default: $SCENELENS_STORE, else beside the dataset, DATASET.review.sqlite for DATASET.jsonl. \
                                        A server's password comes from PGPASSWORD or ~/.pgpass and is never printed.
                                        """,
                                        valueName: "PATH|URL")

    /// `--unblind`'s help, the same for stats, export, lint and review.
    static let unblindHelp = ArgumentHelp("In a blind team project, read every annotator's decisions: for the lead or the adjudicator (docs/teams.md).",
                                          discussion: "Without it an annotator reads only their own decisions there (--annotator, else the user's own name).")

    /// `--project`'s help.
    static let projectHelp = ArgumentHelp("On a PostgreSQL store, which dataset's decisions (default: the dataset's file name without .jsonl).",
                                          valueName: "NAME")

    /// Where decisions for `dataset` live: `--store`, else `SCENELENS_STORE`,
    /// else the dataset's name with `.jsonl` replaced by `.review.sqlite`.
    func storeLocation(forDataset dataset: String) -> StoreLocation {
        Self.storeLocation(store, forDataset: dataset)
    }

    /// The project name for `dataset` on a PostgreSQL store.
    func projectName(forDataset dataset: String) -> String { Self.projectName(project, forDataset: dataset) }

    /// `store` if given, else `SCENELENS_STORE`, else the SQLite file beside `dataset`.
    static func storeLocation(_ store: String?, forDataset dataset: String,
                              environment: [String: String] = ProcessInfo.processInfo.environment) -> StoreLocation {
        if let store, !store.isEmpty { return StoreLocation(store) }
        if let env = environment["SCENELENS_STORE"], !env.isEmpty { return StoreLocation(env) }
        return .sqlite(path: SQLiteReviewStore.defaultPath(forDataset: dataset))
    }

    /// `project` if given, else the dataset's file name without `.jsonl`.
    static func projectName(_ project: String?, forDataset dataset: String) -> String {
        if let project, !project.isEmpty { return project }
        let url = URL(fileURLWithPath: dataset)
        return (url.pathExtension.lowercased() == "jsonl" ? url.deletingPathExtension() : url).lastPathComponent
    }

    /// `--annotator`, else the login name (`USER`, `LOGNAME`, then the
    /// password database: a shell started by tmux or cron may set neither),
    /// else "annotator".
    var annotatorName: String { Self.annotatorName(annotator) }

    /// `given` when not empty, else the login name, else "annotator" (see `annotatorName`).
    static func annotatorName(_ given: String?) -> String {
        if let given, !given.isEmpty { return given }
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

    @Option(name: .long, help: ArgumentHelp("Only this annotator's decisions (default: every annotator's; in a blind team project, only your own: see --unblind).", valueName: "NAME"))
    var annotator: String?

    @Option(name: .long, help: ReviewOptions.projectHelp)
    var project: String?

    @Flag(help: ReviewOptions.unblindHelp)
    var unblind = false

    /// `--annotator` when given and not empty.
    var only: String? { annotator.flatMap { $0.isEmpty ? nil : $0 } }

    /// Where decisions for `dataset` live, as `ReviewOptions.storeLocation(forDataset:)`.
    func storeLocation(forDataset dataset: String) -> StoreLocation {
        ReviewOptions.storeLocation(store, forDataset: dataset)
    }

    /// The project name for `dataset` on a PostgreSQL store.
    func projectName(forDataset dataset: String) -> String { ReviewOptions.projectName(project, forDataset: dataset) }
}

/// Opening a store wherever it lives, with errors worded for the command line.
enum StoreOpening {
    /// The store at `location` for `annotator`; nil when it is an SQLite file that does not exist and `create` is false.
    /// A store that cannot be opened prints `scenelens[ CMD]: LOCATION: reason` (passwords redacted) and exits 2.
    /// `integrityCheck`: `.inBackground` for the inspector and `render`, whose first frame must not wait for a pass over the whole store.
    static func open(_ location: StoreLocation, project: String, annotator: String, create: Bool,
                     command: String? = nil,
                     integrityCheck: SQLiteReviewStore.IntegrityCheck = .beforeUse) throws -> (any DecisionStore & AllDecisionsSource)? {
        do {
            switch location {
            case .sqlite(let path):
                if !create && SQLiteReviewStore.holdsNothing(at: path) { return nil }
                return try SQLiteReviewStore(path: path, annotator: annotator, readOnly: !create, integrityCheck: integrityCheck)
            case .postgres(let url):
                return try PostgresReviewStore(url: url, project: project, annotator: annotator, readOnly: !create)
            }
        } catch {
            let shown = location.description
            var text = "\(error)"
            if case .postgres(let url) = location { text = StoreLocation.scrub(text, url: url) }
            TerminalText.errorLine("scenelens\(command.map { " " + $0 } ?? ""): " + (text.contains(shown) ? text : "\(shown): \(text)"))
            throw ExitCode(2)
        }
    }
}

/// Opening a team project for the inspector (docs/teams.md).
enum TeamOpening {
    /// The team session for `annotator` on the project at `location`, on a
    /// connection of its own: created (`overlap` given) or joined (the store
    /// has a team project for this dataset); nil when it is not a team project.
    /// A mistake (`--overlap` on SQLite, another dataset) prints why and exits 2.
    static func open(_ location: StoreLocation, project: String, annotator: String, overlap: Int?,
                     lease: Double, batch: Int, source: ItemSource) throws -> TeamSession? {
        guard case .postgres(let url) = location else {
            if overlap != nil {
                TerminalText.errorLine("scenelens: --overlap needs a PostgreSQL store (--store postgresql://USER@HOST:PORT/DB); \(location) is an SQLite file")
                throw ExitCode(2)
            }
            return nil
        }
        guard lease >= 1, batch >= 1 else {
            TerminalText.errorLine("scenelens: --lease must be at least 1 second and --batch at least 1 (got \(lease), \(batch))")
            throw ExitCode(2)
        }
        do {
            let store = try PostgresReviewStore(url: url, project: project, annotator: annotator)
            // Not a team project and none asked for: no reason to read the whole dataset.
            if overlap == nil, try store.overlap() == nil { return nil }
            let work = TeamWork.of(source)
            guard let n = try store.openTeam(overlap: overlap, work: work) else { return nil }
            return TeamSession(store: store, work: work, overlap: n, lease: lease, batch: batch)
        } catch {
            TerminalText.errorLine("scenelens: " + StoreLocation.scrub("\(error)", url: url))
            throw ExitCode(2)
        }
    }
}
