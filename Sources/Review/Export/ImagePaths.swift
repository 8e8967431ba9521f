import Foundation

/// Paths of exported images.
enum ImagePaths {
    /// `target` as a path relative to the folder `base` (both absolute).
    static func relative(_ target: String, from base: String) -> String {
        let t = URL(fileURLWithPath: target).standardizedFileURL.pathComponents
        let b = URL(fileURLWithPath: base).standardizedFileURL.pathComponents
        var common = 0
        while common < t.count && common < b.count && t[common] == b[common] { common += 1 }
        let ups = Array(repeating: "..", count: b.count - common)
        let rest = Array(t[common...])
        let parts = ups + rest
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }

    /// The file extension matching an image file's first bytes.
    static func fileExtension(for bytes: [UInt8]) -> String {
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return "png" }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return "jpg" }
        if bytes.starts(with: Array("GIF8".utf8)) { return "gif" }
        if bytes.count >= 2 && bytes[0] == UInt8(ascii: "P") {
            switch bytes[1] {
            case UInt8(ascii: "1"), UInt8(ascii: "4"): return "pbm"
            case UInt8(ascii: "2"), UInt8(ascii: "5"): return "pgm"
            case UInt8(ascii: "3"), UInt8(ascii: "6"): return "ppm"
            case UInt8(ascii: "7"): return "pam"
            default: break
            }
        }
        return "bin"
    }

    /// A file name for an inline image: the item's dataset index (unique) and a tidied id.
    static func inlineName(index: Int, itemID: String, bytes: [UInt8]) -> String {
        let safe = String(itemID.unicodeScalars.prefix(80).map { s -> Character in
            let ok = (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") || (s >= "0" && s <= "9") || s == "-" || s == "_" || s == "."
            return ok ? Character(s) : "_"
        })
        return "\(index)-\(safe).\(fileExtension(for: bytes))"
    }
}
