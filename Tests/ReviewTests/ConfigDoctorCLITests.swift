import CLITestSupport
import Foundation
import Testing

/// `scenelens doctor` names the config file the inspector reads and whether it loaded.
@Suite struct ConfigDoctorCLITests {
    func doctor(_ args: [String] = [], config: String?) throws -> (CLIRun, [String: Any]) {
        let home = try makeTempDir()
        let dir = home.appendingPathComponent("cfg/scenelens")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        if let config { try config.write(to: dir.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8) }
        let env = ["PATH": "/usr/bin:/bin", "TERM": "xterm-256color", "LANG": "C.UTF-8", "HOME": home.path,
                   "XDG_CONFIG_HOME": home.appendingPathComponent("cfg").path]
        let text = try ScenelensCLI.run(["doctor"] + args, environment: env)
        let json = try ScenelensCLI.run(["doctor", "--json"] + args, environment: env)
        let object = (try? JSONSerialization.jsonObject(with: Data(json.stdout.utf8))) as? [String: Any] ?? [:]
        return (text, object["config"] as? [String: Any] ?? [:])
    }

    @Test func aGoodConfigIsReportedLoaded() throws {
        let (run, config) = try doctor(config: "[keys]\naccept = \"y\"\n")
        let line = run.stdout.split(separator: "\n").first { $0.hasPrefix("config") }.map(String.init) ?? ""
        #expect(line.contains("ok"), "\(run.stdout)")
        #expect(line.contains("cfg/scenelens/config.toml: loaded; keys rebound for accept"), "\(line)")
        #expect(config["status"] as? String == "loaded")
        #expect(config["rebound"] as? [String] == ["accept"])
    }

    @Test func aBadConfigIsAShortfallNamingTheLine() throws {
        let (run, config) = try doctor(config: "[keys]\n\nacept = \"y\"\n")
        #expect(run.status == 1)
        #expect(run.stdout.contains("cfg/scenelens/config.toml:3: unknown action 'acept' (did you mean 'accept'?)"), "\(run.stdout)")
        #expect((config["problems"] as? [String])?.first?.hasSuffix("config.toml:3: unknown action 'acept' (did you mean 'accept'?); ignored (docs/inspector.md lists the actions)") == true,
                "\(config)")
    }

    @Test func noConfigFileMeansTheDefaults() throws {
        let (run, config) = try doctor(config: nil)
        #expect(run.stdout.contains("cfg/scenelens/config.toml: no such file, so the default keys"), "\(run.stdout)")
        #expect(config["status"] as? String == "absent")
    }

    @Test func aConfigNamedThatDoesNotExistStopsWithStatus2() throws {
        let (run, _) = try doctor(["--config", "/nonexistent/scenelens.toml"], config: nil)
        #expect(run.status == 2)
        #expect(run.stderr.contains("--config /nonexistent/scenelens.toml: no such file"), "\(run.stderr)")
    }
}
