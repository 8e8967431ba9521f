/// Standard base64 (RFC 4648, with padding), for image payloads inside
/// terminal escapes, straight to and from bytes.
public enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// The base64 text of `bytes`, as ASCII bytes.
    public static func encode(_ bytes: [UInt8]) -> [UInt8] {
        let n = bytes.count
        let full = n / 3
        let total = (n + 2) / 3 * 4
        return [UInt8](unsafeUninitializedCapacity: total) { out, count in
            count = 0
            bytes.withUnsafeBufferPointer { src in
                alphabet.withUnsafeBufferPointer { abc in
                    guard let s = src.baseAddress, let d = out.baseAddress, let a = abc.baseAddress else { return }
                    // Three bytes to four characters, through unchecked pointers:
                    // a kitty frame is a few MB of this.
                    for k in 0..<full {
                        let v = UInt32(s[k * 3]) << 16 | UInt32(s[k * 3 + 1]) << 8 | UInt32(s[k * 3 + 2])
                        d[k * 4] = a[Int(v >> 18 & 63)]; d[k * 4 + 1] = a[Int(v >> 12 & 63)]
                        d[k * 4 + 2] = a[Int(v >> 6 & 63)]; d[k * 4 + 3] = a[Int(v & 63)]
                    }
                    let i = full * 3, o = full * 4
                    if n - i == 1 {
                        let v = UInt32(s[i]) << 16
                        d[o] = a[Int(v >> 18 & 63)]; d[o + 1] = a[Int(v >> 12 & 63)]
                        d[o + 2] = UInt8(ascii: "="); d[o + 3] = UInt8(ascii: "=")
                    } else if n - i == 2 {
                        let v = UInt32(s[i]) << 16 | UInt32(s[i + 1]) << 8
                        d[o] = a[Int(v >> 18 & 63)]; d[o + 1] = a[Int(v >> 12 & 63)]
                        d[o + 2] = a[Int(v >> 6 & 63)]; d[o + 3] = UInt8(ascii: "=")
                    }
                }
            }
            count = total
        }
    }

    /// The bytes of base64 text, or nil when it holds a character outside the
    /// alphabet or its length (without padding) cannot be base64.
    public static func decode<S: Sequence>(_ text: S) -> [UInt8]? where S.Element == UInt8 {
        var out = [UInt8]()
        var acc: UInt32 = 0, bits = 0
        for c in text {
            let v: UInt32
            switch c {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): v = UInt32(c - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): v = UInt32(c - UInt8(ascii: "a")) + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = UInt32(c - UInt8(ascii: "0")) + 52
            case UInt8(ascii: "+"): v = 62
            case UInt8(ascii: "/"): v = 63
            case UInt8(ascii: "="): continue
            default: return nil
            }
            acc = acc << 6 | v; bits += 6
            if bits >= 8 { bits -= 8; out.append(UInt8(acc >> UInt32(bits) & 0xFF)) }
        }
        return bits >= 6 ? nil : out
    }
}
