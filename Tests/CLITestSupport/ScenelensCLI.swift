import Foundation

/// What one run of the built `scenelens` executable gave.
public struct CLIRun: Sendable {
    /// The exit status.
    public var status: Int32
    /// Everything written to standard output, as UTF-8.
    public var stdout: String
    /// Everything written to standard error, as UTF-8.
    public var stderr: String
}

/// Runs the `scenelens` executable that `swift build` put beside the test
/// bundle, as a user would: for tests of exit statuses, messages and help.
public enum ScenelensCLI {
    /// The built executable: next to the test binary on Linux, a few folders
    /// up from it inside an .xctest bundle on macOS; nil when it is not built.
    public static var executable: URL? {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let beside = testBinary.deletingLastPathComponent()
        let candidates = [beside, beside.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()]
        return candidates.map { $0.appendingPathComponent("scenelens") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Why the executable is missing, for a test's failure message.
    public static var missing: String { "no scenelens executable beside \(CommandLine.arguments[0]); run `swift build` first" }

    /// Runs `scenelens` with `arguments` (standard input empty, or `input`) and waits for it;
    /// after `timeout` seconds, if given, the run is ended with SIGKILL (status
    /// 9), so a test of something that must not hang fails instead of hanging.
    public static func run(_ arguments: [String], environment: [String: String]? = nil,
                           timeout: Double? = nil, input: String? = nil) throws -> CLIRun {
        guard let exe = executable else { throw CLIError(message: missing) }
        let p = Process()
        p.executableURL = exe
        p.arguments = arguments
        if var environment {
            // A sanitizer's settings reach the child even when a test gives it an
            // environment of its own: without ASAN_OPTIONS's detect_leaks=0 the
            // child of a scripts/sanitize.sh run reports the Swift runtime's
            // caches as leaks and exits before its output is flushed.
            for key in ["ASAN_OPTIONS", "TSAN_OPTIONS", "LSAN_OPTIONS", "UBSAN_OPTIONS"] where environment[key] == nil {
                environment[key] = ProcessInfo.processInfo.environment[key]
            }
            p.environment = environment
        }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        let inPipe = Pipe()
        p.standardInput = input == nil ? FileHandle.nullDevice : inPipe
        try p.run()
        if let input {
            // Small inputs fit the pipe's buffer: written whole, then closed, so the child sees the end.
            inPipe.fileHandleForWriting.write(Data(input.utf8))
            try? inPipe.fileHandleForWriting.close()
        }
        if let timeout {
            let pid = p.processIdentifier
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { [p] in
                if p.isRunning { kill(pid, SIGKILL) }
            }
        }
        // Read both pipes at once before waiting: reading one to its end first
        // deadlocks with a child that fills the other (lint's errors of a
        // 400-item file are more than a pipe holds).
        nonisolated(unsafe) var e = Data()
        let errorRead = DispatchGroup()
        errorRead.enter()
        DispatchQueue.global().async {
            e = err.fileHandleForReading.readDataToEndOfFile()
            errorRead.leave()
        }
        let o = out.fileHandleForReading.readDataToEndOfFile()
        errorRead.wait()
        p.waitUntilExit()
        return CLIRun(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                      stderr: String(decoding: e, as: UTF8.self))
    }

    /// The executable could not be found.
    public struct CLIError: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }
}
