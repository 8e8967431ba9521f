import ArgumentParser
import Foundation
import Review
import SampleGenerator

/// `scenelens sample`: writes a synthetic CLEVR-like dataset of any size, or
/// the showcase that `Samples/` is made from.
struct Sample: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        _superCommandName: SceneLens.name,
        abstract: "Write a synthetic CLEVR-like dataset (deterministic for a seed).",
        discussion: """
            Examples:
              scenelens sample --items 1000 --out /tmp/clevr
              scenelens sample --items 200000 --out /tmp/big --seed 7 --images 64
              scenelens sample --preset showcase --out Samples
            """)

    @Option(name: .long, help: ArgumentHelp("How many items to write.", valueName: "N"))
    var items: Int = 100

    @Option(name: .long, help: ArgumentHelp("The folder to write into (created when missing).", valueName: "DIR"))
    var out: String

    @Option(name: .long, help: ArgumentHelp("Seed: the same seed writes the same bytes.", valueName: "S"))
    var seed: UInt64 = 1

    @Option(name: .long, help: ArgumentHelp("How many pooled images the items share (default: min(N, 64)).", valueName: "K"))
    var images: Int?

    @Option(name: .long, help: ArgumentHelp("Dataset file name inside DIR.", valueName: "NAME"))
    var name: String = "dataset.jsonl"

    @Option(name: .long, help: ArgumentHelp("'showcase' writes the hand-picked Samples/ items (and broken.jsonl) instead.", valueName: "PRESET"))
    var preset: String?

    @Flag(name: .long, help: "Write even over a dataset that has review decisions beside it (they would then describe other items).")
    var force = false

    func validate() throws {
        if items < 0 { throw ValidationError("--items must be 0 or more, not \(items).") }
        if let images, images < 1 { throw ValidationError("--images must be at least 1, not \(images).") }
        if let preset, preset != "showcase" { throw ValidationError("Unknown preset '\(preset)'; the only one is 'showcase'.") }
        if name.contains("/") { throw ValidationError("--name is a file name inside --out, without '/'.") }
    }

    /// The dataset files this run writes, inside --out.
    private var targets: [String] {
        preset == "showcase" ? ["scenes.jsonl", "broken.jsonl"] : [name]
    }

    /// Refuses to write over a dataset whose default review store exists:
    /// the decisions in it would silently point at the new, different items.
    private func checkNoDecisionsAreOrphaned() throws {
        guard !force else { return }
        for file in targets {
            let dataset = (out as NSString).appendingPathComponent(file)
            let store = SQLiteReviewStore.defaultPath(forDataset: dataset)
            guard FileManager.default.fileExists(atPath: dataset), FileManager.default.fileExists(atPath: store) else { continue }
            TerminalText.errorLine("scenelens sample: \(dataset) has a review store beside it (\(store)); "
                + "a new sample there would leave its decisions describing other items. Write to another folder, "
                + "or add --force to replace the dataset anyway.")
            throw ExitCode(2)
        }
    }

    func run() throws {
        try checkNoDecisionsAreOrphaned()
        do {
            if preset == "showcase" {
                let n = try ShowcaseWriter(seed: seed).write(to: out)
                FileHandle.standardError.write(Data("wrote \(n.items) items to \(out)/scenes.jsonl and \(n.broken) faulty lines to \(out)/broken.jsonl\n".utf8))
                return
            }
            let options = DatasetWriter.Options(items: items, seed: seed, images: images, name: name)
            let start = Date()
            let big = items >= 20_000
            try DatasetWriter(options: options).write(to: out) { done, total in
                guard big else { return }
                let pct = total == 0 ? 100 : done * 100 / total
                FileHandle.standardError.write(Data("\rsample: \(done)/\(total) items (\(pct)%)".utf8))
            }
            let secs = Date().timeIntervalSince(start)
            FileHandle.standardError.write(Data("\(big ? "\n" : "")wrote \(items) items to \(out)/\(name) in \(String(format: "%.1f", secs)) s\n".utf8))
        } catch let e as SampleError {
            FileHandle.standardError.write(Data("scenelens sample: \(e.description)\n".utf8))
            throw ExitCode(2)
        }
    }
}
