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
        let utf8 = s.utf8
        // Most strings need no escaping: copy them in one go.
        if !utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            bytes.append(contentsOf: utf8)
            bytes.append(0x22)
            return
        }
        for b in utf8 {
            switch b {
            case 0x22: bytes.append(0x5C); bytes.append(0x22)
            case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
            case 0x0A: bytes.append(0x5C); bytes.append(0x6E)
            case 0x0D: bytes.append(0x5C); bytes.append(0x72)
            case 0x09: bytes.append(0x5C); bytes.append(0x74)
            case 0..<0x20:
                bytes += [0x5C, 0x75, 0x30, 0x30, Self.hex[Int(b >> 4)], Self.hex[Int(b & 15)]]
            default: bytes.append(b)
            }
        }
        bytes.append(0x22)
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends `"key":`.
    public mutating func key(_ k: String) { string(k); bytes.append(0x3A) }

    /// Appends an integer.
    public mutating func int(_ v: Int) {
        if v < 0 { bytes.append(0x2D) }
        digits(UInt(v.magnitude), minimum: 1)
    }

    /// Appends the decimal digits of `m`, zero-padded to `minimum` digits.
    private mutating func digits(_ value: UInt, minimum: Int) {
        var m = value
        let start = bytes.count
        var n = 0
        while m > 0 || n < minimum {
            bytes.append(UInt8(48 + m % 10)); m /= 10; n += 1
        }
        // Written least significant first; turn them around in place.
        var i = start, j = bytes.count - 1
        while i < j { bytes.swapAt(i, j); i += 1; j -= 1 }
    }

    /// Appends `v` with at most `places` decimals, trailing zeros dropped (no exponent, ever).
    public mutating func number(_ v: Double, places: Int = 3) {
        var p: UInt = 1
        for _ in 0..<places { p *= 10 }
        let scaled = (v * Double(p)).rounded()
        guard scaled.isFinite, abs(scaled) < 9e18 else { bytes.append(0x30); return }
        let s = Int(scaled)
        if s < 0 { bytes.append(0x2D) }
        let m = s.magnitude
        digits(m / p, minimum: 1)
        var frac = m % p
        if frac == 0 { return }
        var places = places
        while frac % 10 == 0 { frac /= 10; places -= 1 }
        bytes.append(0x2E)
        digits(frac, minimum: places)
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
