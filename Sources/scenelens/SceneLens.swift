import ArgumentParser

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
        version: "0.2.0",
        subcommands: [Inspect.self, Render.self, Validate.self, Lint.self, Stats.self, Export.self,
                      View.self, Decode.self, Sample.self, StoreCommand.self],
        defaultSubcommand: Inspect.self
    )

    /// Runs the command. ArgumentParser reflects over every subcommand before
    /// it runs one, a quarter of a 20 ms `render`; when the first argument names
    /// a subcommand whose arguments parse on their own, that subcommand runs
    /// directly. Anything that does not parse (help, mistakes, the default
    /// `scenelens DATASET`) goes through the full parser, so every message is
    /// the same as before.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        // Help goes through the full parser, which knows the options every
        // subcommand inherits (--version); it is not worth a fast path.
        guard let name = arguments.first, !arguments.contains("--help"), !arguments.contains("-h"),
              let sub = configuration.subcommands.first(where: { $0.configuration.commandName == name }),
              var command = try? sub.parseAsRoot(Array(arguments.dropFirst()))
        else {
            return main(nil)
        }
        do {
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}
