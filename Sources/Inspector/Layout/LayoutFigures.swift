import TerminalUI

/// The layout figures `update` needs (where the panes are, how far each
/// scrolls, how many rows a page is, how big a picture to ask for), kept in
/// the state so that `update` never calls into view code. Worked out again by
/// `AppState.refreshLayout` whenever what they measure has changed: the
/// screen size (a resize), the item or negative shown, its lints, the focus,
/// the zoom.
public struct LayoutFigures: Sendable, Hashable {
    /// Where each part of the screen is.
    public var screen: ScreenLayout
    /// Where the picture goes in the image pane, as if shown (in tab mode it
    /// may be hidden): the inside of its frame, less the hint's row if any.
    public var imageArea: Rect
    /// The last useful scroll offset of the help overlay.
    public var helpMaxScroll: Int
    /// Rows a page key scrolls the help by.
    public var helpPage: Int
    /// How far the rationale pane scrolls past its last step (to the answers).
    public var rationaleMaxExtraScroll: Int
    /// The last useful scroll offset of the lints pane.
    public var lintMaxScroll: Int
    /// What the figures were worked out from.
    var inputs: Inputs?

    /// Everything the figures depend on: when none of it changed, they stand.
    struct Inputs: Sendable, Hashable {
        var width, height: Int
        var asciiOnly: Bool
        var focus: Pane
        var zoomed: Bool
        var hint: Bool
        var index: Int
        var current: Int?
        var itemCount: Int
        var fullyIndexed: Bool
        var negativeIndex: Int
        var lints: ItemLints
        var bindings: [Binding]
        var headerExpanded: Bool
        var whatIf: WhatIfView?

        init(_ s: AppState) {
            width = s.width; height = s.height; asciiOnly = s.asciiOnly
            focus = s.panes.focus; zoomed = s.image.zoomed
            hint = s.image.support.hint != nil
            index = s.nav.index; current = s.nav.current?.index
            itemCount = s.nav.itemCount; fullyIndexed = s.nav.fullyIndexed
            negativeIndex = s.nav.negativeIndex; lints = s.review.lints
            bindings = s.keyMap.bindings
            headerExpanded = s.panes.headerExpanded
            whatIf = s.whatIf
        }
    }

    /// No screen yet.
    static let none: LayoutFigures = {
        let e = Rect(x: 0, y: 0, width: 0, height: 0)
        return LayoutFigures(screen: ScreenLayout(header: e, tabs: e, image: e, graph: e, rationale: e, lints: e, prompt: e, status: e, tabbed: false),
                             imageArea: e, helpMaxScroll: 0, helpPage: 1, rationaleMaxExtraScroll: 0, lintMaxScroll: 0)
    }()

    /// The figures of `s`; the help's scroll is taken from `previous` when it
    /// was measured for the same screen size and keys (moving between items
    /// does not wrap the whole help again).
    static func measure(_ s: AppState, previous: LayoutFigures? = nil) -> LayoutFigures {
        let screen = ScreenLayout.of(s)
        var image = ImageArea.picture(s.image, pane: screen.image)
        if image.isEmpty {
            var t = s; t.panes.focus = .image
            image = ImageArea.picture(s.image, pane: ScreenLayout.of(t).image)
        }
        let all = Rect(x: 0, y: 0, width: s.width, height: s.height)
        let helpMaxScroll: Int
        if let p = previous?.inputs, p.width == s.width, p.height == s.height, p.bindings == s.keyMap.bindings,
           let kept = previous?.helpMaxScroll {
            helpMaxScroll = kept
        } else {
            helpMaxScroll = HelpLines.maxScroll(all, s.keyMap)
        }
        return LayoutFigures(screen: screen, imageArea: image,
                             helpMaxScroll: helpMaxScroll, helpPage: max(1, s.height - 5),
                             rationaleMaxExtraScroll: RationaleRows.maxExtraScroll(s, in: screen.rationale),
                             lintMaxScroll: LintRows.maxScroll(s, in: screen.lints), inputs: Inputs(s))
    }

    /// Rows a page key moves in `pane`.
    public func page(_ pane: Pane) -> Int {
        let r: Rect
        switch pane {
        case .graph: r = screen.graph
        case .rationale: r = screen.rationale
        case .lints: r = screen.lints
        case .image: r = screen.image
        }
        return max(1, r.height - 4)
    }
}

extension AppState {
    /// Works the layout figures out again if what they measure has changed.
    mutating func refreshLayout() {
        let inputs = LayoutFigures.Inputs(self)
        if layout.inputs == inputs { return }
        layout = .measure(self, previous: layout)
    }
}
