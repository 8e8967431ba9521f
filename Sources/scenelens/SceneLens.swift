import ArgumentParser
import Foundation
import SceneData

/// The `scenelens` command: the inspector by default, and the tools around it.
@main
struct SceneLens: ParsableCommand {
    /// The tool's name. Subcommands name it as their `_superCommandName`, so a
    /// subcommand parsed on its own (the fast path of `main`) would say
    /// "scenelens render" in any usage text and skips ArgumentParser's search
    /// for `--generate-completion-script`, which the root command handles.
    static let name = "scenelens"

    static let configuration = CommandConfiguration(
        commandName: name,
        abstract: "Inspect, review and export hard-negative rationale datasets (SceneAlign DPO data).",
        discussion: """
        Exit status, the same for every command: 0 it ran and found nothing wrong; \
        1 it ran and found problems (validate, lint: errors in the data; doctor: the \
        terminal falls short); 2 it could not run (a mistyped command or option, an \
        option naming something that does not exist, input that cannot be read, output \
        that cannot be written).
        """,
        version: BuildInfo.line,
        subcommands: [Inspect.self, Render.self, Validate.self, Lint.self, Stats.self, Export.self, ReviewCommand.self,
                      View.self, Decode.self, Sample.self, Perturb.self, CounterfactualCommand.self, StoreCommand.self, Doctor.self],
        defaultSubcommand: Inspect.self
    )

    /// Runs the command. ArgumentParser reflects over every subcommand before
    /// it runs one, a quarter of a 20 ms `render`; when the first argument names
    /// a subcommand whose arguments parse on their own, that subcommand runs
    /// directly. Anything that does not parse (help, mistakes, the default
    /// `scenelens DATASET`) goes through the full parser, so every message is
    /// the same as before.
    static func main() {
        boundMallocThreshold()
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let first = arguments.first, let message = CommandSuggestion.message(forFirstArgument: first) {
            TerminalText.errorLine(message)
            Foundation.exit(ExitStatus.couldNotRun)
        }
        // Help goes through the full parser, which knows the options every
        // subcommand inherits (--version); it is not worth a fast path.
        guard let name = arguments.first, !arguments.contains("--help"), !arguments.contains("-h"),
              let sub = configuration.subcommands.first(where: { $0.configuration.commandName == name }),
              var command = try? sub.parseAsRoot(Array(arguments.dropFirst()))
        else {
            do {
                var command = try parseAsRoot(arguments)
                try command.run()
                Foundation.exit(ExitStatus.ok)
            } catch {
                finish(error)
            }
        }
        do {
            try command.run()
        } catch {
            finish(error)
        }
    }

    /// Blocks of 1 MiB or more get pages of their own, returned when freed
    /// (glibc's `mallopt(M_MMAP_THRESHOLD, 1 MiB)`, looked up at run time:
    /// `<malloc.h>` is not in Swift's Glibc module). glibc otherwise raises
    /// this threshold as big blocks are freed and then serves them from
    /// per-thread heaps that keep the pages: the inspector analyses a long
    /// step on worker threads, and its resident memory stayed half as much
    /// again above the bytes in use (docs/limits.md, Memory per byte of text).
    static func boundMallocThreshold() {
        #if os(Linux)
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        let mmapThreshold: Int32 = -3  // M_MMAP_THRESHOLD in <malloc.h>
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") {
            _ = unsafeBitCast(symbol, to: Mallopt.self)(mmapThreshold, 1 << 20)
        }
        #endif
    }

    /// Ends the process for `error` as ArgumentParser does (help and version
    /// on standard output and status 0, anything else on standard error),
    /// except that a usage error exits 2 like every other failure to run,
    /// not 64: one set of exit statuses for every command.
    static func finish(_ error: Error) -> Never {
        if exitCode(for: error) == .validationFailure {
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(ExitStatus.couldNotRun)
        }
        exit(withError: error)
    }
}

/// What to say when the first argument is neither a command nor a file:
/// `scenelens stat` is a typo of `stats`, not a dataset called "stat".
enum CommandSuggestion {
    /// Every command name a user can type first.
    static var names: [String] {
        SceneLens.configuration.subcommands.map { $0.configuration.commandName ?? "" }.filter { !$0.isEmpty } + ["help"]
    }

    /// The message for `first` (TerminalText sanitises it when printed), or nil when it is a command, an option, an
    /// existing file, or something that looks like a path (the inspector then
    /// says "no such file" as it always did).
    static func message(forFirstArgument first: String, fileExists: (String) -> Bool = { FileManager.default.fileExists(atPath: $0) }) -> String? {
        guard !first.isEmpty, !first.hasPrefix("-"), !names.contains(first), !fileExists(first) else { return nil }
        if let best = nearest(to: first) {
            return "scenelens: '\(first)' is not a command (and there is no file of that name); did you mean 'scenelens \(best)'?"
        }
        // A word that is no file and no command; a path goes on to the inspector's "no such file".
        guard !first.contains("/"), !first.contains(".") else { return nil }
        return "scenelens: '\(first)' is neither a command nor a file; `scenelens --help` lists the commands."
    }

    /// The command `word` most likely meant (`Spelling.nearest`).
    static func nearest(to word: String) -> String? { Spelling.nearest(to: word, among: names) }
}
