import Analysis
import Imaging
import Review
import SceneData
import TerminalUI

/// The pane that j/k, arrows and PgUp/PgDn move in.
public enum Pane: String, Sendable, Hashable, CaseIterable {
    case image, graph, rationale, lints
}

/// How the image is drawn; `auto` lets the terminal's capabilities decide.
public enum ImageStyle: String, Sendable, Hashable, CaseIterable {
    case truecolor, palette256, palette16, ascii

    /// The name users type with `--mode` and read in the docs: truecolor, 256, 16, ascii.
    public var label: String {
        switch self {
        case .truecolor: "truecolor"
        case .palette256: "256"
        case .palette16: "16"
        case .ascii: "ascii"
        }
    }
}

/// What `n`/`p` and the decision keys skip over.
public enum ReviewFilter: Sendable, Hashable {
    case none
    /// Items with a negative this annotator has not decided, undecided negatives first.
    case undecided
    /// Items (and negatives) made by one operator.
    case op(PerturbationOperator)
    /// Items with a lint finding of warning or error severity on the item or
    /// some negative (info findings such as the J value are on every negative).
    case linted
    /// Items with a finding of this lint (by its stable name) on the item or some negative.
    case lint(String)

    /// Every filter in the order `f` cycles through them: then each lint that
    /// can flag a negative, by name.
    public static let cycle: [ReviewFilter] = [.none, .undecided] + PerturbationOperator.allCases.map { .op($0) }
        + [.linted] + Lint.all.filter { $0.severity != .info }.map { .lint($0.name) }

    /// Whether one lint line of the runner (`severity: name: message`) is
    /// something this filter looks for.
    public func matches(lintLine line: String) -> Bool {
        let parts = line.split(separator: ":", maxSplits: 2).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count >= 2 else { return false }
        switch self {
        case .linted: return parts[0] == Severity.warning.rawValue || parts[0] == Severity.error.rawValue
        case .lint(let name): return parts[1] == name
        default: return false
        }
    }

    /// A short name for the status bar.
    public var label: String {
        switch self {
        case .none: "all"
        case .undecided: "undecided"
        case .op(let o): "op=\(o.rawValue)"
        case .linted: "has lints"
        case .lint(let name): "lint=\(name)"
        }
    }
}

/// A one-line text input at the bottom of the screen.
public struct Prompt: Sendable, Hashable {
    /// What the typed text is for.
    public enum Kind: Sendable, Hashable { case goto, search, note, tags }
    public var kind: Kind
    public var text: String
    /// The tags ticked so far (the `t` prompt), normalised, in the order given.
    public var tags: [String]
    /// A prompt of `kind` holding `text` (and, for `t`, the ticked `tags`).
    public init(kind: Kind, text: String = "", tags: [String] = []) { self.kind = kind; self.text = text; self.tags = tags }
}

/// The item on screen and what has been worked out about it.
public struct LoadedItem: Sendable {
    /// Position in the dataset (0-based).
    public var index: Int
    /// The item, nil when its line could not be read.
    public var item: Item?
    /// Problems found reading it.
    public var diagnostics: [Diagnostic]
    /// True when the dataset has no item at `index` (it ends before), as opposed to an unreadable line.
    public var missing: Bool
    /// An item as loaded.
    public init(index: Int, item: Item?, diagnostics: [Diagnostic], missing: Bool = false) {
        self.index = index; self.item = item; self.diagnostics = diagnostics; self.missing = missing
    }
}

/// The decoded image of an item, shrunk to what the screen can show.
public struct LoadedImage: Sendable {
    /// The item it belongs to.
    public var itemID: String
    /// The picture, or nil when it could not be read.
    public var image: RGBAImage?
    /// Why the image is missing.
    public var error: String?
    /// The size of the original image in pixels (boxes refer to it).
    public var originalWidth: Int
    public var originalHeight: Int
    /// An image result from its parts.
    public init(itemID: String, image: RGBAImage?, error: String?, originalWidth: Int, originalHeight: Int) {
        self.itemID = itemID; self.image = image; self.error = error
        self.originalWidth = originalWidth; self.originalHeight = originalHeight
    }
}

/// The whole inspector as one value: `update` changes it, `view` draws it.
public struct AppState: Sendable {
    // Screen.
    public var width: Int
    public var height: Int
    /// Draw only ASCII (non-UTF-8 locale, vt100).
    public var asciiOnly: Bool
    /// The image mode chosen at start (from the terminal), before `i` cycles it.
    public var imageStyle: ImageStyle
    /// Differences cannot be told by colour (NO_COLOR, vt100, --mode ascii): taken from
    /// the image mode chosen at start, ASCII when the terminal has no colour.
    public var monochrome: Bool

    // Dataset.
    public var datasetName: String
    /// Items known so far (grows while indexing).
    public var itemCount: Int = 0
    public var fullyIndexed = false
    /// Indexing progress in [0, 1].
    public var indexFraction: Double = 0
    /// Position of the item shown; the item itself is in `current` once loaded.
    public var index: Int = 0
    public var current: LoadedItem?
    public var image: LoadedImage?

    // Selection and panes.
    public var negativeIndex = 0
    public var focus: Pane = .rationale
    /// Selected row in the graph pane (an object or relation line).
    public var graphSelection = 0
    public var graphScroll = 0
    /// Selected step pair in the rationale pane.
    public var stepSelection = 0
    public var rationaleScroll = 0
    public var lintScroll = 0

    // Image settings.
    public var showHeatmap = true
    public var showBoxes = true
    public var invert = false
    public var zoomed = false
    /// Pixels or text cells, the cell size, and the part of the image shown.
    public var display = ImageDisplay()
    /// nil: the selected step's map, else the focus map; otherwise an index into the item's maps.
    public var attentionChoice: Int?

    // Overlays and input.
    /// What each key does (the standard map, or as a config file rebound it).
    public var keyMap = KeyMap.standard
    public var showHelp = false
    /// First line of the help overlay shown.
    public var helpScroll = 0
    public var prompt: Prompt?
    /// The active search, if any: `n`/`p` then move between matching items.
    public var search: String?
    public var filter: ReviewFilter = .none
    /// A one-line message in the status bar (saved, errors...).
    public var flash: Flash?
    /// A long-running lookup is in progress (search, filter, goto).
    public var busy: Busy?
    /// How far the busy lookup has got, in [0, 1], when it reports it.
    public var busyProgress: Double?

    // Review.
    public var annotator: String
    /// This annotator's verdicts on the current item's negatives, by negative id.
    public var verdicts: [String: Verdict] = [:]
    /// Notes on the current item's negatives, by negative id.
    public var notes: [String: String] = [:]
    /// Reason tags on the current item's decisions, by negative id.
    public var tags: [String: [String]] = [:]
    /// Negatives of the current item whose decision predates a change to their content:
    /// shown as stale and still to be decided.
    public var staleDecisions: Set<String> = []
    /// The positions of every item with the current item's id, when several
    /// have it: its negatives cannot be decided. Empty when the id is unique
    /// (or its decisions have not been read yet).
    public var idSharedBy: [Int] = []
    /// This annotator's counts as `stats` gives them; nil until they have been counted.
    public var summary: ReviewSummary?
    /// Total negatives in the dataset when known (after indexing), for "reviewed of total".
    public var totalNegatives: Int?
    /// A decision sent to the store and not yet confirmed.
    public var pendingDecision: NegativeKey?
    /// Decision keys pressed while one was being saved, applied in order once it is.
    public var queuedVerdicts: [Verdict] = []
    /// Notes and tags typed on negatives that had no decision yet, by negative:
    /// each is saved with that negative's own decision (any item, not only the one shown).
    public var pending: [NegativeKey: PendingAnnotation] = [:]
    /// Keys typed while the item was loading (or a lookup ran), applied in order once it has arrived.
    public var queuedKeys: [Key] = []
    /// The item whose decisions have been read: until they are, decision keys wait.
    public var decisionsLoadedFor: String?
    /// Lint findings of the current item, by negative position, as one-line texts.
    public var lints: ItemLints = .none
    /// Set once `q` was pressed; the loop exits.
    public var quitting = false
    /// `q` was pressed once with a note or tags not saved yet: the next `q` quits.
    public var quitAsked = false
    /// The negative to select once the item being loaded arrives (undo, search hits).
    public var targetNegativeID: String?
    /// The same by position (a lookup's hit), which wins over the id: ids may repeat.
    public var targetNegativeIndex: Int?
    /// Select the first undecided negative once the item's decisions arrive.
    public var selectUndecided = false
    /// The analysis of the item and negative on screen, worked out once per selection.
    public var analysis: ItemAnalysis?

    /// A state for a screen of `width` x `height`.
    public init(width: Int, height: Int, datasetName: String, annotator: String,
                asciiOnly: Bool = false, imageStyle: ImageStyle = .palette256) {
        self.width = width; self.height = height; self.datasetName = datasetName
        self.annotator = annotator; self.asciiOnly = asciiOnly
        self.imageStyle = asciiOnly ? .ascii : imageStyle
        self.monochrome = self.imageStyle == .ascii
    }

    /// True once the dataset is known to hold no item at all.
    public var datasetIsEmpty: Bool {
        if let c = current, !c.missing { return false }
        return fullyIndexed && itemCount == 0
    }

    /// The item shown, when it has been loaded and parsed.
    public var item: Item? {
        guard let c = current, c.index == index else { return nil }
        return c.item
    }

    /// The negatives the current filter lets through, with their positions.
    public var visibleNegatives: [(offset: Int, negative: Negative)] {
        guard let item else { return [] }
        return item.negatives.enumerated().filter { e in
            if case .op(let o) = filter { return e.element.op == o }
            return true
        }.map { (offset: $0.offset, negative: $0.element) }
    }

    /// Why negative `neg` of the current item cannot be decided (the rule stats
    /// and export apply), or nil when it can or no item is shown.
    public func undecidable(_ neg: Negative) -> Undecidable? {
        guard let item else { return nil }
        return Undecidable.reason(neg, in: item, itemIDRepeats: !idSharedBy.isEmpty,
                                  duplicateNegativeIDs: item.duplicateNegativeIDs)
    }

    /// Whether negative `id` of the current item still needs a (fresh) decision.
    /// A negative that cannot be decided (see `undecidable`) is never "to do".
    public func undecided(_ id: String) -> Bool {
        if !idSharedBy.isEmpty { return false }
        if let neg = item?.negative(id), undecidable(neg) != nil { return false }
        return verdicts[id] == nil || staleDecisions.contains(id)
    }

    /// The operator filter the selected negative does not pass (`:` or undo can select
    /// one), nil when it passes or the filter is not by operator.
    public var selectionOutsideFilter: ReviewFilter? {
        guard case .op(let o) = filter, let neg = negative, neg.op != o else { return nil }
        return filter
    }

    /// The selected negative.
    public var negative: Negative? {
        guard let item, negativeIndex >= 0, negativeIndex < item.negatives.count else { return nil }
        return item.negatives[negativeIndex]
    }
}

/// What the panes show for one item and negative (graph rows, aligned steps,
/// overlap J), kept in the state so frames do not work it out again.
public struct ItemAnalysis: Sendable {
    public var itemID: String
    public var negativeIndex: Int
    public var graphRows: [GraphRow]
    public var stepPairs: [StepPair]
    public var jaccard: Double?
}
