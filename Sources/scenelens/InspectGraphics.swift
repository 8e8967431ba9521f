import Foundation
import Inspector
import NCursesBackend
import TerminalUI

/// How the inspector shows images on this terminal, from `--graphics`, what
/// the terminal answered and the environment.
enum InspectGraphics {
    /// What the terminal supports and the mode to start in: a forced mode,
    /// else the best the terminal confirmed (`GraphicsMode.choose`); the cell
    /// size from the kernel, the terminal's answer or 10x20; inside tmux
    /// without passthrough a hint on how to get pixels. `mode`: the text
    /// modes' colours chosen at start.
    static func display(forced: GraphicsMode?, answers: GraphicsAnswers?, environment env: [String: String],
                        caps: TerminalCapabilities, mode textMode: ImageMode,
                        askTmux: Bool = true) -> (support: GraphicsSupport, graphics: GraphicsMode) {
        let tmux = !(env["TMUX"] ?? "").isEmpty
        let colour = caps.unicode && (caps.colors > 0 || caps.truecolor) && textMode != .ascii
        var mode = forced ?? GraphicsMode.choose(answers: answers, environment: env, caps: caps)
        if !caps.unicode { mode = .ascii }
        if (mode == .symbols || mode.isPixel) && !colour && forced == nil { mode = textMode == .ascii ? .ascii : .blocks }
        let cell = TerminalProbe.cellSizeFromWindow() ?? answers?.cellSize ?? .fallback
        var hint: String?
        if tmux && askTmux && !mode.isPixel && forced == nil && passthroughOff(env) {
            hint = "tmux hides pixel images: set -g allow-passthrough on (then restart SceneLens)"
        }
        var support = GraphicsSupport(pixelProtocol: mode.isPixel ? mode : nil, symbols: colour, colour: textMode,
                                      cellSize: cell, tmux: tmux, hint: hint)
        support.kittyPlaceholders = tmux || kittyHasPlaceholders(version: answers?.version)
        var graphics = mode == .symbols && !colour ? .blocks : mode
        if graphics == .blocks && textMode == .ascii { graphics = .ascii }
        return (support, graphics)
    }

    /// Whether the terminal named by XTVERSION shows kitty's Unicode
    /// placeholders: kitty from 0.28, Ghostty; an unnamed terminal is assumed to.
    static func kittyHasPlaceholders(version: String?) -> Bool {
        guard let v = version?.lowercased() else { return true }
        if v.hasPrefix("ghostty") { return true }
        guard v.hasPrefix("kitty(") else { return !v.hasPrefix("wezterm") && !v.hasPrefix("konsole") }
        let n = v.dropFirst(6).prefix { $0 != ")" }.split(separator: ".").compactMap { Int($0) }
        guard n.count >= 2 else { return true }
        return n[0] > 0 || n[1] >= 28
    }

    /// Whether tmux's `allow-passthrough` is off (asked of tmux itself); false when tmux cannot be asked.
    static func passthroughOff(_ env: [String: String]) -> Bool {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["tmux", "show-options", "-gv", "allow-passthrough"]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return false }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let v = String(decoding: data, as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return p.terminationStatus == 0 && v == "off"
    }
}
