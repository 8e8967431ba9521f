import Foundation
import Analysis
import Imaging
import SceneData

/// Writes accepted pairs (or every decision) as JSON Lines. Streams: items are
/// read one at a time in dataset order and their decisions looked up per item,
/// so memory does not grow with the dataset. The file appears only when
/// complete (see `AtomicOutput`).
public enum Exporter {
    /// Exports to `out`; `progress(done, total)` is called before each item
    /// and may throw to cancel, which leaves no file behind.
    @discardableResult
    public static func export(items: some ReviewItemSource & Sendable, store: any AllDecisionsSource, to out: String,
                              options: ExportOptions,
                              progress: ((Int, Int) throws -> Void)? = nil) throws -> ExportSummary {
        let output = try AtomicOutput(path: out)
        do {
            let summary: ExportSummary
            switch options.format {
            case .trl, .pairs:
                summary = try writePairs(items: items, store: store, output: output, options: options, progress: progress)
            case .decisions:
                summary = try writeDecisions(items: items, store: store, output: output, options: options)
            }
            try output.commit()
            return summary
        } catch {
            output.abandon()
            throw error
        }
    }

    /// Items are read in batches on every core (without attention or
    /// metadata), each batch's accepted pairs are found, the lints that keep
    /// flagged pairs out run on every core, the images they need and no earlier
    /// batch checked are decoded in parallel (each distinct file once, as
    /// `validate` checks it), then the pairs are written in dataset order.
    /// Memory stays at one batch.
    private static func writePairs(items: some ReviewItemSource & Sendable, store: any AllDecisionsSource, output: AtomicOutput,
                                   options: ExportOptions,
                                   progress: ((Int, Int) throws -> Void)?) throws -> ExportSummary {
        var summary = ExportSummary()
        let total = items.itemCount
        let repeated = items.repeatedItemIDs()
        let images = ImageCheckCache(alpha: options.alpha)
        var checked: Set<String> = []
        // One final verdict per settled conflict: few, so read once. `--annotator` asks for one person's view: none apply.
        let settled = options.annotator == nil ? Settlements.byKey(try store.settlements()) : [:]
        var start = 0
        while start < total {
            let end = min(total, start + batchSize)
            var accepted: [(index: Int, item: Item, negatives: [Negative])] = []
            let read = ParallelMap.map(start..<end) { items.reviewItem(at: $0, parts: .review) }
            for (index, item) in zip(start..<end, read) {
                try progress?(index, total)
                guard let item else {
                    summary.unreadableItems += 1
                    if let line = items.line(ofItem: index) { summary.unreadableLines.append(line) }
                    continue
                }
                let chosen = try acceptedNegatives(item, repeats: repeated[item.id] != nil, store: store, settled: settled,
                                                   options: options, summary: &summary)
                if !chosen.isEmpty { accepted.append((index, item, chosen)) }
            }
            if !options.includeFlagged { accepted = unflagged(accepted, summary: &summary) }
            // Each distinct image file once, on every core; the cache keeps the answers for later batches.
            var paths: [String] = []
            var outside: Set<String> = []
            for a in accepted {
                if case .path(let p) = a.item.image {
                    // Checked before the file is opened: a refused path is never read.
                    let abs = absoluteImagePath(p, items: items)
                    if let real = items.outsideFolder(p) {
                        guard options.allowOutside else {
                            throw OutsideFolderRefusal(line: a.item.line, itemID: a.item.id, written: p,
                                                       real: real, folder: items.absolutePath("."))
                        }
                        outside.insert(abs)
                    }
                    if checked.insert(abs).inserted { paths.append(abs) }
                }
            }
            _ = ParallelMap.map(0..<paths.count) { [paths, outside] k in images.status(of: paths[k], contentFree: outside.contains(paths[k])) }
            for a in accepted {
                let status: ImageCheckCache.Status
                switch a.item.image {
                case .path(let p):
                    let abs = absoluteImagePath(p, items: items)
                    status = images.status(of: abs, contentFree: outside.contains(abs))
                case .inline(let bytes): status = images.status(ofInline: bytes)
                }
                switch status {
                case .ok(_, _, let notes):
                    for loss in notes.losses { summary.noteLossyImage(imageName(a.item), loss) }
                case .missing:
                    summary.missingImage += a.negatives.count
                    continue
                case .unreadable, .undecodable:
                    summary.unreadableImage += a.negatives.count
                    summary.noteUnreadableImage(imageName(a.item), status.problem ?? "")
                    continue
                }
                let image = try imagePath(a.item, index: a.index, items: items, output: output, options: options, summary: &summary)
                for negative in a.negatives {
                    let line = pairLine(item: a.item, negative: negative, image: image, options: options)
                    try output.writeLine(line.jsonText)
                    summary.written += 1
                }
            }
            start = end
        }
        try progress?(total, total)
        return summary
    }

    /// Items per batch: enough images to keep every core decoding, few enough to keep memory flat.
    static let batchSize = 256

    /// The negatives of `item` that become pairs (accepted, confident enough), in
    /// item order; every other negative is counted in `summary` with its reason.
    private static func acceptedNegatives(_ item: Item, repeats: Bool, store: any AllDecisionsSource,
                                          settled: [NegativeKey: Settlement], options: ExportOptions,
                                          summary: inout ExportSummary) throws -> [Negative] {
        if item.negatives.isEmpty { return [] }
        let mine = try store.allDecisions(itemID: item.id).filter { options.annotator == nil || $0.annotator == options.annotator }
        var out: [Negative] = []
        for (negative, split) in zip(item.negatives, NegativeDecisions.of(item, decisions: mine, itemIDRepeats: repeats)) {
            // Decisions are keyed by item and negative id: on a shared id they cannot say what they judged,
            // and a negative without rationale text would be a pair with an empty rejected side.
            if let reason = split.undecidable {
                summary.undecidable[reason, default: 0] += 1
                continue
            }
            // An adjudicator's settlement is the final verdict, whatever --resolve would make of the votes.
            if let final = Settlements.applying(settled[split.key], currentHash: split.hash) {
                summary.settled += 1
                guard final.verdict == .accept else { summary.notAccepted += 1; continue }
            } else {
                if split.current.isEmpty && split.stale.isEmpty { summary.undecided += 1; continue }
                let fresh = split.current
                if fresh.isEmpty { summary.stale += 1; continue }
                let accepts = fresh.filter { $0.verdict == .accept }.count
                let rejects = fresh.filter { $0.verdict == .reject }.count
                guard options.resolve.accepts(accepts: accepts, rejects: rejects) else { summary.notAccepted += 1; continue }
            }
            if let min = options.minConfidence {
                if let c = PairConfidence.of(negative, in: item) {
                    if c < min { summary.belowConfidence += 1; continue }
                } else {
                    summary.keptWithoutConfidence += 1
                }
            }
            out.append(negative)
        }
        return out
    }

    /// The pairs without an error-level lint of their own: a broken pair
    /// (identical text, ...) must not reach training unasked. Linted on every
    /// core; the pairs left out are counted in `summary`.
    private static func unflagged(_ accepted: [(index: Int, item: Item, negatives: [Negative])],
                                  summary: inout ExportSummary) -> [(index: Int, item: Item, negatives: [Negative])] {
        let flags = ParallelMap.map(0..<accepted.count) { [accepted] k -> [String?] in
            FlaggedPair.errors(accepted[k].negatives, in: accepted[k].item).map { $0?.name }
        }
        var out: [(index: Int, item: Item, negatives: [Negative])] = []
        for (a, names) in zip(accepted, flags) {
            for case let name? in names { summary.flagged[name, default: 0] += 1 }
            let kept = zip(a.negatives, names).filter { $0.1 == nil }.map(\.0)
            if !kept.isEmpty { out.append((a.index, a.item, kept)) }
        }
        return out
    }

    /// The image as the dataset names it, for the summary.
    private static func imageName(_ item: Item) -> String {
        switch item.image {
        case .path(let p): p
        case .inline: "the inline image of \(item.id)"
        }
    }

    private static func absoluteImagePath(_ p: String, items: some ReviewItemSource) -> String {
        URL(fileURLWithPath: items.absolutePath(p)).standardizedFileURL.path
    }

    /// One exported pair in the TRL vision layout or the standard text layout.
    static func pairLine(item: Item, negative: Negative, image: String, options: ExportOptions) -> JSONValue {
        let prompt = PairText.prompt(item, includeGraph: options.includeGraph)
        let (chosen, rejected) = PairText.sides(item, negative)
        let trace: [(String, JSONValue)] = [("id", .string(item.id)), ("negative_id", .string(negative.id)),
                                            ("operator", .string(PairText.operatorName(negative)))]
        switch options.format {
        case .pairs:
            return .object([("prompt", .string(prompt)), ("chosen", .string(chosen)), ("rejected", .string(rejected)),
                            ("images", .array([.string(image)]))] + trace)
        default:
            func message(_ role: String, _ parts: [JSONValue]) -> JSONValue {
                .array([.object([("role", .string(role)), ("content", .array(parts))])])
            }
            func text(_ s: String) -> JSONValue { .object([("type", .string("text")), ("text", .string(s))]) }
            return .object([
                ("images", .array([.string(image)])),
                ("prompt", message("user", [.object([("type", .string("image"))]), text(prompt)])),
                ("chosen", message("assistant", [text(chosen)])),
                ("rejected", message("assistant", [text(rejected)])),
            ] + trace)
        }
    }

    private static func imagePath(_ item: Item, index: Int, items: some ReviewItemSource, output: AtomicOutput,
                                  options: ExportOptions, summary: inout ExportSummary) throws -> String {
        switch item.image {
        case .path(let p):
            let abs = absoluteImagePath(p, items: items)
            return options.absoluteImagePaths ? abs : ImagePaths.relative(abs, from: output.directory)
        case .inline(let bytes):
            let name = ImagePaths.inlineName(index: index, itemID: item.id, bytes: bytes)
            let abs = try output.writeImage(name: name, bytes: bytes)
            summary.imagesWritten += 1
            return options.absoluteImagePaths ? abs : output.imagesFolderName + "/" + name
        }
    }

    private static func writeDecisions(items: some ReviewItemSource, store: any AllDecisionsSource, output: AtomicOutput,
                                       options: ExportOptions) throws -> ExportSummary {
        var summary = ExportSummary()
        var cachedID: String?
        var cachedItem: Item?
        let repeated = items.repeatedItemIDs()
        try store.forEachDecision(annotator: options.annotator) { d in
            // Decisions arrive sorted by item id, so one lookup serves all of an item's decisions.
            if cachedID != d.key.itemID {
                cachedID = d.key.itemID
                cachedItem = items.reviewItem(id: d.key.itemID)
            }
            let negative = cachedItem?.negative(d.key.negativeID)
            var stale = false
            if let item = cachedItem, let negative { stale = ContentHash.isStale(d, negative: negative, in: item) }
            // Several items with this id, or several negatives of the item: which one was judged is unknown.
            let ambiguous = negative != nil
                && (repeated[d.key.itemID] != nil || cachedItem?.negativeIDIsUnique(d.key.negativeID) == false)
            if negative == nil { summary.orphaned += 1 }
            if stale { summary.staleDecisions += 1 }
            if ambiguous { summary.ambiguousDecisions += 1 }
            let line: JSONValue = .object([
                ("id", .string(d.key.itemID)), ("negative_id", .string(d.key.negativeID)),
                ("annotator", .string(d.annotator)), ("verdict", .string(d.verdict.rawValue)),
                ("note", JSONText.string(d.note)), ("tags", .array(d.tags.map(JSONValue.string))),
                ("time", .string(JSONText.time(d.time))), ("content_hash", .string(d.contentHash)),
                ("stale", .bool(stale)), ("orphaned", .bool(negative == nil)), ("ambiguous", .bool(ambiguous)),
                // Which of the negatives sharing the id it was about is unknown: no operator to name.
                ("operator", JSONText.string(ambiguous ? nil : negative.map(PairText.operatorName))),
            ])
            try output.writeLine(line.jsonText)
            summary.written += 1
        }
        return summary
    }
}

/// An export stopped because an accepted pair's image path leads out of the
/// dataset's folder (`../../etc/passwd`, an absolute path elsewhere, a
/// symbolic link pointing out) and `--allow-outside` was not given: the
/// training pipeline would read that file (issue 14). Nothing is written.
public struct OutsideFolderRefusal: Error, Sendable, Hashable {
    /// The item's 1-based line in the dataset.
    public var line: Int
    /// The item's id.
    public var itemID: String
    /// The path as the dataset writes it.
    public var written: String
    /// Where it really leads.
    public var real: String
    /// The dataset's folder.
    public var folder: String

    /// The refusal as a diagnostic of `file` (the dataset), for one report line.
    public func diagnostic(file: String) -> Diagnostic {
        Diagnostic(.error, file: file, line: line, itemID: itemID, field: "image",
                   message: Validator.outsideMessage(written, real: real, folder: folder, exported: false)
                       + "; export refuses it: --allow-outside exports such paths (scenelens validate lists them all)")
    }
}
