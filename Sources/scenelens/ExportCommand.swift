import ArgumentParser

/// Placeholder until its issue lands; replaced whole by the real command.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "(not built yet)")
    func run() throws { throw ValidationError("'export' is not built yet") }
}
