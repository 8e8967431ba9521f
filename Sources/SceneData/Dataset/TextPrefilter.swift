#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A check of a dataset line's raw bytes, before any parse, for whether any
/// of its strings could hold one of some texts as the search and the query
/// compare them (case and diacritics ignored, `String.range(of:options:)`).
///
/// It may say yes to a line that does not match (the parse decides), never
/// no to one that does. It is sure only where bytes and text agree: ASCII
/// letters are compared with their case folded, JSON escapes (`\"`, `\u0041`)
/// are decoded first, and a line with any non-ASCII character in it (written
/// as UTF-8 or as `\u00e9`) always passes, as does any text that is not
/// ASCII: "café" matches "CAFE" and "K" (the Kelvin sign) matches "k", which
/// no byte comparison can tell.
public struct TextPrefilter: Sendable {
    /// The texts folded to ASCII lower case; nil when one of them is not ASCII (every line passes).
    private let needles: [[UInt8]]?

    /// A line passes when it may hold any of `texts`.
    public init(anyOf texts: [String]) {
        var out: [[UInt8]] = []
        for t in texts {
            let bytes = Array(t.utf8)
            if bytes.isEmpty || bytes.contains(where: { $0 >= 0x80 }) { needles = nil; return }
            out.append(bytes.map(Self.lower))
        }
        needles = out.isEmpty ? nil : out
    }

    /// False only when no string of the line can hold any of the texts.
    public func mightMatch(_ line: ArraySlice<UInt8>) -> Bool {
        guard let needles else { return true }
        return line.withUnsafeBufferPointer { raw in
            var folded = [UInt8](repeating: 0, count: raw.count)
            var plain = true
            for (k, b) in raw.enumerated() {
                if b >= 0x80 { return true }
                if b == UInt8(ascii: "\\") { plain = false }
                folded[k] = Self.lower(b)
            }
            if Self.holdsAny(folded, needles) { return true }
            if plain { return false }
            // Escapes: the text they stand for, or pass when one is not ASCII (or not valid: the parse says why).
            guard let decoded = Self.unescaped(raw) else { return true }
            return Self.holdsAny(decoded, needles)
        }
    }

    /// The same for a whole line.
    public func mightMatch(_ line: [UInt8]) -> Bool { mightMatch(line[...]) }

    @inline(__always) private static func lower(_ b: UInt8) -> UInt8 {
        b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b | 0x20 : b
    }

    private static func holdsAny(_ haystack: [UInt8], _ needles: [[UInt8]]) -> Bool {
        haystack.withUnsafeBytes { h in needles.contains { n in n.withUnsafeBytes { find($0, in: h) } } }
    }

    /// Whether `needle` occurs in `haystack` (memmem: memchr to each place
    /// the first byte is, then memcmp; Glibc's memmem is not visible to Swift).
    static func find(_ needle: UnsafeRawBufferPointer, in haystack: UnsafeRawBufferPointer) -> Bool {
        guard let n = needle.baseAddress, needle.count > 0 else { return true }
        guard var p = haystack.baseAddress, haystack.count >= needle.count else { return false }
        let end = p + haystack.count
        let first = Int32(needle[0])
        while end - p >= needle.count {
            guard let hit = memchr(p, first, end - p - needle.count + 1) else { return false }
            if memcmp(hit, n, needle.count) == 0 { return true }
            p = UnsafeRawPointer(hit) + 1
        }
        return false
    }

    /// The line with JSON escapes decoded and ASCII folded to lower case;
    /// nil when an escape stands for a non-ASCII character or is not valid.
    private static func unescaped(_ raw: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = 0
        while i < raw.count {
            let b = raw[i]
            guard b == UInt8(ascii: "\\") else { out.append(lower(b)); i += 1; continue }
            guard i + 1 < raw.count else { return nil }
            let e = raw[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                guard let v = JSONParser.hexQuad(raw, at: i), v < 0x80 else { return nil }
                out.append(lower(UInt8(v)))
                i += 4
            default: return nil
            }
        }
        return out
    }
}
