import ArgumentParser
import SceneData
import Foundation
import Inspector
import NCursesBackend
import Review
import TerminalUI

/// `scenelens [inspect] DATASET`: the full-screen inspector.
struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        _superCommandName: SceneLens.name,
        abstract: "Browse and review a dataset in the full-screen inspector (the default command).",
        discussion: "Press ? inside for every key. Decisions are saved as you make them.")

    @Argument(help: ArgumentHelp("The dataset: JSON Lines, a JSON array, Parquet (docs/layouts.md).", valueName: "DATASET"))
    var dataset: String

    @Option(help: ArgumentHelp("The input layout, when detection from the first row guesses wrong: \(InputLayout.allCases.map(\.rawValue).joined(separator: ", ")) (docs/layouts.md).", valueName: "NAME"))
    var layout: InputLayout?


    @OptionGroup var review: ReviewOptions

    @Option(name: .long, help: ArgumentHelp("How to draw images: auto, truecolor, 256, 16 or ascii.", valueName: "MODE"))
    var mode: ModeOption = .auto

    @Option(name: .long, help: ArgumentHelp("Pixels or text cells for the image: auto (ask the terminal), kitty, sixel, iterm, symbols, blocks or ascii.", valueName: "KIND"))
    var graphics: String = "auto"

    func validate() throws {
        if GraphicsMode(option: graphics) == nil && graphics.lowercased() != "auto" {
            throw ValidationError("--graphics must be auto, kitty, sixel, iterm, symbols, blocks or ascii, not '\(graphics)'.")
        }
    }

    func run() throws {
        let source = try InspectorServices.source(path: dataset, layout: layout)
        // Without a terminal on both ends curses cannot read keys or draw,
        // and the input loop would spin on end of input.
        guard isatty(0) == 1, isatty(1) == 1 else {
            FileHandle.standardError.write(Data("scenelens: the inspector needs a terminal; use `scenelens render` to print a frame\n".utf8))
            throw ExitCode(2)
        }
        let store = try StoreOpening.open(review.storeLocation(forDataset: dataset), project: review.projectName(forDataset: dataset),
                                           annotator: review.annotatorName, create: true)
        let env = ProcessInfo.processInfo.environment
        let term = NCursesInspector(source: source, store: store, annotator: review.annotatorName,
                                    datasetName: (dataset as NSString).lastPathComponent, mode: mode,
                                    graphics: GraphicsMode(option: graphics), environment: env)
        let signal = try term.run()
        if let signal { throw ExitCode(128 + signal) }
    }
}

/// The interactive inspector: `Program` on the ncurses terminal.
struct NCursesInspector {
    var source: ItemSource
    var store: (any DecisionStore)?
    var annotator: String
    var datasetName: String
    var mode: ModeOption
    /// `--graphics` when it names a mode; nil: ask the terminal.
    var graphics: GraphicsMode? = nil
    var environment: [String: String]

    /// Runs until `q` or a quit signal; the terminal is restored however it ends.
    /// Returns the signal that ended it, if one did.
    func run() throws -> Int32? {
        // The terminal is asked before curses takes it over: at most a second,
        // for a terminal still busy starting (kitty drawing its first frame in software).
        let tmux = !(environment["TMUX"] ?? "").isEmpty
        let answers = graphics == nil && mode != .ascii ? TerminalProbe.ask(timeoutMs: 1000, tmux: tmux) : nil
        let terminal = try NCursesTerminal(environment: environment)
        defer { terminal.restore() }
        let ascii = ModeOption.drawsASCII(unicode: terminal.unicode, term: environment["TERM"] ?? "")
        let style = mode.style(colors: terminal.colors, truecolor: terminal.truecolor, unicode: !ascii)
        let size = terminal.size
        var state = AppState(width: size.width, height: size.height, datasetName: datasetName, annotator: annotator,
                             asciiOnly: ascii, imageStyle: style)
        state.display = InspectGraphics.display(forced: graphics, answers: answers, environment: environment,
                                                caps: TerminalCapabilities(colors: terminal.colors, truecolor: terminal.truecolor,
                                                                           unicode: terminal.unicode && !ascii),
                                                style: state.imageStyle)
        terminal.cellSize = state.display.cellSize
        if state.display.graphics == .ascii { state.imageStyle = .ascii }
        state.itemCount = source.count
        let runner = EffectRunner(services: InspectorServices.services(source: source, store: store))
        guard let program = Program(state: state, runner: runner, terminal: terminal) else {
            throw TerminalError(message: "could not create the wake-up pipe (too many open files?)")
        }
        return program.run(startAt: nil)
    }
}
