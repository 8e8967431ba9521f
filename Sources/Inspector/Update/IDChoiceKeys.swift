import TerminalUI

/// The `:` choice list's keys: j/k (Up/Down, PgUp/PgDn, Home/End) pick an
/// id, Enter goes to it, Esc or `q` close the list where the first one is shown.
enum IDChoiceKeys {
    /// Several ids matched: the first is shown, as a single match would be, and the list opens over it.
    static func listed(_ s: inout AppState, _ c: IDChoices) -> [Effect] {
        guard let first = c.rows.first else { return [] }
        let fx = InspectorApp.update(&s, .found(index: first.index, negativeIndex: nil,
                                                reason: "\(c.total) ids \(c.how) \"\(c.text)\": choose one (Enter), Esc keeps \(first.id)"))
        s.idChoices = c
        return fx
    }

    static func key(_ s: inout AppState, _ k: Key) -> [Effect] {
        guard var v = s.idChoices else { return [] }
        let action = s.keyMap.action(for: k)
        switch k {
        case .escape: s.idChoices = nil; return []
        case .enter:
            s.idChoices = nil
            guard let row = v.rows[safe: v.selection] else { return [] }
            s.flash = Flash("\(row.id)")
            return InspectorApp.go(&s, to: row.index)
        default: break
        }
        if action == .quit || action == .help || action == .goTo { s.idChoices = nil; return [] }
        guard let moved = ListKeys.moved(v.selection, count: v.rows.count, action: action, page: max(1, s.height - 8)) else { return [] }
        v.selection = moved
        s.idChoices = v
        return []
    }
}
