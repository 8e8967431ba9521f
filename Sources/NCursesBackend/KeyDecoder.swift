import CNCursesW
import TerminalUI

/// Turns what `wget_wch` returned into a `Key`.
enum KeyDecoder {
    /// A key from a function-key code (`KEY_CODE_YES`), or nil for codes the app does not use.
    static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case sl_key_up(), sl_key_sr(): return .up
        case sl_key_down(), sl_key_sf(): return .down
        case sl_key_left(): return .left
        case sl_key_right(): return .right
        case sl_key_ppage(): return .pageUp
        case sl_key_npage(): return .pageDown
        case sl_key_home(): return .home
        case sl_key_end(): return .end
        case sl_key_btab(): return .backTab
        case sl_key_enter(): return .enter
        case sl_key_backspace(): return .backspace
        case sl_key_dc(): return .delete
        case sl_key_ic(): return .insert
        default:
            for n in 1...12 where code == sl_key_f(Int32(n)) { return .function(n) }
            return nil
        }
    }

    /// A key from a character code.
    static func character(_ value: UInt32) -> Key? {
        switch value {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 0: return nil
        case 1...26: return .ctrl(Character(Unicode.Scalar(value + 96) ?? "?"))
        case 28...31: return nil
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .char(Character(scalar))
        }
    }
}
