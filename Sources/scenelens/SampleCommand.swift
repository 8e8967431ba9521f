import ArgumentParser

/// Placeholder until its issue lands; replaced whole by the real command.
struct Sample: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sample", abstract: "(not built yet)")
    func run() throws { throw ValidationError("'sample' is not built yet") }
}
