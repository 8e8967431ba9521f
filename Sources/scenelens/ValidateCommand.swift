import ArgumentParser

/// Placeholder until its issue lands; replaced whole by the real command.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "validate", abstract: "(not built yet)")
    func run() throws { throw ValidationError("'validate' is not built yet") }
}
