import ArgumentParser
import Foundation
import Imaging
import NCursesBackend
import SceneData
import TerminalUI
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `scenelens view IMAGE`: prints an image (with an optional heatmap and
/// boxes) to stdout as coloured half blocks or ASCII shading, like chafa.
struct View: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "view",
        _superCommandName: SceneLens.name,
        abstract: "Print an image to the terminal: real pixels (kitty, sixel, iTerm2) or text cells.",
        discussion: """
        The image is fitted into --width columns (default: the terminal width) and, if given, \
        --height rows, keeping its aspect ratio. --graphics auto asks the terminal what it can show; \
        --mode ascii prints plain text.
        Examples:
          scenelens view photo.png
          scenelens view photo.png --graphics sixel
          scenelens view photo.png --graphics symbols --width 100
          scenelens view photo.png --mode ascii --width 60
          scenelens view photo.png --heatmap attention.npy --box 10,20,64,48
        """)

    @Argument(help: ArgumentHelp("The image file.", valueName: "IMAGE"))
    var image: String

    @Option(name: .long, help: ArgumentHelp("auto (from the terminal), truecolor, 256, 16 or ascii.", valueName: "MODE"))
    var mode: String = "auto"

    @Option(name: .long, help: ArgumentHelp("auto (ask the terminal), kitty, sixel, iterm, symbols, blocks or ascii.", valueName: "KIND"))
    var graphics: String = "auto"

    @Option(name: .customLong("heatmap-opacity"), help: ArgumentHelp("Weight of the heatmap colours at the peak of attention, 0 to 1.", valueName: "A"))
    var heatmapOpacity: Float = Heatmap.defaultOpacity

    @Option(name: .long, help: ArgumentHelp("Columns to fit into (default: the terminal width, else 80).", valueName: "COLS"))
    var width: Int?

    @Option(name: .long, help: ArgumentHelp("Rows to fit into (default: as many as the width needs).", valueName: "ROWS"))
    var height: Int?

    @Option(name: .long, help: ArgumentHelp("An attention grid to overlay: .npy (2-D), a grayscale image, or text rows of numbers.", valueName: "FILE"))
    var heatmap: String?

    @Option(name: .customLong("heatmap-fit"), help: ArgumentHelp("Where the --heatmap grid lies on the image: stretch (the whole image), center-crop (the centred square), pad (the image padded to a square) or X,Y,W,H in image pixels.", valueName: "FIT"))
    var heatmapFit: String = "stretch"

    @Option(name: .customLong("box"), parsing: .singleValue,
            help: ArgumentHelp("A box X,Y,W,H in image pixels, optionally ,LABEL (repeatable).", valueName: "X,Y,W,H"))
    var boxes: [String] = []

    @Option(name: .long, help: ArgumentHelp("Index (from 0) of the --box to highlight.", valueName: "N"))
    var highlight: Int?

    @Flag(name: .long, help: "In ascii mode, draw dark pixels dense (for light terminal backgrounds).")
    var invert = false

    @Option(name: .customLong("cell-aspect"), help: ArgumentHelp("Cell height divided by cell width.", valueName: "R"))
    var cellAspect: Double = 2.0

    @OptionGroup var alpha: AlphaOption

    /// The largest --width or --height: bigger would only allocate without showing more.
    static let maxCells = 2000

    func validate() throws {
        if Self.parseMode(mode, caps: TerminalCapabilities(colors: 0, truecolor: false, unicode: false)) == nil {
            throw ValidationError("--mode must be auto, truecolor, 256, 16 or ascii, not '\(mode)'.")
        }
        if GraphicsMode(option: graphics) == nil && graphics.lowercased() != "auto" {
            throw ValidationError("--graphics must be auto, kitty, sixel, iterm, symbols, blocks or ascii, not '\(graphics)'.")
        }
        if !(heatmapOpacity.isFinite && heatmapOpacity >= 0 && heatmapOpacity <= 1) {
            throw ValidationError("--heatmap-opacity must be between 0 and 1.")
        }
        if let width, !(1...Self.maxCells).contains(width) { throw ValidationError("--width must be between 1 and \(Self.maxCells).") }
        if let height, !(1...Self.maxCells).contains(height) { throw ValidationError("--height must be between 1 and \(Self.maxCells).") }
        if !(cellAspect.isFinite && cellAspect > 0.1 && cellAspect < 10) {
            throw ValidationError("--cell-aspect must be a number between 0.1 and 10 (2 suits most terminals).")
        }
        if Self.parseFit(heatmapFit) == nil {
            throw ValidationError("--heatmap-fit must be stretch, center-crop, pad or X,Y,W,H (a region in image pixels, W and H above 0), not '\(heatmapFit)'.")
        }
        for b in boxes where Self.parseBox(b) == nil {
            throw ValidationError("--box '\(b)' is not X,Y,W,H (four numbers in image pixels, optionally ,LABEL).")
        }
        if let highlight, highlight < 0 || highlight >= boxes.count {
            throw ValidationError("--highlight \(highlight) does not name one of the \(boxes.count) --box options.")
        }
    }

    func run() throws {
        let env = ProcessInfo.processInfo.environment
        let caps = TerminalCapabilities.detect(environment: env)
        var imageMode = Self.parseMode(mode, caps: caps) ?? .ascii
        let tmux = env["TMUX"] != nil
        var answers: GraphicsAnswers?
        var kind: GraphicsMode
        if let forced = GraphicsMode(option: graphics) {
            kind = forced
        } else if imageMode == .ascii {
            kind = .ascii
        } else {
            answers = TerminalProbe.ask(tmux: tmux)
            kind = GraphicsMode.choose(answers: answers, environment: env, caps: caps)
            // --mode decides the text fallback: colour cells unless it says ascii.
            if !kind.isPixel { kind = .blocks }
        }
        if kind == .ascii { imageMode = .ascii }
        if (kind == .symbols || kind == .blocks) && imageMode == .ascii { kind = .ascii }
        if kind.isPixel && imageMode == .ascii { imageMode = .truecolor }
        let cols = min(Self.maxCells, width ?? Self.terminalColumns(env) ?? 80)
        // Without --height the width alone decides (up to the row limit).
        let rows = height ?? Self.maxCells
        let cell = kind.isPixel ? TerminalProbe.cellSizeFromWindow() ?? answers?.cellSize ?? CellSize.fallback : nil
        // The picture is only ever shown fitted into the cells, so a large
        // JPEG is decoded no bigger than that needs (DCT scaling): the pane's
        // pixels, or two samples a column in the text modes (sextants and
        // quadrants split a cell in two across).
        let within = cell.map { (width: cols * $0.width, height: rows * $0.height) }
            ?? (width: cols * 2, height: Int((Double(rows) * cellAspect * 2).rounded(.up)))
        let decoded: DecodedImage
        let rendition = Rendition.model(alpha: alpha.resolved(command: "view"))
        do {
            decoded = try ImageDecoder.decodeFileDetailed(atPath: image, rendition: rendition, shownWithin: within)
        } catch { fail(image, error) }
        let img = decoded.image
        // Boxes and --heatmap-fit regions are in the file's pixels.
        let full = decoded.fullSize ?? (img.width, img.height)
        let sx = Double(img.width) / Double(max(1, full.width)), sy = Double(img.height) / Double(max(1, full.height))
        var grid: Heatmap?
        if let heatmap {
            do { grid = try ViewHeatmapReader.read(path: heatmap, decodeImage: Self.decodeImage) } catch { fail(heatmap, error) }
            if let u = Self.parseFit(heatmapFit)?.unitRegion(imageWidth: full.width, imageHeight: full.height) {
                grid?.extent = Heatmap.Extent(x: u.x, y: u.y, w: u.w, h: u.h)
            }
        }
        let shownBoxes = boxes.compactMap(Self.parseBox).map { b in
            BoxOverlay(x: b.x * sx, y: b.y * sy, w: b.w * sx, h: b.h * sy, label: b.label)
        }
        var widget = ImageWidget(image: img, mode: imageMode, cellAspect: cellAspect, heatmap: grid,
                                 boxes: shownBoxes, highlightedBox: highlight,
                                 invert: invert,
                                 background: invert && imageMode == .ascii ? RGBA(255, 255, 255) : RGBA(0, 0, 0))
        widget.heatmapOpacity = heatmapOpacity
        if kind == .symbols { widget.symbols = .sextants }
        if let cell {
            print(Self.renderPixels(widget, kind: kind, cell: cell, columns: cols, rows: rows, tmux: tmux), terminator: "")
        } else {
            print(Self.render(widget, columns: cols, rows: rows), terminator: "")
        }
        if grid != nil { print(Self.legend(widget, kind: kind)) }
    }

    /// The pixel escapes of the widget over the cells its image needs inside
    /// `columns` x `rows`, followed by a newline.
    static func renderPixels(_ widget: ImageWidget, kind: GraphicsMode, cell: CellSize, columns: Int, rows: Int,
                             tmux: Bool) -> String {
        let placed = ImageWidget.placement(imageWidth: widget.image.width, imageHeight: widget.image.height,
                                           in: Rect(x: 0, y: 0, width: columns, height: rows), mode: .ascii,
                                           cellAspect: cell.aspect)
        guard !placed.isEmpty else { return "" }
        let frame = PixelFrame.compose(widget, width: placed.width * cell.width, height: placed.height * cell.height,
                                       scale: max(1, cell.height / 16))
        return (kind.encode(frame, columns: placed.width, rows: placed.height, tmux: tmux) ?? "") + "\n"
    }

    /// One line under the image saying how the heatmap is drawn: a colour
    /// scale in the colour modes, the threshold without colour.
    static func legend(_ widget: ImageWidget, kind: GraphicsMode) -> String {
        guard widget.mode != .ascii else {
            return "heatmap: underlined cells have at least \(Int(widget.asciiHeatThreshold * 100))% of the peak attention"
        }
        var buf = Buffer(width: 16, height: 1)
        for x in 0..<16 {
            let c = Heatmap.tint((0, 0, 0), Float(x) / 15, opacity: 1)
            buf[x, 0] = Cell("█", fg: widget.mode.colorDepth.convert(.rgb(c.0, c.1, c.2)))
        }
        let bar = ANSIWriter.render(buf, depth: widget.mode.colorDepth).dropLast()
        return "heatmap: none \(bar) peak  (opacity \(Int((widget.heatmapOpacity * 100).rounded()))% at the peak)"
    }

    /// The widget drawn into `columns` x `rows` and cut to the cells the image covers, as ANSI text.
    static func render(_ widget: ImageWidget, columns: Int, rows: Int) -> String {
        let area = Rect(x: 0, y: 0, width: columns, height: rows)
        let placed = ImageWidget.placement(imageWidth: widget.image.width, imageHeight: widget.image.height,
                                           in: area, mode: widget.mode, cellAspect: widget.cellAspect)
        // The widget draws only inside the placement, so only those cells are allocated.
        var cut = Buffer(area: placed)
        widget.render(in: area, buffer: &cut)
        // Without colour a heatmap shows as underlined cells, so attributes are kept then.
        return ANSIWriter.render(cut, depth: widget.mode.colorDepth, attributes: widget.heatmap != nil && widget.showHeatmap)
    }

    /// Decodes PNG, PNM or JPEG through Imaging.
    static func decodeImage(_ path: String) throws -> RGBAImage {
        try ImageDecoder.decodeFile(atPath: path)
    }

    private func fail(_ path: String, _ error: Error) -> Never {
        TerminalText.errorLine("scenelens view: \(path): \(error)")
        Foundation.exit(ExitStatus.couldNotRun)
    }

    static func parseMode(_ s: String, caps: TerminalCapabilities) -> ImageMode? {
        switch s.lowercased() {
        case "auto": return .auto(caps)
        case "truecolor", "24bit", "rgb": return .truecolor
        case "256": return .palette256
        case "16": return .palette16
        case "ascii": return .ascii
        default: return nil
        }
    }

    /// `--heatmap-fit`: a fit's name (as the dataset's `fit` field takes it) or a region X,Y,W,H.
    static func parseFit(_ s: String) -> AttentionFit? {
        if let named = AttentionFit(name: s.trimmingCharacters(in: .whitespaces)) { return named }
        let n = s.split(separator: ",", omittingEmptySubsequences: false).compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard n.count == 4, n.allSatisfy({ $0.isFinite && abs($0) <= BoundingBox.maxCoordinate }), n[2] > 0, n[3] > 0 else { return nil }
        return .region(BoundingBox(x: n[0], y: n[1], w: n[2], h: n[3]))
    }

    static func parseBox(_ s: String) -> BoxOverlay? {
        let parts = s.split(separator: ",", maxSplits: 4, omittingEmptySubsequences: false)
        guard parts.count >= 4 else { return nil }
        let n = parts.prefix(4).compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard n.count == 4, n.allSatisfy(\.isFinite), n[2] >= 0, n[3] >= 0 else { return nil }
        return BoxOverlay(x: n[0], y: n[1], w: n[2], h: n[3], label: parts.count > 4 ? String(parts[4]) : "")
    }

    /// COLUMNS, else the width of the terminal on stdout.
    static func terminalColumns(_ env: [String: String]) -> Int? {
        if let c = env["COLUMNS"].flatMap(Int.init), c > 0 { return c }
        var ws = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0 { return Int(ws.ws_col) }
        return nil
    }
}
