/// Every key the inspector knows, grouped as the help overlay shows them; the
/// one list both the help screen and docs/inspector.md follow.
public enum KeyBindings {
    /// One line of help: the keys and what they do.
    public struct Entry: Sendable, Hashable {
        public var keys: String
        public var action: String
    }

    /// Sections of the help overlay, in order.
    public static let sections: [(title: String, entries: [Entry])] = [
        ("Items", [
            Entry(keys: "n / Right", action: "next item (next match while searching)"),
            Entry(keys: "p / Left", action: "previous item (previous match while searching)"),
            Entry(keys: "] / [", action: "next / previous negative of the item"),
            Entry(keys: "g / G", action: "first / last item"),
            Entry(keys: ":", action: "go to an item by id or number"),
            Entry(keys: "/", action: "search question, answer and rationale text (within the filter)"),
            Entry(keys: "N", action: "previous search match"),
            Entry(keys: "Esc", action: "end the search / close a prompt or overlay"),
            Entry(keys: "f", action: "cycle filter: all, undecided, operator, has lints, each lint"),
        ]),
        ("Panes", [
            Entry(keys: "Tab / Shift-Tab", action: "focus next / previous pane (tab on small screens)"),
            Entry(keys: "1 2 3 4", action: "focus the image, graph, rationale or lints pane (the numbered tabs on small screens)"),
            Entry(keys: "j / k, Down / Up", action: "select next / previous row of the focused pane"),
            Entry(keys: "PgDn / PgUp", action: "scroll the focused pane by a page"),
            Entry(keys: "Home / End", action: "first / last row of the focused pane"),
            Entry(keys: "graph pane", action: "the selected object's box is highlighted"),
            Entry(keys: "rationale pane", action: "the selected step's attention map is shown"),
        ]),
        ("Image", [
            Entry(keys: "m", action: "cycle attention maps (auto, then each map)"),
            Entry(keys: "h", action: "toggle the heatmap"),
            Entry(keys: "b", action: "toggle the boxes"),
            Entry(keys: "i", action: "cycle image mode: truecolor, 256, 16, ascii"),
            Entry(keys: "I", action: "invert the ascii shading"),
            Entry(keys: "z", action: "zoom the image to the full screen"),
        ]),
        ("Review", [
            Entry(keys: "a", action: "accept the negative, then go to the next undecided one"),
            Entry(keys: "x", action: "reject the negative, then go to the next undecided one"),
            Entry(keys: "s", action: "skip the negative, then go to the next undecided one"),
            Entry(keys: "u", action: "undo the last change (decision, note or tags) and go back to it"),
            Entry(keys: "c", action: "note on the negative (kept on it until it is decided, then saved with it)"),
            Entry(keys: "t", action: "reason tags on the negative: 1-8 tick a standard tag, or type a free one, Enter saves"),
        ]),
        ("Other", [
            Entry(keys: "?", action: "this help (? or Esc closes it)"),
            Entry(keys: "Ctrl-L", action: "redraw the screen"),
            Entry(keys: "scenelens doctor", action: "(in a shell) why colours, lines or CJK look wrong here, and what to change"),
            Entry(keys: "q", action: "quit (decisions are already saved)"),
        ]),
    ]
}
