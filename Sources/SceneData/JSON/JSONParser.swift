/// What the grammar functions do with what they recognise: build values
/// (`parse`) or only check them (`validate`, `arrayCount`). One set of
/// functions serves both, so the two can never accept different texts; each
/// mode gets its own specialised copy, so building pays nothing for skipping.
/// Skipping returns nothing at all (not an empty `JSONValue`): a value handed
/// back costs a destroy per element, which doubled the time of a count. No
/// closures either (capturing a built string cost a retain per string), and
/// what is handed over is consumed, or each string and list is copied once more.
private protocol ParseMode {
    /// `JSONValue` when building, nothing when skipping.
    associatedtype Value
    /// `String` when building, nothing when skipping.
    associatedtype Text
    static var builds: Bool { get }
    static func text(_ s: consuming String) -> Text
    static func string(_ t: consuming Text) -> Value
    static func number(_ d: Double) -> Value
    static func bool(_ b: Bool) -> Value
    static var null: Value { get }
    static func array(_ elements: consuming [JSONValue]) -> Value
    static func object(_ members: consuming [(String, JSONValue)]) -> Value
    /// The built value or text back; only called when building.
    static func built(_ v: consuming Value) -> JSONValue
    static func built(_ t: consuming Text) -> String
}
private enum BuildValues: ParseMode {
    static var builds: Bool { true }
    static func text(_ s: consuming String) -> String { s }
    static func string(_ t: consuming String) -> JSONValue { .string(t) }
    static func number(_ d: Double) -> JSONValue { .number(d) }
    static func bool(_ b: Bool) -> JSONValue { .bool(b) }
    static var null: JSONValue { .null }
    static func array(_ elements: consuming [JSONValue]) -> JSONValue { .array(elements) }
    static func object(_ members: consuming [(String, JSONValue)]) -> JSONValue { .object(members) }
    static func built(_ v: consuming JSONValue) -> JSONValue { v }
    static func built(_ t: consuming String) -> String { t }
}
private enum SkipValues: ParseMode {
    static var builds: Bool { false }
    static func text(_ s: consuming String) {}
    static func string(_ t: consuming Void) {}
    static func number(_ d: Double) {}
    static func bool(_ b: Bool) {}
    static var null: Void { () }
    static func array(_ elements: consuming [JSONValue]) {}
    static func object(_ members: consuming [(String, JSONValue)]) {}
    static func built(_ v: consuming Void) -> JSONValue { .null }
    static func built(_ t: consuming Void) -> String { "" }
}

/// A strict JSON (RFC 8259) parser over UTF-8 bytes into `JSONValue`, keeping
/// object key order. Foundation's JSONSerialization reports no positions and
/// loses key order, which the inspector needs for `meta` and for error messages.
/// It also checks a text without building it (`validate`, `arrayCount`), for
/// whole-file counts that must agree with what a full parse would give.
public struct JSONParser {
    /// The deepest nesting of arrays and objects accepted; deeper input is an
    /// error rather than a stack overflow (parsing recurses, and the inspector
    /// parses on background threads whose stacks are small).
    public static let maxDepth = 256

    /// Where invalid UTF-8 was met inside strings (byte offsets); such bytes
    /// are decoded as U+FFFD so the rest of the item stays readable.
    public private(set) var invalidUTF8Offsets: [Int] = []

    private let bytes: UnsafeBufferPointer<UInt8>
    private var pos = 0
    private var depth = 0
    /// Top-level member names whose values `arrayCount` asks about, and what
    /// was found for each: nil until a member of that name is met.
    private var watchedNames: [String] = []
    private var watchedCounts: [Int?] = []
    /// Elements of the array that `array` finished last (when skipping).
    private var lastArrayCount = 0
    /// Top-level member names whose values a build checks without building
    /// (`parse(_:skippingMembers:)`); each such member reads as `null`.
    private var skippedNames: Set<String> = []

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// Parses one complete JSON text; throws `JSONSyntaxError`.
    public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        try parseReportingUTF8(bytes).value
    }

    /// Parses one JSON text and also returns the byte offsets of invalid UTF-8
    /// met inside strings (replaced by U+FFFD).
    public static func parseReportingUTF8(_ bytes: [UInt8]) throws(JSONSyntaxError) -> (value: JSONValue, invalidUTF8Offsets: [Int]) {
        try parseReportingUTF8(bytes, skippingMembers: [])
    }

    /// Parses one JSON text as `parseReportingUTF8` does, except that the
    /// values of top-level members named in `skipped` are only checked (the
    /// same grammar, depth limit and errors) and read as `null`: what a caller
    /// that needs no attention grid or metadata builds. Invalid UTF-8 inside a
    /// skipped value is not reported, as nothing of it is decoded.
    public static func parseReportingUTF8(_ bytes: [UInt8], skippingMembers skipped: Set<String>)
        throws(JSONSyntaxError) -> (value: JSONValue, invalidUTF8Offsets: [Int]) {
        let result: Result<(JSONValue, [Int]), JSONSyntaxError> = bytes.withUnsafeBufferPointer { buf in
            var p = JSONParser(buf)
            p.skippedNames = skipped
            do throws(JSONSyntaxError) {
                let v = try p.text(BuildValues.self)
                return .success((v, p.invalidUTF8Offsets))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Parses a JSON text given as a string.
    public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        try parse(Array(text.utf8))
    }

    /// Checks one JSON text exactly as `parse` does (same grammar, depth limit
    /// and errors) without building any value.
    public static func validate(_ bytes: ArraySlice<UInt8>) throws(JSONSyntaxError) {
        _ = try arrayCount(ofFirstMemberNamed: [], in: bytes)
    }

    /// For a text whose top level is an object, what `parse` would give for
    /// `value[names[0]] ?? value[names[1]] ?? …` counted: the element count of
    /// the first member with the first of `names` present (duplicate members:
    /// the first), 0 when that member is not an array or no name is present;
    /// nil for any other top level. Checks the whole text as `validate` does
    /// and builds nothing but the top-level member names.
    public static func arrayCount(ofFirstMemberNamed names: [String], in bytes: ArraySlice<UInt8>) throws(JSONSyntaxError) -> Int? {
        let result: Result<Int?, JSONSyntaxError> = bytes.withUnsafeBufferPointer { buf in
            var p = JSONParser(buf)
            p.watchedNames = names
            p.watchedCounts = Array(repeating: nil, count: names.count)
            do throws(JSONSyntaxError) {
                p.skipWhitespace()
                let isObject = p.pos < buf.count && buf[p.pos] == UInt8(ascii: "{")
                _ = try p.text(SkipValues.self)
                guard isObject else { return .success(nil) }
                return .success(p.watchedCounts.lazy.compactMap { $0 }.first ?? 0)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// One whole text: a value with only whitespace around it.
    private mutating func text<M: ParseMode>(_ mode: M.Type) throws(JSONSyntaxError) -> M.Value {
        skipWhitespace()
        let v = try value(mode)
        skipWhitespace()
        if pos < bytes.count { throw error("unexpected characters after the JSON value") }
        return v
    }

    /// The member name whose quote is at `start`, decoded as `parse` decodes
    /// it (an escaped name is the same member); `pos` is left as it was.
    private mutating func name(at start: Int) throws(JSONSyntaxError) -> String {
        let end = pos
        defer { pos = end }
        pos = start
        return try string(BuildValues.self)
    }

    /// Notes a top-level member for `arrayCount`: only the first of each name counts.
    private mutating func watch(_ key: String, wasArray: Bool) {
        guard let i = watchedNames.firstIndex(of: key), watchedCounts[i] == nil else { return }
        watchedCounts[i] = wasArray ? lastArrayCount : 0
    }

    // MARK: - Errors

    private func error(_ message: String, at offset: Int? = nil) -> JSONSyntaxError {
        let off = min(offset ?? pos, bytes.count)
        var lineStart = 0, line = 1
        var i = 0
        while i < off {
            if bytes[i] == UInt8(ascii: "\n") { line += 1; lineStart = i + 1 }
            i += 1
        }
        // Count characters, not bytes: continuation bytes (10xxxxxx) start no character.
        var column = 1
        i = lineStart
        while i < off {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return JSONSyntaxError(message: message, offset: off, line: line, column: column)
    }

    private func describeHere() -> String {
        guard pos < bytes.count else { return "end of input" }
        let b = bytes[pos]
        if b >= 0x21 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
        return "byte 0x\(String(b, radix: 16, uppercase: true))"
    }

    // MARK: - Values

    private mutating func skipWhitespace() {
        while pos < bytes.count {
            switch bytes[pos] {
            case 0x20, 0x09, 0x0A, 0x0D: pos += 1
            default: return
            }
        }
    }

    /// One value; when skipping, an empty stand-in of the same kind.
    private mutating func value<M: ParseMode>(_ mode: M.Type) throws(JSONSyntaxError) -> M.Value {
        guard pos < bytes.count else { throw error("expected a value, found end of input") }
        switch bytes[pos] {
        case UInt8(ascii: "{"): return try object(mode)
        case UInt8(ascii: "["): return try array(mode)
        case UInt8(ascii: "\""):
            return M.string(try string(mode))
        case UInt8(ascii: "t"): try literal("true"); return M.bool(true)
        case UInt8(ascii: "f"): try literal("false"); return M.bool(false)
        case UInt8(ascii: "n"): try literal("null"); return M.null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return M.number(try number(mode))
        default: throw error("expected a value, found \(describeHere())")
        }
    }

    private mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        let start = pos
        let n = word.utf8CodeUnitCount
        let w = word.utf8Start
        for k in 0..<n {
            guard pos < bytes.count, bytes[pos] == w[k] else {
                throw error("invalid literal (expected '\(word)')", at: start)
            }
            pos += 1
        }
    }

    private mutating func enter() throws(JSONSyntaxError) {
        depth += 1
        if depth > Self.maxDepth { throw error("nesting deeper than \(Self.maxDepth) levels") }
    }

    private mutating func object<M: ParseMode>(_ mode: M.Type) throws(JSONSyntaxError) -> M.Value {
        try enter()
        pos += 1
        var members: [(String, JSONValue)] = []
        let watching = !M.builds && depth == 1 && !watchedNames.isEmpty
        skipWhitespace()
        if pos < bytes.count && bytes[pos] == UInt8(ascii: "}") { pos += 1; depth -= 1; return M.object(members) }
        while true {
            guard pos < bytes.count else { throw error("unterminated object (expected a member name or '}')") }
            guard bytes[pos] == UInt8(ascii: "\"") else {
                throw error("expected a member name in double quotes, found \(describeHere())")
            }
            let keyStart = pos
            let key = try string(mode)
            skipWhitespace()
            guard pos < bytes.count, bytes[pos] == UInt8(ascii: ":") else {
                throw error("expected ':' after member name, found \(describeHere())")
            }
            pos += 1
            skipWhitespace()
            let isArray = pos < bytes.count && bytes[pos] == UInt8(ascii: "[")
            let value: M.Value
            if M.builds, depth == 1, !skippedNames.isEmpty, skippedNames.contains(M.built(copy key)) {
                // Checked by the same grammar, nothing built; the member stays, as null.
                try self.value(SkipValues.self)
                value = M.null
            } else {
                value = try self.value(mode)
            }
            if M.builds {
                members.append((M.built(key), M.built(value)))
            } else if watching {
                watch(try name(at: keyStart), wasArray: isArray)
            }
            skipWhitespace()
            guard pos < bytes.count else { throw error("expected ',' or '}' after object member, found end of input") }
            if bytes[pos] == UInt8(ascii: ",") {
                pos += 1; skipWhitespace()
                if pos < bytes.count && bytes[pos] == UInt8(ascii: "}") { throw error("trailing comma before '}'") }
                continue
            }
            if bytes[pos] == UInt8(ascii: "}") { pos += 1; depth -= 1; return M.object(members) }
            throw error("expected ',' or '}' after object member, found \(describeHere())")
        }
    }

    private mutating func array<M: ParseMode>(_ mode: M.Type) throws(JSONSyntaxError) -> M.Value {
        try enter()
        pos += 1
        var elements: [JSONValue] = []
        var skipped = 0
        defer { if !M.builds { lastArrayCount = skipped } }
        skipWhitespace()
        if pos < bytes.count && bytes[pos] == UInt8(ascii: "]") { pos += 1; depth -= 1; return M.array(elements) }
        while true {
            let element = try value(mode)
            if M.builds { elements.append(M.built(element)) } else { skipped += 1 }
            skipWhitespace()
            guard pos < bytes.count else { throw error("expected ',' or ']' after array element, found end of input") }
            if bytes[pos] == UInt8(ascii: ",") {
                pos += 1; skipWhitespace()
                if pos < bytes.count && bytes[pos] == UInt8(ascii: "]") { throw error("trailing comma before ']'") }
                continue
            }
            if bytes[pos] == UInt8(ascii: "]") { pos += 1; depth -= 1; return M.array(elements) }
            throw error("expected ',' or ']' after array element, found \(describeHere())")
        }
    }

    // MARK: - Strings

    /// A string with its quotes, decoded; "" when skipping (still fully checked).
    private mutating func string<M: ParseMode>(_: M.Type) throws(JSONSyntaxError) -> M.Text {
        let open = pos
        pos += 1
        let start = pos
        var ascii = true
        // Fast path: no escapes; one copy into the String.
        while pos < bytes.count {
            let b = bytes[pos]
            if b == UInt8(ascii: "\"") {
                guard M.builds else { pos += 1; return M.text("") }
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<pos])
                pos += 1
                if ascii { return M.text(String(decoding: slice, as: UTF8.self)) }
                return M.text(decodeChecked(slice, base: start))
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 { throw error(b == 0x0A ? "unterminated string" : "control character in string (must be escaped)") }
            if b >= 0x80 { ascii = false }
            pos += 1
        }
        guard pos < bytes.count else { throw error("unterminated string", at: open) }
        // Slow path: escapes.
        var out: [UInt8] = M.builds ? Array(UnsafeBufferPointer(rebasing: bytes[start..<pos])) : []
        while true {
            guard pos < bytes.count else { throw error("unterminated string", at: open) }
            let b = bytes[pos]
            if b == UInt8(ascii: "\"") {
                pos += 1
                guard M.builds else { return M.text("") }
                return M.text(out.withUnsafeBufferPointer { decodeChecked($0, base: start, exact: false) })
            }
            if b < 0x20 { throw error(b == 0x0A ? "unterminated string" : "control character in string (must be escaped)") }
            if b != UInt8(ascii: "\\") { if M.builds { out.append(b) }; pos += 1; continue }
            let escStart = pos
            pos += 1
            guard pos < bytes.count else { throw error("unterminated string", at: open) }
            let e = bytes[pos]
            pos += 1
            let simple: UInt8
            switch e {
            case UInt8(ascii: "\""): simple = 0x22
            case UInt8(ascii: "\\"): simple = 0x5C
            case UInt8(ascii: "/"): simple = 0x2F
            case UInt8(ascii: "b"): simple = 0x08
            case UInt8(ascii: "f"): simple = 0x0C
            case UInt8(ascii: "n"): simple = 0x0A
            case UInt8(ascii: "r"): simple = 0x0D
            case UInt8(ascii: "t"): simple = 0x09
            case UInt8(ascii: "u"):
                var scalar = try hex4(escStart)
                if (0xD800...0xDBFF).contains(scalar) {
                    // A high surrogate must be followed by an escaped low surrogate.
                    if pos + 1 < bytes.count, bytes[pos] == UInt8(ascii: "\\"), bytes[pos + 1] == UInt8(ascii: "u") {
                        let lowStart = pos
                        pos += 2
                        let low = try hex4(lowStart)
                        guard (0xDC00...0xDFFF).contains(low) else {
                            throw error("invalid \\u escape (high surrogate not followed by a low surrogate)", at: escStart)
                        }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else {
                        throw error("invalid \\u escape (unpaired high surrogate)", at: escStart)
                    }
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    throw error("invalid \\u escape (unpaired low surrogate)", at: escStart)
                }
                guard let us = Unicode.Scalar(scalar) else { throw error("invalid \\u escape", at: escStart) }
                if M.builds { out.append(contentsOf: UTF8.encode(us).map { Array($0) } ?? []) }
                continue
            default:
                throw error("invalid escape '\\\(Character(Unicode.Scalar(e)))' in string", at: escStart)
            }
            if M.builds { out.append(simple) }
        }
    }

    private mutating func hex4(_ escStart: Int) throws(JSONSyntaxError) -> UInt32 {
        guard pos + 4 <= bytes.count else { throw error("invalid \\u escape", at: escStart) }
        guard let v = Self.hexQuad(bytes, at: pos) else {
            throw error("invalid \\u escape (expected 4 hex digits)", at: escStart)
        }
        pos += 4
        return v
    }

    /// The value of the four hex digits at `at` (the XXXX of a \uXXXX escape),
    /// or nil when they are not all hex digits or the input ends first.
    static func hexQuad(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> UInt32? {
        guard start >= 0, start + 4 <= bytes.count else { return nil }
        var v: UInt32 = 0
        for c in bytes[start..<(start + 4)] {
            let d: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
            default: return nil
            }
            v = v << 4 | d
        }
        return v
    }

    /// Decodes a string's bytes, noting where invalid UTF-8 begins: `base` is
    /// the offset in the input of `slice`'s first byte when the slice is the
    /// string as written (no escapes), else of the string's first byte.
    private mutating func decodeChecked(_ slice: UnsafeBufferPointer<UInt8>, base: Int, exact: Bool = true) -> String {
        if let s = String(validating: slice, as: UTF8.self) { return s }
        invalidUTF8Offsets.append(exact ? base + Self.validPrefix(slice) : base)
        return String(decoding: slice, as: UTF8.self)
    }

    /// How many bytes at the start of `bytes` are valid UTF-8.
    static func validPrefix(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var parser = Unicode.UTF8.ForwardParser()
        var input = bytes.makeIterator()
        var valid = 0
        while case .valid(let scalar) = parser.parseScalar(from: &input) { valid += scalar.count }
        return valid
    }

    // MARK: - Numbers

    /// A number; 0 when skipping, which needs no conversion: every text of the
    /// number grammar converts (out of range gives infinity or zero), so the
    /// conversion below never rejects what the grammar accepted.
    private mutating func number<M: ParseMode>(_: M.Type) throws(JSONSyntaxError) -> Double {
        let start = pos
        var negative = false
        if bytes[pos] == UInt8(ascii: "-") { negative = true; pos += 1 }
        guard pos < bytes.count, isDigit(bytes[pos]) else { throw error("invalid number (expected a digit)") }
        var mantissa: UInt64 = 0
        var digits = 0
        if bytes[pos] == UInt8(ascii: "0") {
            pos += 1
            if pos < bytes.count, isDigit(bytes[pos]) { throw error("invalid number (leading zero)", at: start) }
        } else {
            while pos < bytes.count, isDigit(bytes[pos]) {
                if digits < 18 { mantissa = mantissa &* 10 &+ UInt64(bytes[pos] - 0x30) }
                digits += 1; pos += 1
            }
        }
        var simple = digits <= 15
        var fractionDigits = 0
        if pos < bytes.count, bytes[pos] == UInt8(ascii: ".") {
            pos += 1
            guard pos < bytes.count, isDigit(bytes[pos]) else { throw error("invalid number (expected a digit after '.')") }
            while pos < bytes.count, isDigit(bytes[pos]) {
                if digits + fractionDigits < 15 { mantissa = mantissa &* 10 &+ UInt64(bytes[pos] - 0x30) }
                fractionDigits += 1; pos += 1
            }
            simple = simple && digits + fractionDigits <= 15
        }
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "e") || bytes[pos] == UInt8(ascii: "E") {
            simple = false
            pos += 1
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "+") || bytes[pos] == UInt8(ascii: "-") { pos += 1 }
            guard pos < bytes.count, isDigit(bytes[pos]) else { throw error("invalid number (expected a digit in the exponent)") }
            while pos < bytes.count, isDigit(bytes[pos]) { pos += 1 }
        }
        guard M.builds else { return 0 }
        if simple {
            // Attention grids are mostly short decimals (0.0125): with at most
            // 15 digits the mantissa and 10^k are exact doubles, so one
            // division is correctly rounded, exactly what strtod returns.
            let magnitude = fractionDigits == 0 ? Double(mantissa) : Double(mantissa) / Self.powersOfTen[fractionDigits]
            return negative ? -magnitude : magnitude
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<pos]), as: UTF8.self)
        guard let v = Double(text) else { throw error("invalid number", at: start) }
        return v
    }

    /// 10^0 ... 10^15, all exact as doubles.
    private static let powersOfTen: [Double] = (0...15).map { k in (0..<k).reduce(1.0) { r, _ in r * 10 } }

    @inline(__always) private func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
}
