/// The keys that move the selection of a list overlay (the frequency and the
/// sorted views): j/k, Up/Down, PgDn/PgUp, Home/End, g/G.
enum ListKeys {
    /// The selection after `action` in a list of `count` rows (`page` rows a
    /// page); nil when the action does not move it.
    static func moved(_ selection: Int, count: Int, action: Action?, page: Int) -> Int? {
        let to: Int
        switch action {
        case .down: to = selection + 1
        case .up: to = selection - 1
        case .pageDown: to = selection + page
        case .pageUp: to = selection - page
        case .home, .firstItem: to = 0
        case .end, .lastItem: to = count - 1
        default: return nil
        }
        return max(0, min(to, count - 1))
    }
}
