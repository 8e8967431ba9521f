/// Anything that can draw itself into part of a buffer. Widgets are values:
/// they draw only inside `area` and keep no state between frames.
public protocol Widget {
    /// Draws into `buffer`, touching only cells inside `area`.
    func render(in area: Rect, buffer: inout Buffer)
}
