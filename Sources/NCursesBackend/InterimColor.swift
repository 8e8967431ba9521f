import TerminalUI

/// Colour downgrade for terminals without 24-bit colour. Interim: replaced by
/// TerminalUI's `ColorDepth.convert` once it lands.
public enum InterimColor {
    /// The nearest entry of the xterm 6x6x6 cube for an RGB colour; others unchanged.
    public static func downgrade(_ c: Color) -> Color {
        guard case .rgb(let r, let g, let b) = c else { return c }
        func q(_ v: UInt8) -> Int { v < 48 ? 0 : v < 115 ? 1 : Int((Int(v) - 35) / 40) }
        return .indexed(UInt8(16 + 36 * q(r) + 6 * q(g) + q(b)))
    }
}
