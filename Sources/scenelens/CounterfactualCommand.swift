import Analysis
import ArgumentParser
import Foundation
import Imaging
import Review
import SceneData

/// `scenelens counterfactual DATASET --out FILE`: counterfactual images for
/// Faithful-MR1-style checks. Each item's critical boxes (the boxes of
/// SG^c's entities) are masked or blurred in its image as the model sees it,
/// and the item is written back with a `counterfactual` entry naming the new
/// image, the change and the region; a model's attention over those images
/// can then be added and checked with the `attention-unmoved` lint.
struct CounterfactualCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "counterfactual",
        _superCommandName: SceneLens.name,
        abstract: "Make counterfactual images: each item's critical boxes masked or blurred, written beside the items.",
        discussion: """
        The critical boxes are the boxes of the entities of SG^c (the item's 'critical' \
        list, or found from the chosen rationale). The images are PNG files in the folder \
        STEM.images beside --out, decoded as the model sees them (upright, RGB); each item \
        is written with a 'counterfactual' entry (image, change, region) added after any it \
        had. Any layout the other commands read is read (--layout, --map); the items are \
        written as JSON Lines. Transparency is treated as --alpha says (pillow: dropped, \
        white: composited over white), as the model's training path sees the image. Items with no critical box or an unreadable image are written unchanged and \
        named on standard error. See docs/counterfactual.md.
        Exit status: 0 when every item got a counterfactual image, 1 when some did not, \
        2 when the dataset could not be read or an option is wrong.
        """)

    @Argument(help: ArgumentHelp("The dataset: JSON Lines (also .gz, .zst), a JSON array, Parquet, a folder of shards or a quoted glob (docs/layouts.md).", valueName: "DATASET"))
    var dataset: String

    @Option(help: ArgumentHelp("The input layout, when detection from the first row guesses wrong: \(InputLayout.allCases.map(\.rawValue).joined(separator: ", ")) (docs/layouts.md).", valueName: "NAME"))
    var layout: InputLayout?

    @Option(help: FieldMap.argumentHelp, transform: FieldMap.argument)
    var map: FieldMap?

    @OptionGroup var alpha: AlphaOption

    @Option(help: "Where to write the items with their counterfactual entries (JSON Lines); the images go to STEM.images beside it.")
    var out: String

    @Option(help: "How the evidence is taken out: mask (the image's mean colour) or blur.")
    var change: String = "mask"

    @Option(help: ArgumentHelp("Grow every critical box by this many pixels on each side first.", valueName: "PIXELS"))
    var margin: Int = 0

    func run() throws {
        func fail(_ message: String) -> ExitCode {
            TerminalText.errorLine("scenelens counterfactual: \(message)")
            return ExitCode(2)
        }
        guard let removal = EvidenceRemoval(rawValue: change) else {
            throw fail("--change must be one of \(EvidenceRemoval.allCases.map(\.rawValue).joined(separator: ", ")), not '\(change)'")
        }
        guard (0...4096).contains(margin) else { throw fail("--margin must lie in 0...4096 pixels, not \(margin)") }
        let rendition = Rendition.model(alpha: alpha.resolved(command: "counterfactual"))
        // Every layout validate and render read; rows of the others are written as SceneLens items (JSON Lines).
        let data: Dataset
        do { data = try Dataset.open(path: dataset, layout: layout, map: map) } catch { throw fail("\(error)") }
        let inputFolder = URL(fileURLWithPath: data.directory).standardizedFileURL.path
        let outputFolder = URL(fileURLWithPath: out).standardizedFileURL.deletingLastPathComponent().path
        guard inputFolder == outputFolder else {
            // The items' own image paths are relative to the dataset's folder.
            throw fail("write --out beside the dataset (in \(inputFolder)): the items' image paths are relative to that folder")
        }
        data.indexAll()
        if let e = data.indexingError { throw fail("\(e)") }
        let output: AtomicOutput
        do { output = try AtomicOutput(path: out) } catch { throw fail("\(error)") }

        var made = 0, without = 0
        for i in 0..<data.count {
            let parsed = data.item(at: i)
            let place = "\(data.file(ofItem: i)):\(parsed.line)"
            guard let raw = try? data.rawLine(ofItem: i) else {
                output.abandon(); throw fail("\(place): cannot be read again")
            }
            func passThrough(_ why: String) throws {
                without += 1
                TerminalText.errorLine("\(place): \(why); written without a counterfactual")
                do { try output.writeLine(String(decoding: raw, as: UTF8.self)) } catch { output.abandon(); throw fail("\(error)") }
            }
            guard let item = parsed.item, case .object(var members) = try? JSONParser.parse(raw) else {
                try passThrough("cannot be read (scenelens validate says why)"); continue
            }
            let boxes = AttentionMass.boxes(of: CriticalElements.resolved(for: item), in: item.sceneGraph)
            guard !boxes.isEmpty else { try passThrough("\(item.id): scene_graph: no critical entity has a box"); continue }
            var image: RGBAImage
            do { image = try ImageDecoder.decode(data.imageBytes(for: item.image), rendition: rendition) } catch {
                try passThrough("\(item.id): image: \(error)"); continue
            }
            let rects = boxes.map { b in
                EvidenceRemoval.Rect(x: Int(b.x.rounded(.down)) - margin, y: Int(b.y.rounded(.down)) - margin,
                                     w: Int((b.x + b.w).rounded(.up)) - Int(b.x.rounded(.down)) + 2 * margin,
                                     h: Int((b.y + b.h).rounded(.up)) - Int(b.y.rounded(.down)) + 2 * margin)
            }
            let changed = removal.apply(to: &image, rects: rects)
            guard let first = changed.first else { try passThrough("\(item.id): scene_graph: the critical boxes lie outside the image"); continue }
            let x0 = changed.map(\.x).min() ?? first.x, y0 = changed.map(\.y).min() ?? first.y
            let x1 = changed.map { $0.x + $0.w }.max() ?? first.x, y1 = changed.map { $0.y + $0.h }.max() ?? first.y
            let name = "\(i)-\(Self.fileSafe(item.id))-\(removal.rawValue).png"
            do { _ = try output.writeImage(name: name, bytes: PNGEncoder.encode(image, dropAlpha: true)) } catch {
                output.abandon(); throw fail("\(error)")
            }
            let entry = JSONValue.object([
                ("image", .string(output.imagesFolderName + "/" + name)),
                ("change", .string(removal.rawValue)),
                ("region", .array([x0, y0, x1 - x0, y1 - y0].map { .number(Double($0)) })),
            ])
            var list: [JSONValue] = []
            if let k = members.firstIndex(where: { $0.0 == "counterfactual" }) {
                if case .array(let old) = members[k].1 { list = old }
                members.remove(at: k)
            }
            members.append(("counterfactual", .array(list + [entry])))
            do { try output.writeLine(JSONValue.object(members).jsonText) } catch { output.abandon(); throw fail("\(error)") }
            made += 1
        }
        do { try output.commit() } catch { throw fail("\(error)") }
        var summary = "\(out): \(made) item\(made == 1 ? "" : "s") with a \(removal.rawValue) counterfactual in \(output.imagesFolderName)/"
        if without > 0 { summary += "; \(without) without one (named above)" }
        TerminalText.errorLine(summary)
        if without > 0 { throw ExitCode(1) }
    }

    /// An id as a file name part: letters, digits, `.`, `_` and `-`, at most 60 characters.
    static func fileSafe(_ id: String) -> String {
        let kept = id.unicodeScalars.map { s -> Character in
            (s.isASCII && (CharacterSet.alphanumerics.contains(s) || "._-".unicodeScalars.contains(s))) ? Character(s) : "_"
        }
        return String(String(kept).prefix(60))
    }
}
