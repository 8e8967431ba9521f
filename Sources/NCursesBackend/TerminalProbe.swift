import CNCursesW
import TerminalUI
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The decisions `NCursesTerminal` makes when it starts (locale, terminfo
/// entry, colours), as functions, so `scenelens doctor` reports exactly what
/// the inspector will do without starting curses and clearing the screen.
public enum TerminalProbe {
    /// The locale as the inspector sets it up: what the environment asked
    /// for, whether the C library had it, and its character set.
    public struct Locale: Sendable, Equatable {
        /// `LC_ALL`, `LC_CTYPE` or `LANG`, the first one set ("" for none).
        public var requested: String
        /// False when the C library does not have the requested locale (then it is "C").
        public var available: Bool
        /// The character set in effect, such as "UTF-8" or "ANSI_X3.4-1968".
        public var codeset: String
        /// Whether non-ASCII characters can be drawn.
        public var utf8: Bool { TerminalProbe.isUTF8(codeset: codeset) }
    }

    /// Sets the program's locale from the environment, as curses needs, and says what it got.
    public static func setUpLocale(environment: [String: String]) -> Locale {
        let available = setlocale(LC_ALL, "") != nil
        let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
        let requested = ["LC_ALL", "LC_CTYPE", "LANG"].compactMap { environment[$0] }.first { !$0.isEmpty } ?? ""
        return Locale(requested: requested, available: available, codeset: codeset)
    }

    /// "UTF-8", "utf8" and the like.
    public static func isUTF8(codeset: String) -> Bool {
        codeset.uppercased().filter { $0 != "-" } == "UTF8"
    }

    /// `NO_COLOR` set to anything: colour is off (no-color.org).
    public static func noColor(_ environment: [String: String]) -> Bool {
        !(environment["NO_COLOR"] ?? "").isEmpty
    }

    /// The direct-colour entry to try first (`xterm-direct` for
    /// `TERM=xterm-256color`): `COLORTERM=truecolor` says the terminal takes
    /// 24-bit colours, but ncurses only sends them with such an entry. Nil
    /// when COLORTERM does not say so, TERM is already direct, or NO_COLOR is set.
    public static func directEntry(environment: [String: String]) -> String? {
        let colorterm = (environment["COLORTERM"] ?? "").lowercased()
        let term = environment["TERM"] ?? ""
        guard colorterm == "truecolor" || colorterm == "24bit", !term.isEmpty, !term.hasSuffix("-direct"),
              !noColor(environment), let family = term.split(separator: "-").first else { return nil }
        return "\(family)-direct"
    }

    /// The colours a started terminal draws with, from its terminfo entry:
    /// the palette size, and 24-bit colour when the entry has the RGB flag
    /// or a palette of 2^24.
    public static func palette(colors: Int, rgbFlag: Bool) -> (colors: Int, truecolor: Bool) {
        (colors, rgbFlag || colors >= 1 << 24)
    }

    /// What the inspector's colours will be and where they come from.
    public struct Colors: Sendable, Equatable {
        /// TERM as given ("" when unset).
        public var term: String
        /// The entry curses will run on: TERM's, or the direct-colour one; nil when neither exists.
        public var entry: String?
        /// The direct-colour entry COLORTERM asked for, and whether it exists with the RGB flag.
        public var directAsked: String?
        public var directFound: Bool
        /// The entry's `colors` and RGB flag (0 and false without an entry).
        public var entryColors: Int
        public var rgbFlag: Bool
        /// The entry reports mouse events (`kmous`).
        public var mouse: Bool
        /// NO_COLOR was set.
        public var noColor: Bool
        /// What the inspector draws with: 0 for no colour.
        public var colors: Int
        public var truecolor: Bool
    }

    /// The colours the inspector will use for `environment`, decided as
    /// `NCursesTerminal` decides them, from the terminfo entries alone.
    public static func colors(environment: [String: String]) -> Colors {
        let term = environment["TERM"] ?? ""
        let off = noColor(environment)
        var result = Colors(term: term, entry: nil, directAsked: directEntry(environment: environment), directFound: false,
                            entryColors: 0, rgbFlag: false, mouse: false, noColor: off, colors: 0, truecolor: false)
        func load(_ name: String) -> (colors: Int, pairs: Int, rgb: Bool, color: Bool, mouse: Bool)? {
            guard sl_setupterm(name, STDOUT_FILENO) == 1 else { return nil }
            defer { sl_release_term() }
            let colors = Int(sl_tigetnum("colors")), pairs = Int(sl_tigetnum("pairs"))
            // has_colors(): a palette, pairs, and a way to set the colours.
            let canSet = (sl_tigetstr("setaf") != nil && sl_tigetstr("setab") != nil)
                || (sl_tigetstr("setf") != nil && sl_tigetstr("setb") != nil) || sl_tigetstr("scp") != nil
            return (colors, pairs, sl_tigetflag("RGB") > 0, colors > 0 && pairs > 0 && canSet, sl_tigetstr("kmous") != nil)
        }
        var found: (colors: Int, pairs: Int, rgb: Bool, color: Bool, mouse: Bool)?
        if let direct = result.directAsked, let d = load(direct), d.rgb {
            result.directFound = true
            result.entry = direct
            found = d
        } else if !term.isEmpty, let t = load(term) {
            result.entry = term
            found = t
        }
        if let found {
            result.entryColors = max(0, found.colors)
            result.rgbFlag = found.rgb
            result.mouse = found.mouse
            if found.color && !off {
                (result.colors, result.truecolor) = palette(colors: found.colors, rgbFlag: found.rgb)
            }
        }
        return result
    }
}
