import ArgumentParser
import Foundation
import Imaging
import Inspector
import Review
import SceneData
import TerminalUI
import Analysis

/// How `inspect` and `render` draw images.
enum ModeOption: String, ExpressibleByArgument, CaseIterable {
    case auto, truecolor, palette256 = "256", palette16 = "16", ascii

    /// The image style for a terminal with these capabilities.
    func style(colors: Int, truecolor: Bool, unicode: Bool) -> ImageStyle {
        switch self {
        case .truecolor: return unicode ? .truecolor : .ascii
        case .palette256: return unicode ? .palette256 : .ascii
        case .palette16: return unicode ? .palette16 : .ascii
        case .ascii: return .ascii
        case .auto:
            guard unicode else { return .ascii }
            if truecolor { return .truecolor }
            if colors >= 256 { return .palette256 }
            if colors >= 8 { return .palette16 }
            return .ascii
        }
    }
}

/// Builds the runner's services from the real layers: the dataset reader,
/// the image decoder, the review store, content hashes and lints.
enum InspectorServices {
    /// Opens the dataset at `path` as an item source (without indexing it).
    static func source(path: String) throws -> ItemSource {
        do { return DatasetSource(try Dataset.open(path: path)) }
        catch { throw ValidationError("\(error)") }
    }

    /// Opens (creating when `create`) the review store; nil when it does not exist and `create` is false.
    static func store(path: String, annotator: String, create: Bool) throws -> DecisionStore? {
        if !create && !FileManager.default.fileExists(atPath: path) { return nil }
        do { return try SQLiteReviewStore(path: path, annotator: annotator, readOnly: !create) }
        catch { throw ValidationError("\(error)") }
    }

    /// Services over `source` and `store`.
    static func services(source: ItemSource, store: DecisionStore?) -> EffectRunner.Services {
        EffectRunner.Services(
            source: source, store: store,
            decode: { try ImageDecoder.decode($0) },
            contentHash: { ContentHash.of($0, in: $1) },
            lint: { item in
                var out: [String: [String]] = [:]
                for f in Linter().lint(item, imageSize: nil) {
                    out[f.negativeID ?? "", default: []].append("\(f.severity.rawValue): \(f.name): \(f.message)")
                }
                return out
            })
    }
}

/// The dataset file as the inspector's item source.
final class DatasetSource: ItemSource, @unchecked Sendable {
    let dataset: Dataset
    init(_ dataset: Dataset) { self.dataset = dataset }
    var count: Int { dataset.count }
    var isFullyIndexed: Bool { dataset.isFullyIndexed }
    var byteSize: Int64 { dataset.totalBytes }
    func load(_ index: Int) -> LoadedItem {
        let p = dataset.item(at: index)
        return LoadedItem(index: index, item: p.item, diagnostics: p.diagnostics)
    }
    func index(ofID id: String) -> Int? { dataset.itemIndex(forID: id) }
    func imageBytes(for source: ImageSource) throws -> [UInt8] { try dataset.imageBytes(for: source) }
    func indexAll(progress: @escaping @Sendable (Int, Double, Bool) -> Void) {
        dataset.indexAll { p in progress(p.items, p.fraction, p.bytesRead >= p.totalBytes) }
        progress(dataset.count, 1, true)
    }
}
