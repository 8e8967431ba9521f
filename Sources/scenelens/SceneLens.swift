import ArgumentParser

/// The `scenelens` command: the inspector by default, and the tools around it.
@main
struct SceneLens: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenelens",
        abstract: "Inspect, review and export hard-negative rationale datasets (SceneAlign DPO data).",
        subcommands: [Inspect.self, Render.self, Validate.self, Lint.self, Stats.self, Export.self,
                      View.self, Decode.self, Sample.self],
        defaultSubcommand: Inspect.self
    )
}
