/// Finds an item's top-level `"id"` without parsing the whole line: building
/// the id map of a 200k-item file must not cost 200k full parses.
enum IDScanner {
    /// The value of the top-level `id` member, as a string; nil when absent or
    /// not a string or number.
    static func id(in line: ArraySlice<UInt8>) -> String? {
        if let fast = line.withUnsafeBufferPointer({ scan($0) }) { return fast.value }
        // The scan gave up (escapes, odd layout): parse the line properly.
        guard let value = try? JSONParser.parse(Array(line)), let v = value["id"] else { return nil }
        return ItemReader.idString(v)
    }

    /// Result of the fast scan: `.some(value)` when it decided, nil when the
    /// slow path must decide.
    private struct Found { var value: String? }

    private static func scan(_ b: UnsafeBufferPointer<UInt8>) -> Found? {
        var i = 0
        let n = b.count
        func ws() { while i < n, b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0D || b[i] == 0x0A { i += 1 } }
        ws()
        guard i < n, b[i] == UInt8(ascii: "{") else { return Found(value: nil) }
        i += 1
        var depth = 1
        var expectKey = true
        while i < n {
            let c = b[i]
            if c == UInt8(ascii: "\"") {
                let start = i + 1
                var j = start
                var escaped = false
                while j < n, b[j] != UInt8(ascii: "\"") {
                    if b[j] == UInt8(ascii: "\\") { escaped = true; j += 1 }
                    j += 1
                }
                guard j < n else { return nil }
                let isIDKey = depth == 1 && expectKey && !escaped && j - start == 2
                    && b[start] == UInt8(ascii: "i") && b[start + 1] == UInt8(ascii: "d")
                i = j + 1
                if depth == 1 && expectKey {
                    ws()
                    guard i < n, b[i] == UInt8(ascii: ":") else { return nil }
                    i += 1
                    expectKey = false
                    if isIDKey { return readValue(b, from: i) }
                }
                continue
            }
            switch c {
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1; if depth == 0 { return Found(value: nil) }
            case UInt8(ascii: ","): if depth == 1 { expectKey = true }
            default: break
            }
            i += 1
        }
        return nil
    }

    private static func readValue(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Found? {
        var i = start
        let n = b.count
        while i < n, b[i] == 0x20 || b[i] == 0x09 { i += 1 }
        guard i < n else { return nil }
        if b[i] == UInt8(ascii: "\"") {
            let s = i + 1
            var j = s
            while j < n, b[j] != UInt8(ascii: "\"") {
                if b[j] == UInt8(ascii: "\\") || b[j] >= 0x80 { return nil }
                j += 1
            }
            guard j < n else { return nil }
            return Found(value: String(decoding: UnsafeBufferPointer(rebasing: b[s..<j]), as: UTF8.self))
        }
        return nil
    }
}

extension Dataset {
    /// The item id written in a raw line, as the id map reads it (nil when there is none).
    public static func scannedID(in line: ArraySlice<UInt8>) -> String? { IDScanner.id(in: line) }
}
