import Foundation
import Analysis
import Imaging
import Review
import SceneData

/// A dataset file as the inspector's item source.
public final class DatasetSource: ItemSource, @unchecked Sendable {
    /// The dataset read from.
    public let dataset: Dataset
    /// A source over an opened dataset.
    public init(_ dataset: Dataset) { self.dataset = dataset; identity = Self.identity(of: dataset.files) }
    /// From the line's bytes (`Dataset.lineMightMatch`).
    public func lineMightMatch(_ index: Int, _ filter: TextPrefilter) -> Bool { dataset.lineMightMatch(index, filter) }
    /// Every file's absolute path, size and modification time (nanoseconds), for the resume mark.
    public let identity: String?
    public var count: Int { dataset.count }
    public var isFullyIndexed: Bool { dataset.isFullyIndexed }
    public var byteSize: Int64 { dataset.totalBytes }
    public func load(_ index: Int) -> LoadedItem {
        let p = dataset.item(at: index)
        // Line 0: past the end of the file, not a line that failed to parse.
        return LoadedItem(index: index, item: p.item, diagnostics: p.diagnostics, missing: p.line == 0)
    }
    public func negativeTotal() -> Int { dataset.negativeTotal() }
    public func index(ofID id: String) -> Int? { dataset.itemIndex(forID: id) }
    public func allIDs() -> [String: Int] { dataset.itemIDs() }
    public func positions(sharingID id: String) -> [Int] { dataset.repeatedItemIDs()[id] ?? [] }
    public func knownPositions(sharingID id: String) -> [Int]? { dataset.repeatedItemIDsIfKnown().map { $0[id] ?? [] } }
    public func negativeCount(ofItem index: Int) -> Int? { dataset.negativeCount(ofItem: index) }
    private static func identity(of files: [String]) -> String {
        files.map { file -> String in
            var st = stat()
            let path = file.hasPrefix("/") ? file : FileManager.default.currentDirectoryPath + "/" + file
            guard stat(path, &st) == 0 else { return path }
            return "\(path) \(st.st_size) \(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)"
        }.joined(separator: "\n")
    }
    public func startIndexing(at place: LinePlace, item: Int) -> Bool { dataset.startIndexing(at: place, item: item) }
    public func place(ofItem index: Int) -> LinePlace? { dataset.place(ofItem: index) }
    public func hasItem(_ index: Int) -> Bool { index >= 0 && dataset.lineNumber(ofItem: index) > 0 }
    public func imageBytes(for source: ImageSource) throws -> [UInt8] { try dataset.imageBytes(for: source) }
    public func outsideFolder(_ source: ImageSource) -> String? {
        if case .path(let p) = source { return dataset.outsideFolder(p) }
        return nil
    }
    public func indexAll(progress: @escaping @Sendable (Int, Double, Bool) -> Void) {
        dataset.indexAll { p in progress(p.items, p.fraction, p.bytesRead >= p.totalBytes) }
        progress(dataset.count, 1, true)
    }
}

extension EffectRunner.Services {
    /// The real pieces: the image decoder, content hashes and the linter.
    /// `alpha`: the model rendition of transparency shown (and named in the image notes).
    public static func standard(source: ItemSource, store: DecisionStore?, alpha: AlphaRendition = .pillow) -> EffectRunner.Services {
        // What `validate` finds opening an item's image (each file once a session), so the
        // inspector counts the same problems it does.
        let images = ImageCheckCache(alpha: alpha)
        let rendition = Rendition.model(alpha: alpha)
        return EffectRunner.Services(
            source: source, store: store,
            decode: { try ImageDecoder.decode($0, rendition: rendition) },
            contentHash: { ContentHash.of($0, in: $1) },
            lint: { item in
                // The image header gives the size, as in `scenelens lint`, so attention lints agree with it.
                let dataset = (source as? DatasetSource)?.dataset
                let size = dataset?.attentionImageSize(for: item)
                var lints = InspectorLints.lines(Linter().lint(item, imageSize: size), item: item)
                if let dataset { lints.fileProblems = Validator(alpha: alpha).checkFiles(of: item, in: dataset, cache: images) }
                return lints
            },
            decodeStored: { try ImageDecoder.decode($0, rendition: .stored) })
    }
}

/// Lint findings as the inspector's one-line texts, by negative position.
enum InspectorLints {
    /// `severity: name: message` per finding, placed on its negative by
    /// position as `scenelens lint` places it (see `LintFinding.negative(in:)`).
    /// Where several negatives share an id, each line also says which negative
    /// (by position) it is about, as the id alone does not.
    static func lines(_ findings: [LintFinding], item: Item) -> ItemLints {
        let repeated = item.duplicateNegativeIDs
        var out = ItemLints()
        out.findings = findings
        for f in findings {
            let text = { (message: String) in "\(f.severity.rawValue): \(f.name): \(message)" }
            guard let id = f.negativeID else { out.item.append(text(f.message)); continue }
            let k = f.negativeIndex.flatMap { item.negatives.indices.contains($0) ? $0 : nil }
                ?? item.negatives.firstIndex { $0.id == id }
            guard let k else { out.item.append(text(f.message)); continue }
            var message = f.message
            if repeated.contains(id) {
                message = "negative \(k + 1)/\(item.negatives.count) (negatives[\(k)], op \(item.negatives[k].operatorName)): " + message
            }
            out.negatives[k, default: []].append(text(message))
        }
        return out
    }
}
