import ArgumentParser

/// Placeholder until its issue lands; replaced whole by the real command.
struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stats", abstract: "(not built yet)")
    func run() throws { throw ValidationError("'stats' is not built yet") }
}
