import ArgumentParser

/// Placeholder until its issue lands; replaced whole by the real command.
struct View: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "view", abstract: "(not built yet)")
    func run() throws { throw ValidationError("'view' is not built yet") }
}
