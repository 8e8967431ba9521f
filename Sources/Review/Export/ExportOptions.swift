import SceneData

/// The layouts `scenelens export` writes.
public enum ExportFormat: String, Sendable, CaseIterable {
    /// TRL vision preference layout (conversational, with `images`).
    case trl
    /// Standard text preference layout: `prompt`, `chosen`, `rejected` strings plus `images`.
    case pairs
    /// Every decision, for audit.
    case decisions
}

/// How several annotators' decisions on one negative combine (skips abstain).
public enum Resolution: String, Sendable, CaseIterable {
    /// More accepts than rejects.
    case majority
    /// At least one accept and no reject.
    case unanimous
    /// At least one accept.
    case any

    /// Whether `accepts` and `rejects` (non-stale, skips left out) make the pair accepted.
    public func accepts(accepts: Int, rejects: Int) -> Bool {
        switch self {
        case .majority: accepts > rejects
        case .unanimous: accepts > 0 && rejects == 0
        case .any: accepts > 0
        }
    }
}

/// What to export and how.
public struct ExportOptions: Sendable {
    /// The layout written.
    public var format: ExportFormat
    /// Put SG+ into the prompt as text.
    public var includeGraph: Bool
    /// Drop pairs whose judge confidence is below this; pairs without a confidence are kept.
    public var minConfidence: Double?
    /// Use only this annotator's decisions (nil: everyone's).
    public var annotator: String?
    /// How several annotators' decisions combine.
    public var resolve: Resolution
    /// Write image paths absolute instead of relative to the output file's folder.
    public var absoluteImagePaths: Bool
    /// Export accepted negatives with an error-level lint (identical text, ...) too.
    public var includeFlagged = false
    /// Export pairs whose image path leads out of the dataset's folder; without
    /// it such a pair stops the export (`OutsideFolderRefusal`).
    public var allowOutside = false

    /// Options from their parts; the defaults are those of `scenelens export`.
    public init(format: ExportFormat = .trl, includeGraph: Bool = false, minConfidence: Double? = nil,
                annotator: String? = nil, resolve: Resolution = .majority, absoluteImagePaths: Bool = false) {
        self.format = format; self.includeGraph = includeGraph; self.minConfidence = minConfidence
        self.annotator = annotator; self.resolve = resolve; self.absoluteImagePaths = absoluteImagePaths
    }
}

/// What an export wrote and what it left out, and why.
public struct ExportSummary: Sendable, Hashable {
    /// Lines written (pairs, or decisions for `decisions`).
    public var written = 0
    /// Negatives whose decisions resolved to reject (or a tie, or skips only).
    public var notAccepted = 0
    /// Negatives without any decision.
    public var undecided = 0
    /// Negatives whose only decisions were made on content that has changed since.
    public var stale = 0
    /// Negatives whose verdict came from an adjudicator's settlement (`scenelens review`), accepted or not.
    public var settled = 0
    /// Accepted pairs dropped by `--min-confidence`.
    public var belowConfidence = 0
    /// Accepted pairs left out because the negative has an error-level lint, by lint name.
    public var flagged: [String: Int] = [:]
    /// Accepted pairs kept although they carry no confidence (only counted with `--min-confidence`).
    public var keptWithoutConfidence = 0
    /// Dataset lines that could not be read as items.
    public var unreadableItems = 0
    /// Their file lines, where the source knows them.
    public var unreadableLines: [Int] = []
    /// Accepted pairs dropped because the item's image file does not exist (training would fail on them).
    public var missingImage = 0
    /// Accepted pairs dropped because the item's image exists but does not decode
    /// (corrupt data, not an image, too large), as `validate` finds it.
    public var unreadableImage = 0
    /// The first few of those images, as `PATH (why)`, distinct, for the summary.
    public var unreadableImageExamples: [String] = []
    /// Distinct unreadable images seen (the examples are the first of them).
    public var unreadableImageCount: Int { unreadableImageNames.count }
    private var unreadableImageNames: Set<String> = []
    /// How many examples the summary names.
    static let exampleLimit = 3
    /// Inline images written beside the export.
    public var imagesWritten = 0
    /// `decisions` format: decisions whose item or negative is gone from the dataset.
    public var orphaned = 0
    /// `decisions` format: decisions marked stale.
    public var staleDecisions = 0
    /// Negatives left out because they cannot be decided, by reason (see `Undecidable`).
    public var undecidable: [Undecidable: Int] = [:]
    /// Negatives left out because another negative of their item has the same id
    /// (a decision on that id cannot say which of them it judged).
    public var duplicateNegativeID: Int {
        get { undecidable[.duplicateNegativeID] ?? 0 }
        set { undecidable[.duplicateNegativeID] = newValue }
    }
    /// Negatives left out because another item has their item's id.
    public var repeatedItemID: Int { undecidable[.repeatedItemID] ?? 0 }
    /// Negatives left out because they have no rationale text.
    public var noRationale: Int { undecidable[.noRationale] ?? 0 }
    /// `decisions` format: decisions on an id several negatives of the item share (marked `ambiguous`).
    public var ambiguousDecisions = 0

    /// An empty summary.
    public init() {}

    /// Exported images whose conversion to RGB on the training path loses
    /// information (alpha dropped, 16-bit grey clipped), as `PATH: what`, distinct.
    public var lossyImages: [String] = []
    private var lossyImageNames: Set<String> = []

    /// Remembers an exported image the training path sees differently from its file.
    mutating func noteLossyImage(_ name: String, _ what: String) {
        guard lossyImageNames.insert(name + "\u{0}" + what).inserted else { return }
        lossyImages.append("\(name): \(what)")
    }

    /// Counts an unreadable image once, keeping the first few as examples.
    mutating func noteUnreadableImage(_ name: String, _ why: String) {
        guard unreadableImageNames.insert(name).inserted else { return }
        if unreadableImageExamples.count < Self.exampleLimit { unreadableImageExamples.append("\(name) (\(why))") }
    }

    /// The one-line summary `scenelens export` prints on stderr.
    public func line(format: ExportFormat, out: String, minConfidence: Double?) -> String {
        if format == .decisions {
            var s = "wrote \(written) decision\(written == 1 ? "" : "s") to \(out)"
            if staleDecisions > 0 || orphaned > 0 || ambiguousDecisions > 0 {
                s += " (\(staleDecisions) stale, \(orphaned) orphaned"
                s += ambiguousDecisions > 0 ? ", \(ambiguousDecisions) ambiguous)" : ")"
            }
            return s
        }
        var skipped: [String] = []
        if notAccepted > 0 { skipped.append("\(notAccepted) not accepted") }
        if undecided > 0 { skipped.append("\(undecided) undecided") }
        if stale > 0 { skipped.append("\(stale) stale") }
        if belowConfidence > 0 { skipped.append("\(belowConfidence) below confidence \(minConfidence.map { "\($0)" } ?? "")") }
        for reason in Undecidable.allCases {
            if let n = undecidable[reason], n > 0 { skipped.append("\(n) \(reason.phrase)") }
        }
        for (name, n) in flagged.sorted(by: { $0.key < $1.key }) {
            skipped.append("\(n) accepted but flagged \(name) (error; --include-flagged exports them)")
        }
        if missingImage > 0 { skipped.append("\(missingImage) with a missing image file") }
        if unreadableImage > 0 { skipped.append("\(unreadableImage) with an unreadable image") }
        if unreadableItems > 0 {
            let lines = unreadableLines.count == unreadableItems ? " (\(ItemCountText.lines(unreadableLines)))" : ""
            skipped.append(ItemCountText.plural(unreadableItems, "unreadable item") + lines)
        }
        var s = "wrote \(written) pair\(written == 1 ? "" : "s") to \(out)"
        s += skipped.isEmpty ? "; skipped none" : "; skipped " + skipped.joined(separator: ", ")
        if !unreadableImageExamples.isEmpty {
            let more = unreadableImageCount - unreadableImageExamples.count
            s += "; unreadable image\(unreadableImageCount == 1 ? "" : "s"): " + unreadableImageExamples.joined(separator: ", ")
                + (more > 0 ? " and \(more) more (validate lists them)" : "")
        }
        if keptWithoutConfidence > 0 { s += "; kept \(keptWithoutConfidence) without a confidence" }
        if imagesWritten > 0 { s += "; wrote \(imagesWritten) inline image\(imagesWritten == 1 ? "" : "s")" }
        if settled > 0 { s += "; \(settled) verdict\(settled == 1 ? "" : "s") settled by adjudication" }
        return s
    }
}
