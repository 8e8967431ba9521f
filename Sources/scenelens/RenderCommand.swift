import ArgumentParser
import Foundation
import Query
import Inspector
import Review
import SceneData
import TerminalUI

/// `scenelens render DATASET`: prints the frame the inspector would show, without a terminal.
struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        _superCommandName: SceneLens.name,
        abstract: "Print the inspector's screen for one item, without a terminal (for docs, bug reports, tests).")

    @Argument(help: ArgumentHelp("The dataset: JSON Lines (also .gz, .zst), a JSON array, Parquet, a folder of shards or a quoted glob (docs/layouts.md).", valueName: "DATASET"))
    var dataset: String

    @Option(help: ArgumentHelp("The input layout, when detection from the first row guesses wrong: \(InputLayout.allCases.map(\.rawValue).joined(separator: ", ")) (docs/layouts.md).", valueName: "NAME"))
    var layout: InputLayout?

    @Option(help: FieldMap.argumentHelp, transform: FieldMap.argument)
    var map: FieldMap?


    @Option(name: .long, help: ArgumentHelp("The item: its 0-based position (default 0) or its id. A number is a position, unless no item is there or only the item with that id has the --negative asked for.", valueName: "ID_OR_NUMBER"))
    var item: String?

    @Option(name: .long, help: ArgumentHelp("The negative to select, by id.", valueName: "ID"))
    var negative: String?

    @Option(name: .long, help: ArgumentHelp("The screen size, COLUMNSxROWS.", valueName: "WxH"))
    var size: String = "160x48"

    @Flag(name: .long, help: "Print the characters only (the default).")
    var plain = false

    @Flag(name: .long, help: "Print with ANSI colour escapes.")
    var ansi = false

    @Option(name: .long, help: ArgumentHelp("How to draw the image: auto, truecolor, 256, 16 or ascii (ascii also draws every line in ASCII).", valueName: "MODE"))
    var mode: ModeOption = .auto

    @Option(name: .long, help: ArgumentHelp("Keys to press first, such as \"]j<Tab>z\" (see docs/inspector.md).", valueName: "KEYS"))
    var keys: String?

    @OptionGroup var filter: QueryOption

    @OptionGroup var review: ReviewOptions

    @OptionGroup var alpha: AlphaOption

    func validate() throws {
        _ = try filter.parsed()
        if plain && ansi { throw ValidationError("--plain and --ansi cannot be used together.") }
        guard parsedSize() != nil else {
            throw ValidationError("--size must look like 160x48 (columns x rows, each 1 to 1000), not '\(size)'.")
        }
    }

    func parsedSize() -> (Int, Int)? {
        let parts = size.lowercased().split(separator: "x")
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), (1...1000).contains(w), (1...1000).contains(h) else { return nil }
        return (w, h)
    }

    func run() throws {
        guard let (w, h) = parsedSize() else { throw ValidationError("bad --size") }
        let pressed = try keys.map { try Headless.parseKeys($0) } ?? []
        let source = try InspectorServices.source(path: dataset, layout: layout, map: map)
        // Rendering must not create a store as a side effect: read one only if it exists.
        // A large store's pass over every page (2 s at a million decisions) runs beside the frame,
        // which reads a few rows of it; a small one is checked before anything is shown (issue 17).
        let store = try StoreOpening.open(review.storeLocation(forDataset: dataset), project: review.projectName(forDataset: dataset),
                                           annotator: review.annotatorName, create: false, integrityCheck: .inBackground)
        if let sqlite = store as? SQLiteReviewStore, Self.fileSize(sqlite.path) < 64 << 20 {
            do { try sqlite.waitForIntegrityCheck() } catch {
                TerminalText.errorLine("scenelens render: \(error)")
                throw ExitCode(2)
            }
        }
        let shownAlpha = alpha.resolved(command: "render")
        let runner = EffectRunner(services: InspectorServices.services(source: source, store: store, alpha: shownAlpha))
        let ascii = mode == .ascii
        var state = AppState(width: w, height: h, datasetName: (dataset as NSString).lastPathComponent,
                             annotator: review.annotatorName, asciiOnly: ascii,
                             imageMode: mode.style(colors: 256, truecolor: true, unicode: !ascii))
        state.image.alpha = shownAlpha
        // A position is found without looking at any id (fast on big files).
        var index = try item.map { try resolve($0, source: source) } ?? 0
        var targetNegative = negative
        if let query = try filter.parsed(), let data = (source as? DatasetSource)?.dataset {
            // The first match from --item on (from the top without it), and its first matching negative.
            data.indexAll()
            let sources = try QuerySupport.sources(for: query.needs, dataset: data, store: store)
            let matches = QuerySupport.run(query, dataset: data, sources: sources,
                                           summary: QuerySupport.summary(data, option: filter, command: "render", needs: query.needs),
                                           command: "render")
            guard let first = matches.items.first(where: { $0 >= index }) else {
                TerminalText.errorLine("scenelens render: nothing matches --where \(query.text)"
                                       + (item == nil || matches.items.isEmpty ? "" : " at or after item \(index)"))
                throw ExitCode(ExitStatus.findings)
            }
            index = first
            if targetNegative == nil, let k = matches.negatives[first]?.first,
               let id = data.item(at: first).item?.negatives[k].id { targetNegative = id }
            TerminalText.errorLine("render: showing item \(first)" + (targetNegative.map { ", negative \($0)" } ?? ""))
        }
        // Small files are counted whole so the header says "of N"; big ones are not, to stay fast,
        // unless keys are pressed: they may go anywhere (`G` to the last item), and no
        // background indexing runs here to finish the count as it does in the inspector.
        if source.byteSize < 1 << 20 || !pressed.isEmpty { source.indexAll { _, _, _ in } }
        // The inspector reads the ids in the background and checks the item on
        // screen again once they are known; with a store, a frame of a small
        // file or one with keys reads them first, so an item whose id repeats
        // shows as such. A large file's frame without keys is the inspector's
        // first frame: ids not read, review counts (every decided item read)
        // not counted (issue 17: `render --item 0` of 10 GB took 3.5 s with an
        // empty store, 30 s with 200k decisions).
        let whole = source.byteSize < 1 << 20 || !pressed.isEmpty
        if store != nil && whole { _ = source.positions(sharingID: "") }
        if !whole { runner.leaveReviewCountsUncounted() }
        state.nav.itemCount = source.count
        state.nav.fullyIndexed = source.isFullyIndexed
        state.nav.indexFraction = state.nav.fullyIndexed ? 1 : 0
        state.nav.targetNegativeID = targetNegative
        Headless.settle(&state, InspectorApp.start(&state, at: index), runner: runner)
        // Whether an item follows is one short read away; when none does, the
        // file has been indexed to its end and the header can give the exact total.
        if !source.isFullyIndexed, !source.hasItem(state.nav.index + 1) {
            state.nav.itemCount = source.count
            state.nav.fullyIndexed = source.isFullyIndexed
            state.nav.indexFraction = state.nav.fullyIndexed ? 1 : 0
        } else {
            state.nav.itemCount = max(state.nav.itemCount, source.count)
        }
        if let negative = targetNegative, state.negative?.id != negative {
            guard let item = state.item else {
                // An unreadable line has no negatives; saying "item 4 has no negative" reads as if item id 4 had none.
                let line = state.nav.current?.diagnostics.compactMap(\.line).first.map { " (line \($0))" } ?? ""
                throw Self.dataError("item \(index)\(line) cannot be read, so it has no negative '\(negative)'")
            }
            throw Self.dataError("item \(item.id) has no negative '\(negative)'")
        }
        Headless.press(&state, pressed, runner: runner)
        let frame = InspectorApp.view(state)
        if ansi {
            let depth: ColorDepth = mode == .palette16 ? .ansi16 : mode == .palette256 ? .ansi256 : mode == .ascii ? .none : .truecolor
            print(ANSIWriter.render(frame, depth: depth), terminator: "")
        } else {
            print(frame.plainText)
        }
    }

    private static func fileSize(_ path: String) -> Int64 {
        var st = stat()
        return stat(path, &st) == 0 ? Int64(st.st_size) : 0
    }

    /// The position of the item named by `text`. A number is a 0-based
    /// position, found without reading any id, so `--item 0` on a 2 GB file
    /// reads one chunk of it. Ids are looked up (a whole-file scan) only when
    /// the text is not a position, or when the item at that position lacks
    /// the `--negative` asked for and the item with that id has it (an id
    /// "4" with negative "7", as a user copied it from `lint`).
    private func resolve(_ text: String, source: ItemSource) throws -> Int {
        if let n = Int(text), n >= 0, source.hasItem(n) {
            if let negative, source.load(n).item?.negative(negative) == nil,
               let i = source.index(ofID: text), source.load(i).item?.negative(negative) != nil {
                return i
            }
            return n
        }
        if let i = source.index(ofID: text) { return i }
        throw Self.dataError("no item '\(text)' in \(dataset): give an id or a 0-based position (the file has \(source.count) items)")
    }

    /// A problem with the data asked for (not with how the command was typed):
    /// one line `scenelens render: ...` and exit status 2 (an option names
    /// something that does not exist: the frame asked for cannot be drawn), without the usage text.
    static func dataError(_ message: String) -> ExitCode {
        TerminalText.errorLine("scenelens render: \(message)")
        return ExitCode(ExitStatus.couldNotRun)
    }
}
