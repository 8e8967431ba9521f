import ArgumentParser

/// Placeholder until its issue lands; replaced whole by the real command.
struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "lint", abstract: "(not built yet)")
    func run() throws { throw ValidationError("'lint' is not built yet") }
}
