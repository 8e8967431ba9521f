/// Appends JSON text to a byte buffer: fast enough for millions of items and
/// with full control over key order and number formatting.
public struct JSONWriter: Sendable {
    /// The bytes written so far.
    public var bytes: [UInt8] = []

    /// An empty writer with room for `capacity` bytes.
    public init(capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

    /// Appends raw text (already valid JSON, or punctuation).
    @inlinable public mutating func raw(_ s: String) { bytes.append(contentsOf: s.utf8) }
    /// Appends one raw byte.
    @inlinable public mutating func raw(_ b: UInt8) { bytes.append(b) }

    /// Appends `s` as a JSON string: quotes, backslashes and control characters escaped, other text as UTF-8.
    public mutating func string(_ s: String) {
        bytes.append(0x22)
        for b in s.utf8 {
            switch b {
            case 0x22: bytes.append(0x5C); bytes.append(0x22)
            case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
            case 0x0A: bytes.append(0x5C); bytes.append(0x6E)
            case 0x0D: bytes.append(0x5C); bytes.append(0x72)
            case 0x09: bytes.append(0x5C); bytes.append(0x74)
            case 0..<0x20:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                bytes += [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 15)]]
            default: bytes.append(b)
            }
        }
        bytes.append(0x22)
    }

    /// Appends `"key":`.
    public mutating func key(_ k: String) { string(k); bytes.append(0x3A) }

    /// Appends an integer.
    public mutating func int(_ v: Int) {
        if v < 0 { bytes.append(0x2D) }
        var m = v.magnitude
        if m == 0 { bytes.append(0x30); return }
        var digits: [UInt8] = []
        while m > 0 { digits.append(UInt8(48 + m % 10)); m /= 10 }
        bytes.append(contentsOf: digits.reversed())
    }

    /// Appends `v` with at most `places` decimals, trailing zeros dropped (no exponent, ever).
    public mutating func number(_ v: Double, places: Int = 3) {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = Int((v * scale).rounded())
        if scaled < 0 { bytes.append(0x2D) }
        let m = scaled.magnitude
        let p = UInt(scale)
        int(Int(m / p))
        var frac = m % p
        if frac == 0 { return }
        var digits: [UInt8] = []
        for _ in 0..<places { digits.append(UInt8(48 + frac % 10)); frac /= 10 }
        while digits.first == 0x30 { digits.removeFirst() }
        bytes.append(0x2E)
        bytes.append(contentsOf: digits.reversed())
    }

    /// Appends `true` or `false`.
    public mutating func bool(_ v: Bool) { raw(v ? "true" : "false") }

    /// Appends `[a, b, ...]`, writing each element with `body`.
    public mutating func array<T>(_ items: [T], _ body: (inout JSONWriter, T) -> Void) {
        bytes.append(0x5B)
        for (i, x) in items.enumerated() {
            if i > 0 { bytes.append(0x2C) }
            body(&self, x)
        }
        bytes.append(0x5D)
    }

    /// Appends a list of strings.
    public mutating func strings(_ items: [String]) { array(items) { $0.string($1) } }
}
