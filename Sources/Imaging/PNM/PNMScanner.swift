/// Reads Netpbm header tokens and plain-format samples: whitespace and
/// '#' comments (to the end of the line) may come between any two tokens.
struct PNMScanner {
    let bytes: [UInt8]
    var offset: Int

    @inline(__always)
    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || (c >= 0x09 && c <= 0x0D) }

    /// Skips whitespace and comments.
    mutating func skipSpace() {
        while offset < bytes.count {
            let c = bytes[offset]
            if c == 0x23 {
                while offset < bytes.count && bytes[offset] != 0x0A && bytes[offset] != 0x0D { offset += 1 }
            } else if Self.isSpace(c) {
                offset += 1
            } else {
                return
            }
        }
    }

    /// An unsigned decimal number, or nil if the next token is not one.
    mutating func number() -> Int? {
        skipSpace()
        var v = 0
        let start = offset
        while offset < bytes.count, bytes[offset] >= 0x30, bytes[offset] <= 0x39 {
            v = min(v * 10 + Int(bytes[offset] - 0x30), 1 << 40)
            offset += 1
        }
        return offset > start ? v : nil
    }

    /// A header number, or an error naming the field.
    mutating func headerNumber(_ field: String) throws -> Int {
        guard let v = number() else {
            if offset >= bytes.count { throw ImageError(.truncated, "PNM header ends before the \(field)") }
            throw ImageError(.badHeader, "PNM header: \(field) is not a number (found byte 0x\(hex(bytes[offset])) at offset \(offset))")
        }
        guard v <= 0x7FFF_FFFF else { throw ImageError(.badHeader, "PNM header: \(field) \(v) is too large") }
        return v
    }

    /// Consumes the single whitespace character that ends the header; a
    /// comment there ends at, and includes, its newline.
    mutating func headerDelimiter(after field: String) throws {
        guard offset < bytes.count else { throw ImageError(.truncated, "PNM file ends right after the \(field)") }
        let c = bytes[offset]
        if c == 0x23 {
            while offset < bytes.count && bytes[offset] != 0x0A && bytes[offset] != 0x0D { offset += 1 }
            offset += 1
        } else if Self.isSpace(c) {
            offset += 1
        } else {
            throw ImageError(.badHeader, "PNM header: the \(field) is followed by byte 0x\(hex(c)), not whitespace")
        }
    }

    /// The next line (without its newline), or nil at the end of the bytes.
    mutating func line() -> String? {
        guard offset < bytes.count else { return nil }
        let start = offset
        while offset < bytes.count && bytes[offset] != 0x0A { offset += 1 }
        let text = String(decoding: bytes[start..<offset], as: UTF8.self)
        if offset < bytes.count { offset += 1 }
        return text
    }
}
