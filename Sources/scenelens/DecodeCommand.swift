import ArgumentParser

/// Placeholder until its issue lands; replaced whole by the real command.
struct Decode: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "decode", abstract: "(not built yet)")
    func run() throws { throw ValidationError("'decode' is not built yet") }
}
