import Analysis
import Imaging
import Query
import Review
import SceneData
import TerminalUI

/// The pane that j/k, arrows and PgUp/PgDn move in.
public enum Pane: String, Sendable, Hashable, CaseIterable {
    case image, graph, rationale, lints
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
    /// Items (and negatives) a query matches (`w`, docs/query.md).
    case query(QueryExpr)

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
        case .query(let q): "where \(q.text)"
        }
    }
}

/// What `go` resets on the item being left, kept to draw it as it was until the next item is here.
struct Leaving: Sendable {
    var panes: Panes
    var attentionChoice: Int?
    var viewport: ImageViewport?

    /// The item `s` is about to leave, as it is shown.
    init(_ s: AppState) { panes = s.panes; attentionChoice = s.image.attentionChoice; viewport = s.image.viewport }
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
    /// The file's own pixels over a checkerboard, not the model's RGB.
    public var stored: Bool
    /// An image result from its parts.
    public init(itemID: String, image: RGBAImage?, error: String?, originalWidth: Int, originalHeight: Int, stored: Bool = false) {
        self.itemID = itemID; self.image = image; self.error = error; self.stored = stored
        self.originalWidth = originalWidth; self.originalHeight = originalHeight
    }
}

/// The whole inspector as one value: `update` changes it, `view` draws it.
/// It is made of parts that each own their data and its update (Bubble Tea
/// style): where you are (`nav`), the panes and their layout (`panes`), the
/// image settings (`image`), this annotator's review (`review`), search and
/// filter (`lookup`), and the work in flight with the keys typed ahead of it
/// (`work`: the phase, see docs/ARCHITECTURE.md), and the layout figures
/// `update` needs (`layout`).
public struct AppState: Sendable {
    // Screen.
    public var width: Int
    public var height: Int
    /// Draw only ASCII (non-UTF-8 locale, vt100).
    public var asciiOnly: Bool
    /// Differences cannot be told by colour (NO_COLOR, vt100, --mode ascii): taken from
    /// the image mode chosen at start, ASCII when the terminal has no colour.
    public var monochrome: Bool

    /// Which item and negative are shown, and how far the dataset is known.
    public var nav: Navigation
    /// Focus, selections and scrolling of the panes, and the help overlay.
    public var panes = Panes()
    /// How the image is drawn, and the picture itself.
    public var image: ImageSettings
    /// This annotator's decisions, notes, tags and counts.
    public var review: ReviewState
    /// The search and the filter `n`/`p` and the decision keys move within.
    public var lookup = Lookup()
    /// The frequency view (`F`), while it is open.
    public var frequency: FrequencyView?
    /// The sorted view (`S`), while it is open.
    public var sorted: SortView?
    /// The what-if panel (`r`, `d`), while it is open; it shows for its own item only.
    public var whatIf: WhatIfView?
    /// How the item on screen was shown when another was asked for: while
    /// that one loads, the screen keeps the item as it was (`shownWhileLoading`).
    var leaving: Leaving?
    /// The ids `:` matched, to choose from, while the list is open.
    public var idChoices: IDChoices?
    /// The filter picker (`f`), while it is open.
    public var filters: FilterPicker?
    /// Whether a list overlay (the filter picker, the frequency or the sorted view) takes the keys.
    public var listOpen: Bool { filters != nil || frequency != nil || sorted != nil || idChoices != nil }
    /// Whether clicks and the wheel act (`mouse = false` in the config turns them off).
    public var mouseEnabled = true
    /// The phase and the one queue of keys typed ahead of it.
    public internal(set) var work = Work()
    /// The team project's assignment; nil outside a team project.
    public var team: TeamState?
    /// The layout figures `update` needs, worked out again when the screen or what it shows changes.
    public internal(set) var layout = LayoutFigures.none

    /// What each key does (the standard map, or as a config file rebound it).
    public var keyMap = KeyMap.standard
    /// A one-line message in the status bar (saved, errors...).
    public var flash: Flash?
    /// Set once `q` was pressed; the loop exits.
    public var quitting = false
    /// `q` was pressed once with a note or tags not saved yet: the next `q` quits.
    public var quitAsked = false

    /// A state for a screen of `width` x `height`.
    public init(width: Int, height: Int, datasetName: String, annotator: String,
                asciiOnly: Bool = false, imageMode: ImageMode = .palette256) {
        self.width = width; self.height = height
        self.asciiOnly = asciiOnly
        nav = Navigation(datasetName: datasetName)
        review = ReviewState(annotator: annotator)
        image = ImageSettings(mode: asciiOnly ? .ascii : imageMode)
        monochrome = image.mode == .ascii
        refreshLayout()
    }

    /// Where the inspector is in its work.
    public var phase: Phase { work.phase }

    /// The open prompt, if any (a prompt is a phase).
    public var prompt: Prompt? {
        if case .prompt(let p) = work.phase { return p }
        return nil
    }

    /// The lookup running, if any.
    public var busy: Busy? {
        if case .lookingUp(let b) = work.phase { return b }
        return nil
    }

    /// True once the dataset is known to hold no item at all.
    public var datasetIsEmpty: Bool {
        if let c = nav.current, !c.missing { return false }
        return nav.fullyIndexed && nav.itemCount == 0
    }

    /// The item shown, when it has been loaded and parsed.
    public var item: Item? { nav.item }

    /// The negatives the current filter lets through, with their positions.
    public var visibleNegatives: [(offset: Int, negative: Negative)] {
        guard let item else { return [] }
        return item.negatives.enumerated().filter { e in
            if case .op(let o) = lookup.filter { return e.element.op == o }
            return true
        }.map { (offset: $0.offset, negative: $0.element) }
    }

    /// Why negative `neg` of the current item cannot be decided (the rule stats
    /// and export apply), or nil when it can or no item is shown.
    public func undecidable(_ neg: Negative) -> Undecidable? {
        guard let item else { return nil }
        return Undecidable.reason(neg, in: item, itemIDRepeats: !review.idSharedBy.isEmpty,
                                  duplicateNegativeIDs: item.duplicateNegativeIDs)
    }

    /// Whether negative `id` of the current item still needs a (fresh) decision.
    /// A negative that cannot be decided (see `undecidable`) is never "to do".
    public func undecided(_ id: String) -> Bool {
        if !review.idSharedBy.isEmpty { return false }
        if let neg = item?.negative(id), undecidable(neg) != nil { return false }
        // In a team project, what is to do is what this annotator holds.
        if let team, let item, !team.holds(NegativeKey(itemID: item.id, negativeID: id)) { return false }
        return review.verdicts[id] == nil || review.staleDecisions.contains(id)
    }

    /// The operator filter the selected negative does not pass (`:` or undo can select
    /// one), nil when it passes or the filter is not by operator.
    public var selectionOutsideFilter: ReviewFilter? {
        guard case .op(let o) = lookup.filter, let neg = negative, neg.op != o else { return nil }
        return lookup.filter
    }

    /// The selected negative.
    public var negative: Negative? { nav.negative }

    /// `message`, after the save confirmation it would otherwise hide: moving
    /// on after a decision must not erase that the decision was saved.
    func keepingSaved(_ message: String) -> Flash {
        guard let f = flash, f.severity == .saved, !message.isEmpty else { return Flash(message) }
        return f.appending(separator + message)
    }

    /// The separator between two messages on one line (the theme's).
    var separator: String { Theme(ascii: asciiOnly).sep }
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
