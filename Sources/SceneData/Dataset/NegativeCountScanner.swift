/// Counts the negatives of one JSON Lines item without building its values:
/// validates the line as strict JSON and counts the elements of the first
/// top-level `negatives` member (else `rejected`), like
/// `JSONParser.parse(line)["negatives"] ?? ["rejected"]` would.
///
/// Answers nil whenever it is not sure (invalid JSON, an escaped key, very deep
/// nesting, a top level that is not an object): the caller then parses the line
/// in full, so a scanner shortcut never changes a count.
public struct NegativeCountScanner {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var pos = 0
    private var depth = 0
    /// Well under the parser's limit, so the scanner never accepts what the parser rejects.
    private static let maxDepth = 200

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// The number of negatives in `line`, or nil when the scanner cannot be sure.
    public static func count(_ line: ArraySlice<UInt8>) -> Int? {
        line.withUnsafeBufferPointer { buf in
            var s = NegativeCountScanner(buf)
            return s.topLevel()
        }
    }

    private static let negativesKey = Array("negatives".utf8)
    private static let rejectedKey = Array("rejected".utf8)

    /// The top-level object: which key wins, and its array's length.
    private mutating func topLevel() -> Int? {
        skipSpace()
        guard peek == UInt8(ascii: "{") else { return nil }
        pos += 1
        depth = 1
        var negatives: Int?? = nil   // .some(nil): present but not an array
        var rejected: Int?? = nil
        skipSpace()
        if peek == UInt8(ascii: "}") {
            pos += 1
        } else {
            while true {
                skipSpace()
                guard let key = keyBytes() else { return nil }
                skipSpace()
                guard peek == UInt8(ascii: ":") else { return nil }
                pos += 1
                skipSpace()
                let isArray = peek == UInt8(ascii: "[")
                guard let elements = value() else { return nil }
                let found: Int? = isArray ? elements : nil
                if negatives == nil, key.elementsEqual(Self.negativesKey) { negatives = .some(found) }
                else if rejected == nil, key.elementsEqual(Self.rejectedKey) { rejected = .some(found) }
                skipSpace()
                if peek == UInt8(ascii: ",") { pos += 1; continue }
                if peek == UInt8(ascii: "}") { pos += 1; break }
                return nil
            }
        }
        skipSpace()
        guard pos == bytes.count else { return nil }
        if let n = negatives { return n ?? 0 }
        if let r = rejected { return r ?? 0 }
        return 0
    }

    private var peek: UInt8? { pos < bytes.count ? bytes[pos] : nil }

    private mutating func skipSpace() {
        while pos < bytes.count {
            switch bytes[pos] {
            case 0x20, 0x09, 0x0A, 0x0D: pos += 1
            default: return
            }
        }
    }

    /// A member name without escapes (an escaped name might spell a wanted key: unsure).
    private mutating func keyBytes() -> UnsafeBufferPointer<UInt8>.SubSequence? {
        guard peek == UInt8(ascii: "\"") else { return nil }
        let start = pos + 1
        guard skipString(), pos - 1 >= start else { return nil }
        let body = bytes[start..<(pos - 1)]
        if body.contains(UInt8(ascii: "\\")) { return nil }
        return body
    }

    /// Skips one value; for an array, answers its element count (0 for other values).
    private mutating func value() -> Int? {
        guard let b = peek else { return nil }
        switch b {
        case UInt8(ascii: "{"): return object() ? 0 : nil
        case UInt8(ascii: "["): return array()
        case UInt8(ascii: "\""): return skipString() ? 0 : nil
        case UInt8(ascii: "t"): return word("true") ? 0 : nil
        case UInt8(ascii: "f"): return word("false") ? 0 : nil
        case UInt8(ascii: "n"): return word("null") ? 0 : nil
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return number() ? 0 : nil
        default: return nil
        }
    }

    private mutating func object() -> Bool {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else { return false }
        pos += 1
        skipSpace()
        if peek == UInt8(ascii: "}") { pos += 1; return true }
        while true {
            skipSpace()
            guard peek == UInt8(ascii: "\""), skipString() else { return false }
            skipSpace()
            guard peek == UInt8(ascii: ":") else { return false }
            pos += 1
            skipSpace()
            guard value() != nil else { return false }
            skipSpace()
            if peek == UInt8(ascii: ",") { pos += 1; continue }
            if peek == UInt8(ascii: "}") { pos += 1; return true }
            return false
        }
    }

    private mutating func array() -> Int? {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else { return nil }
        pos += 1
        skipSpace()
        if peek == UInt8(ascii: "]") { pos += 1; return 0 }
        var n = 0
        while true {
            skipSpace()
            guard value() != nil else { return nil }
            n += 1
            skipSpace()
            if peek == UInt8(ascii: ",") { pos += 1; continue }
            if peek == UInt8(ascii: "]") { pos += 1; return n }
            return nil
        }
    }

    /// Skips a string with its quotes, checking escapes as the parser does.
    private mutating func skipString() -> Bool {
        pos += 1
        while pos < bytes.count {
            let b = bytes[pos]
            if b == UInt8(ascii: "\"") { pos += 1; return true }
            if b < 0x20 { return false }
            if b == UInt8(ascii: "\\") {
                pos += 1
                guard let e = peek else { return false }
                pos += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                     UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    continue
                case UInt8(ascii: "u"):
                    // Surrogate pairing rules are the parser's business: let it decide.
                    guard let v = hex4(), !(0xD800...0xDFFF).contains(v) else { return false }
                default: return false
                }
                continue
            }
            pos += 1
        }
        return false
    }

    private mutating func hex4() -> UInt32? {
        guard let v = JSONParser.hexQuad(bytes, at: pos) else { return nil }
        pos += 4
        return v
    }

    private mutating func word(_ w: StaticString) -> Bool {
        let n = w.utf8CodeUnitCount
        guard pos + n <= bytes.count else { return false }
        let p = w.utf8Start
        for k in 0..<n where bytes[pos + k] != p[k] { return false }
        pos += n
        return true
    }

    private func isDigit(_ b: UInt8?) -> Bool { b.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }

    private mutating func number() -> Bool {
        if peek == UInt8(ascii: "-") { pos += 1 }
        guard isDigit(peek) else { return false }
        if peek == UInt8(ascii: "0") {
            pos += 1
            if isDigit(peek) { return false }
        } else {
            while isDigit(peek) { pos += 1 }
        }
        if peek == UInt8(ascii: ".") {
            pos += 1
            guard isDigit(peek) else { return false }
            while isDigit(peek) { pos += 1 }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            pos += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { pos += 1 }
            guard isDigit(peek) else { return false }
            while isDigit(peek) { pos += 1 }
        }
        return true
    }
}
