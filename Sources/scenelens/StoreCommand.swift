import ArgumentParser
import Foundation
import Review
import ReviewPostgres

/// `scenelens store ...`: moving decisions between stores.
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        _superCommandName: SceneLens.name,
        abstract: "Work on review stores themselves: copy one into another (SQLite and PostgreSQL).",
        subcommands: [StoreCopyCommand.self])
}

/// `scenelens store copy FROM TO`.
struct StoreCopyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy every annotator's decisions and change log from one store to another, then check the counts.",
        discussion: """
        FROM and TO are SQLite files or postgresql://USER@HOST:PORT/DB URLs. On a server, decisions \
        belong to a project (--project, or --from-project/--to-project). TO is created when it does \
        not exist; it must not already hold work by an annotator of FROM (their change logs cannot be \
        merged without breaking undo). Nothing is copied unless everything is; at the end the \
        decisions and changes in TO are compared with FROM, annotator by annotator.
        """)

    @Argument(help: ArgumentHelp("The store to read.", valueName: "FROM"))
    var from: String

    @Argument(help: ArgumentHelp("The store to add to.", valueName: "TO"))
    var to: String

    @Option(help: ArgumentHelp("The project on a PostgreSQL store, on either side (usually the dataset's file name without .jsonl).",
                               valueName: "NAME"))
    var project: String?

    @Option(help: ArgumentHelp("The project on FROM, when it differs from TO's.", valueName: "NAME"))
    var fromProject: String?

    @Option(help: ArgumentHelp("The project on TO, when it differs from FROM's.", valueName: "NAME"))
    var toProject: String?

    func validate() throws {
        let needs = [StoreLocation(from), StoreLocation(to)].contains { if case .postgres = $0 { return true } else { return false } }
        if needs && project == nil && (fromProject == nil || toProject == nil) {
            let missing = [(StoreLocation(from), fromProject), (StoreLocation(to), toProject)]
                .contains { loc, p in if case .postgres = loc { return p == nil } else { return false } }
            if missing { throw ValidationError("A PostgreSQL store holds several datasets: say which with --project NAME.") }
        }
        if from == to && (fromProject ?? project) == (toProject ?? project) {
            throw ValidationError("FROM and TO are the same store.")
        }
    }

    func run() throws {
        let source = try open(from, project: fromProject ?? project ?? "", create: false)
        let target = try open(to, project: toProject ?? project ?? "", create: true)
        do {
            let result = try StoreCopy.copy(from: source, to: target)
            TerminalText.errorLine("copied \(result.decisions) decisions and \(result.changes) changes by "
                                   + "\(result.annotators.count) annotator(s)"
                                   + (result.settlements > 0 ? " and \(result.settlements) settlement(s)" : "")
                                   + " from \(source.shownLocation) to \(target.shownLocation); "
                                   + "counts checked")
        } catch {
            TerminalText.errorLine("scenelens store copy: \(error)")
            throw ExitCode(1)
        }
    }

    private func open(_ text: String, project: String, create: Bool) throws -> any CopyableStore {
        let location = StoreLocation(text)
        guard let store = try StoreOpening.open(location, project: project, annotator: "", create: create, command: "store copy") else {
            TerminalText.errorLine("scenelens store copy: \(location): no review store here")
            throw ExitCode(2)
        }
        guard let copyable = store as? any CopyableStore else { throw ExitCode(2) }
        return copyable
    }
}
