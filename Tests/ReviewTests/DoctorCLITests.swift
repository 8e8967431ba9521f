import CLITestSupport
import Foundation
import Testing

/// `scenelens doctor` in the situations the issue names: vt100 with LANG=C,
/// NO_COLOR, tmux with and without passthrough, a locale that is not
/// installed. The environment is set exactly, so the machine's own does not leak in.
@Suite struct DoctorCLITests {
    /// A fake `tmux` that answers as tmux 3.3a with the given options.
    func fakeTmux(passthrough: String?, mouse: String = "off") throws -> URL {
        let dir = try makeTempDir()
        let script = """
            #!/bin/sh
            case "$*" in
              -V) echo "tmux 3.3a" ;;
              "show -gv allow-passthrough") \(passthrough.map { "echo \($0)" } ?? "echo 'invalid option: allow-passthrough' >&2; exit 1") ;;
              "show -gv mouse") echo \(mouse) ;;
              *) exit 1 ;;
            esac
            """
        let url = dir.appendingPathComponent("tmux")
        try script.write(to: url, atomically: true, encoding: .utf8)
        chmod(url.path, 0o755)
        return dir
    }

    func doctor(_ env: [String: String], json: Bool = false) throws -> (CLIRun, [String: Any]) {
        var e = env
        if e["PATH"] == nil { e["PATH"] = "/usr/bin:/bin" }
        let text = try ScenelensCLI.run(["doctor"], environment: e)
        let j = try ScenelensCLI.run(["doctor", "--json"], environment: e)
        #expect(j.status == text.status, "the exit status does not depend on --json")
        let object = try JSONSerialization.jsonObject(with: Data(j.stdout.utf8)) as? [String: Any] ?? [:]
        return (text, object)
    }

    func check(_ json: [String: Any], _ name: String) -> [String: Any] {
        (json["checks"] as? [[String: Any]] ?? []).first { $0["name"] as? String == name } ?? [:]
    }

    @Test func vt100InTheCLocaleNamesBothShortfallsAndTheirFixes() throws {
        let (r, json) = try doctor(["TERM": "vt100", "LANG": "C"])
        #expect(r.status == 1)
        #expect(r.stdout.contains("LANG=C: character set ANSI_X3.4-1968, not UTF-8"), "\(r.stdout)")
        #expect(r.stdout.contains("change:    export LANG=C.UTF-8"))
        #expect(r.stdout.contains("no colour (terminfo vt100: colors#0"))
        #expect(r.stdout.contains("change:    export TERM=xterm-256color"))
        #expect(r.stdout.contains("2 shortfalls."))
        #expect(check(json, "locale")["status"] as? String == "shortfall")
        #expect((json["drawing"] as? [String: Any])?["ascii"] as? Bool == true)
        #expect((json["drawing"] as? [String: Any])?["image_mode"] as? String == "ascii")
        #expect(json["shortfalls"] as? Int == 2)
    }

    @Test func vt100InAUTF8LocaleStillDrawsASCIIAndSaysWhy() throws {
        let (r, _) = try doctor(["TERM": "vt100", "LANG": "C.UTF-8"])
        #expect(r.stdout.contains("TERM=vt100 is a terminal of ASCII only"), "\(r.stdout)")
    }

    @Test func noColorIsReportedAsTheUsersChoiceNotAShortfall() throws {
        let (r, json) = try doctor(["TERM": "xterm-256color", "LANG": "C.UTF-8", "COLORTERM": "truecolor", "NO_COLOR": "1"])
        #expect(r.status == 0, "\(r.stdout)")
        #expect(r.stdout.contains("off, because NO_COLOR is set"))
        #expect(check(json, "colours")["fix"] as? String == "unset NO_COLOR   # to see colours")
        #expect((json["drawing"] as? [String: Any])?["colors"] as? Int == 0)
        #expect((json["environment"] as? [String: Any])?["NO_COLOR"] as? String == "1")
        #expect(r.stdout.contains("Nothing falls short."))
    }

    @Test func colortermTruecolorRunsOnTheDirectEntry() throws {
        // xterm-direct comes with Debian's ncurses-term, which .ci/run installs.
        let (r, json) = try doctor(["TERM": "xterm-256color", "LANG": "C.UTF-8", "COLORTERM": "truecolor"])
        #expect(r.status == 0, "\(r.stdout)")
        #expect(r.stdout.contains("24-bit colour (terminfo xterm-direct"), "\(r.stdout)")
        #expect((json["terminfo"] as? [String: Any])?["entry"] as? String == "xterm-direct")
        #expect((json["drawing"] as? [String: Any])?["image_mode"] as? String == "truecolor")
    }

    @Test func twoHundredFiftySixColoursSuggestCOLORTERM() throws {
        let (r, json) = try doctor(["TERM": "xterm-256color", "LANG": "C.UTF-8"])
        #expect(r.status == 1)
        #expect(check(json, "colours")["fix"] as? String == "export COLORTERM=truecolor   # if the terminal shows 24-bit colour, as most do")
    }

    @Test func tmuxWithoutPassthroughSaysTheLineToAdd() throws {
        let bin = try fakeTmux(passthrough: "off"); defer { try? FileManager.default.removeItem(at: bin) }
        let env = ["TERM": "tmux-256color", "LANG": "C.UTF-8", "COLORTERM": "truecolor",
                   "TMUX": "/tmp/tmux-0/default,1,0", "PATH": bin.path + ":/usr/bin:/bin"]
        let (r, json) = try doctor(env)
        #expect(r.status == 1)
        #expect(r.stdout.contains("inside tmux 3.3a; allow-passthrough is off"), "\(r.stdout)")
        #expect(check(json, "tmux")["fix"] as? String == "set -g allow-passthrough on   # in ~/.tmux.conf, or now: tmux set -g allow-passthrough on")
        #expect((json["tmux"] as? [String: Any])?["allow_passthrough"] as? String == "off")
        #expect(check(json, "mouse")["fix"] as? String == "set -g mouse on")

        let on = try fakeTmux(passthrough: "on", mouse: "on"); defer { try? FileManager.default.removeItem(at: on) }
        var envOn = env
        envOn["PATH"] = on.path + ":/usr/bin:/bin"
        let (r2, json2) = try doctor(envOn)
        #expect(check(json2, "tmux")["status"] as? String == "ok", "\(r2.stdout)")
        #expect(r2.stdout.contains("allow-passthrough is on, so pixel images can reach the terminal"))
    }

    @Test func tmuxOlderThanPassthroughSaysToUpgrade() throws {
        let bin = try fakeTmux(passthrough: nil); defer { try? FileManager.default.removeItem(at: bin) }
        let (_, json) = try doctor(["TERM": "tmux-256color", "LANG": "C.UTF-8", "TMUX": "x,1,0",
                                    "PATH": bin.path + ":/usr/bin:/bin"])
        #expect(check(json, "tmux")["status"] as? String == "shortfall")
        #expect((check(json, "tmux")["fix"] as? String ?? "").hasPrefix("upgrade tmux to 3.3"))
    }

    @Test func aLocaleThatIsNotInstalledIsNamedWithTheVariableToChange() throws {
        let (r, json) = try doctor(["TERM": "xterm-256color", "LC_ALL": "xx_YY.UTF-8", "COLORTERM": "truecolor"])
        #expect(r.stdout.contains("LC_ALL=xx_YY.UTF-8, but that locale is not installed here"), "\(r.stdout)")
        #expect(check(json, "locale")["fix"] as? String == "export LC_ALL=C.UTF-8")
    }

    @Test func graphicsHintsComeFromTheEnvironment() throws {
        let (_, json) = try doctor(["TERM": "xterm-kitty", "LANG": "C.UTF-8", "KITTY_WINDOW_ID": "3"])
        let hints = json["graphics_hints"] as? [[String: Any]] ?? []
        #expect(hints.first?["protocol"] as? String == "kitty")
        #expect(hints.first?["evidence"] as? String == "KITTY_WINDOW_ID is set")
    }
}
