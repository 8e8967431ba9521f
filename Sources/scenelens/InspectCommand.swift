import ArgumentParser
import SceneData
import Foundation
import Imaging
import Analysis
import Inspector
import Query
import InspectorConfig
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

    @Argument(help: ArgumentHelp("The dataset: JSON Lines (also .gz, .zst), a JSON array, Parquet, a folder of shards or a quoted glob (docs/layouts.md).", valueName: "DATASET"))
    var dataset: String

    @Option(help: ArgumentHelp("The input layout, when detection from the first row guesses wrong: \(InputLayout.allCases.map(\.rawValue).joined(separator: ", ")) (docs/layouts.md).", valueName: "NAME"))
    var layout: InputLayout?

    @Option(help: FieldMap.argumentHelp, transform: FieldMap.argument)
    var map: FieldMap?


    @OptionGroup var review: ReviewOptions

    @Option(name: .long, help: ArgumentHelp("Make this dataset a team project on the PostgreSQL store (or change its overlap): each negative is decided by N annotators, who claim work in batches under leases (docs/teams.md). Without it, a team project is joined when the store has one.", valueName: "N"))
    var overlap: Int?

    @Option(name: .long, help: ArgumentHelp("In a team project, seconds a claimed batch stays yours when the heartbeat stops (quit by kill -9, lost network).", valueName: "SECONDS"))
    var lease: Double = 60

    @Option(name: .long, help: ArgumentHelp("In a team project, how many negatives to hold at once.", valueName: "N"))
    var batch: Int = 5

    @Option(name: .long, help: ArgumentHelp("How to draw images: auto, truecolor, 256, 16 or ascii.", valueName: "MODE"))
    var mode: ModeOption = .auto

    @Option(name: .long, help: ArgumentHelp("Pixels or text cells for the image: auto (ask the terminal), kitty, sixel, iterm, symbols, blocks or ascii.", valueName: "KIND"))
    var graphics: String = "auto"

    @Option(name: .long, help: ArgumentHelp("The config file (key bindings); default $XDG_CONFIG_HOME/scenelens/config.toml, i.e. ~/.config/scenelens/config.toml.", valueName: "PATH"))
    var config: String?

    @OptionGroup var alpha: AlphaOption
    func validate() throws {
        if GraphicsMode(option: graphics) == nil && graphics.lowercased() != "auto" {
            throw ValidationError("--graphics must be auto, kitty, sixel, iterm, symbols, blocks or ascii, not '\(graphics)'.")
        }
    }

    func run() throws {
        let source = try InspectorServices.source(path: dataset, layout: layout, map: map)
        // Without a terminal on both ends curses cannot read keys or draw,
        // and the input loop would spin on end of input.
        guard isatty(0) == 1, isatty(1) == 1 else {
            FileHandle.standardError.write(Data("scenelens: the inspector needs a terminal; use `scenelens render` to print a frame\n".utf8))
            throw ExitCode(2)
        }
        // The store's pass over every page runs beside the first frame; writes wait for it (issue 17).
        let store = try StoreOpening.open(review.storeLocation(forDataset: dataset), project: review.projectName(forDataset: dataset),
                                           annotator: review.annotatorName, create: true, integrityCheck: .inBackground)
        let team = try TeamOpening.open(review.storeLocation(forDataset: dataset), project: review.projectName(forDataset: dataset),
                                        annotator: review.annotatorName, overlap: overlap, lease: lease, batch: batch, source: source)
        let env = ProcessInfo.processInfo.environment
        let settings = try UserSettings.load(config: config, environment: env)
        let term = NCursesInspector(source: source, store: store, annotator: review.annotatorName,
                                    datasetName: (dataset as NSString).lastPathComponent, mode: mode,
                                    graphics: GraphicsMode(option: graphics), environment: env,
                                    settings: settings, alpha: alpha.resolved(config: settings.config, command: "inspect"), team: team)
        let (signal, problems) = try term.run()
        // Shown in the status bar at start; here again, where they stay readable.
        for p in problems { TerminalText.errorLine("scenelens: \(p)") }
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
    var settings: UserSettings
    /// What "as the model sees it" does with transparency.
    var alpha: AlphaRendition
    /// The team project's session; nil outside one.
    var team: TeamSession?

    /// Runs until `q` or a quit signal; the terminal is restored however it ends.
    /// Returns the signal that ended it, if one did, and the problems of the
    /// config and state files (to print once the screen is back).
    func run() throws -> (Int32?, [ConfigProblem]) {
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
                             asciiOnly: ascii, imageMode: style)
        state.nav.itemCount = source.count
        var display = settings.display
        state.keyMap = settings.config.keyMap
        // Clicks and the wheel, unless the config turns them off (then the
        // terminal keeps its own selection of text with the mouse).
        state.mouseEnabled = settings.config.mouse ?? true
        terminal.mouse = state.mouseEnabled
        state.image.alpha = alpha
        display.apply(to: &state, modeGiven: mode != .auto)
        let chosen = InspectGraphics.display(forced: graphics, answers: answers, environment: environment,
                                             caps: TerminalCapabilities(colors: terminal.colors, truecolor: terminal.truecolor,
                                                                        unicode: terminal.unicode && !ascii),
                                             mode: style)
        state.image.support = chosen.support
        // Pixels or symbols when the terminal shows them; otherwise the text
        // mode remembered (or given) stands.
        switch chosen.graphics {
        case .kitty, .sixel, .iterm, .symbols: state.image.graphics = chosen.graphics
        case .ascii: state.image.graphics = .ascii; state.image.mode = .ascii
        case .blocks: state.image.graphics = state.image.mode == .ascii ? .ascii : .blocks
        }
        terminal.cellSize = chosen.support.cellSize
        var problems = settings.problems
        if let first = problems.first {
            let more = problems.count > 1 ? " (+\(problems.count - 1) more)" : ""
            state.flash = Flash("\(first)\(more) (printed again when you quit)", .error)
        }
        var services = InspectorServices.services(source: source, store: store, alpha: alpha)
        services.team = team
        // Counts, tables and lists answer from the dataset's summary (docs/query.md) when a command
        // made one: it is brought up to date in the background. None is made from nothing here: that
        // lints every item on both cores (25 minutes at a million) while the annotator works.
        if let data = (source as? DatasetSource)?.dataset,
           FileManager.default.fileExists(atPath: SummaryFile.path(forDataset: data.path, in: SummaryFile.folder())) {
            services.summary = { progress in
                SummaryFile.prepare(data, folder: SummaryFile.folder(), config: LintConfig(),
                                    lint: QuerySupport.lint(dataset: data), progress: progress).summary.map(SummaryIndex.init)
            }
        }
        state.team = team?.initialState
        let runner = EffectRunner(services: services)
        guard let program = Program(state: state, runner: runner, terminal: terminal) else {
            throw TerminalError(message: "could not create the wake-up pipe (too many open files?)")
        }
        let signal = program.run(startAt: nil)
        // A clean quit gives the claimed work back at once (a killed one's leases run out).
        do { try runner.finishTeam() } catch { problems.append(ConfigProblem(file: "team project", line: nil, message: "the claimed work was not given back (its lease runs out): \(error)")) }
        if let failed = display.save(program.state) { problems.append(failed) }
        return (signal, problems)
    }
}

/// The config file and the remembered display settings, as `inspect` and
/// `doctor` read them.
struct UserSettings {
    var config: UserConfig
    var display: DisplayMemory

    var problems: [ConfigProblem] { config.problems + display.problems }

    /// Reads the config at `config` (`--config`; it must exist) or the default
    /// path (which need not), and the state file.
    static func load(config: String?, environment env: [String: String]) throws -> UserSettings {
        if let config {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: config, isDirectory: &isDir), !isDir.boolValue else {
                TerminalText.errorLine("scenelens: --config \(config): no such file")
                throw ExitCode(ExitStatus.couldNotRun)
            }
        }
        return UserSettings(config: UserConfig.load(path: config ?? ConfigPaths.config(environment: env)),
                            display: DisplayMemory.load(path: ConfigPaths.state(environment: env)))
    }
}
