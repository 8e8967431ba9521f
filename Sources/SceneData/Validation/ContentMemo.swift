import Foundation

/// Values remembered by the exact bytes they were computed from (embedded
/// images): a key is found by a cheap fingerprint (the length and bytes
/// sampled across the content), then confirmed by comparing every byte, so
/// two different images never share a value. It holds at most `limit` bytes
/// of keys (the arrays themselves, not copies; 32 MB is some 160 photos, and
/// rows about one picture are usually near each other); past that it starts
/// again, so memory stays bounded on a file whose every image differs.
final class ContentMemo<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var known: [UInt64: [(bytes: [UInt8], value: Value)]] = [:]
    private var held = 0
    private let limit: Int

    init(limit: Int = 32 << 20) { self.limit = limit }

    /// The value remembered for `bytes`, or the one `compute` gives (then remembered).
    func value(for bytes: [UInt8], compute: () -> Value) -> Value {
        let key = Self.fingerprint(bytes)
        let hit: Value? = lock.withLock {
            known[key]?.first { Self.same($0.bytes, bytes) }?.value
        }
        if let hit { return hit }
        // Computed outside the lock: the other thread keeps checking its own images.
        let v = compute()
        lock.withLock {
            if held + bytes.count > limit { known.removeAll(); held = 0 }
            known[key, default: []].append((bytes, v))
            held += bytes.count
        }
        return v
    }

    /// The length, the first and last 64 bytes and 64 words spread evenly between (FNV-1a).
    static func fingerprint(_ bytes: [UInt8]) -> UInt64 {
        var h: UInt64 = 0xcbf29ce484222325
        @inline(__always) func mix(_ b: UInt8) { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        let n = bytes.count
        for k in 0..<8 { mix(UInt8(truncatingIfNeeded: n >> (8 * k))) }
        bytes.withUnsafeBufferPointer { p in
            if n <= 1024 { for b in p { mix(b) }; return }
            for i in 0..<64 { mix(p[i]); mix(p[n - 1 - i]) }
            let step = (n - 8) / 64
            for k in 0..<64 { for i in 0..<8 { mix(p[k * step + i]) } }
        }
        return h
    }

    private static func same(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return a.withUnsafeBytes { x in b.withUnsafeBytes { y in
            guard let p = x.baseAddress, let q = y.baseAddress else { return true }
            return memcmp(p, q, x.count) == 0
        } }
    }
}
