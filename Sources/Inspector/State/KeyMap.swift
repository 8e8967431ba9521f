import Review
import TerminalUI

/// Everything a key can ask the inspector to do. Which key does it is the
/// `KeyMap`'s business; what it does is `Keys.handle`'s.
public enum Action: String, Sendable, Hashable, CaseIterable {
    // Items.
    case nextItem, previousItem, nextNegative, previousNegative, firstItem, lastItem
    case goTo, search, previousMatch, escape, filters, query, frequency, sort
    // Panes.
    case focusNext, focusPrevious, focusImage, focusGraph, focusRationale, focusLints, expandHeader
    case down, up, pageDown, pageUp, home, end
    // Image.
    case cycleMap, toggleHeatmap, toggleBoxes, cycleImageMode, invertShading, zoom, storedPixels, counterfactual
    case zoomIn, zoomOut, zoomToObject, zoomToCritical, panLeft, panDown, panUp, panRight
    // Review.
    case accept, confirmAccept, reject, skip, undo, redo, note, tags
    case whatIf, whatIfNext, compareNegative
    // Other.
    case help, redraw, quit, interrupt

    /// The verdict a decision key records.
    public var verdict: Verdict? {
        switch self {
        case .accept: .accept
        case .reject: .reject
        case .skip: .skip
        default: nil
        }
    }

    /// The pane a focus key picks.
    public var pane: Pane? {
        switch self {
        case .focusImage: .image
        case .focusGraph: .graph
        case .focusRationale: .rationale
        case .focusLints: .lints
        default: nil
        }
    }

    /// Whether the key opens a text prompt: the keys after it are typed into it.
    public var opensPrompt: Bool { [.goTo, .search, .note, .tags, .query].contains(self) }
}

/// How a key typed while the item it is meant for is still on its way (loading,
/// a lookup running, its decisions being read) is treated.
public enum TypeAhead: Sendable, Hashable {
    /// Waits, with the keys before it, until the item is there (`j`, `]`, `:`...).
    case waits
    /// Acts at once even past waiting keys (Ctrl-C).
    case always
    /// Acts at once unless the waiting keys opened a prompt or the help, which it is then typed into (`q`).
    case atOnce
    /// Cancels a running lookup at once, unless typed into a prompt or help the waiting keys opened (Esc).
    case cancelsLookup
    /// Needs nothing of the item: acts at once when no key waits before it (help, focus, image settings, `f`).
    case independent
    /// A plain item step: at once when no key waits and no search, filter or lookup is on
    /// (a held-down `n` asks only for the last item).
    case step
    /// A decision: it has its own queue, applied in order once the previous one is saved.
    case decision
}

/// The groups of the help overlay and of the key tables in docs/inspector.md.
public enum KeySection: String, Sendable, Hashable, CaseIterable {
    case items = "Items", panes = "Panes", image = "Image", review = "Review", other = "Other"
}

/// One row of the key map: the keys that ask for `action`, where its help
/// goes and how it behaves when typed ahead.
public struct Binding: Sendable, Hashable {
    public var action: Action
    public var keys: [Key]
    public var section: KeySection
    /// Its line in the help; nil: it shares the line of the binding before it
    /// (`] / [`, `Tab / Shift-Tab`), whose text speaks for both.
    public var help: String?
    public var typeAhead: TypeAhead
}

/// A key hint of the status bar: the first key of each action, then a word.
public struct KeyHint: Sendable, Hashable {
    /// The actions whose keys are shown, joined by `/` (`n/p item`).
    public var actions: [Action]
    public var word: String
    /// The word when the bar is short of room ("" leaves the keys alone).
    public var short: String
    /// How many of the actions' keys the short form keeps (`z back` for `z/Esc back`).
    public var shortKeys: Int
    /// Higher stays longer when the bar is narrow.
    public var priority: Int
}

/// The single table of key bindings: `Keys.handle` dispatches through it, the
/// `?` help and the status-bar hints are drawn from it, and `KeyQueue` reads
/// its typing-ahead policy from it. docs/inspector.md's key tables list the
/// same keys (a test compares them). A config file may rebind keys.
public struct KeyMap: Sendable {
    public private(set) var bindings: [Binding]
    private var byKey: [Key: Action] = [:]

    /// A map of `bindings`; a key listed twice acts for the first binding that lists it.
    public init(_ bindings: [Binding]) {
        self.bindings = bindings
        for b in bindings { for k in b.keys where byKey[k] == nil { byKey[k] = b.action } }
    }

    /// The action `key` asks for, nil when it is not bound.
    public func action(for key: Key) -> Action? { byKey[key] }

    /// The binding of `action`.
    public func binding(_ action: Action) -> Binding? { bindings.first { $0.action == action } }

    /// The typing-ahead policy of `key`: unbound keys wait like item keys.
    public func typeAhead(_ key: Key) -> TypeAhead {
        action(for: key).flatMap { binding($0)?.typeAhead } ?? .waits
    }

    /// The keys bound to `action`, first the one the hints show.
    public func keys(_ action: Action) -> [Key] { binding(action)?.keys ?? [] }

    /// Binds `action` to `keys` only, taking them from whatever action had them.
    /// Returns the actions left without any key.
    @discardableResult
    public mutating func rebind(_ action: Action, to keys: [Key]) -> [Action] {
        var orphaned: [Action] = []
        for i in bindings.indices {
            if bindings[i].action == action { bindings[i].keys = keys; continue }
            let before = bindings[i].keys.count
            bindings[i].keys.removeAll { keys.contains($0) }
            if before > 0 && bindings[i].keys.isEmpty { orphaned.append(bindings[i].action) }
        }
        self = KeyMap(bindings)
        return orphaned
    }

    /// The help overlay's sections: the keys of each line (several bindings on
    /// one line read column by column: `j / k, Down / Up`) and their text.
    public var helpSections: [(title: String, entries: [(keys: String, text: String)])] {
        KeySection.allCases.map { section in
            var groups: [(bindings: [Binding], text: String)] = []
            for b in bindings where b.section == section {
                if let h = b.help { groups.append(([b], h)) } else if !groups.isEmpty { groups[groups.count - 1].bindings.append(b) }
            }
            var entries = groups.map { g in (keys: Self.label(g.bindings), text: g.text) }
            entries += Self.notes[section] ?? []
            return (section.rawValue, entries)
        }
    }

    /// Lines of the help that explain rather than bind.
    static let notes: [KeySection: [(keys: String, text: String)]] = [
        .panes: [("graph pane", "the selected object's box is highlighted"),
                 ("rationale pane", "the selected step's attention map is shown")],
    ]

    private static func label(_ group: [Binding]) -> String {
        if group.count == 1 { return group[0].keys.map(\.name).joined(separator: " / ") }
        let columns = group.map(\.keys.count).max() ?? 0
        return (0..<columns).map { c in
            group.compactMap { c < $0.keys.count ? $0.keys[c].name : nil }.joined(separator: " / ")
        }.joined(separator: ", ")
    }

    /// The text of `hint` with these bindings, full or short.
    public func hintText(_ hint: KeyHint, short: Bool) -> String {
        let shown = short ? hint.actions.prefix(hint.shortKeys) : hint.actions[...]
        let names = shown.compactMap { self.keys($0).first?.name }.joined(separator: "/")
        let word = short ? hint.short : hint.word
        return word.isEmpty ? names : names + " " + word
    }

    /// The status bar's key hints over the panes, most useful first in priority.
    public static let hints: [KeyHint] = [
        KeyHint(actions: [.accept], word: "accept", short: "acc", shortKeys: 1, priority: 8),
        KeyHint(actions: [.reject], word: "reject", short: "rej", shortKeys: 1, priority: 8),
        KeyHint(actions: [.skip], word: "skip", short: "skip", shortKeys: 1, priority: 8),
        KeyHint(actions: [.undo], word: "undo", short: "undo", shortKeys: 1, priority: 4),
        KeyHint(actions: [.nextItem, .previousItem], word: "item", short: "", shortKeys: 2, priority: 3),
        KeyHint(actions: [.nextNegative, .previousNegative], word: "neg", short: "", shortKeys: 2, priority: 2),
        KeyHint(actions: [.focusNext], word: "pane", short: "", shortKeys: 1, priority: 1),
        // "? help" is the way in to everything else.
        KeyHint(actions: [.help], word: "help", short: "help", shortKeys: 1, priority: 10),
        KeyHint(actions: [.quit], word: "quit", short: "quit", shortKeys: 1, priority: 6),
    ]

    /// The hints while the image is zoomed.
    public static let zoomedHints: [KeyHint] = [
        KeyHint(actions: [.zoom, .escape], word: "back", short: "back", shortKeys: 1, priority: 10),
        KeyHint(actions: [.toggleHeatmap], word: "heatmap", short: "heat", shortKeys: 1, priority: 3),
        KeyHint(actions: [.toggleBoxes], word: "boxes", short: "box", shortKeys: 1, priority: 3),
        KeyHint(actions: [.cycleMap], word: "map", short: "map", shortKeys: 1, priority: 3),
        KeyHint(actions: [.cycleImageMode], word: "mode", short: "mode", shortKeys: 1, priority: 3),
        KeyHint(actions: [.quit], word: "quit", short: "quit", shortKeys: 1, priority: 8),
    ]

    /// The bindings SceneLens ships with.
    public static let standard = KeyMap([
        // Items.
        Binding(action: .nextItem, keys: [.char("n"), .right], section: .items,
                help: "next item (next match while searching)", typeAhead: .step),
        Binding(action: .previousItem, keys: [.char("p"), .left], section: .items,
                help: "previous item (previous match while searching)", typeAhead: .step),
        Binding(action: .nextNegative, keys: [.char("]")], section: .items,
                help: "next / previous negative of the item", typeAhead: .waits),
        Binding(action: .previousNegative, keys: [.char("[")], section: .items, help: nil, typeAhead: .waits),
        Binding(action: .firstItem, keys: [.char("g")], section: .items, help: "first / last item", typeAhead: .step),
        Binding(action: .lastItem, keys: [.char("G")], section: .items, help: nil, typeAhead: .step),
        Binding(action: .goTo, keys: [.char(":")], section: .items, help: "go to an item by id or number", typeAhead: .waits),
        Binding(action: .search, keys: [.char("/")], section: .items,
                help: "search question, answer and rationale text (within the filter)", typeAhead: .waits),
        Binding(action: .previousMatch, keys: [.char("N")], section: .items, help: "previous search match", typeAhead: .waits),
        Binding(action: .escape, keys: [.escape], section: .items,
                help: "end the search / close a prompt or overlay", typeAhead: .cancelsLookup),
        Binding(action: .filters, keys: [.char("f")], section: .items,
                help: "pick a filter: undecided, your verdicts, an operator, lints; each with its count", typeAhead: .independent),
        Binding(action: .query, keys: [.char("w")], section: .items,
                help: "filter by a query: operator=swap and j<0.3 (Tab completes)",
                typeAhead: .waits),
        Binding(action: .frequency, keys: [.char("F")], section: .items,
                help: "frequency table: negatives by operator, verdict, lint, J...; Enter filters to a row",
                typeAhead: .independent),
        Binding(action: .sort, keys: [.char("S")], section: .items,
                help: "negatives sorted by J, confidence, margin, attention share, scores, steps or decision time; Enter goes to one",
                typeAhead: .independent),
        // Panes.
        Binding(action: .focusNext, keys: [.tab], section: .panes,
                help: "focus next / previous pane (tab on small screens)", typeAhead: .independent),
        Binding(action: .focusPrevious, keys: [.backTab], section: .panes, help: nil, typeAhead: .independent),
        Binding(action: .focusImage, keys: [.char("1")], section: .panes,
                help: "focus the image, graph, rationale or lints pane (the numbered tabs on small screens)", typeAhead: .independent),
        Binding(action: .focusGraph, keys: [.char("2")], section: .panes, help: nil, typeAhead: .independent),
        Binding(action: .focusRationale, keys: [.char("3")], section: .panes, help: nil, typeAhead: .independent),
        Binding(action: .focusLints, keys: [.char("4")], section: .panes, help: nil, typeAhead: .independent),
        Binding(action: .expandHeader, keys: [.char("e")], section: .panes,
                help: "the question and the evidence in full, wrapped / cut to a line each", typeAhead: .independent),
        Binding(action: .down, keys: [.char("j"), .down], section: .panes,
                help: "select next / previous row of the focused pane", typeAhead: .waits),
        Binding(action: .up, keys: [.char("k"), .up], section: .panes, help: nil, typeAhead: .waits),
        Binding(action: .pageDown, keys: [.pageDown, .char(" ")], section: .panes,
                help: "scroll the focused pane by a page", typeAhead: .waits),
        Binding(action: .pageUp, keys: [.pageUp], section: .panes, help: nil, typeAhead: .waits),
        Binding(action: .home, keys: [.home], section: .panes, help: "first / last row of the focused pane", typeAhead: .waits),
        Binding(action: .end, keys: [.end], section: .panes, help: nil, typeAhead: .waits),
        // Image.
        Binding(action: .cycleMap, keys: [.char("m")], section: .image,
                help: "cycle attention maps (auto, then each map)", typeAhead: .waits),
        Binding(action: .toggleHeatmap, keys: [.char("h")], section: .image, help: "toggle the heatmap", typeAhead: .independent),
        Binding(action: .toggleBoxes, keys: [.char("b")], section: .image, help: "toggle the boxes", typeAhead: .independent),
        Binding(action: .cycleImageMode, keys: [.char("i")], section: .image,
                help: "cycle image mode: pixels (kitty, sixel or iterm, as the terminal can), symbols, truecolor, 256, 16, ascii",
                typeAhead: .independent),
        Binding(action: .invertShading, keys: [.char("I")], section: .image, help: "invert the ascii shading", typeAhead: .independent),
        Binding(action: .zoom, keys: [.char("z")], section: .image,
                help: "zoom the image to the full screen", typeAhead: .independent),
        Binding(action: .counterfactual, keys: [.char("v")], section: .image,
                help: "the item's counterfactual images in turn (evidence masked or blurred), then its own; the title says how far the attention moved",
                typeAhead: .independent),
        Binding(action: .storedPixels, keys: [.char("o")], section: .image,
                help: "own pixels over a checkerboard / as the model sees", typeAhead: .independent),
        Binding(action: .zoomIn, keys: [.char("+"), .char("=")], section: .image,
                help: "zoom into / out of the image (Esc: the whole image again)", typeAhead: .independent),
        Binding(action: .zoomOut, keys: [.char("-")], section: .image, help: nil, typeAhead: .independent),
        Binding(action: .zoomToObject, keys: [.char("Z")], section: .image,
                help: "zoom to the selected object's box / to the critical elements' boxes", typeAhead: .waits),
        Binding(action: .zoomToCritical, keys: [.char("C")], section: .image, help: nil, typeAhead: .waits),
        Binding(action: .panLeft, keys: [.char("H")], section: .image,
                help: "pan the zoomed image left / down / up / right (j/k too, image pane focused)", typeAhead: .independent),
        Binding(action: .panDown, keys: [.char("J")], section: .image, help: nil, typeAhead: .independent),
        Binding(action: .panUp, keys: [.char("K")], section: .image, help: nil, typeAhead: .independent),
        Binding(action: .panRight, keys: [.char("L")], section: .image, help: nil, typeAhead: .independent),
        // Review.
        Binding(action: .accept, keys: [.char("a")], section: .review,
                help: "accept the negative, then go to the next undecided one", typeAhead: .decision),
        Binding(action: .confirmAccept, keys: [.char("A")], section: .review,
                help: "accept anyway, after a held back an error lint", typeAhead: .waits),
        Binding(action: .reject, keys: [.char("x")], section: .review,
                help: "reject the negative, then go to the next undecided one", typeAhead: .decision),
        Binding(action: .skip, keys: [.char("s")], section: .review,
                help: "skip the negative, then go to the next undecided one", typeAhead: .decision),
        Binding(action: .undo, keys: [.char("u")], section: .review,
                help: "undo the last change (decision, note or tags) and go back to it", typeAhead: .waits),
        Binding(action: .redo, keys: [.ctrl("r")], section: .review,
                help: "redo the decision u took back (with its note and tags; this session's)", typeAhead: .waits),
        Binding(action: .note, keys: [.char("c")], section: .review,
                help: "note on the negative (kept on it until it is decided, then saved with it)", typeAhead: .waits),
        Binding(action: .tags, keys: [.char("t")], section: .review,
                help: "reason tags on the negative: 1-8 tick a standard tag, or type a free one, Enter saves", typeAhead: .waits),
        Binding(action: .whatIf, keys: [.char("r")], section: .review,
                help: "what-if: swap, replace, shorten, overthink in turn on the selected graph element; SG-, changes, J and critical touched beside the negative's own",
                typeAhead: .waits),
        Binding(action: .whatIfNext, keys: [.char("R")], section: .review,
                help: "what-if: the operator's next choice (another replacement or added fact)", typeAhead: .waits),
        Binding(action: .compareNegative, keys: [.char("d")], section: .review,
                help: "does the negative's declared change match what its operator does to SG^c? (match / mismatch)", typeAhead: .waits),
        // Other.
        Binding(action: .help, keys: [.char("?")], section: .other, help: "this help (? or Esc closes it)", typeAhead: .independent),
        Binding(action: .redraw, keys: [.ctrl("l")], section: .other, help: "redraw the screen", typeAhead: .always),
        Binding(action: .quit, keys: [.char("q")], section: .other,
                help: "quit (decisions are already saved)", typeAhead: .atOnce),
        Binding(action: .interrupt, keys: [.ctrl("c")], section: .other, help: nil, typeAhead: .always),
    ])
}
