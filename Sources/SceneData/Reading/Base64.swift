/// A base64 decoder for inline images: standard and URL-safe alphabets,
/// whitespace and line breaks anywhere, padding optional, and an optional
/// `data:...;base64,` prefix. Anything else is an error with its position.
public enum Base64 {
    /// Why a base64 text could not be decoded.
    public struct DecodeError: Error, Sendable, Hashable { public var message: String }

    private static let table: [Int8] = {
        var t = [Int8](repeating: -1, count: 256)
        for (i, c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() { t[Int(c)] = Int8(i) }
        t[Int(UInt8(ascii: "-"))] = 62
        t[Int(UInt8(ascii: "_"))] = 63
        return t
    }()

    /// The bytes the text encodes.
    public static func decode(_ text: String) -> Result<[UInt8], DecodeError> {
        var utf8 = Array(text.utf8)
        if utf8.starts(with: Array("data:".utf8)), let comma = utf8.firstIndex(of: UInt8(ascii: ",")) {
            utf8.removeSubrange(...comma)
        }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count / 4 * 3)
        var acc: UInt32 = 0
        var bits = 0
        var padding = 0
        for (i, c) in utf8.enumerated() {
            switch c {
            case 0x20, 0x09, 0x0A, 0x0D: continue
            case UInt8(ascii: "="): padding += 1; continue
            default: break
            }
            let v = table[Int(c)]
            guard v >= 0, padding == 0 else {
                let what = padding > 0 ? "data after '=' padding" : "invalid base64 character '\(Character(Unicode.Scalar(c)))'"
                return .failure(DecodeError(message: "\(what) at position \(i + 1)"))
            }
            acc = acc << 6 | UInt32(v)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: acc >> UInt32(bits)))
            }
        }
        if bits >= 6 { return .failure(DecodeError(message: "truncated base64 (a lone final character)")) }
        return .success(out)
    }
}
