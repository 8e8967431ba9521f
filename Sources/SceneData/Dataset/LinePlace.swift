/// Where an item's line is in a JSON Lines file, and what it holds: enough to
/// start indexing there in a later session and to check cheaply that the
/// line is still the same one (issue 17: resuming at item 333k must not scan
/// the 3.3 GB before it first).
public struct LinePlace: Sendable, Hashable {
    /// Offset of the line's first byte.
    public var offset: Int64
    /// The line's 1-based number in the file.
    public var line: Int
    /// The line's length in bytes, without its line ending.
    public var length: Int
    /// `LinePlace.checksum` of the line's bytes (hex).
    public var checksum: String

    /// A place from its parts.
    public init(offset: Int64, line: Int, length: Int, checksum: String) {
        self.offset = offset; self.line = line; self.length = length; self.checksum = checksum
    }

    /// FNV-1a (64 bits) of `bytes` as 16 hex digits: not a defence against
    /// anyone, a check that the bytes at a remembered offset did not change.
    public static func checksum(_ bytes: ArraySlice<UInt8>) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
